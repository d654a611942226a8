/**
 * "Partial assessment" in mag-rules.md: with `partial: true` a rule is reported only when the answers
 * given make it hold whatever the missing ones turn out to be; defaults never count as given, `today`
 * always does; `missing` lists the required slots still open plus the six that became relevant.
 */
import { describe, expect, it } from 'vitest';
import type { RuleId, Severity, SlotPath } from '../../rules/index.js';
import { assess, validateAssessInput } from '../../rules/index.js';
import type { Overrides } from './helpers.js';
import { build, findingOf, plusDays, ruleIds, run, SPEC_REQUIRED, sorted, TODAY, valid } from './helpers.js';

/** Assesses only the answers given (nothing from BASE), with partial: true. */
const partial = (answers: Overrides, today = TODAY) =>
  assess(valid(build({ ...answers, partial: true }, {})), { today, lang: 'en' });

/** The same answers completed with BASE's values where not given (a full assessment). */
const full = (answers: Overrides) => run(answers);

describe('partial assessment: what the spec names', () => {
  it('alreadyStarted: true alone reports already-started and is not-eligible', () => {
    const a = partial({ initiative: { alreadyStarted: true } });
    expect(ruleIds(a)).toEqual(['already-started']);
    expect(findingOf(a, 'already-started')?.severity).toBe('refusal');
    expect(a.verdict).toBe('not-eligible');
  });

  it('inMunicipality: false alone reports outside-municipality and is not-eligible', () => {
    const a = partial({ initiative: { inMunicipality: false } });
    expect(ruleIds(a)).toEqual(['outside-municipality']);
    expect(findingOf(a, 'outside-municipality')?.severity).toBe('refusal');
    expect(a.verdict).toBe('not-eligible');
  });

  it('nothing answered: incomplete, no findings, every required slot missing', () => {
    const a = partial({});
    expect(a.verdict).toBe('incomplete');
    expect(a.findings).toEqual([]);
    expect(sorted(a.missing ?? [])).toEqual(sorted(SPEC_REQUIRED));
  });

  it('a future startDate without alreadyStarted: no already-started, incomplete', () => {
    const a = partial({ initiative: { startDate: '2027-03-01' } });
    expect(ruleIds(a)).not.toContain('already-started');
    expect(a.verdict).toBe('incomplete');
  });

  it('today always counts as given: a startDate before today alone reports already-started', () => {
    const a = partial({ initiative: { startDate: plusDays(TODAY, -1) } });
    expect(findingOf(a, 'already-started')?.severity).toBe('refusal');
    expect(a.verdict).toBe('not-eligible');
    // … and input.today is the date that counts.
    const later = partial({ today: '2027-03-02', initiative: { startDate: '2027-03-01' } });
    expect(ruleIds(later)).toContain('already-started');
  });

  it('every required and relevant slot answered: still incomplete, nothing missing, the full assessment’s findings', () => {
    const answers: Overrides = {
      initiative: { expectedParticipants: 40, startDate: plusDays(TODAY, 30), alreadyStarted: false },
      money: { includesFoodAndDrink: true, targetsLowIncome: false },
    };
    const all = build(answers);
    const a = assess(valid({ ...all, partial: true }), { today: TODAY, lang: 'en' });
    const f = full(answers);
    expect(a.verdict).toBe('incomplete');
    expect(a.missing).toEqual([]);
    expect(ruleIds(a)).toEqual(
      expect.arrayContaining(['late-application', 'food-and-drink', 'cost-per-participant']),
    );
    // BASE leaves some optional flags out; the full assessment fills the defaults, which here trigger nothing.
    expect(ruleIds(a)).toEqual(ruleIds(f));
  });
});

