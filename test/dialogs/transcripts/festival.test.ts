/**
 * Worked example 5: a festival that needs an event permit asks € 12.000 → `not-eligible` by `non-core-cap`
 * (art. 7) as soon as the type and the amount are known. Then `terug`/`back` to ask € 8.000 instead, and
 * the festival is eligible as an evenement.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../rules/index.js';
import { Conversation, LANGS, plainTail, type Turn, WORDS } from './transcript.js';

const T = {
  nl: {
    kind: 'stichting',
    idea: 'Zomerfestival in het park',
    date: '3 juli 2027',
    themes: 'levendigheid en verbinding',
    kaders: '4',
    type: 'Evenement',
    amount: '€ 12.000',
    lower: '8000',
    endDate: '4-7-2027',
    notEligible: 'U komt niet in aanmerking voor MAG-subsidie.',
    cap: /U vraagt € ?12\.000\. .*hoogstens € ?10\.000 per keer/,
    lowerAmount: 'Vraag een lager bedrag.',
    previous: /Uw vorige antwoord was: € ?12\.000\./,
    eligible: 'U komt waarschijnlijk in aanmerking voor MAG-subsidie.',
    plan: 'Evenementenplan',
    permit: 'Vergunning of melding van het evenement',
  },
  en: {
    kind: 'foundation',
    idea: 'Summer festival in the park',
    date: '3 July 2027',
    themes: 'Liveliness and Connection',
    kaders: '4',
    type: 'event',
    amount: '€ 12,000',
    lower: '€ 8.000',
    endDate: '4 July 2027',
    notEligible: 'You cannot get a MAG subsidy.',
    cap: /You ask for € ?12,000\. .*at most € ?10,000 each time/,
    lowerAmount: 'Ask for a lower amount.',
    previous: /Your previous answer was: € ?12,000\./,
    eligible: 'You can probably get a MAG subsidy.',
    plan: 'Event plan',
    permit: 'Permit or notification of the event',
  },
} as const;

function upToAmount(lang: Lang): Turn[] {
  const t = T[lang];
  const w = WORDS[lang];
  return [
    [t.kind, { ask: 'help.idea' }],
    [t.idea, { ask: 'initiative.inMunicipality' }],
    [w.yes, { ask: 'initiative.startDate' }],
    [t.date, { ask: 'initiative.alreadyStarted', answers: { 'initiative.startDate': '2027-07-03' } }],
    [w.no, { ask: 'initiative.themes' }],
    [
      t.themes,
      { ask: 'initiative.kaders', answers: { 'initiative.themes': ['levendigheid', 'verbinding'] } },
    ],
    [t.kaders, { ask: 'initiative.type', answers: { 'initiative.kaders': ['dichtbij'] } }],
    [t.type, { ask: 'initiative.needsEventPermit', answers: { 'initiative.type': 'evenement' } }],
    [w.yes, { ask: 'initiative.isActivity', answers: { 'initiative.needsEventPermit': true } }],
    [w.yes, { ask: 'money.requested' }],
  ];
}

describe.each(LANGS)('festival (%s)', (lang) => {
  const t = T[lang];
  const w = WORDS[lang];

  it('€ 12.000: refused early by art. 7, with the alternatives; back to € 8.000 → eligible evenement', () => {
    const c = new Conversation({ lang, name: 'festival' });
    c.run(upToAmount(lang));
    c.say(t.amount, {
      verdict: 'not-eligible',
      rules: ['non-core-cap'],
      // Every refusal certain at this point: more than € 10.000 for 2027 is also too late (art. 5).
      refusals: ['non-core-cap', 'deadline-above-10000'],
      checklist: [],
      says: [t.notEligible, t.cap, '(art. 7)', t.lowerAmount, 'MAG@hardinxveld-giessendam.nl', '140184'],
      ask: 'next',
      choices: ['restart', 'done'],
      // Early: the questions after the amount were never asked.
      unanswered: [
        'money.totalCosts',
        'initiative.endDate',
        'initiative.profitMotive',
        'history.grantsThisYear',
        'history.similarGranted',
      ],
      answers: { 'money.requested': 12_000_00 },
    });
    expect(c.assessment?.deadlines ?? []).toEqual([]);

    c.run([
      [w.back, { ask: 'money.requested', says: t.previous, offers: ['keep'], noVerdict: true }],
      // Above € 5.000 the end date matters (accountability with a report).
      [t.lower, { ask: 'initiative.endDate', answers: { 'money.requested': 8000_00 }, noVerdict: true }],
      [t.endDate, { ask: 'money.totalCosts', answers: { 'initiative.endDate': '2027-07-04' } }],
      ['20000', { ask: 'money.thirdPartyContributions' }],
      [
        '12.000',
        { ask: 'initiative.expectedParticipants', answers: { 'money.thirdPartyContributions': 12_000_00 } },
      ],
      ['1500', { ask: 'initiative.profitMotive' }],
    ]);
    c.fill(plainTail(lang));
    c.expect({
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
      says: [t.eligible, t.plan, t.permit],
      ask: 'next',
      choices: ['draft', 'restart', 'done'],
    });
    expect(c.assessments.map((a) => a.verdict)).toEqual(['not-eligible', 'eligible']);
  });

  it('"keep" after back keeps € 12.000 and the same refusal comes back', () => {
    const c = new Conversation({ lang, name: 'festival, keep the amount' });
    c.run(upToAmount(lang));
    c.run([
      [t.amount, { verdict: 'not-eligible', rules: ['non-core-cap'] }],
      [w.back, { ask: 'money.requested' }],
      [
        w.keep,
        { verdict: 'not-eligible', rules: ['non-core-cap'], answers: { 'money.requested': 12_000_00 } },
      ],
    ]);
  });
});
