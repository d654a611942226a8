/**
 * A sports club (an organisation) asks € 4.000 for a sport initiative. In "does it fit" it ticks only two
 * themes, so the kaders are asked on their own. "Help mij kiezen" at the type explains the kinds in plain
 * sentences and asks the type again; it chooses "Sport en bewegen". In the grouped question it ticks
 * "volunteers work with children" and "others pay towards it" (so what others pay is asked after the total
 * costs). It is eligible with Team Sport Service and the klankbordgroep as advisors, and prepares a draft:
 * one invalid e-mail address first, a change of the amount and of the grouped question in the review,
 * consent → submitted.
 */
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../dialogs/answers.js';
import type { Lang } from '../../../rules/index.js';
import { Conversation, LANGS, noneApply, type Turn, WORDS } from './transcript.js';

const T = {
  nl: {
    kind: 'vereniging',
    idea: 'Sportinstuif voor kinderen',
    date: '1 maart 2027',
    themes: '1 en 4',
    kaders: 'Samen bouwen en elkaar vertrouwen en Dichtbij de inwoner',
    helpMeChoose: 'Help mij kiezen',
    typeHelp: 'Welke zin past het best?',
    typeHelpSport: '- Sport en bewegen: het gaat om sporten of bewegen',
    typeHelpKern: '- Kernactiviteit: uw vereniging of organisatie doet het elk jaar',
    sport: 'Sport en bewegen',
    sportDirect: 'sport',
    amount: '€ 4.000',
    vulnerableAndOthersPay: 'Vrijwilligers werken met kinderen of kwetsbare mensen en anderen betalen mee',
    othersPay: 'Anderen betalen mee, zoals sponsors, een fonds of de deelnemers.',
    totalCosts: '€ 5.000',
    contributions: '1000 euro',
    draft: 'Concept-aanvraag maken',
    title: 'Sportinstuif 2027',
    targetGroup: 'kinderen van 6 tot 12 jaar',
    location: 'Sporthal De Wielewaal',
    name: 'Jan de Vries',
    organisation: 'SV Hardinxveld',
    badEmail: 'jan@@voorbeeld',
    role: 'penningmeester',
    address: 'Sportlaan 3 3371ab Hardinxveld',
    addressStored: 'Sportlaan 3 3371 AB Hardinxveld',
    kvk: 'KvK 4083 1234',
    badIban: 'NL91 ABNA 0417 1643 01',
    iban: 'nl91 abna 0417 1643 00',
    ibanError: 'Dat rekeningnummer klopt niet.',
    email: 'jan@voorbeeld.nl',
    phone: '06 12345678',
    emailError: 'Dat is geen e-mailadres.',
    reviewIdea: 'Beschrijving: Sportinstuif voor kinderen',
    reviewFit: /Past bij de MAG: [^\n]*Levendigheid[^\n]*Vitaliteit/,
    reviewKaders: 'Uitgangspunten: Samen bouwen en elkaar vertrouwen, Dichtbij de inwoner',
    reviewAmount: 'Gevraagd bedrag: € 4.000',
    reviewType: 'Soort subsidie: Sport en bewegen',
    reviewConditions:
      'Dit geldt voor het initiatief: Vrijwilligers werken met kinderen of kwetsbare mensen; Anderen betalen mee, zoals sponsors, een fonds of de deelnemers',
    reviewContributions: /Bijdragen van anderen: € ?1\.000/,
    reviewNoConditions: 'Dit geldt voor het initiatief: Geen van deze',
    reviewHistory: 'Dit geldt voor de aanvraag: Geen van deze',
    changeAmount: 'Gevraagd bedrag',
    changeConditions: 'Dit geldt voor het initiatief',
    changeFit: 'Past bij de MAG',
    conditionsQuestion: 'Geldt een van deze dingen voor uw initiatief?',
    previousAmount: /Uw vorige antwoord was: € ?4\.000\./,
    // The boxes are sentences: listed without their own full stops, so the answer ends in one, not two.
    previousConditions:
      "Uw vorige antwoord was: Vrijwilligers werken met kinderen of kwetsbare mensen; Anderen betalen mee, zoals sponsors, een fonds of de deelnemers. Kies 'Houden'",
    previousKaders: 'Uw vorige antwoord was: Samen bouwen en elkaar vertrouwen, Dichtbij de inwoner.',
    previousSport: 'Uw vorige antwoord was: Sport en bewegen.',
    notKnown: 'weet ik nog niet',
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
    typeHelp: 'Which sentence fits best?',
    typeHelpSport: '- Sport and exercise: it is about sport or exercise',
    typeHelpKern: '- Core activity: the main work of your club or organisation, which it does every year',
    sport: 'Sport and exercise',
    sportDirect: 'sport',
    amount: '€ 4,000',
    vulnerableAndOthersPay: 'Volunteers work with children or vulnerable people, others pay towards it',
    othersPay: 'Others pay towards it, such as sponsors, a fund or the participants.',
    totalCosts: '€ 5,000',
    contributions: '1000 euro',
    draft: 'Prepare a draft application',
    title: 'Sports afternoon 2027',
    targetGroup: 'children aged 6 to 12',
    location: 'Sporthal De Wielewaal',
    name: 'Jan de Vries',
    organisation: 'SV Hardinxveld',
    badEmail: 'jan@@example',
    role: 'treasurer',
    address: 'Sportlaan 3 3371ab Hardinxveld',
    addressStored: 'Sportlaan 3 3371 AB Hardinxveld',
    kvk: 'KvK 4083 1234',
    badIban: 'NL91 ABNA 0417 1643 01',
    iban: 'nl91 abna 0417 1643 00',
    ibanError: 'That account number is not right.',
    email: 'jan@example.nl',
    phone: '06 12345678',
    emailError: 'That is not an email address.',
    reviewIdea: 'Description: Sports afternoon for children',
    reviewFit: /Fits the MAG: [^\n]*Liveliness[^\n]*Vitality/,
    reviewKaders: 'Principles: Building together and trusting each other, Close to the resident',
    reviewAmount: /Amount requested: € ?4,000/,
    reviewType: 'Type of subsidy: Sport and exercise',
    reviewConditions:
      'This applies to the initiative: Volunteers work with children or vulnerable people; Others pay towards it, such as sponsors, a fund or the participants',
    reviewContributions: /Contributions from others: € ?1,000/,
    reviewNoConditions: 'This applies to the initiative: None of these',
    reviewHistory: 'This applies to the application: None of these',
    changeAmount: 'Amount requested',
    changeConditions: 'This applies to the initiative',
    changeFit: 'Fits the MAG',
    conditionsQuestion: 'Do any of these apply to your initiative?',
    previousAmount: /Your previous answer was: € ?4,000\./,
    previousConditions:
      "Your previous answer was: Volunteers work with children or vulnerable people; Others pay towards it, such as sponsors, a fund or the participants. Choose 'Keep'",
    previousKaders:
      'Your previous answer was: Building together and trusting each other, Close to the resident.',
    previousSport: 'Your previous answer was: Sport and exercise.',
    notKnown: "don't know yet",
    newAmount: '€ 3,500',
    reviewNewAmount: /Amount requested: € ?3,500/,
    confirm: 'All correct',
    submitted: 'Your draft application is ready for the MAG officer',
    advisors: "Advice from: the residents' advisory group, Team Sport Service.",
    vog: 'gratisvog.nl',
  },
} as const;