describe('defaults never count as given', () => {
  // Each answer set makes `rule` hold in a full assessment only because of a default.
  const CASES: { when: string; answers: Overrides; rule: RuleId }[] = [
    {
      when: 'kvk-professional asking € 20.000 (kvkFitsBusiness defaults to false)',
      answers: { applicant: { kind: 'kvk-professional' }, money: { requested: 20_000 }, today: '2026-08-01' },
      rule: 'applicant-above-10000',
    },
    {
      when: 'an evenement (needsEventPermit defaults to false)',
      answers: { initiative: { type: 'evenement' } },
      rule: 'not-an-event',
    },
    {
      when: 'not an activity (fitsGala defaults to false)',
      answers: { initiative: { isActivity: false } },
      rule: 'not-gala',
    },
    {
      when: 'primarily religious (diaconalOpenToAll defaults to false)',
      answers: { initiative: { primarilyReligious: true } },
      rule: 'religious',
    },
    {
      when: 'food and drink (targetsLowIncome defaults to false)',
      answers: { money: { includesFoodAndDrink: true } },
      rule: 'food-and-drink',
    },
    {
      when: 'materials (isActivity defaults to true, so not a GALA application)',
      answers: { money: { includesMaterialsOrRealEstate: true }, initiative: { isActivity: undefined } },
      rule: 'materials-real-estate',
    },
    {
      when: 'start in 20 days (alreadyStarted defaults to false)',
      answers: {
        applicant: { kind: 'organisation' },
        initiative: { startDate: plusDays(TODAY, 20), endDate: undefined, alreadyStarted: undefined },
      },
      rule: 'late-application',
    },
    {
      when: 'requested > totalCosts (thirdPartyContributions defaults to 0)',
      answers: { money: { requested: 1_200.01, totalCosts: 1_200, thirdPartyContributions: undefined } },
      rule: 'exceeds-remaining-costs',
    },
  ];

  it.each(CASES)('$when: full reports $rule, partial does not', ({ answers, rule }) => {
    expect(ruleIds(full(answers))).toContain(rule);
    const a = partial(answers);
    expect(ruleIds(a)).not.toContain(rule);
    expect(a.verdict).toBe('incomplete');
  });
});

