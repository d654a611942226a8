/**
 * A sports club (an organisation) asks € 4.000 for a sport initiative. It finds the type through "Help mij
 * kiezen" (not its main task, no event permit, yes sport), is eligible with Team Sport Service and the
 * klankbordgroep as advisors, and prepares a draft: one invalid e-mail address first, a change of the
 * amount in the review, consent → submitted.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../rules/index.js';
import { Conversation, LANGS, plainTail, type Turn, WORDS } from './transcript.js';

const T = {
  nl: {
    kind: 'vereniging',
    idea: 'Sportinstuif voor kinderen',
    date: '1 maart 2027',
    themes: '1 en 4',
    kaders: 'Samen bouwen en elkaar vertrouwen en Dichtbij de inwoner',
    helpMeChoose: 'Help mij kiezen',
    amount: '€ 4.000',
    totalCosts: '€ 5.000',
    contributions: '1000 euro',
    draft: 'Concept-aanvraag maken',
    title: 'Sportinstuif 2027',
    description: 'Een middag sport en spel voor kinderen uit de buurt, met trainers van de club.',
    targetGroup: 'kinderen van 6 tot 12 jaar',
    location: 'Sporthal De Wielewaal',
    name: 'Jan de Vries',
    organisation: 'SV Hardinxveld',
    badEmail: 'jan@@voorbeeld',
    email: 'jan@voorbeeld.nl',
    phone: '06 12345678',
    emailError: 'Dat is geen e-mailadres.',
    reviewAmount: 'Gevraagd bedrag: € 4.000',
    changeAmount: 'Gevraagd bedrag',
    previousAmount: /Uw vorige antwoord was: € ?4\.000\./,
    newAmount: '€ 3.500',
    reviewNewAmount: 'Gevraagd bedrag: € 3.500',
    confirm: 'Alles klopt',
    submitted: 'Uw conceptaanvraag is klaar voor de MAG-consulent.',
    advisors: 'Advies van: de klankbordgroep, Team Sport Service.',
    vog: 'gratisvog.nl',
  },
  en: {
    kind: 'club',
    idea: 'Sports afternoon for children',
    date: '1 March 2027',
    themes: '1 and 4',
    kaders: 'Building together and trusting each other and Close to the resident',
    helpMeChoose: 'Help me choose',
    amount: '€ 4,000',
    totalCosts: '€ 5,000',
    contributions: '1000 euro',
    draft: 'Prepare a draft application',
    title: 'Sports afternoon 2027',
    description: 'An afternoon of sport and games for children from the neighbourhood, with club trainers.',
    targetGroup: 'children aged 6 to 12',
    location: 'Sporthal De Wielewaal',
    name: 'Jan de Vries',
    organisation: 'SV Hardinxveld',
    badEmail: 'jan@@example',
    email: 'jan@example.nl',
    phone: '06 12345678',
    emailError: 'That is not an e-mail address.',
    reviewAmount: /Amount asked: € ?4,000/,
    changeAmount: 'Amount asked',
    previousAmount: /Your previous answer was: € ?4,000\./,
    newAmount: '€ 3,500',
    reviewNewAmount: /Amount asked: € ?3,500/,
    confirm: 'All correct',
    submitted: 'Your draft application is ready for the MAG advisor',
    advisors: "Advice from: the residents' advisory group, Team Sport Service.",
    vog: 'gratisvog.nl',
  },
} as const;

/** From the first question to the verdict question's amount: through "help me choose". */
function upToCosts(lang: Lang): Turn[] {
  const t = T[lang];
  const w = WORDS[lang];
  return [
    [t.kind, { ask: 'help.idea', answers: { 'applicant.kind': 'organisation' } }],
    [t.idea, { ask: 'initiative.inMunicipality' }],
    [w.yes, { ask: 'initiative.startDate' }],
    [t.date, { ask: 'initiative.alreadyStarted', answers: { 'initiative.startDate': '2027-03-01' } }],
    [w.no, { ask: 'initiative.themes' }],
    [
      t.themes,
      { ask: 'initiative.kaders', answers: { 'initiative.themes': ['levendigheid', 'vitaliteit'] } },
    ],
    [t.kaders, { ask: 'initiative.type', answers: { 'initiative.kaders': ['samen-bouwen', 'dichtbij'] } }],
    // "Help me choose": an organisation is asked about its main task first.
    [t.helpMeChoose, { ask: 'help.mainTask' }],
    [w.noThanks, { ask: 'initiative.needsEventPermit' }],
    [w.no, { ask: 'help.sport' }],
    [w.yes, { ask: 'initiative.isActivity', answers: { 'initiative.type': 'sport' } }],
    [w.yes, { ask: 'money.requested' }],
    [t.amount, { ask: 'money.totalCosts', answers: { 'money.requested': 4000_00 } }],
    [t.totalCosts, { ask: 'money.thirdPartyContributions', answers: { 'money.totalCosts': 5000_00 } }],
    [
      t.contributions,
      { ask: 'initiative.expectedParticipants', answers: { 'money.thirdPartyContributions': 1000_00 } },
    ],
    ['60', { ask: 'initiative.profitMotive' }],
  ];
}

