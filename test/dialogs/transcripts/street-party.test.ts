/**
 * Worked examples 1 and 2 of mag-rules.md: a resident's street party in her own street on 2027-06-13.
 * € 350 → the buurtwerker decides (`refer`), reached in nine questions without the budget questions;
 * € 700 → `eligible`, tier tot-1000, submit by 2027-04-18, in eleven (the budget, without what others pay).
 * Along the way: `terug`/`back` with "Houden"/"keep", a language switch, and `opnieuw`/`restart`.
 * The themes and the kaders are one question ("Past uw idee bij de MAG?", `help.fit`); a side left without
 * a tick is asked on its own, and "none" settles both. "Anderen betalen mee" is a box of the grouped
 * question: only when it is ticked is the contribution of others asked, after the total costs.
 */
import { describe, expect, it } from 'vitest';
import type { SlotId } from '../../../dialogs/answers.js';
import type { Lang } from '../../../rules/index.js';
import {
  askedSlots,
  Conversation,
  LANGS,
  noneApply,
  questionsBeforeVerdict,
  type Turn,
  WORDS,
} from './transcript.js';

const T = {
  nl: {
    kind: 'inwoner',
    idea: 'Straatfeest in de Kerkstraat',
    ownStreet: 'In mijn eigen buurt, voor mijn buren',
    date: '13-6-2027',
    fit: 'Verbinding en Dichtbij de inwoner',
    themes: 'verbinding',
    kaders: 'Dichtbij de inwoner',
    type: 'eenmalig',
    notKnown: 'weet ik nog niet',
    othersPay: 'Anderen betalen mee, zoals sponsors, een fonds of de deelnemers.',
    otherLanguage: 'english',
    ownLanguage: 'nederlands',
    greeting: 'Ik help u met een aanvraag voor MAG-subsidie',
    locationQuestion: 'Waar vindt het initiatief plaats?',
    dateHint: 'bijvoorbeeld 1-3-2027 of 1 maart 2027',
    fitQuestion: 'Past uw idee bij de MAG?',
    themesQuestion: "Bij welke thema's past uw idee?",
    kadersQuestion: 'Welke uitgangspunten van de MAG (de MAG-kaders) passen bij uw idee?',
    conditionsQuestion: 'Geldt een van deze dingen voor uw initiatief?',
    contributionsQuestion: 'Hoeveel betalen anderen samen mee?',
    backNotice: 'We gaan een vraag terug.',
    previous350: /Uw vorige antwoord was: € ?350\. Kies 'Houden'/,
    languageNotice: "We'll continue in English.",
    ownLanguageNotice: 'We gaan verder in het Nederlands.',
    costsQuestionOther: 'How much does the initiative cost in total?',
    historyQuestion: 'Geldt een van deze dingen voor uw aanvraag?',
    referVerdict: 'Voor dit buurtinitiatief gaat u naar de buurtwerker van het welzijnswerk.',
    referContact: 'De buurtwerker van het welzijnswerk beslist over buurtinitiatieven tot en met € 500',
    eligibleVerdict: 'U komt waarschijnlijk in aanmerking voor MAG-subsidie.',
    notEligible: 'U komt niet in aanmerking voor MAG-subsidie.',
    submitBy: 'Aanvraag uiterlijk binnen bij de gemeente: 18 april 2027',
    restarted: 'We beginnen opnieuw.',
    nothingBefore: 'Dit is de eerste vraag.',
  },
  en: {
    kind: 'resident',
    idea: 'Street party in Kerkstraat',
    ownStreet: 'In my own neighbourhood, for my neighbours',
    date: '13 June 2027',
    fit: 'Connection and close to the resident',
    themes: 'Connection',
    kaders: 'close to the resident',
    type: 'one-off',
    notKnown: "don't know",
    othersPay: 'Others pay towards it, such as sponsors, a fund or the participants.',
    otherLanguage: 'nederlands',
    ownLanguage: 'english',
    greeting: 'I can help you apply for a MAG subsidy',
    locationQuestion: 'Where does the initiative take place?',
    dateHint: 'for example 1-3-2027 or 1 March 2027',
    fitQuestion: 'Does your idea fit the MAG?',
    themesQuestion: 'Which themes does your idea fit?',
    kadersQuestion: "Which of the MAG's principles fit your idea?",
    conditionsQuestion: 'Do any of these apply to your initiative?',
    contributionsQuestion: 'How much do others pay in total?',
    backNotice: 'Going back one question.',
    previous350: /Your previous answer was: € ?350\. Choose 'Keep'/,
    languageNotice: 'We gaan verder in het Nederlands.',
    ownLanguageNotice: "We'll continue in English.",
    costsQuestionOther: 'Hoeveel kost het initiatief in totaal?',
    historyQuestion: 'Do any of these apply to your application?',
    referVerdict: 'For this neighbourhood initiative, go to the neighbourhood worker',
    referContact:
      'The neighbourhood worker from the local welfare organisation decides on neighbourhood initiatives up to €500',
    eligibleVerdict: 'You can probably get a MAG subsidy.',
    notEligible: 'You cannot get a MAG subsidy.',
    submitBy: 'Deadline for the municipality to receive the application: 18 April 2027',
    restarted: 'Starting again.',
    nothingBefore: 'This is the first question.',
  },
} as const;