describe('rules reported once the answers given settle them', () => {
  const CASES: { rule: RuleId; severity: Severity; answers: Overrides; today?: string }[] = [
    { rule: 'outside-municipality', severity: 'refusal', answers: { initiative: { inMunicipality: false } } },
    { rule: 'no-theme', severity: 'refusal', answers: { initiative: { themes: [] } } },
    { rule: 'no-kader', severity: 'refusal', answers: { initiative: { kaders: [] } } },
    {
      rule: 'not-gala',
      severity: 'refusal',
      answers: { initiative: { isActivity: false, fitsGala: false } },
    },
    { rule: 'already-started', severity: 'refusal', answers: { initiative: { alreadyStarted: true } } },
    { rule: 'grant-limit', severity: 'refusal', answers: { history: { grantsThisYear: 3 } } },
    {
      rule: 'core-once-a-year',
      severity: 'refusal',
      answers: { initiative: { type: 'kernactiviteit' }, history: { coreApplicationThisYear: true } },
    },
    {
      rule: 'non-core-twice-a-year',
      severity: 'refusal',
      answers: { initiative: { type: 'sport' }, history: { nonCoreApplicationsThisYear: 2 } },
    },
    {
      rule: 'kern-needs-organisation',
      severity: 'refusal',
      answers: { applicant: { kind: 'resident' }, initiative: { type: 'kernactiviteit' } },
    },
    {
      rule: 'kern-deadline',
      severity: 'refusal',
      answers: { initiative: { type: 'kernactiviteit', startDate: '2027-12-31' }, money: { requested: 800 } },
      today: '2027-11-01',
    },
    { rule: 'profit-motive', severity: 'refusal', answers: { initiative: { profitMotive: true } } },
    {
      rule: 'religious',
      severity: 'refusal',
      answers: { initiative: { primarilyReligious: true, diaconalOpenToAll: false } },
    },
    {
      rule: 'non-core-cap',
      severity: 'refusal',
      answers: { initiative: { type: 'evenement' }, money: { requested: 12_000 } },
    },
    {
      rule: 'applicant-above-10000',
      severity: 'refusal',
      answers: { applicant: { kind: 'resident' }, money: { requested: 10_000.01 } },
    },
    {
      rule: 'applicant-above-10000',
      severity: 'refusal',
      answers: {
        applicant: { kind: 'kvk-professional', kvkFitsBusiness: false },
        money: { requested: 20_000 },
      },
    },
    {
      rule: 'deadline-above-10000',
      severity: 'refusal',
      answers: { initiative: { startDate: '2027-03-01' }, money: { requested: 20_000 } },
    },
    {
      rule: 'deadline-above-10000',
      severity: 'risk',
      answers: { initiative: { startDate: '2027-03-01' }, money: { requested: 20_000 } },
      today: '2026-08-20',
    },
    {
      rule: 'budget-ceiling',
      severity: 'refusal',
      answers: { initiative: { type: 'kernactiviteit' }, money: { requested: 120_000 } },
    },
    {
      rule: 'multiple-initiatives',
      severity: 'risk',
      answers: { initiative: { multipleInitiatives: true } },
    },
    { rule: 'similar-granted', severity: 'risk', answers: { history: { similarGranted: true } } },
    {
      rule: 'refused-before',
      severity: 'risk',
      answers: { history: { sameApplicationRefusedBefore: true } },
    },
    {
      rule: 'late-application',
      severity: 'warning',
      answers: {
        applicant: { kind: 'organisation' },
        initiative: { startDate: plusDays(TODAY, 20), alreadyStarted: false },
      },
    },
    {
      rule: 'food-and-drink',
      severity: 'warning',
      answers: { money: { includesFoodAndDrink: true, targetsLowIncome: false } },
    },
    {
      rule: 'materials-real-estate',
      severity: 'risk',
      answers: { initiative: { isActivity: true }, money: { includesMaterialsOrRealEstate: true } },
    },
    {
      rule: 'exceeds-remaining-costs',
      severity: 'warning',
      answers: { money: { requested: 1_100.01, totalCosts: 1_200, thirdPartyContributions: 100 } },
    },
    {
      rule: 'no-own-contribution',
      severity: 'warning',
      answers: { money: { requested: 1_200, totalCosts: 1_200 } },
    },
    {
      rule: 'not-an-event',
      severity: 'info',
      answers: { initiative: { type: 'evenement', needsEventPermit: false } },
    },
    {
      rule: 'other-municipal-funding',
      severity: 'info',
      answers: { money: { otherMunicipalFunding: true } },
    },
    { rule: 'vog-required', severity: 'info', answers: { initiative: { worksWithVulnerable: true } } },
    {
      rule: 'multi-year-possible',
      severity: 'info',
      answers: { initiative: { type: 'kernactiviteit' }, money: { requested: 999 } },
    },
    {
      rule: 'sportakkoord-ends',
      severity: 'info',
      answers: { initiative: { type: 'sport', startDate: '2027-03-01' } },
    },
    {
      rule: 'cost-per-participant',
      severity: 'info',
      answers: { initiative: { expectedParticipants: 60 }, money: { requested: 800 } },
    },
    {
      rule: 'deadline-sources-differ',
      severity: 'info',
      answers: { initiative: { startDate: '2027-03-01' }, money: { requested: 12_000 } },
    },
  ];

  it.each(CASES)('$rule ($severity)', ({ rule, severity, answers, today }) => {
    const a = partial(answers, today);
    const f = findingOf(a, rule);
    expect(f?.severity).toBe(severity);
    expect(f?.message.trim()).not.toBe('');
    expect(f?.source.trim()).not.toBe('');
    expect(a.verdict).toBe(a.findings.some((x) => x.severity === 'refusal') ? 'not-eligible' : 'incomplete');
  });

  it('a not-eligible partial assessment has nothing to send', () => {
    const a = partial({ initiative: { profitMotive: true } });
    expect(a.verdict).toBe('not-eligible');
    expect(a.checklist ?? []).toEqual([]);
    expect(a.deadlines ?? []).toEqual([]);
  });

  // mag-rules.md: "A rule is reported when the inputs given already make it hold whatever the missing
  // ones turn out to be". € 200.000 is above the remaining budget of either budget line (€ 115.000 and
  // € 30.635 by default), so budget-ceiling holds whatever the type turns out to be.
  it('budget-ceiling: € 200.000 exceeds every budget line, so it holds before the type is known', () => {
    const a = partial({ money: { requested: 200_000 } });
    expect(findingOf(a, 'budget-ceiling')?.severity).toBe('refusal');
    expect(a.verdict).toBe('not-eligible');
    const nl = assess(valid({ partial: true, money: { requested: 200_000 } }), { today: TODAY, lang: 'nl' });
    expect(findingOf(nl, 'budget-ceiling')?.message.trim()).not.toBe('');
    expect(findingOf(nl, 'budget-ceiling')?.message).not.toBe(findingOf(a, 'budget-ceiling')?.message);
    // € 30.636 is above what is left for sport but not for the other line: it depends on the type.
    expect(ruleIds(partial({ money: { requested: 30_636 } }))).not.toContain('budget-ceiling');
  });
});

