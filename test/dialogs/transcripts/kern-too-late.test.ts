/**
 * Worked example 4: on 2026-11-23 a vereniging asks € 25.000 for its kernactiviteit in 2027. The deadline
 * for 2027 (15 September 2026) has passed → `not-eligible` by `deadline-above-10000`, no checklist, no
 * deadlines; the message advises applying for 2028 by 15 August 2027, and offers both ways out: "Verder
 * voor 2028" (asks the start date in 2028, then goes on to an eligible verdict for 2028) and "Verder met
 * € 10.000".
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../rules/index.js';
import { Conversation, LANGS, noneApply, type Turn, WORDS } from './transcript.js';

const T = {
  nl: {
    kind: 'vereniging',
    idea: 'De jaarlijkse voorstellingen van onze toneelvereniging',
    date: '1-3-2027',
    date2028: '1-3-2028',
    fit: 'Levendigheid en De kracht van inwoners en organisaties wordt benut',
    type: 'Kernactiviteit',
    othersPay: 'Anderen betalen mee, zoals sponsors, een fonds of de deelnemers.',
    amount: '€ 25.000',
    sameDay: 'dezelfde dag',
    notEligible: 'U komt niet in aanmerking voor MAG-subsidie.',
    passed: 'moest uiterlijk 15 september 2026 binnen zijn',
    advice: 'U kunt wel subsidie aanvragen voor 2028. Stuur die aanvraag dan uiterlijk 15 augustus 2027.',
    laterYear: 'Verder voor 2028',
    lowerAmount: 'Verder met € 10.000',
    continuedYear: 'We gaan verder voor 2028. Uw andere antwoorden blijven staan.',
    question2028: /^Op welke datum in 2028 /,
    hint2028: 'bijvoorbeeld 1-3-2028 of 1 maart 2028',
    appliedBefore2028: 'U heeft in 2028 al eerder MAG-subsidie aangevraagd of gekregen.',
    eligible: 'U komt waarschijnlijk in aanmerking voor MAG-subsidie.',
  },
  en: {
    kind: 'association',
    idea: 'The yearly shows of our theatre club',
    date: '2027-03-01',
    date2028: '1 March 2028',
    fit: 'liveliness and The strength of residents and organisations is used',
    type: 'core activity',
    othersPay: 'Others pay towards it, such as sponsors, a fund or the participants.',
    amount: '25000 euro',
    sameDay: 'same day',
    notEligible: 'You cannot get a MAG subsidy.',
    passed: 'had to be in by 15 September 2026',
    advice: 'You can apply for 2028. Send that application by 15 August 2027 at the latest.',
    laterYear: 'Continue for 2028',
    lowerAmount: /^Continue with € ?10,000$/,
    continuedYear: "We'll continue for 2028. Your other answers are kept.",
    question2028: /^On what date in 2028 /,
    hint2028: 'for example 1-3-2028 or 1 March 2028',
    appliedBefore2028: 'You have already applied for or received a MAG subsidy in 2028.',
    eligible: 'You can probably get a MAG subsidy.',
  },
} as const;

/** Up to the amount (asked): a kernactiviteit is an activity by definition, so that is not asked. */
function upToAmount(lang: Lang): Turn[] {
  const t = T[lang];
  const w = WORDS[lang];
  return [
    [t.kind, { ask: 'help.idea', answers: { 'applicant.kind': 'organisation' } }],
    [t.idea, { ask: 'initiative.inMunicipality' }],
    [w.yes, { ask: 'initiative.startDate' }],
    [
      t.date,
      {
        ask: 'help.fit',
        answers: { 'initiative.startDate': '2027-03-01' },
        unanswered: ['initiative.alreadyStarted'],
      },
    ],
    // A title with "en"/"and" in it, after a theme joined by "en"/"and": one theme and one kader.
    [
      t.fit,
      {
        ask: 'initiative.type',
        answers: { 'initiative.themes': ['levendigheid'], 'initiative.kaders': ['kracht-inwoners'] },
      },
    ],
    [
      t.type,
      {
        ask: 'money.requested',
        answers: { 'initiative.type': 'kernactiviteit' },
        unanswered: ['initiative.isActivity'],
      },
    ],
  ];
}

