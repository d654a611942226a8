/**
 * Generated inputs for the rules' property tests (fast-check). Valid by construction: every field of the
 * contract, amounts as whole cents / 100, dates real calendar dates 2024–2030, today 2024-01-01 … 2030-12-31.
 */
import fc from 'fast-check';
import type { AssessInput, RemainingBudget } from '../../rules/index.js';
import { APPLICANT_KINDS, KADERS, SUBSIDY_TYPES, THEMES } from '../../rules/index.js';
import { plusDays } from './helpers.js';

export const DAY = 86_400_000;
export const FIRST = '2024-01-01';
export const LAST = '2030-12-31';

// ---------------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------------

export const dateBetween = (from: string, to: string) =>
  fc
    .integer({ min: Date.parse(from) / DAY, max: Date.parse(to) / DAY })
    .map((d) => new Date(d * DAY).toISOString().slice(0, 10));
const clamp = (date: string) => (date < FIRST ? FIRST : date > LAST ? LAST : date);
/** A date somewhere in 2024–2030, or near `today` (so timing rules are exercised on both sides). */
const dateNear = (today: string) =>
  fc.oneof(
    { weight: 1, arbitrary: dateBetween(FIRST, LAST) },
    { weight: 2, arbitrary: fc.integer({ min: -3, max: 120 }).map((n) => clamp(plusDays(today, n))) },
    { weight: 2, arbitrary: fc.integer({ min: -30, max: 800 }).map((n) => clamp(plusDays(today, n))) },
  );

/** Euros with at most two decimals, made from whole cents; the spec's boundaries are drawn often. */
export const BOUNDARIES = [
  0, 0.01, 499.99, 500, 500.01, 999.99, 1_000, 1_000.01, 5_000, 5_000.01, 9_999.99, 10_000, 10_000.01, 30_635,
  30_635.01, 50_000, 50_000.01, 115_000, 115_000.01, 150_000, 150_000.01,
];
export const euros = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...BOUNDARIES) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 2_000_00 }).map((c) => c / 100) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 600_00 }).map((c) => c / 100) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 12_000_00 }).map((c) => c / 100) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 200_000_00 }).map((c) => c / 100) },
);
export const cents = (amount: number) => Math.round(amount * 100);

/** Mostly false: flags that refuse or warn would otherwise make nearly every input not-eligible. */
const rarely = fc.oneof(
  { weight: 9, arbitrary: fc.constant(false) },
  { weight: 1, arbitrary: fc.constant(true) },
);
const mostly = rarely.map((b) => !b);
/** A list of codes, seldom empty (an empty list is a refusal). */
const codes = <T extends string>(all: readonly T[]) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant([] as T[]) },
    { weight: 9, arbitrary: fc.array(fc.constantFrom(...all), { minLength: 1, maxLength: all.length + 1 }) },
  );
/** A count, usually low (high counts are refusals). */
const count = (max: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 1 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max }) },
  );

export type Keys = 'some' | 'all';

export const inputArb = (keys: Keys): fc.Arbitrary<AssessInput> =>
  dateBetween(FIRST, LAST).chain((today) => {
    /** A record whose optional keys are sometimes left out ('some'), or never ('all'). */
    const rec = <T>(
      model: { [K in keyof T]: fc.Arbitrary<T[K]> },
      required: (keyof T)[],
    ): fc.Arbitrary<Partial<T>> =>
      keys === 'all' ? fc.record(model) : fc.record(model, { requiredKeys: required });
    const applicant = rec({ kind: fc.constantFrom(...APPLICANT_KINDS), kvkFitsBusiness: fc.boolean() }, [
      'kind',
    ]);
    const initiative = rec(
      {
        inMunicipality: mostly,
        ownNeighbourhood: fc.boolean(),
        themes: codes(THEMES),
        kaders: codes(KADERS),
        type: fc.constantFrom(...SUBSIDY_TYPES),
        isActivity: mostly,
        fitsGala: fc.boolean(),
        startDate: dateNear(today),
        endDate: dateNear(today),
        alreadyStarted: rarely,
        multipleInitiatives: rarely,
        profitMotive: rarely,
        primarilyReligious: rarely,
        diaconalOpenToAll: fc.boolean(),
        worksWithVulnerable: fc.boolean(),
        needsEventPermit: fc.boolean(),
        expectedParticipants: fc.oneof(
          fc.constant(0),
          fc.integer({ min: 1, max: 7 }),
          fc.integer({ min: 0, max: 5_000 }),
        ),
      },
      ['inMunicipality', 'themes', 'kaders', 'type', 'startDate'],
    );
    const money = rec(
      {
        requested: euros,
        totalCosts: euros,
        thirdPartyContributions: euros,
        includesFoodAndDrink: fc.boolean(),
        targetsLowIncome: fc.boolean(),
        includesMaterialsOrRealEstate: rarely,
        otherMunicipalFunding: fc.boolean(),
      },
      ['requested'],
    );
    const history = rec(
      {
        grantsThisYear: count(4),
        amountGrantedThisYear: euros,
        nonCoreApplicationsThisYear: count(3),
        coreApplicationThisYear: rarely,
        sameApplicationRefusedBefore: rarely,
        similarGranted: rarely,
      },
      [],
    );
    return rec({ today: fc.constant(today), applicant, initiative, money, history }, [
      'today',
      'applicant',
      'initiative',
      'money',
    ]) as fc.Arbitrary<AssessInput>;
  });

/** Usually the full ceilings; sometimes a deployment with less left on a line. */
export const optionsArb: fc.Arbitrary<{ remainingBudget?: RemainingBudget }> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc.record({
      remainingBudget: fc.record(
        {
          'sport-en-bewegen': fc.integer({ min: 0, max: 40_000_00 }),
          'overige-initiatieven': fc.integer({ min: 0, max: 150_000_00 }),
        },
        { requiredKeys: [] },
      ),
    }),
  },
);
