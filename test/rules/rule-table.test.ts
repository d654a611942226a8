/**
 * The rule table of mag-rules.md ("Rules of mag-2024"): for every rule id, cases where it fires and cases
 * where it just does not, at the boundaries the spec names. Each case is a small override of BASE.
 */
import { describe, expect, it } from 'vitest';
import type { AssessOptions, BudgetLine, RuleId, Severity } from '../../rules/index.js';
import { RULE_IDS } from '../../rules/index.js';
import type { Overrides } from './helpers.js';
import { findingOf, merge, plusDays, run, SPEC_RULES, specOrder, TODAY } from './helpers.js';

interface Case {
  rule: RuleId;
  when: string;
  input: Overrides;
  options?: Partial<AssessOptions>;
  /** `null`: the rule must not fire. */
  severity: Severity | null;
  maxAmount?: number;
  value?: number;
}

const fires = (
  rule: RuleId,
  severity: Severity,
  when: string,
  input: Overrides,
  extra: Partial<Case> = {},
): Case => ({
  rule,
  when,
  input,
  severity,
  ...extra,
});
const quiet = (rule: RuleId, when: string, input: Overrides, extra: Partial<Case> = {}): Case => ({
  rule,
  when,
  input,
  severity: null,
  ...extra,
});

// Building blocks.
const kern: Overrides = { initiative: { type: 'kernactiviteit' } };
/** An organisation's kernactiviteit for 2027 (start 2027-03-01) asking `requested`, assessed on `today`. */
const kernAsking = (requested: number, today = '2026-08-01'): Overrides =>
  merge(kern, { today, money: { requested, totalCosts: undefined } });
/** A resident's one-off initiative in her own neighbourhood (tier buurt-500 when ≤ € 500). */
const buurt = (requested: number): Overrides => ({
  applicant: { kind: 'resident' },
  initiative: { ownNeighbourhood: true },
  money: { requested, totalCosts: undefined },
});
/** Starts `days` after TODAY (end date the same day). */
const startIn = (days: number): Overrides => ({
  initiative: { startDate: plusDays(TODAY, days), endDate: plusDays(TODAY, days) },
});
/** Kernactiviteit ≤ € 10.000 starting 2027-12-31, assessed on `today`. */
const kernLate = (today: string, requested = 800): Overrides =>
  merge(kern, {
    today,
    initiative: { startDate: '2027-12-31', endDate: undefined },
    money: { requested, totalCosts: undefined },
  });
/** Kernactiviteit of 2024 (start 2024-06-01) asking € 25.000, assessed on `today`. */
const kern2024 = (today: string): Overrides =>
  merge(kern, {
    today,
    initiative: { startDate: '2024-06-01', endDate: undefined },
    money: { requested: 25_000, totalCosts: undefined },
  });
/** The deployment has only `cents` left on one budget line. */
const lowBudget = (line: BudgetLine, cents: number): Partial<Case> => {
  const remainingBudget: Partial<Record<BudgetLine, number>> = {};
  remainingBudget[line] = cents;
  return { options: { remainingBudget } };
};