/** From the first question to the type (not yet answered); only themes ticked, so the kaders come next. */
function upToType(lang: Lang): Turn[] {
  const t = T[lang];
  const w = WORDS[lang];
  return [
    [t.kind, { ask: 'help.idea', answers: { 'applicant.kind': 'organisation' } }],
    // An organisation is not asked about its own neighbourhood: the plain yes/no about the place.
    [t.idea, { ask: 'initiative.inMunicipality', choices: ['yes', 'no'] }],
    [w.yes, { ask: 'initiative.startDate', answers: { 'initiative.inMunicipality': true } }],
    [t.date, { ask: 'help.fit', answers: { 'initiative.startDate': '2027-03-01' } }],
    // Numbers 1 and 4 of the fit list are two themes: the kaders are asked on their own.
    [
      t.themes,
      {
        ask: 'initiative.kaders',
        answers: { 'initiative.themes': ['levendigheid', 'vitaliteit'] },
        unanswered: ['initiative.kaders'],
      },
    ],
    [
      t.kaders,
      {
        ask: 'initiative.type',
        offers: ['help-me-choose'],
        answers: { 'initiative.kaders': ['samen-bouwen', 'dichtbij'] },
      },
    ],
  ];
}

/** "Help me choose": the kinds explained in plain sentences and the type asked again; then sport. */
function helpMeChoose(lang: Lang): Turn[] {
  const t = T[lang];
  return [
    [
      t.helpMeChoose,
      {
        ask: 'initiative.type',
        says: [t.typeHelp, t.typeHelpKern, t.typeHelpSport],
        choices: ['kernactiviteit', 'eenmalig', 'evenement', 'sport', 'help-me-choose'],
        noVerdict: true,
        unanswered: ['initiative.type'],
        check: (reply) => {
          expect(reply.messages, 'the help, then the question again').toHaveLength(2);
          expect(reply.messages[0]!.text).toContain(t.typeHelp);
          expect(reply.messages[0]!.ask).toBeUndefined();
        },
      },
    ],
    [
      t.sport,
      {
        ask: 'money.requested',
        answers: { 'initiative.type': 'sport' },
        // Sport asks nothing about an event permit, and "is it an activity" is a box of the group.
        unanswered: ['initiative.needsEventPermit', 'initiative.isActivity'],
      },
    ],
  ];
}

