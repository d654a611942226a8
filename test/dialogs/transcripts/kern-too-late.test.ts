/**
 * Worked example 4: on 2026-11-23 a vereniging asks € 25.000 for its kernactiviteit in 2027. The deadline
 * for 2027 (15 September 2026) has passed → `not-eligible` by `deadline-above-10000`, no checklist, no
 * deadlines; the message advises applying for 2028 by 15 August 2027.
 */
import { describe, expect, it } from 'vitest';
import { Conversation, LANGS, WORDS } from './transcript.js';

const T = {
  nl: {
    kind: 'vereniging',
    idea: 'De jaarlijkse voorstellingen van onze toneelvereniging',
    date: '1-3-2027',
    themes: 'Levendigheid',
    kaders: 'De kracht van inwoners en organisaties wordt benut',
    type: 'Kernactiviteit',
    amount: '€ 25.000',
    notEligible: 'U komt niet in aanmerking voor MAG-subsidie.',
    passed: 'moest uiterlijk 15 september 2026 binnen zijn',
    advice: 'U kunt wel subsidie aanvragen voor 2028. Stuur die aanvraag dan uiterlijk 15 augustus 2027.',
    nextYear: 'Vraag de subsidie aan voor volgend jaar.',
  },
  en: {
    kind: 'association',
    idea: 'The yearly shows of our theatre club',
    date: '2027-03-01',
    themes: 'liveliness',
    kaders: 'The strength of residents and organisations is used',
    type: 'core activity',
    amount: '25000 euro',
    notEligible: 'You cannot get a MAG subsidy.',
    passed: 'had to be in by 15 September 2026',
    advice: 'You can apply for 2028. Send that application by 15 August 2027 at the latest.',
    nextYear: 'Apply for next year.',
  },
} as const;

describe.each(LANGS)('kernactiviteit above € 10.000, too late (%s)', (lang) => {
  const t = T[lang];
  const w = WORDS[lang];

  it('€ 25.000 for 2027 on 2026-11-23: not eligible by deadline-above-10000; apply for 2028 by 15 August 2027', () => {
    const c = new Conversation({ lang, today: '2026-11-23', name: 'kernactiviteit too late' });
    c.run([
      [t.kind, { ask: 'help.idea', answers: { 'applicant.kind': 'organisation' } }],
      [t.idea, { ask: 'initiative.inMunicipality' }],
      [w.yes, { ask: 'initiative.startDate' }],
      [t.date, { ask: 'initiative.alreadyStarted', answers: { 'initiative.startDate': '2027-03-01' } }],
      [w.noThanks, { ask: 'initiative.themes' }],
      [t.themes, { ask: 'initiative.kaders', answers: { 'initiative.themes': ['levendigheid'] } }],
      [t.kaders, { ask: 'initiative.type', answers: { 'initiative.kaders': ['kracht-inwoners'] } }],
      [t.type, { ask: 'initiative.isActivity', answers: { 'initiative.type': 'kernactiviteit' } }],
      [w.yes, { ask: 'money.requested' }],
      [
        t.amount,
        {
          verdict: 'not-eligible',
          refusals: ['deadline-above-10000'],
          type: 'kernactiviteit',
          tier: 'boven-10000',
          checklist: [],
          says: [t.notEligible, t.passed, t.advice, t.nextYear],
          ask: 'next',
          choices: ['restart', 'done'],
          answers: { 'money.requested': 25_000_00 },
          unanswered: ['money.totalCosts', 'history.coreApplicationThisYear'],
        },
      ],
    ]);
    expect(c.assessment?.deadlines ?? []).toEqual([]);
    // The advice is a real date, never a code or an ISO date.
    expect(c.reply.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('the same € 25.000 asked on 2026-08-01 (before the deadline) is not refused for the deadline', () => {
    const c = new Conversation({ lang, today: '2026-08-01', name: 'kernactiviteit in time' });
    c.run([
      [t.kind, { ask: 'help.idea' }],
      [t.idea, { ask: 'initiative.inMunicipality' }],
      [w.yes, { ask: 'initiative.startDate' }],
      [t.date, { ask: 'initiative.alreadyStarted' }],
      [w.no, { ask: 'initiative.themes' }],
      [t.themes, { ask: 'initiative.kaders' }],
      [t.kaders, { ask: 'initiative.type' }],
      [t.type, { ask: 'initiative.isActivity' }],
      [w.yes, { ask: 'money.requested' }],
      [t.amount, { noVerdict: true, ask: 'initiative.endDate' }],
    ]);
  });
});