const CASES: Case[] = [
  // outside-municipality
  fires('outside-municipality', 'refusal', 'inMunicipality false', { initiative: { inMunicipality: false } }),
  quiet('outside-municipality', 'inMunicipality true', { initiative: { inMunicipality: true } }),

  // no-theme / no-kader
  fires('no-theme', 'refusal', 'themes empty', { initiative: { themes: [] } }),
  quiet('no-theme', 'one theme', { initiative: { themes: ['levendigheid'] } }),
  fires('no-kader', 'refusal', 'kaders empty', { initiative: { kaders: [] } }),
  quiet('no-kader', 'one kader', { initiative: { kaders: ['dichtbij'] } }),

  // not-gala
  fires('not-gala', 'refusal', 'not an activity, not fitting the GALA', {
    initiative: { isActivity: false, fitsGala: false },
  }),
  fires('not-gala', 'refusal', 'not an activity, fitsGala left at its default', {
    initiative: { isActivity: false, fitsGala: undefined },
  }),
  quiet('not-gala', 'not an activity but fitting the GALA', {
    initiative: { isActivity: false, fitsGala: true },
  }),
  quiet('not-gala', 'an activity that does not fit the GALA', {
    initiative: { isActivity: true, fitsGala: false },
  }),

  // already-started
  fires('already-started', 'refusal', 'alreadyStarted true', { initiative: { alreadyStarted: true } }),
  fires('already-started', 'refusal', 'startDate yesterday', startIn(-1)),
  quiet('already-started', 'startDate today', startIn(0)),
  quiet('already-started', 'startDate in the future, alreadyStarted false', {
    initiative: { alreadyStarted: false },
  }),

  // grant-limit
  fires('grant-limit', 'refusal', '3 grants this year', { history: { grantsThisYear: 3 } }),
  fires('grant-limit', 'refusal', '5 grants this year', { history: { grantsThisYear: 5 } }),
  quiet('grant-limit', '2 grants this year', { history: { grantsThisYear: 2 } }),

  // core-once-a-year
  fires(
    'core-once-a-year',
    'refusal',
    'kernactiviteit, already applied for one',
    merge(kern, {
      history: { coreApplicationThisYear: true },
    }),
  ),
  quiet(
    'core-once-a-year',
    'kernactiviteit, first this year',
    merge(kern, { history: { coreApplicationThisYear: false } }),
  ),
  quiet('core-once-a-year', 'eenmalig, a core application this year', {
    history: { coreApplicationThisYear: true },
  }),

  // non-core-twice-a-year
  fires('non-core-twice-a-year', 'refusal', 'eenmalig, 2 non-core applications', {
    history: { nonCoreApplicationsThisYear: 2 },
  }),
  fires('non-core-twice-a-year', 'refusal', 'sport, 3 non-core applications', {
    initiative: { type: 'sport' },
    history: { nonCoreApplicationsThisYear: 3 },
  }),
  quiet('non-core-twice-a-year', 'eenmalig, 1 non-core application', {
    history: { nonCoreApplicationsThisYear: 1 },
  }),
  quiet(
    'non-core-twice-a-year',
    'kernactiviteit, 2 non-core applications',
    merge(kern, {
      history: { nonCoreApplicationsThisYear: 2 },
    }),
  ),

  // kern-needs-organisation
  fires(
    'kern-needs-organisation',
    'refusal',
    'kernactiviteit by a resident',
    merge(kern, {
      applicant: { kind: 'resident' },
    }),
  ),
  quiet('kern-needs-organisation', 'kernactiviteit by an organisation', kern),
  quiet(
    'kern-needs-organisation',
    'kernactiviteit by a kvk-professional',
    merge(kern, {
      applicant: { kind: 'kvk-professional' },
    }),
  ),
  quiet('kern-needs-organisation', 'eenmalig by a resident', { applicant: { kind: 'resident' } }),

  // kern-deadline: today after 31 October of the start year, amount ≤ € 10.000
  quiet('kern-deadline', 'kern € 800, today 31 October of Y', kernLate('2027-10-31')),
  fires('kern-deadline', 'refusal', 'kern € 800, today 1 November of Y', kernLate('2027-11-01')),
  fires('kern-deadline', 'refusal', 'kern € 10.000, today 1 November of Y', kernLate('2027-11-01', 10_000)),
  quiet('kern-deadline', 'kern € 10.000,01, today 1 November of Y', kernLate('2027-11-01', 10_000.01)),
  quiet(
    'kern-deadline',
    'eenmalig, today 1 November of Y',
    merge(kernLate('2027-11-01'), {
      initiative: { type: 'eenmalig' },
    }),
  ),

  // profit-motive
  fires('profit-motive', 'refusal', 'profit motive', { initiative: { profitMotive: true } }),
  quiet('profit-motive', 'no profit motive', { initiative: { profitMotive: false } }),

  // religious
  fires('religious', 'refusal', 'primarily religious', { initiative: { primarilyReligious: true } }),
  fires('religious', 'refusal', 'primarily religious, not diaconal-open', {
    initiative: { primarilyReligious: true, diaconalOpenToAll: false },
  }),
  quiet('religious', 'primarily religious but a diaconal project open to all', {
    initiative: { primarilyReligious: true, diaconalOpenToAll: true },
  }),
  quiet('religious', 'not primarily religious', { initiative: { primarilyReligious: false } }),

  // non-core-cap: type other than kernactiviteit and > € 10.000
  fires('non-core-cap', 'refusal', 'eenmalig € 10.000,01', {
    money: { requested: 10_000.01, totalCosts: undefined },
  }),
  fires('non-core-cap', 'refusal', 'sport € 12.000', {
    initiative: { type: 'sport' },
    money: { requested: 12_000, totalCosts: undefined },
  }),
  quiet('non-core-cap', 'eenmalig € 10.000', { money: { requested: 10_000, totalCosts: undefined } }),
  quiet('non-core-cap', 'kernactiviteit € 10.000,01', kernAsking(10_000.01)),

  // applicant-above-10000
  fires(
    'applicant-above-10000',
    'refusal',
    'resident € 10.000,01',
    merge(kernAsking(10_000.01), {
      applicant: { kind: 'resident' },
    }),
  ),
  quiet(
    'applicant-above-10000',
    'resident € 10.000',
    merge(kernAsking(10_000), { applicant: { kind: 'resident' } }),
  ),
  quiet('applicant-above-10000', 'organisation € 10.000,01', kernAsking(10_000.01)),
  fires(
    'applicant-above-10000',
    'refusal',
    'kvk-professional not fitting the business',
    merge(kernAsking(20_000), {
      applicant: { kind: 'kvk-professional', kvkFitsBusiness: false },
    }),
  ),
  fires(
    'applicant-above-10000',
    'refusal',
    'kvk-professional, kvkFitsBusiness left at its default',
    merge(kernAsking(20_000), { applicant: { kind: 'kvk-professional' } }),
  ),
  quiet(
    'applicant-above-10000',
    'kvk-professional fitting the business',
    merge(kernAsking(20_000), {
      applicant: { kind: 'kvk-professional', kvkFitsBusiness: true },
    }),
  ),

  // deadline-above-10000, Y ≥ 2025 (Y = 2027)
  quiet('deadline-above-10000', 'Y=2027, today 15 August 2026', kernAsking(25_000, '2026-08-15')),
  fires('deadline-above-10000', 'risk', 'Y=2027, today 16 August 2026', kernAsking(25_000, '2026-08-16')),
  fires('deadline-above-10000', 'risk', 'Y=2027, today 15 September 2026', kernAsking(25_000, '2026-09-15')),
  fires(
    'deadline-above-10000',
    'refusal',
    'Y=2027, today 16 September 2026',
    kernAsking(25_000, '2026-09-16'),
  ),
  fires('deadline-above-10000', 'refusal', 'Y=2027, today 23 November 2026', kernAsking(25_000, TODAY)),
  quiet(
    'deadline-above-10000',
    '€ 10.000 (not above), today 16 September 2026',
    kernAsking(10_000, '2026-09-16'),
  ),
  fires('deadline-above-10000', 'refusal', 'eenmalig € 12.000 too (any type), today 16 September 2026', {
    today: '2026-09-16',
    money: { requested: 12_000, totalCosts: undefined },
  }),
  // deadline-above-10000, Y = 2024
  quiet('deadline-above-10000', 'Y=2024, today 2024-02-28', kern2024('2024-02-28')),
  fires('deadline-above-10000', 'risk', 'Y=2024, today 2024-02-29', kern2024('2024-02-29')),
  fires('deadline-above-10000', 'refusal', 'Y=2024, today 2024-03-01', kern2024('2024-03-01')),

  // budget-ceiling (ceilings by default: € 115.000 overige-initiatieven, € 30.635 sport-en-bewegen)
  fires('budget-ceiling', 'refusal', 'kern € 115.000,01 against the full ceiling', kernAsking(115_000.01)),
  quiet('budget-ceiling', 'kern € 115.000 against the full ceiling', kernAsking(115_000)),
  fires(
    'budget-ceiling',
    'refusal',
    'eenmalig € 500,01 with € 500 left',
    { money: { requested: 500.01 } },
    lowBudget('overige-initiatieven', 50_000),
  ),
  quiet(
    'budget-ceiling',
    'eenmalig € 500 with € 500 left',
    { money: { requested: 500 } },
    lowBudget('overige-initiatieven', 50_000),
  ),
  fires(
    'budget-ceiling',
    'refusal',
    'sport € 500,01 with € 500 left on sport',
    {
      initiative: { type: 'sport' },
      money: { requested: 500.01 },
    },
    lowBudget('sport-en-bewegen', 50_000),
  ),
  quiet(
    'budget-ceiling',
    'sport € 600 with only overige-initiatieven low',
    {
      initiative: { type: 'sport' },
      money: { requested: 600 },
    },
    lowBudget('overige-initiatieven', 50_000),
  ),
  fires('budget-ceiling', 'refusal', 'sport € 30.635,01 against the full sport ceiling', {
    initiative: { type: 'sport' },
    money: { requested: 30_635.01, totalCosts: undefined },
  }),
  quiet('budget-ceiling', 'sport € 30.635 against the full sport ceiling', {
    initiative: { type: 'sport' },
    money: { requested: 30_635, totalCosts: undefined },
  }),

  // multiple-initiatives / similar-granted / refused-before
  fires('multiple-initiatives', 'risk', 'bundles initiatives', { initiative: { multipleInitiatives: true } }),
  quiet('multiple-initiatives', 'one initiative', { initiative: { multipleInitiatives: false } }),
  fires('similar-granted', 'risk', 'similar granted', { history: { similarGranted: true } }),
  quiet('similar-granted', 'nothing similar', { history: { similarGranted: false } }),
  fires('refused-before', 'risk', 'refused before', { history: { sameApplicationRefusedBefore: true } }),
  quiet('refused-before', 'never refused', { history: { sameApplicationRefusedBefore: false } }),

  // late-application: start less than 56 days after today; not when started; not for buurt-500
  fires('late-application', 'warning', 'start 55 days after today', startIn(55)),
  quiet('late-application', 'start exactly 56 days after today', startIn(56)),
  fires('late-application', 'warning', 'start today', startIn(0)),
  quiet('late-application', 'already started (yesterday)', startIn(-1)),
  quiet(
    'late-application',
    'alreadyStarted true, start in 10 days',
    merge(startIn(10), {
      initiative: { alreadyStarted: true },
    }),
  ),
  quiet('late-application', 'buurt-500 (€ 500), start in 10 days', merge(buurt(500), startIn(10))),
  fires(
    'late-application',
    'warning',
    'same resident asking € 500,01 (tot-1000)',
    merge(buurt(500.01), startIn(10)),
  ),

  // food-and-drink
  fires('food-and-drink', 'warning', 'food and drink, not for low incomes', {
    money: { includesFoodAndDrink: true },
  }),
  quiet('food-and-drink', 'food and drink for residents with limited means', {
    money: { includesFoodAndDrink: true, targetsLowIncome: true },
  }),
  quiet('food-and-drink', 'no food and drink', { money: { includesFoodAndDrink: false } }),

  // materials-real-estate: not for a GALA application (not an activity and fitting the GALA)
  fires('materials-real-estate', 'risk', 'materials, an activity', {
    money: { includesMaterialsOrRealEstate: true },
  }),
  fires('materials-real-estate', 'risk', 'materials, an activity that fits the GALA', {
    initiative: { fitsGala: true },
    money: { includesMaterialsOrRealEstate: true },
  }),
  fires('materials-real-estate', 'risk', 'materials, not an activity and not fitting the GALA', {
    initiative: { isActivity: false, fitsGala: false },
    money: { includesMaterialsOrRealEstate: true },
  }),
  quiet('materials-real-estate', 'materials in a GALA application', {
    initiative: { isActivity: false, fitsGala: true },
    money: { includesMaterialsOrRealEstate: true },
  }),
  quiet('materials-real-estate', 'no materials', { money: { includesMaterialsOrRealEstate: false } }),

  // exceeds-remaining-costs (costs € 1.200, others € 100: at most € 1.100)
  fires(
    'exceeds-remaining-costs',
    'warning',
    '€ 1.100,01 of € 1.100 left',
    { money: { requested: 1_100.01 } },
    {
      maxAmount: 1_100,
    },
  ),
  quiet('exceeds-remaining-costs', '€ 1.100 of € 1.100 left', { money: { requested: 1_100 } }),
  fires(
    'exceeds-remaining-costs',
    'warning',
    'others pay more than the costs: never below 0',
    {
      money: { requested: 800, thirdPartyContributions: 1_300 },
    },
    { maxAmount: 0 },
  ),
  fires(
    'exceeds-remaining-costs',
    'warning',
    'thirdPartyContributions defaults to 0',
    {
      money: { requested: 1_200.01, thirdPartyContributions: undefined },
    },
    { maxAmount: 1_200 },
  ),
  fires(
    'exceeds-remaining-costs',
    'warning',
    'cents exact: € 0,30 − € 0,10',
    {
      money: { requested: 0.21, totalCosts: 0.3, thirdPartyContributions: 0.1 },
    },
    { maxAmount: 0.2 },
  ),
  quiet('exceeds-remaining-costs', 'cents exact: € 0,20 of € 0,30 − € 0,10', {
    money: { requested: 0.2, totalCosts: 0.3, thirdPartyContributions: 0.1 },
  }),
  quiet('exceeds-remaining-costs', 'no totalCosts: not evaluated', {
    money: { requested: 5_000, totalCosts: undefined },
  }),

  // no-own-contribution: requested ≥ total costs
  fires('no-own-contribution', 'warning', 'requested = total costs', { money: { requested: 1_200 } }),
  fires('no-own-contribution', 'warning', 'requested > total costs', { money: { requested: 1_300 } }),
  quiet('no-own-contribution', 'requested € 0,01 below total costs', { money: { requested: 1_199.99 } }),
  quiet('no-own-contribution', 'no totalCosts: not evaluated', {
    money: { requested: 1_200, totalCosts: undefined },
  }),

  // not-an-event
  fires('not-an-event', 'info', 'evenement without permit', {
    initiative: { type: 'evenement', needsEventPermit: false },
  }),
  fires('not-an-event', 'info', 'evenement, needsEventPermit left at its default', {
    initiative: { type: 'evenement' },
  }),
  quiet('not-an-event', 'evenement with permit', {
    initiative: { type: 'evenement', needsEventPermit: true },
  }),
  quiet('not-an-event', 'eenmalig', { initiative: { type: 'eenmalig', needsEventPermit: false } }),

  // other-municipal-funding / vog-required
  fires('other-municipal-funding', 'info', 'other municipal money', {
    money: { otherMunicipalFunding: true },
  }),
  quiet('other-municipal-funding', 'none', { money: { otherMunicipalFunding: false } }),
  fires('vog-required', 'info', 'volunteers with vulnerable people', {
    initiative: { worksWithVulnerable: true },
  }),
  fires(
    'vog-required',
    'info',
    'also in tier buurt-500',
    merge(buurt(300), { initiative: { worksWithVulnerable: true } }),
  ),
  quiet('vog-required', 'no vulnerable people', { initiative: { worksWithVulnerable: false } }),

  // multi-year-possible: kernactiviteit below € 1.000
  fires('multi-year-possible', 'info', 'kern € 999,99', merge(kern, { money: { requested: 999.99 } })),
  quiet('multi-year-possible', 'kern € 1.000', merge(kern, { money: { requested: 1_000 } })),
  quiet('multi-year-possible', 'eenmalig € 999,99', { money: { requested: 999.99 } }),

  // sportakkoord-ends: sport, start year after 2026
  fires('sportakkoord-ends', 'info', 'sport starting 2027-03-01', { initiative: { type: 'sport' } }),
  quiet('sportakkoord-ends', 'sport starting 2026-12-31', {
    initiative: { type: 'sport', startDate: '2026-12-31', endDate: '2026-12-31' },
  }),
  quiet('sportakkoord-ends', 'eenmalig starting 2027', { initiative: { type: 'eenmalig' } }),

  // cost-per-participant: value = requested ÷ participants, euros rounded to cents
  fires(
    'cost-per-participant',
    'info',
    '€ 800 for 60 participants',
    { initiative: { expectedParticipants: 60 } },
    {
      value: 13.33,
    },
  ),
  fires(
    'cost-per-participant',
    'info',
    '€ 100 for 3 participants',
    {
      initiative: { expectedParticipants: 3 },
      money: { requested: 100, totalCosts: 200 },
    },
    { value: 33.33 },
  ),
  fires(
    'cost-per-participant',
    'info',
    '€ 800 for 1 participant',
    { initiative: { expectedParticipants: 1 } },
    {
      value: 800,
    },
  ),
  fires(
    'cost-per-participant',
    'info',
    '€ 1.000 for 3 participants rounds up',
    {
      initiative: { expectedParticipants: 3 },
      money: { requested: 1_000, totalCosts: 2_000 },
    },
    { value: 333.33 },
  ),
  quiet('cost-per-participant', '0 participants', { initiative: { expectedParticipants: 0 } }),
  quiet('cost-per-participant', 'participants not given', {
    initiative: { expectedParticipants: undefined },
  }),

  // deadline-sources-differ: requested > € 10.000
  fires('deadline-sources-differ', 'info', 'kern € 10.000,01', kernAsking(10_000.01)),
  quiet('deadline-sources-differ', 'kern € 10.000', kernAsking(10_000)),
];