const titleOf = (c: Conversation, code: string): string => {
  const choice = c.reply.last?.choices?.find((ch) => ch.value === code);
  if (!choice) throw new Error(`no choice ${code}\n\n${c.format()}`);
  return choice.title;
};

/** The refusal for 2027, with both ways out offered before "start again" and "done". */
function tooLate(c: Conversation, lang: Lang): void {
  const t = T[lang];
  c.run(upToAmount(lang));
  c.say(t.amount, {
    verdict: 'not-eligible',
    refusals: ['deadline-above-10000'],
    type: 'kernactiviteit',
    tier: 'boven-10000',
    checklist: [],
    says: [t.notEligible, t.passed, t.advice],
    ask: 'next',
    answers: { 'money.requested': 25_000_00 },
    unanswered: [
      'help.conditions',
      'money.totalCosts',
      'money.thirdPartyContributions',
      'history.coreApplicationThisYear',
    ],
    check: (reply, conv) => {
      const codes = (reply.last?.choices ?? []).map((ch) => ch.value);
      expect(codes.slice(-3), 'then a person, start again or stop').toEqual(['callback', 'restart', 'done']);
      expect([...codes.slice(0, -3)].sort(), 'the ways out').toEqual(['later-year', 'lower-amount']);
      expect(titleOf(conv, 'later-year')).toBe(t.laterYear);
      expect(titleOf(conv, 'lower-amount')).toMatch(t.lowerAmount);
    },
  });
  expect(c.assessment?.deadlines ?? []).toEqual([]);
  // The advice is a real date, never a code or an ISO date.
  expect(c.reply.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
}

describe.each(LANGS)('kernactiviteit above € 10.000, too late (%s)', (lang) => {
  const t = T[lang];
  const w = WORDS[lang];

  it('€ 25.000 for 2027 on 2026-11-23: not eligible by deadline-above-10000; apply for 2028 by 15 August 2027', () => {
    const c = new Conversation({ lang, today: '2026-11-23', name: 'kernactiviteit too late' });
    tooLate(c, lang);
  });

  it('"Verder voor 2028" asks the start date in 2028, keeps the rest, and reaches an eligible verdict for 2028', () => {
    const c = new Conversation({ lang, today: '2026-11-23', name: 'kernactiviteit, on to 2028' });
    tooLate(c, lang);
    const before = structuredClone(c.answers);
    c.say(t.laterYear, {
      ask: 'initiative.startDate',
      noVerdict: true,
      unanswered: ['initiative.startDate'],
      // The example date is in 2028 too.
      says: [t.continuedYear, t.hint2028],
      check: (reply, conv) => {
        expect(reply.last?.text).toMatch(t.question2028);
        const { 'initiative.startDate': _date, ...rest } = before;
        expect(conv.answers).toEqual(rest);
      },
    });
    c.say(t.date2028, {
      ask: 'help.conditions',
      // A kernactiviteit is an activity by definition: no box for it.
      choices: [
        'initiative.profitMotive',
        'initiative.primarilyReligious',
        'money.includesFoodAndDrink',
        'money.includesMaterialsOrRealEstate',
        'initiative.worksWithVulnerable',
        'money.otherMunicipalFunding',
        'initiative.multipleInitiatives',
        'help.othersPay',
        'none',
      ],
      noVerdict: true,
      answers: { 'initiative.startDate': '2028-03-01', 'money.requested': 25_000_00 },
    });
    // Sponsors pay a part: asked after the total costs. Above € 5.000 (and at most € 50.000) a report is
    // due: the end date is asked last.
    c.fill(
      noneApply(lang, {
        'help.conditions': t.othersPay,
        'money.totalCosts': '40000',
        'money.thirdPartyContributions': '15000',
        'initiative.expectedParticipants': '300',
        'initiative.endDate': t.sameDay,
      }),
    );
    c.expect({
      verdict: 'eligible',
      type: 'kernactiviteit',
      tier: 'boven-10000',
      decidedBy: 'wethouder',
      interview: true,
      refusals: [],
      rules: ['deadline-sources-differ'],
      checklist: [
        'aanvraagformulier',
        'uitvoeringsplan',
        'publiciteitsplan',
        'begroting-met-subsidies-elders',
        'kvk-uittreksel',
        'statuten',
        'bestuurssamenstelling',
        'jaarrekening',
        'jaarverslag',
      ],
      // The dates of subsidy year 2028: everything in 2027, the report 56 days after the end.
      deadlines: {
        'concept-by': '2027-07-01',
        'submit-by': '2027-08-15',
        'concept-discussed-by': '2027-09-10',
        'provisional-grant-by': '2027-12-31',
        'accountability-by': '2028-04-26',
      },
      says: t.eligible,
      ask: 'next',
      choices: ['draft', 'callback', 'restart', 'done'],
      answers: { 'initiative.startDate': '2028-03-01', 'initiative.endDate': '2028-03-01' },
    });
  });

  it('after "Verder voor 2028", the earlier applications of 2028 ask about the kernactiviteit', () => {
    const c = new Conversation({ lang, today: '2026-11-23', name: 'kernactiviteit 2028, applied before' });
    tooLate(c, lang);
    c.say(t.laterYear, { ask: 'initiative.startDate' });
    c.say(t.date2028, { ask: 'help.conditions' });
    c.fill(
      {
        'help.conditions': t.othersPay,
        'money.totalCosts': '40000',
        'money.thirdPartyContributions': '15000',
        'initiative.expectedParticipants': '300',
      },
      { until: 'help.history' },
    );
    // The earlier applications are counted in the subsidy year, 2028.
    c.expect({ ask: 'help.history', says: t.appliedBefore2028, offers: ['help.appliedBefore'] });
    c.fill({
      // The gate ticked: the counts of 2028 follow; for a kernactiviteit not the non-core count.
      'help.history': '1',
      'history.grantsThisYear': '1',
      'history.amountGrantedThisYear': '€ 1.000',
      'history.coreApplicationThisYear': w.no,
      'initiative.endDate': t.sameDay,
    });
    c.expect({
      verdict: 'eligible',
      refusals: [],
      unanswered: ['history.nonCoreApplicationsThisYear'],
      answers: {
        'help.appliedBefore': true,
        'history.grantsThisYear': 1,
        'history.amountGrantedThisYear': 1000_00,
        'history.coreApplicationThisYear': false,
      },
    });
  });

  it('"Verder met € 10.000" keeps 2027: a kernactiviteit up to € 10.000 is still in time', () => {
    const c = new Conversation({ lang, today: '2026-11-23', name: 'kernactiviteit, € 10.000' });
    tooLate(c, lang);
    c.say(titleOf(c, 'lower-amount'), {
      ask: 'help.conditions',
      answers: { 'money.requested': 10_000_00, 'initiative.startDate': '2027-03-01' },
    });
    c.fill(
      noneApply(lang, {
        'help.conditions': t.othersPay,
        'money.totalCosts': '15000',
        'money.thirdPartyContributions': '5000',
        'initiative.expectedParticipants': '300',
        'initiative.endDate': t.sameDay,
      }),
    );
    c.expect({
      verdict: 'eligible',
      type: 'kernactiviteit',
      tier: 'tot-10000',
      decidedBy: 'mag-consulent',
      refusals: [],
      notRules: ['deadline-above-10000', 'kern-deadline'],
      // 56 days before 2027-03-01 comes before 31 October 2027.
      deadlines: { 'submit-by': '2027-01-04' },
    });
  });

  it('the same € 25.000 asked on 2026-08-01 (before the deadline) is not refused for the deadline', () => {
    const c = new Conversation({ lang, today: '2026-08-01', name: 'kernactiviteit in time' });
    c.run(upToAmount(lang));
    c.say(t.amount, { noVerdict: true, ask: 'help.conditions' });
  });
});