/** Everything up to the review of the draft, volunteers working with children. */
function upToReview(c: Conversation, lang: Lang): void {
  const t = T[lang];
  c.run(upToCosts(lang));
  c.fill(plainTail(lang, { 'initiative.worksWithVulnerable': WORDS[lang].yes }));
  c.expect({
    verdict: 'eligible',
    type: 'sport',
    tier: 'tot-10000',
    decidedBy: 'mag-consulent',
    advisors: ['team-sportservice', 'klankbordgroep'],
    interview: true,
    rules: ['vog-required'],
    refusals: [],
    checklist: ['aanvraagformulier', 'uitvoeringsplan', 'communicatieplan', 'begroting', 'vog'],
    says: [t.advisors, t.vog],
    ask: 'next',
    choices: ['draft', 'restart', 'done'],
  });
  c.run([
    [t.draft, { ask: 'draft.title' }],
    [t.title, { ask: 'draft.description' }],
    [t.description, { ask: 'draft.targetGroup' }],
    [t.targetGroup, { ask: 'draft.location' }],
    [t.location, { ask: 'contact.name' }],
    [t.name, { ask: 'contact.organisation' }],
    [t.organisation, { ask: 'contact.email' }],
    // An invalid address: one explanation, the same question, nothing stored.
    [t.badEmail, { ask: 'contact.email', says: t.emailError, unanswered: ['contact.email'] }],
    [t.email, { ask: 'contact.phone', answers: { 'contact.email': t.email } }],
    [
      t.phone,
      { ask: 'help.review', says: [t.reviewAmount, t.email], offers: ['confirm', 'money.requested'] },
    ],
  ]);
}

describe.each(LANGS)('sports club (%s)', (lang) => {
  const t = T[lang];
  const w = WORDS[lang];

  it('help me choose → sport; eligible with advisors, interview, VOG; draft with a change in the review → submitted', () => {
    const c = new Conversation({ lang, name: 'sports club' });
    upToReview(c, lang);
    c.run([
      // Change the amount through the review's choice: the amount is asked again with the old answer.
      [t.changeAmount, { ask: 'money.requested', says: t.previousAmount, offers: ['keep'] }],
      [t.newAmount, { ask: 'help.review', says: t.reviewNewAmount, answers: { 'money.requested': 3500_00 } }],
      [t.confirm, { ask: 'draft.consent', choices: ['yes', 'no'] }],
      [w.yes, { status: 'submitted', ask: null, says: t.submitted, answers: { 'draft.consent': true } }],
    ]);
    expect(c.answers).toMatchObject({
      'initiative.type': 'sport',
      'money.requested': 3500_00,
      'contact.email': t.email,
      'contact.organisation': t.organisation,
      'draft.title': t.title,
    });
  });

  it('the same via card submits: the review change and the confirmation as card values', () => {
    const c = new Conversation({ lang, name: 'sports club, cards' });
    upToReview(c, lang);
    c.run([
      [{ value: { 'help.review': 'money.requested' } }, { ask: 'money.requested' }],
      ['3500', { ask: 'help.review' }],
      [{ value: { 'help.review': 'confirm' } }, { ask: 'draft.consent' }],
      [{ value: { 'draft.consent': 'yes' } }, { status: 'submitted' }],
    ]);
  });

  it('type chosen directly, no volunteers with children: no VOG, no vog attachment', () => {
    const c = new Conversation({ lang, name: 'sports club without VOG' });
    const turns = upToCosts(lang);
    // Replace the "help me choose" walk (4 turns) by the type itself.
    const direct: Turn[] = [
      ...turns.slice(0, 7),
      [
        lang === 'nl' ? 'Sport en bewegen' : 'sport',
        { ask: 'initiative.isActivity', answers: { 'initiative.type': 'sport' } },
      ],
      ...turns.slice(11),
    ];
    c.run(direct);
    c.fill(plainTail(lang));
    c.expect({
      verdict: 'eligible',
      advisors: ['team-sportservice', 'klankbordgroep'],
      notRules: ['vog-required'],
      checklist: ['aanvraagformulier', 'uitvoeringsplan', 'communicatieplan', 'begroting'],
    });
  });

  it('declining consent sends nothing', () => {
    const c = new Conversation({ lang, name: 'sports club, no consent' });
    upToReview(c, lang);
    c.run([
      [t.confirm, { ask: 'draft.consent' }],
      [w.no, { status: 'finished', ask: null, answers: { 'draft.consent': false } }],
    ]);
  });

  it('back inside the "help me choose" walk returns to its previous question, with "keep"', () => {
    const c = new Conversation({ lang, name: 'sports club, back in the help walk' });
    c.run(upToCosts(lang).slice(0, 11));
    c.expect({ ask: 'initiative.isActivity', answers: { 'initiative.type': 'sport' } });
    c.run([
      [w.back, { ask: 'help.sport', offers: ['keep'], answers: { 'initiative.type': null } }],
      [w.keep, { ask: 'initiative.isActivity', answers: { 'initiative.type': 'sport', 'help.sport': true } }],
    ]);
  });

  // Was a bug: the previous answer read "weet ik nog niet" (the null stored while the help walk runs).
  it('back right after "help me choose" shows that choice as the previous answer', () => {
    const c = new Conversation({ lang, name: 'sports club, back after help me choose' });
    c.run(upToCosts(lang).slice(0, 8));
    c.expect({ ask: 'help.mainTask' });
    c.say(w.back, {
      ask: 'initiative.type',
      says:
        lang === 'nl'
          ? 'Uw vorige antwoord was: Help mij kiezen.'
          : 'Your previous answer was: Help me choose.',
    });
  });

  // Was a bug: `terug` there asked the same question again and took back the last draft answer.
  it('back on an answer reopened from the review cancels the change and shows the review again', () => {
    const c = new Conversation({ lang, name: 'sports club, back from a review change' });
    upToReview(c, lang);
    const before = { ...c.session.context.answers };
    c.say(t.changeAmount, { ask: 'money.requested' });
    c.say(w.back, { ask: 'help.review' });
    expect(c.session.context.answers).toEqual(before);
  });
});