describe('findings with a number only once it can be computed', () => {
  const CASES: { when: string; answers: Overrides; rule: RuleId; reported: boolean }[] = [
    {
      when: 'requested and totalCosts, no thirdPartyContributions',
      answers: { money: { requested: 2_000, totalCosts: 1_000 } },
      rule: 'exceeds-remaining-costs',
      reported: false,
    },
    {
      when: 'totalCosts and thirdPartyContributions, no requested',
      answers: { money: { totalCosts: 1_000, thirdPartyContributions: 900 } },
      rule: 'exceeds-remaining-costs',
      reported: false,
    },
    {
      when: 'requested and thirdPartyContributions, no totalCosts',
      answers: { money: { requested: 2_000, thirdPartyContributions: 900 } },
      rule: 'exceeds-remaining-costs',
      reported: false,
    },
    {
      when: 'all three given',
      answers: { money: { requested: 2_000, totalCosts: 1_000, thirdPartyContributions: 0 } },
      rule: 'exceeds-remaining-costs',
      reported: true,
    },
    {
      when: 'participants, no requested',
      answers: { initiative: { expectedParticipants: 10 } },
      rule: 'cost-per-participant',
      reported: false,
    },
    {
      when: 'requested, no participants',
      answers: { money: { requested: 500 } },
      rule: 'cost-per-participant',
      reported: false,
    },
  ];

  it.each(CASES)('$rule, $when → reported: $reported', ({ answers, rule, reported }) => {
    expect(ruleIds(partial(answers)).includes(rule)).toBe(reported);
  });

  it('the numbers carried are the ones the answers give', () => {
    expect(
      findingOf(
        partial({ money: { requested: 2_000, totalCosts: 1_000, thirdPartyContributions: 250 } }),
        'exceeds-remaining-costs',
      )?.maxAmount,
    ).toBe(750);
    expect(
      findingOf(
        partial({ initiative: { expectedParticipants: 8 }, money: { requested: 100 } }),
        'cost-per-participant',
      )?.value,
    ).toBe(12.5);
  });

  it('no-own-contribution carries no number: requested and totalCosts suffice', () => {
    expect(ruleIds(partial({ money: { requested: 1_000, totalCosts: 1_000 } }))).toContain(
      'no-own-contribution',
    );
  });
});