const sourceOf = (rule: RuleId) => SPEC_RULES.find((r) => r.id === rule)!.source;

describe('rule table of mag-2024', () => {
  it('the module knows exactly the 31 rules of the spec, in the spec order', () => {
    expect(SPEC_RULES).toHaveLength(31);
    expect([...RULE_IDS]).toEqual(SPEC_RULES.map((r) => r.id));
  });

  it('the base input used below triggers no rule and is eligible', () => {
    const a = run();
    expect(a.findings).toEqual([]);
    expect(a.verdict).toBe('eligible');
  });

  it('every rule has at least one case where it fires and one where it does not', () => {
    for (const { id } of SPEC_RULES) {
      expect(
        CASES.some((c) => c.rule === id && c.severity !== null),
        `${id} fires`,
      ).toBe(true);
      expect(
        CASES.some((c) => c.rule === id && c.severity === null),
        `${id} quiet`,
      ).toBe(true);
    }
  });

  it('the severities the cases expect are those of the spec table', () => {
    for (const c of CASES.filter((x) => x.severity !== null)) {
      const spec = SPEC_RULES.find((r) => r.id === c.rule)!.severity;
      if (spec === 'refusal or risk') expect(['refusal', 'risk']).toContain(c.severity);
      else expect(c.severity).toBe(spec);
    }
  });

  it.each(CASES)('$rule — $when → $severity', (c) => {
    const a = run(c.input, c.options ?? {});
    const f = findingOf(a, c.rule);
    if (c.severity === null) {
      expect(f).toBeUndefined();
      return;
    }
    expect(f, `${c.rule} should fire`).toBeDefined();
    expect(f!.severity).toBe(c.severity);
    expect(f!.message.trim()).not.toBe('');
    expect(f!.source).toContain(sourceOf(c.rule));
    expect(a.findings.filter((x) => x.rule === c.rule)).toHaveLength(1);
    if (c.maxAmount !== undefined) expect(f!.maxAmount).toBe(c.maxAmount);
    if (c.value !== undefined) expect(f!.value).toBe(c.value);
    // The verdict follows the severities (spec, Verdict).
    expect(a.verdict === 'not-eligible').toBe(a.findings.some((x) => x.severity === 'refusal'));
  });

  it('only exceeds-remaining-costs carries maxAmount and only cost-per-participant carries value', () => {
    const a = run({
      initiative: { expectedParticipants: 10, profitMotive: true, worksWithVulnerable: true },
      money: { requested: 5_000, totalCosts: 1_000, includesFoodAndDrink: true },
      history: { similarGranted: true },
    });
    for (const f of a.findings) {
      expect('maxAmount' in f, f.rule).toBe(f.rule === 'exceeds-remaining-costs');
      expect('value' in f, f.rule).toBe(f.rule === 'cost-per-participant');
    }
  });

  it('findings are sorted by severity, then by the order of the rule table', () => {
    const a = run({
      initiative: {
        inMunicipality: false,
        profitMotive: true,
        multipleInitiatives: true,
        worksWithVulnerable: true,
        expectedParticipants: 20,
        startDate: plusDays(TODAY, 20),
        endDate: plusDays(TODAY, 20),
      },
      money: {
        requested: 1_300,
        includesFoodAndDrink: true,
        includesMaterialsOrRealEstate: true,
        otherMunicipalFunding: true,
      },
      history: { grantsThisYear: 3, similarGranted: true, sameApplicationRefusedBefore: true },
    });
    expect(a.findings.length).toBeGreaterThanOrEqual(12);
    expect(a.findings.map((f) => f.rule)).toEqual(specOrder(a.findings).map((f) => f.rule));
    // Not a coincidence of the input order: a refusal late in the table comes before an early risk.
    const ids = a.findings.map((f) => f.rule);
    expect(ids.indexOf('grant-limit')).toBeLessThan(ids.indexOf('multiple-initiatives'));
    expect(ids.indexOf('materials-real-estate')).toBeLessThan(ids.indexOf('late-application'));
  });

  it('deadline-above-10000 explains the next open year in its refusal (worked example 4)', () => {
    const f = findingOf(run(kernAsking(25_000, TODAY)), 'deadline-above-10000')!;
    expect(f.severity).toBe('refusal');
    expect(f.message).toContain('2028');
    expect(f.message).toMatch(/15 August 2027|16 August 2027/);
  });

  it('messages follow the language asked for', () => {
    const input: Overrides = { initiative: { profitMotive: true } };
    const nl = findingOf(run(input, { lang: 'nl' }), 'profit-motive')!;
    const en = findingOf(run(input, { lang: 'en' }), 'profit-motive')!;
    expect(nl.message).not.toBe(en.message);
    expect(nl.source).toBe(en.source);
  });
});
