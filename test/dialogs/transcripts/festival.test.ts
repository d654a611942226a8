/**
 * Worked example 5: a festival that needs an event permit asks € 12.000 → `not-eligible` by `non-core-cap`
 * (art. 7) as soon as the type and the amount are known, with the way out offered: "Verder met € 10.000",
 * which keeps every other answer and goes on. Or `terug`/`back` to ask € 8.000 instead: the festival is
 * eligible as an evenement.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../rules/index.js';
import { Conversation, LANGS, noneApply, type Turn, WORDS } from './transcript.js';

const T = {
  nl: {
    kind: 'stichting',
    idea: 'Zomerfestival in het park',
    date: '3 juli 2027',
    fit: '1, 2 en 8',
    type: 'Evenement',
    // For an evenement "not an activity" is no box: "others pay" is the 8th of the list.
    othersPay: '8',
    amount: '€ 12.000',
    lower: '8000',
    endDate: '4-7-2027',
    notEligible: 'U komt niet in aanmerking voor MAG-subsidie.',
    cap: /U vraagt € ?12\.000\. .*hoogstens € ?10\.000 per keer/,
    capSource: '(art. 7)',
    lowerAmount: /Vraag € ?10\.000\./,
    continueWith: 'Verder met € 10.000',
    continued: 'We gaan verder met € 10.000. Uw andere antwoorden blijven staan.',
    previous: /Uw vorige antwoord was: € ?12\.000\./,
    previousEnd: 'Uw vorige antwoord was: 4 juli 2027.',
    eligible: 'U komt waarschijnlijk in aanmerking voor MAG-subsidie.',
    plan: 'Evenementenplan',
    permit: 'Vergunning of melding van het evenement',
  },
  en: {
    kind: 'foundation',
    idea: 'Summer festival in the park',
    date: '3 July 2027',
    fit: 'Liveliness, Connection and Close to the resident',
    type: 'event',
    othersPay: 'others pay towards it',
    amount: '€ 12,000',
    lower: '€ 8.000',
    endDate: '4 July 2027',
    notEligible: 'You cannot get a MAG subsidy.',
    cap: /You are asking for € ?12,000\. .*at most € ?10,000 each time/,
    capSource: '(Dutch regulation: art. 7)',
    lowerAmount: /Ask for € ?10,000\./,
    continueWith: /^Continue with € ?10,000$/,
    continued: /We'll continue with € ?10,000\. Your other answers are kept\./,
    previous: /Your previous answer was: € ?12,000\./,
    previousEnd: 'Your previous answer was: 4 July 2027.',
    eligible: 'You can probably get a MAG subsidy.',
    plan: 'Event plan',
    permit: 'Permit or notification of the event',
  },
} as const;

/** The title of the lower-amount choice, as the person sees (and may type) it. */
const titleOf = (c: Conversation, code: string): string => {
  const choice = c.reply.last?.choices?.find((ch) => ch.value === code);
  if (!choice) throw new Error(`no choice ${code}\n\n${c.format()}`);
  return choice.title;
};

function upToAmount(lang: Lang): Turn[] {
  const t = T[lang];
  const w = WORDS[lang];
  return [
    [t.kind, { ask: 'help.idea' }],
    [t.idea, { ask: 'initiative.inMunicipality' }],
    [w.yes, { ask: 'initiative.startDate' }],
    [t.date, { ask: 'help.fit', answers: { 'initiative.startDate': '2027-07-03' } }],
    [
      t.fit,
      {
        ask: 'initiative.type',
        answers: { 'initiative.themes': ['levendigheid', 'verbinding'], 'initiative.kaders': ['dichtbij'] },
      },
    ],
    [t.type, { ask: 'initiative.needsEventPermit', answers: { 'initiative.type': 'evenement' } }],
    // An evenement is an activity by definition: "is it an activity?" is not asked.
    [
      w.yes,
      {
        ask: 'money.requested',
        answers: { 'initiative.needsEventPermit': true },
        unanswered: ['initiative.isActivity'],
      },
    ],
  ];
}

/** The € 12.000 refusal, with "Verder met € 10.000" offered. */
function refused(c: Conversation, lang: Lang): void {
  const t = T[lang];
  c.run(upToAmount(lang));
  c.say(t.amount, {
    verdict: 'not-eligible',
    rules: ['non-core-cap'],
    // Every refusal certain at this point: more than € 10.000 for 2027 is also too late (art. 5).
    refusals: ['non-core-cap', 'deadline-above-10000'],
    checklist: [],
    says: [t.notEligible, t.cap, t.capSource, t.lowerAmount, 'MAG@hardinxveld-giessendam.nl', '140184'],
    ask: 'next',
    // € 10.000 clears both; a later year would leave art. 7: only the lower amount is offered.
    choices: ['lower-amount', 'callback', 'restart', 'done'],
    check: (_, conv) => expect(titleOf(conv, 'lower-amount')).toMatch(t.continueWith),
    // Early: the questions after the amount were never asked.
    unanswered: [
      'help.conditions',
      'help.othersPay',
      'money.totalCosts',
      'money.thirdPartyContributions',
      'initiative.endDate',
      'initiative.profitMotive',
      'help.history',
      'history.grantsThisYear',
      'history.similarGranted',
    ],
    answers: { 'money.requested': 12_000_00 },
  });
  expect(c.assessment?.deadlines ?? []).toEqual([]);
}