const THEME_CODES = ['levendigheid', 'verbinding', 'omzien-naar-elkaar', 'vitaliteit'];
const KADER_CODES = ['vraag-inwoner', 'samen-bouwen', 'voorkomen', 'dichtbij', 'kracht-inwoners'];

/**
 * The boxes of "Which of these apply to your initiative?" for a one-off initiative, in order. On the
 * buurtwerker's route (€ 350 in her own street) the budget is not asked, so "others pay" is no box there.
 */
const CONDITION_BOXES_BUURT = [
  'initiative.isActivity',
  'initiative.profitMotive',
  'initiative.primarilyReligious',
  'money.includesFoodAndDrink',
  'money.includesMaterialsOrRealEstate',
  'initiative.worksWithVulnerable',
  'money.otherMunicipalFunding',
  'initiative.multipleInitiatives',
  'none',
];
/** Above € 500 the form route asks the budget: "others pay towards it" is the last box. */
const CONDITION_BOXES_FORM = [...CONDITION_BOXES_BUURT.slice(0, -1), 'help.othersPay', 'none'];

/** "None of these" ticked nothing: every condition has its default (an activity; the rest no). */
const NO_CONDITIONS = {
  'initiative.isActivity': true,
  'initiative.profitMotive': false,
  'initiative.primarilyReligious': false,
  'money.includesFoodAndDrink': false,
  'money.includesMaterialsOrRealEstate': false,
  'initiative.worksWithVulnerable': false,
  'money.otherMunicipalFunding': false,
  'initiative.multipleInitiatives': false,
} as const;
/** … and on the form route the gate "others pay" unticked: nothing paid by others, not asked. */
const NO_CONDITIONS_FORM = {
  ...NO_CONDITIONS,
  'help.othersPay': false,
  'money.thirdPartyContributions': 0,
} as const;

/** Without an answer on the buurtwerker's route (€ 350 in her own street): nobody asks them. */
const NOT_FOR_BUURT: readonly SlotId[] = [
  'initiative.alreadyStarted',
  'money.totalCosts',
  'help.othersPay',
  'money.thirdPartyContributions',
  'initiative.expectedParticipants',
  'initiative.endDate',
];
/** Not asked on their own either: the place, the fit and the grouped questions settled them. */
const SETTLED_BY_GROUPS: readonly SlotId[] = [
  'initiative.inMunicipality',
  'initiative.ownNeighbourhood',
  'initiative.themes',
  'initiative.kaders',
  'initiative.isActivity',
  'initiative.profitMotive',
  'history.grantsThisYear',
];

/** From the first question up to "does it fit" (asked, not yet answered). */
function upToFit(lang: Lang): Turn[] {
  const t = T[lang];
  return [
    [t.kind, { ask: 'help.idea', answers: { 'applicant.kind': 'resident' } }],
    // A resident says where in one question: her own neighbourhood settles both place slots.
    [
      t.idea,
      {
        ask: 'help.location',
        says: t.locationQuestion,
        choices: ['in-own-neighbourhood', 'in-municipality', 'outside'],
      },
    ],
    [
      t.ownStreet,
      {
        ask: 'initiative.startDate',
        // The example date is in the coming year.
        says: t.dateHint,
        answers: {
          'help.location': 'in-own-neighbourhood',
          'initiative.inMunicipality': true,
          'initiative.ownNeighbourhood': true,
        },
      },
    ],
    // A start in the future has not begun: "already started?" is not asked. The themes and the kaders
    // follow in one list, as Bijlage 2 asks it.
    [
      t.date,
      {
        ask: 'help.fit',
        says: t.fitQuestion,
        choices: [...THEME_CODES, ...KADER_CODES, 'none'],
        answers: { 'initiative.startDate': '2027-06-13' },
        unanswered: ['initiative.alreadyStarted', 'initiative.themes', 'initiative.kaders'],
        check: (reply) => expect(reply.last?.slots).toEqual(['initiative.themes', 'initiative.kaders']),
      },
    ],
  ];
}