describe('missing: required slots plus the six that became relevant', () => {
  type Conditional = SlotPath;
  const CASES: { when: string; answers: Overrides; conditional: Conditional[] }[] = [
    // applicant.kvkFitsBusiness: a kvk-professional asking more than € 10.000
    {
      when: 'kvk-professional asking € 10.000,01',
      answers: { applicant: { kind: 'kvk-professional' }, money: { requested: 10_000.01 } },
      conditional: ['applicant.kvkFitsBusiness'],
    },
    {
      when: 'kvk-professional asking € 10.000',
      answers: { applicant: { kind: 'kvk-professional' }, money: { requested: 10_000 } },
      conditional: [],
    },
    {
      when: 'organisation asking € 20.000',
      answers: { applicant: { kind: 'organisation' }, money: { requested: 20_000 } },
      conditional: [],
    },
    {
      when: 'kvk-professional, amount unknown',
      answers: { applicant: { kind: 'kvk-professional' } },
      conditional: [],
    },
    {
      when: 'kvk-professional asking € 20.000, kvkFitsBusiness answered',
      answers: {
        applicant: { kind: 'kvk-professional', kvkFitsBusiness: true },
        money: { requested: 20_000 },
      },
      conditional: [],
    },
    // initiative.needsEventPermit: an evenement
    {
      when: 'an evenement',
      answers: { initiative: { type: 'evenement' } },
      conditional: ['initiative.needsEventPermit'],
    },
    { when: 'an eenmalig', answers: { initiative: { type: 'eenmalig' } }, conditional: [] },
    {
      when: 'an evenement, needsEventPermit answered',
      answers: { initiative: { type: 'evenement', needsEventPermit: true } },
      conditional: [],
    },
    // initiative.ownNeighbourhood: a resident's eenmalig up to € 500
    {
      when: 'resident, eenmalig, € 500',
      answers: {
        applicant: { kind: 'resident' },
        initiative: { type: 'eenmalig' },
        money: { requested: 500 },
      },
      conditional: ['initiative.ownNeighbourhood'],
    },
    {
      when: 'resident, eenmalig, € 500,01',
      answers: {
        applicant: { kind: 'resident' },
        initiative: { type: 'eenmalig' },
        money: { requested: 500.01 },
      },
      conditional: [],
    },
    {
      when: 'organisation, eenmalig, € 500',
      answers: {
        applicant: { kind: 'organisation' },
        initiative: { type: 'eenmalig' },
        money: { requested: 500 },
      },
      conditional: [],
    },
    {
      when: 'resident, sport, € 500',
      answers: { applicant: { kind: 'resident' }, initiative: { type: 'sport' }, money: { requested: 500 } },
      conditional: [],
    },
    {
      when: 'resident, evenement without permit (an eenmalig in every respect), € 300',
      answers: {
        applicant: { kind: 'resident' },
        initiative: { type: 'evenement', needsEventPermit: false },
        money: { requested: 300 },
      },
      conditional: ['initiative.ownNeighbourhood'],
    },
    {
      when: 'resident, eenmalig, € 500, ownNeighbourhood answered',
      answers: {
        applicant: { kind: 'resident' },
        initiative: { type: 'eenmalig', ownNeighbourhood: true },
        money: { requested: 500 },
      },
      conditional: [],
    },
    // initiative.fitsGala: not an activity
    {
      when: 'not an activity',
      answers: { initiative: { isActivity: false } },
      conditional: ['initiative.fitsGala'],
    },
    { when: 'an activity', answers: { initiative: { isActivity: true } }, conditional: [] },
    {
      when: 'not an activity, fitsGala answered',
      answers: { initiative: { isActivity: false, fitsGala: true } },
      conditional: [],
    },
    // initiative.diaconalOpenToAll: primarily religious
    {
      when: 'primarily religious',
      answers: { initiative: { primarilyReligious: true } },
      conditional: ['initiative.diaconalOpenToAll'],
    },
    {
      when: 'not primarily religious',
      answers: { initiative: { primarilyReligious: false } },
      conditional: [],
    },
    {
      when: 'primarily religious, diaconalOpenToAll answered',
      answers: { initiative: { primarilyReligious: true, diaconalOpenToAll: true } },
      conditional: [],
    },
    // money.targetsLowIncome: food and drink included
    {
      when: 'food and drink included',
      answers: { money: { includesFoodAndDrink: true } },
      conditional: ['money.targetsLowIncome'],
    },
    { when: 'no food and drink', answers: { money: { includesFoodAndDrink: false } }, conditional: [] },
    {
      when: 'food and drink, targetsLowIncome answered',
      answers: { money: { includesFoodAndDrink: true, targetsLowIncome: true } },
      conditional: [],
    },
    // several at once
    {
      when: 'an evenement that is not an activity, with food, by a religious group',
      answers: {
        initiative: { type: 'evenement', isActivity: false, primarilyReligious: true },
        money: { includesFoodAndDrink: true },
      },
      conditional: [
        'initiative.needsEventPermit',
        'initiative.fitsGala',
        'initiative.diaconalOpenToAll',
        'money.targetsLowIncome',
      ],
    },
  ];

  const given = (answers: Overrides, path: string): boolean => {
    const [group, field] = path.split('.') as [keyof Overrides, string];
    const g = answers[group] as Record<string, unknown> | undefined;
    return g?.[field] !== undefined;
  };

  it.each(CASES)('$when', ({ answers, conditional }) => {
    const a = partial(answers);
    const required = SPEC_REQUIRED.filter((p) => !given(answers, p));
    expect(sorted(a.missing ?? [])).toEqual(sorted([...required, ...conditional]));
  });

  it('a full (non-partial) assessment has no missing list', () => {
    expect(run().missing).toBeUndefined();
  });
});

describe('a partial input never needs the required slots', () => {
  it.each([
    ['only applicant.kind', { applicant: { kind: 'resident' } }],
    ['only money', { money: { requested: 100 } }],
    ['only history', { history: { grantsThisYear: 1 } }],
  ] as [string, Overrides][])('%s', (_, answers) => {
    expect(validateAssessInput({ ...build(answers, {}), partial: true }, 'en').ok).toBe(true);
    expect(partial(answers).verdict).toBe('incomplete');
  });
});