/** The boxes of the grouped question for an evenement: an activity by definition, so that is no box. */
const EVENT_CONDITION_BOXES = [
  'initiative.profitMotive',
  'initiative.primarilyReligious',
  'money.includesFoodAndDrink',
  'money.includesMaterialsOrRealEstate',
  'initiative.worksWithVulnerable',
  'money.otherMunicipalFunding',
  'initiative.multipleInitiatives',
  'help.othersPay',
  'none',
];

/** An eligible evenement between € 5.000 and € 10.000. */
const ELIGIBLE_EVENT = {
  verdict: 'eligible',
  type: 'evenement',
  tier: 'tot-10000',
  decidedBy: 'mag-consulent',
  advisors: ['klankbordgroep'],
  interview: true,
  refusals: [],
  notRules: ['non-core-cap', 'deadline-above-10000', 'not-an-event'],
  checklist: [
    'aanvraagformulier',
    'evenementenplan',
    'communicatieplan',
    'begroting',
    'vergunning-of-melding',
  ],
  // 56 days before 2027-07-03; above € 5.000 a report is due 56 days after the end (2027-07-04).
  deadlines: { 'submit-by': '2027-05-08', 'accountability-by': '2027-08-29' },
  ask: 'next',
  choices: ['draft', 'callback', 'restart', 'done'],
} as const;

describe.each(LANGS)('festival (%s)', (lang) => {
  const t = T[lang];
  const w = WORDS[lang];

  it('€ 12.000: refused early by art. 7, with the alternatives; back to € 8.000 → eligible evenement', () => {
    const c = new Conversation({ lang, name: 'festival' });
    refused(c, lang);
    c.run([
      [w.back, { ask: 'money.requested', says: t.previous, offers: ['keep'], noVerdict: true }],
      [
        t.lower,
        {
          ask: 'help.conditions',
          choices: EVENT_CONDITION_BOXES,
          answers: { 'money.requested': 8000_00 },
          noVerdict: true,
        },
      ],
    ]);
    // Sponsors pay too ("others pay" ticked): what they pay is asked after the total costs. Above € 5.000
    // the end date matters (accountability with a report): asked last.
    c.fill(
      noneApply(lang, {
        'help.conditions': t.othersPay,
        'money.totalCosts': '20000',
        'money.thirdPartyContributions': '12.000',
        'initiative.expectedParticipants': '1500',
        'initiative.endDate': t.endDate,
      }),
    );
    c.expect({
      ...ELIGIBLE_EVENT,
      says: [t.eligible, t.plan, t.permit],
      answers: {
        'help.othersPay': true,
        'money.thirdPartyContributions': 12_000_00,
        'initiative.endDate': '2027-07-04',
      },
    });
    expect(c.assessments.map((a) => a.verdict)).toEqual(['not-eligible', 'eligible']);
  });

  it('"Verder met € 10.000" keeps every other answer and goes on to the remaining questions; back at the verdict still works', () => {
    const c = new Conversation({ lang, name: 'festival, continue with € 10.000' });
    refused(c, lang);
    const before = structuredClone(c.answers);
    c.say(titleOf(c, 'lower-amount'), {
      says: t.continued,
      ask: 'help.conditions',
      noVerdict: true,
      check: (_, conv) => expect(conv.answers).toEqual({ ...before, 'money.requested': 10_000_00 }),
    });
    c.fill(
      noneApply(lang, {
        'help.conditions': t.othersPay,
        'money.totalCosts': '25000',
        'money.thirdPartyContributions': '12000',
        'initiative.expectedParticipants': '1500',
        'initiative.endDate': t.endDate,
      }),
    );
    c.expect({
      ...ELIGIBLE_EVENT,
      // € 25.000 − € 12.000 leaves € 13.000: the € 10.000 fits.
      notRules: [...ELIGIBLE_EVENT.notRules, 'exceeds-remaining-costs'],
      says: t.eligible,
      answers: { ...before, 'money.requested': 10_000_00 },
    });
    const verdict = c.assessment;
    c.run([
      // Back at the verdict: the last question again, with its answer to keep.
      [
        w.back,
        {
          ask: 'initiative.endDate',
          says: t.previousEnd,
          offers: ['keep'],
          noVerdict: true,
          unanswered: ['initiative.endDate'],
          answers: { 'money.requested': 10_000_00 },
        },
      ],
      [w.keep, { verdict: 'eligible', ask: 'next', answers: { 'initiative.endDate': '2027-07-04' } }],
    ]);
    expect(c.assessment).toEqual(verdict);
    expect(c.assessments.map((a) => a.verdict)).toEqual(['not-eligible', 'eligible', 'eligible']);
  });

  it('"Verder met € 10.000" by card value works the same', () => {
    const c = new Conversation({ lang, name: 'festival, continue by card' });
    refused(c, lang);
    c.say(
      { value: { next: 'lower-amount' } },
      { ask: 'help.conditions', answers: { 'money.requested': 10_000_00 } },
    );
  });

  it('"keep" after back keeps € 12.000 and the same refusal comes back', () => {
    const c = new Conversation({ lang, name: 'festival, keep the amount' });
    c.run(upToAmount(lang));
    c.run([
      [t.amount, { verdict: 'not-eligible', rules: ['non-core-cap'] }],
      [w.back, { ask: 'money.requested' }],
      [
        w.keep,
        {
          verdict: 'not-eligible',
          rules: ['non-core-cap'],
          offers: ['lower-amount'],
          answers: { 'money.requested': 12_000_00 },
        },
      ],
    ]);
  });
});