/**
 * The amount, then the grouped question (sport: "not an activity" is one of its boxes; "others pay" the
 * last), answered with boxes that include "others pay": the total costs, then what others pay.
 */
function amountAndConditions(lang: Lang, conditions: string): Turn[] {
  const t = T[lang];
  return [
    [
      t.amount,
      {
        ask: 'help.conditions',
        offers: ['initiative.isActivity', 'initiative.worksWithVulnerable', 'help.othersPay', 'none'],
        answers: { 'money.requested': 4000_00 },
      },
    ],
    [
      conditions,
      {
        ask: 'money.totalCosts',
        answers: { 'help.othersPay': true },
        unanswered: ['money.thirdPartyContributions'],
      },
    ],
    [t.totalCosts, { ask: 'money.thirdPartyContributions', answers: { 'money.totalCosts': 5000_00 } }],
    [
      t.contributions,
      { ask: 'initiative.expectedParticipants', answers: { 'money.thirdPartyContributions': 1000_00 } },
    ],
    ['60', { ask: 'help.history' }],
  ];
}

/** Everything up to the review of the draft, volunteers working with children. */
function upToReview(c: Conversation, lang: Lang): void {
  const t = T[lang];
  c.run(upToType(lang));
  c.run(helpMeChoose(lang));
  c.run(amountAndConditions(lang, t.vulnerableAndOthersPay));
  c.expect({
    answers: {
      'initiative.worksWithVulnerable': true,
      'help.othersPay': true,
      // Unticked: an activity, and the other conditions do not hold.
      'initiative.isActivity': true,
      'initiative.profitMotive': false,
      'money.includesFoodAndDrink': false,
    },
  });
  // € 4.000 is under the € 5.000 of a report: no end date.
  c.fill(noneApply(lang, { 'help.conditions': undefined }));
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
    choices: ['draft', 'callback', 'restart', 'done'],
    unanswered: ['initiative.endDate'],
  });
  c.run([
    // The idea asked at the start is the draft's description: not asked again.
    [t.draft, { ask: 'draft.title' }],
    [t.title, { ask: 'draft.targetGroup' }],
    [t.targetGroup, { ask: 'draft.location' }],
    [t.location, { ask: 'contact.name' }],
    [t.name, { ask: 'contact.organisation' }],
    [t.organisation, { ask: 'contact.role' }],
    [t.role, { ask: 'contact.email', answers: { 'contact.role': t.role } }],
    // An invalid address: one explanation, the same question, nothing stored.
    [t.badEmail, { ask: 'contact.email', says: t.emailError, unanswered: ['contact.email'] }],
    [t.email, { ask: 'contact.phone', answers: { 'contact.email': t.email } }],
    [t.phone, { ask: 'contact.address' }],
    // What the consulent needs for the letter and the payment: a typo in the account number is caught.
    [t.address, { ask: 'contact.kvk', answers: { 'contact.address': t.addressStored } }],
    [t.kvk, { ask: 'contact.iban', answers: { 'contact.kvk': '40831234' } }],
    [t.badIban, { ask: 'contact.iban', says: t.ibanError, unanswered: ['contact.iban'] }],
    [
      t.iban,
      {
        ask: 'help.review',
        // A line per question as it was asked: the fit list, the kaders asked on their own, the group,
        // what others pay (asked under its own name).
        says: [
          t.reviewIdea,
          t.reviewFit,
          t.reviewKaders,
          t.reviewType,
          t.reviewAmount,
          t.reviewConditions,
          t.reviewContributions,
          t.reviewHistory,
          t.email,
        ],
        offers: [
          'confirm',
          'help.idea',
          'help.fit',
          'initiative.kaders',
          'initiative.type',
          'money.requested',
          'help.conditions',
          'money.thirdPartyContributions',
          'help.history',
        ],
        // A grouped question is one line: the slots it settled are not listed one by one.
        check: (reply) => {
          const offered = (reply.last?.choices ?? []).map((ch) => ch.value);
          for (const slot of [
            'initiative.themes',
            'initiative.worksWithVulnerable',
            'initiative.isActivity',
            'initiative.profitMotive',
            'help.othersPay',
            'help.appliedBefore',
            'history.grantsThisYear',
            'draft.description',
          ])
            expect(offered, `no review line for ${slot}`).not.toContain(slot);
        },
      },
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
      'help.idea': t.idea,
      'initiative.type': 'sport',
      'money.requested': 3500_00,
      'initiative.worksWithVulnerable': true,
      'money.thirdPartyContributions': 1000_00,
      'contact.email': t.email,
      'contact.organisation': t.organisation,
      'draft.title': t.title,
    });
  });

  it('changing the grouped question in the review asks the whole group again', () => {
    const c = new Conversation({ lang, name: 'sports club, review change of the group' });
    upToReview(c, lang);
    c.run([
      [
        t.changeConditions,
        {
          ask: 'help.conditions',
          says: [t.conditionsQuestion, t.previousConditions],
          offers: ['keep', 'initiative.worksWithVulnerable', 'help.othersPay', 'none'],
          unanswered: [
            'help.conditions',
            'initiative.worksWithVulnerable',
            'initiative.profitMotive',
            'help.othersPay',
          ],
          check: (reply) => expect(reply.last?.text).not.toContain('..'),
        },
      ],
      // No volunteers with children and nobody else pays after all: every box of the group is its default
      // again, what others pay included (the gate unticked: 0).
      [
        w.none,
        {
          ask: 'help.review',
          says: t.reviewNoConditions,
          saysNot: t.reviewContributions,
          answers: {
            'help.conditions': [],
            'initiative.worksWithVulnerable': false,
            'initiative.isActivity': true,
            'initiative.profitMotive': false,
            'help.othersPay': false,
            'money.thirdPartyContributions': 0,
          },
        },
      ],
      [t.confirm, { ask: 'draft.consent' }],
      [w.yes, { status: 'submitted' }],
    ]);
  });

  it('the same via card submits: the review change and the confirmation as card values', () => {
    const c = new Conversation({ lang, name: 'sports club, cards' });
    upToReview(c, lang);
    c.run([
      [{ value: { 'help.review': 'money.requested' } }, { ask: 'money.requested' }],
      ['3500', { ask: 'help.review' }],
      [{ value: { 'help.review': 'help.conditions' } }, { ask: 'help.conditions' }],
      // "Others pay" ticked again: the amount they pay stays as it was and is not asked again.
      [
        { value: { 'help.conditions': ['initiative.worksWithVulnerable', 'help.othersPay'] } },
        {
          ask: 'help.review',
          says: t.reviewContributions,
          answers: {
            'initiative.worksWithVulnerable': true,
            'help.othersPay': true,
            'money.thirdPartyContributions': 1000_00,
          },
        },
      ],
      [{ value: { 'help.review': 'confirm' } }, { ask: 'draft.consent' }],
      [{ value: { 'draft.consent': 'yes' } }, { status: 'submitted' }],
    ]);
  });

  it('"help me choose" and the type by card value work the same', () => {
    const c = new Conversation({ lang, name: 'sports club, type help by card' });
    c.run(upToType(lang));
    c.run([
      [
        { value: { 'initiative.type': 'help-me-choose' } },
        { ask: 'initiative.type', says: t.typeHelpSport, unanswered: ['initiative.type'], noVerdict: true },
      ],
      [
        { value: { 'initiative.type': 'sport' } },
        { ask: 'money.requested', answers: { 'initiative.type': 'sport' } },
      ],
    ]);
  });

  it('type chosen directly, no volunteers with children: no VOG, no vog attachment', () => {
    const c = new Conversation({ lang, name: 'sports club without VOG' });
    c.run(upToType(lang));
    c.say(t.sportDirect, { ask: 'money.requested', answers: { 'initiative.type': 'sport' } });
    c.run(amountAndConditions(lang, t.othersPay));
    c.expect({ answers: { 'initiative.worksWithVulnerable': false } });
    c.fill(noneApply(lang, { 'help.conditions': undefined }));
    c.expect({
      verdict: 'eligible',
      advisors: ['team-sportservice', 'klankbordgroep'],
      notRules: ['vog-required'],
      checklist: ['aanvraagformulier', 'uitvoeringsplan', 'communicatieplan', 'begroting'],
    });
  });

  // Bijlage 2, note 1: what is not an activity must fit the GALA; a GALA application may include materials.
  it('not an activity (sports equipment): the GALA follow-up; no → not-gala at once, yes → the GALA team advises', () => {
    const refused = new Conversation({ lang, name: 'sports club, equipment outside the GALA' });
    refused.run(upToType(lang));
    refused.run([
      [t.sportDirect, { ask: 'money.requested' }],
      [t.amount, { ask: 'help.conditions' }],
      [
        { value: { 'help.conditions': ['initiative.isActivity', 'money.includesMaterialsOrRealEstate'] } },
        {
          ask: 'initiative.fitsGala',
          choices: ['yes', 'no'],
          noVerdict: true,
          answers: { 'initiative.isActivity': false, 'money.includesMaterialsOrRealEstate': true },
        },
      ],
      [
        w.no,
        {
          verdict: 'not-eligible',
          refusals: ['not-gala'],
          checklist: [],
          ask: 'next',
          unanswered: ['money.totalCosts', 'help.history'],
        },
      ],
    ]);

    const gala = new Conversation({ lang, name: 'sports club, equipment for the GALA' });
    gala.run(upToType(lang));
    gala.run([
      [t.sportDirect, { ask: 'money.requested' }],
      [t.amount, { ask: 'help.conditions' }],
      [
        { value: { 'help.conditions': ['initiative.isActivity', 'money.includesMaterialsOrRealEstate'] } },
        { ask: 'initiative.fitsGala' },
      ],
      [w.yes, { ask: 'money.totalCosts', answers: { 'initiative.fitsGala': true } }],
    ]);
    gala.fill(
      noneApply(lang, {
        'help.conditions': undefined,
        'money.totalCosts': t.totalCosts,
        'initiative.expectedParticipants': '60',
      }),
    );
    gala.expect({
      verdict: 'eligible',
      refusals: [],
      advisors: ['team-sportservice', 'klankbordgroep', 'gala-uitvoeringsteam'],
      notRules: ['not-gala', 'materials-real-estate'],
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

  it('back after choosing the type with the help returns to the type, with "keep"', () => {
    const c = new Conversation({ lang, name: 'sports club, back after the type help' });
    c.run(upToType(lang));
    c.run(helpMeChoose(lang));
    c.run([
      [
        w.back,
        {
          ask: 'initiative.type',
          says: t.previousSport,
          offers: ['keep', 'help-me-choose'],
          unanswered: ['initiative.type'],
        },
      ],
      [w.keep, { ask: 'money.requested', answers: { 'initiative.type': 'sport' } }],
    ]);
  });

  // Was a bug: the previous answer read "weet ik nog niet" (the null stored while the help was shown).
  // "Help me choose" stores nothing: back goes to the question before the type, with its real answer.
  it('back right after "help me choose" goes to the question before, showing its own answer', () => {
    const c = new Conversation({ lang, name: 'sports club, back after help me choose' });
    c.run(upToType(lang));
    c.run(helpMeChoose(lang).slice(0, 1));
    c.say(w.back, {
      ask: 'initiative.kaders',
      says: t.previousKaders,
      saysNot: t.notKnown,
      offers: ['keep'],
      unanswered: ['initiative.type', 'initiative.kaders'],
      answers: { 'initiative.themes': ['levendigheid', 'vitaliteit'] },
    });
    c.say(w.keep, { ask: 'initiative.type', unanswered: ['initiative.type'] });
  });

  // Here only the themes were ticked in the fit list; the kaders were asked on their own. The review shows
  // the fit question as one line: changing it asks that question again, with its answer to keep.
  it('changing "does it fit" in the review asks the fit list again, and "keep" keeps every answer', () => {
    const c = new Conversation({ lang, name: 'sports club, review change of the fit, keep' });
    upToReview(c, lang);
    const before = { ...c.session.context.answers };
    c.say(t.changeFit, { ask: 'help.fit', offers: ['keep', 'levendigheid', 'samen-bouwen', 'none'] });
    // Keeping it keeps both sides, the kaders asked alone included: the fit list now holds them both.
    c.say(w.keep, { ask: 'help.review', says: t.reviewFit });
    expect(slotValues(c.session.context.answers)).toEqual(slotValues(before));
  });

  // As for every answer reopened from the review, `terug` cancels the change: nothing else is taken back.
  it('back after changing "does it fit" in the review shows the review again with every answer as it was', () => {
    const c = new Conversation({ lang, name: 'sports club, review change of the fit, back' });
    upToReview(c, lang);
    const before = { ...c.session.context.answers };
    c.say(t.changeFit, { ask: 'help.fit' });
    c.say(w.back, { ask: 'help.review' });
    expect(slotValues(c.session.context.answers), 'back cancels the change; the draft answers stay').toEqual(
      slotValues(before),
    );
  });

  // Was a bug: `terug` there asked the same question again and took back the last draft answer.
  it('back on an answer reopened from the review cancels the change and shows the review again', () => {
    const c = new Conversation({ lang, name: 'sports club, back from a review change' });
    upToReview(c, lang);
    const before = { ...c.session.context.answers };
    c.say(t.changeAmount, { ask: 'money.requested' });
    c.say(w.back, { ask: 'help.review' });
    expect(c.session.context.answers).toEqual(before);
    // The same for the grouped question: all its slots come back, the gate's too.
    c.say(t.changeConditions, { ask: 'help.conditions' });
    c.say(w.back, { ask: 'help.review', says: [t.reviewConditions, t.reviewContributions] });
    expect(c.session.context.answers).toEqual(before);
  });
});

/** The answers of the slots and the draft (a grouped question's own value aside): what the rules and the draft read. */
function slotValues(a: Answers): Answers {
  return Object.fromEntries(Object.entries(a).filter(([k]) => k !== 'help.fit'));
}