/** From the first question up to the amount asked (the amount is not yet given). */
function upToAmount(lang: Lang): Turn[] {
  const t = T[lang];
  return [
    ...upToFit(lang),
    // A theme and a kader ticked: neither is asked on its own.
    [
      t.fit,
      {
        ask: 'initiative.type',
        answers: {
          'help.fit': ['verbinding', 'dichtbij'],
          'initiative.themes': ['verbinding'],
          'initiative.kaders': ['dichtbij'],
        },
      },
    ],
    // "Is it an activity?" is a box of the grouped question for a one-off initiative, not a question.
    [
      t.type,
      {
        ask: 'money.requested',
        answers: { 'initiative.type': 'eenmalig' },
        unanswered: ['initiative.isActivity'],
      },
    ],
  ];
}

describe.each(LANGS)('street party (%s)', (lang) => {
  const t = T[lang];
  const w = WORDS[lang];

  it('€ 350 in her own street: the buurtwerker decides, no form, no checklist', () => {
    const c = new Conversation({ lang, name: 'street party € 350' });
    c.expect({
      ask: 'applicant.kind',
      says: t.greeting,
      choices: ['resident', 'organisation', 'kvk-professional'],
    });
    c.run(upToAmount(lang));
    c.run([
      [
        '€ 350',
        {
          ask: 'help.conditions',
          says: t.conditionsQuestion,
          choices: CONDITION_BOXES_BUURT,
          answers: { 'money.requested': 350_00 },
        },
      ],
      // Back: the amount is asked again, with the previous answer and a "keep" choice.
      [
        w.back,
        {
          ask: 'money.requested',
          says: [t.backNotice, t.previous350],
          offers: ['keep'],
          unanswered: ['money.requested'],
          noVerdict: true,
        },
      ],
      [
        w.keep,
        { ask: 'help.conditions', choices: CONDITION_BOXES_BUURT, answers: { 'money.requested': 350_00 } },
      ],
      // "None of these": every box gets its default; no follow-up question.
      [w.none, { ask: 'help.history', says: t.historyQuestion, answers: NO_CONDITIONS, noVerdict: true }],
      [
        w.noneOfThese,
        {
          verdict: 'refer',
          tier: 'buurt-500',
          decidedBy: 'buurtwerker',
          checklist: [],
          deadlines: { 'submit-by': null },
          refusals: [],
          says: [t.referVerdict, t.referContact],
          ask: 'next',
          // No draft for the buurtwerker's route.
          choices: ['callback', 'restart', 'done'],
          answers: {
            'help.appliedBefore': false,
            'history.grantsThisYear': 0,
            'history.sameApplicationRefusedBefore': false,
            'history.similarGranted': false,
          },
          unanswered: NOT_FOR_BUURT,
        },
      ],
    ]);
    expect(c.assessment?.verdict).toBe('refer');
    for (const slot of [...NOT_FOR_BUURT, ...SETTLED_BY_GROUPS])
      expect(askedSlots(c), `never asked: ${slot}`).not.toContain(slot);
  });

  it('€ 350: the referral comes after exactly 9 questions, none of them about the budget', () => {
    const c = new Conversation({ lang, name: 'street party € 350, counted' });
    c.run(upToAmount(lang));
    c.say('350', { ask: 'help.conditions' });
    c.fill(noneApply(lang));
    c.expect({ verdict: 'refer', tier: 'buurt-500', ask: 'next' });
    expect(questionsBeforeVerdict(c), c.format()).toBe(9);
    expect(askedSlots(c)).toEqual([
      'applicant.kind',
      'help.idea',
      'help.location',
      'initiative.startDate',
      'help.fit',
      'initiative.type',
      'money.requested',
      'help.conditions',
      'help.history',
      'next',
    ]);
    for (const slot of NOT_FOR_BUURT) expect(askedSlots(c), `never asked: ${slot}`).not.toContain(slot);
  });

  it('€ 700: eligible, tier tot-1000, four attachments, submit by 18 April 2027; the language switch keeps every answer', () => {
    const c = new Conversation({ lang, name: 'street party € 700' });
    c.run(upToAmount(lang));
    c.run([
      [
        '€ 700',
        { ask: 'help.conditions', choices: CONDITION_BOXES_FORM, answers: { 'money.requested': 700_00 } },
      ],
      // Above € 500 the form route asks the budget; nobody else pays (the box unticked).
      [w.none, { ask: 'money.totalCosts', answers: NO_CONDITIONS_FORM }],
    ]);
    const before = structuredClone(c.answers);
    c.run([
      [
        t.otherLanguage,
        {
          ask: 'money.totalCosts',
          says: [t.languageNotice, t.costsQuestionOther],
          answers: before,
          check: (_, conv) => expect(conv.answers).toEqual(before),
        },
      ],
      // What others pay is not asked: the unticked box said nobody does.
      [
        '1.400',
        {
          ask: 'initiative.expectedParticipants',
          answers: { 'money.totalCosts': 1400_00, 'money.thirdPartyContributions': 0 },
        },
      ],
      ['40', { ask: 'help.history', answers: { 'initiative.expectedParticipants': 40 } }],
      [t.ownLanguage, { ask: 'help.history', says: [t.ownLanguageNotice, t.historyQuestion] }],
    ]);
    // € 700 is under the € 5.000 of a report: no end date is asked.
    c.fill(noneApply(lang, { 'help.conditions': undefined }));
    c.expect({
      verdict: 'eligible',
      type: 'eenmalig',
      tier: 'tot-1000',
      decidedBy: 'mag-consulent',
      interview: false,
      advisors: [],
      checklist: ['aanvraagformulier', 'activiteitenplan', 'publiciteitsplan', 'begroting'],
      deadlines: { 'submit-by': '2027-04-18' },
      refusals: [],
      says: [t.eligibleVerdict, t.submitBy],
      ask: 'next',
      choices: ['draft', 'callback', 'restart', 'done'],
      unanswered: ['initiative.endDate', 'initiative.alreadyStarted'],
    });
    expect(c.assessment?.lang).toBe(lang);
    expect(askedSlots(c)).not.toContain('money.thirdPartyContributions');
  });

  it('€ 700 asks the budget but not the neighbourhood again, nor what others pay, nor the end date: 11 questions', () => {
    const c = new Conversation({ lang, name: 'street party € 700, counted' });
    c.run(upToAmount(lang));
    c.say('700', { ask: 'help.conditions' });
    // A plain "no" to both grouped questions means none of them applies.
    c.fill(
      noneApply(lang, {
        'help.conditions': w.no,
        'money.totalCosts': '1400',
        'initiative.expectedParticipants': '40',
        'help.history': w.no,
      }),
    );
    c.expect({
      verdict: 'eligible',
      tier: 'tot-1000',
      answers: {
        ...NO_CONDITIONS_FORM,
        'help.conditions': [],
        'help.appliedBefore': false,
        'history.grantsThisYear': 0,
        'history.sameApplicationRefusedBefore': false,
        'history.similarGranted': false,
        'help.history': [],
      },
    });
    expect(askedSlots(c)).toEqual([
      'applicant.kind',
      'help.idea',
      'help.location',
      'initiative.startDate',
      'help.fit',
      'initiative.type',
      'money.requested',
      'help.conditions',
      'money.totalCosts',
      'initiative.expectedParticipants',
      'help.history',
      'next',
    ]);
    expect(questionsBeforeVerdict(c)).toBe(11);
  });

  it('restart starts over: no answers, the first question, and from there a new € 700 run', () => {
    const c = new Conversation({ lang, name: 'street party restart' });
    c.run(upToAmount(lang));
    c.run([
      ['€ 350', { ask: 'help.conditions' }],
      [
        w.restart,
        {
          ask: 'applicant.kind',
          says: t.restarted,
          check: (_, conv) => expect(conv.answers).toEqual({}),
        },
      ],
      // Nothing to go back to after a restart.
      [w.back, { ask: 'applicant.kind', says: t.nothingBefore }],
    ]);
    c.run(upToAmount(lang));
    c.say('700 euro', { ask: 'help.conditions', answers: { 'money.requested': 700_00 } });
    c.fill(noneApply(lang, { 'money.totalCosts': '1400', 'initiative.expectedParticipants': '40' }));
    c.expect({ verdict: 'eligible', tier: 'tot-1000', deadlines: { 'submit-by': '2027-04-18' } });
  });

  it('after the € 350 verdict, "start again" from the choices starts over and € 700 becomes eligible', () => {
    const c = new Conversation({ lang, name: 'street party restart from the verdict' });
    c.run(upToAmount(lang));
    c.say('350', { ask: 'help.conditions' });
    c.fill(noneApply(lang));
    c.expect({ verdict: 'refer', ask: 'next' });
    c.say({ value: { next: 'restart' } }, { ask: 'applicant.kind', says: t.restarted });
    expect(c.answers).toEqual({});
    c.run(upToAmount(lang));
    c.run([
      ['€ 700,00', { ask: 'help.conditions', answers: { 'money.requested': 700_00 } }],
      [{ value: { 'help.conditions': [] } }, { ask: 'money.totalCosts', answers: NO_CONDITIONS_FORM }],
      [t.notKnown, { ask: 'initiative.expectedParticipants', answers: { 'money.totalCosts': null } }],
      [t.notKnown, { ask: 'help.history', answers: { 'initiative.expectedParticipants': null } }],
      [
        { value: { 'help.history': [] } },
        {
          verdict: 'eligible',
          tier: 'tot-1000',
          checklist: ['aanvraagformulier', 'activiteitenplan', 'publiciteitsplan', 'begroting'],
          says: t.submitBy,
          // Nobody else pays (the box unticked): 0, and never asked.
          answers: { 'money.thirdPartyContributions': 0 },
        },
      ],
    ]);
    expect(askedSlots(c)).not.toContain('money.thirdPartyContributions');
  });

  it('does it fit: only a theme ticked asks the kaders next; only a kader ticked asks the themes next', () => {
    const themesOnly = new Conversation({ lang, name: 'street party, only a theme in the fit list' });
    themesOnly.run(upToFit(lang));
    themesOnly.run([
      [
        t.themes,
        {
          ask: 'initiative.kaders',
          says: t.kadersQuestion,
          choices: [...KADER_CODES, 'none'],
          noVerdict: true,
          answers: { 'help.fit': ['verbinding'], 'initiative.themes': ['verbinding'] },
          unanswered: ['initiative.kaders'],
        },
      ],
      [t.kaders, { ask: 'initiative.type', answers: { 'initiative.kaders': ['dichtbij'] } }],
      [t.type, { ask: 'money.requested' }],
      ['350', { ask: 'help.conditions' }],
    ]);
    themesOnly.fill(noneApply(lang));
    themesOnly.expect({ verdict: 'refer', tier: 'buurt-500', refusals: [] });
    // One question more than with both ticked at once; the themes are never asked on their own.
    expect(questionsBeforeVerdict(themesOnly)).toBe(10);
    expect(askedSlots(themesOnly)).not.toContain('initiative.themes');

    const kadersOnly = new Conversation({ lang, name: 'street party, only a kader in the fit list' });
    kadersOnly.run(upToFit(lang));
    kadersOnly.run([
      // By number: 8 is the fourth kader in the list of nine (four themes, then five kaders).
      [
        '8',
        {
          ask: 'initiative.themes',
          says: t.themesQuestion,
          choices: [...THEME_CODES, 'none'],
          noVerdict: true,
          answers: { 'help.fit': ['dichtbij'], 'initiative.kaders': ['dichtbij'] },
          unanswered: ['initiative.themes'],
        },
      ],
      [t.themes, { ask: 'initiative.type', answers: { 'initiative.themes': ['verbinding'] } }],
    ]);
    expect(askedSlots(kadersOnly)).not.toContain('initiative.kaders');
  });

  it('does it fit: "none" settles both as none → not eligible by no-theme and no-kader, at once', () => {
    const c = new Conversation({ lang, name: 'street party, nothing fits' });
    c.run(upToFit(lang));
    c.say(w.none, {
      verdict: 'not-eligible',
      refusals: ['no-theme', 'no-kader'],
      checklist: [],
      says: t.notEligible,
      ask: 'next',
      answers: { 'help.fit': [], 'initiative.themes': [], 'initiative.kaders': [] },
      unanswered: ['initiative.type', 'money.requested'],
    });
    // The same by card: an empty list.
    const byCard = new Conversation({ lang, name: 'street party, nothing fits, by card' });
    byCard.run(upToFit(lang));
    byCard.say(
      { value: { 'help.fit': [] } },
      { verdict: 'not-eligible', refusals: ['no-theme', 'no-kader'] },
    );
    // A theme but no kader at its own question: only the kader is missing.
    const noKader = new Conversation({ lang, name: 'street party, a theme but no kader' });
    noKader.run(upToFit(lang));
    noKader.run([
      [t.themes, { ask: 'initiative.kaders' }],
      [w.none, { verdict: 'not-eligible', refusals: ['no-kader'], answers: { 'initiative.kaders': [] } }],
    ]);
  });

  it('"others pay towards it" ticked: what they pay is asked right after the total costs; unticked it is not', () => {
    const c = new Conversation({ lang, name: 'street party € 700, others pay' });
    c.run(upToAmount(lang));
    c.run([
      ['700', { ask: 'help.conditions', offers: ['help.othersPay'] }],
      [
        t.othersPay,
        {
          ask: 'money.totalCosts',
          answers: { ...NO_CONDITIONS, 'help.othersPay': true, 'help.conditions': ['help.othersPay'] },
          unanswered: ['money.thirdPartyContributions'],
        },
      ],
      [
        '1400',
        {
          ask: 'money.thirdPartyContributions',
          says: t.contributionsQuestion,
          answers: { 'money.totalCosts': 1400_00 },
        },
      ],
      [
        '800',
        { ask: 'initiative.expectedParticipants', answers: { 'money.thirdPartyContributions': 800_00 } },
      ],
    ]);
    c.fill(noneApply(lang, { 'help.conditions': undefined, 'initiative.expectedParticipants': '40' }));
    // € 1.400 − € 800 leaves € 600 of the costs for the municipality: the € 700 asked is too much (art. 6).
    c.expect({ verdict: 'eligible', rules: ['exceeds-remaining-costs'], refusals: [] });
    const finding = c.assessment?.findings.find((f) => f.rule === 'exceeds-remaining-costs');
    expect(finding?.maxAmount).toBe(600);
    expect(askedSlots(c).slice(7, 11)).toEqual([
      'help.conditions',
      'money.totalCosts',
      'money.thirdPartyContributions',
      'initiative.expectedParticipants',
    ]);

    // Unticked: nobody else pays, so all € 1.400 remain and nothing is asked about it.
    const unticked = new Conversation({ lang, name: 'street party € 700, nobody else pays' });
    unticked.run(upToAmount(lang));
    unticked.say('700', { ask: 'help.conditions' });
    unticked.fill(noneApply(lang, { 'money.totalCosts': '1400', 'initiative.expectedParticipants': '40' }));
    unticked.expect({
      verdict: 'eligible',
      notRules: ['exceeds-remaining-costs'],
      answers: { 'help.othersPay': false, 'money.thirdPartyContributions': 0 },
    });
    expect(askedSlots(unticked)).not.toContain('money.thirdPartyContributions');

    // Ticked later, in the review of the draft: what others pay is asked then, and the review follows.
    unticked.say(lang === 'nl' ? 'Conceptaanvraag maken' : 'Prepare a draft application', {
      ask: 'draft.title',
    });
    unticked.fill(
      {
        'draft.title': 'Straatfeest Kerkstraat 2027',
        'draft.targetGroup': 'alle bewoners van de Kerkstraat',
        'draft.location': 'Kerkstraat',
        'contact.name': 'Fatima el Amrani',
        'contact.email': 'fatima@voorbeeld.nl',
        'contact.phone': { value: { 'contact.phone': 'skip' } },
        'contact.address': 'Kerkstraat 1, 3371 AB Hardinxveld-Giessendam',
        'contact.iban': 'NL91 ABNA 0417 1643 00',
      },
      { until: 'help.review' },
    );
    unticked.run([
      [
        { value: { 'help.review': 'help.conditions' } },
        { ask: 'help.conditions', offers: ['help.othersPay'] },
      ],
      [
        { value: { 'help.conditions': ['help.othersPay'] } },
        {
          ask: 'money.thirdPartyContributions',
          answers: { 'help.othersPay': true },
          unanswered: ['money.thirdPartyContributions'],
        },
      ],
      ['800', { ask: 'help.review', answers: { 'money.thirdPartyContributions': 800_00 } }],
    ]);

    // Ticked, but the total costs are not known yet: what others pay of them is not asked either.
    const noCosts = new Conversation({ lang, name: 'street party € 700, others pay, costs unknown' });
    noCosts.run(upToAmount(lang));
    noCosts.run([
      ['700', { ask: 'help.conditions' }],
      [{ value: { 'help.conditions': ['help.othersPay'] } }, { ask: 'money.totalCosts' }],
      [t.notKnown, { ask: 'initiative.expectedParticipants', unanswered: ['money.thirdPartyContributions'] }],
    ]);
  });
});
