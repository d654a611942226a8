/**
 * What the rules say still matters (`guidance`): the dialog asks exactly these slots, so the answer must be
 * exact. On a complete input a slot marked irrelevant changes nothing whatever it is answered, and a slot
 * marked relevant changes the assessment for some answer; on a partial input the marks never contradict
 * what the complete input says later (three-valued logic). Checked by brute force over generated inputs.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssessInput, Assessment, SlotPath } from '../../rules/index.js';
import { assess, guidance, REQUIRED_PATHS, remedies, SLOT_PATHS, withImplied } from '../../rules/index.js';
import { inputArb } from './arbitraries.js';
import { BUDGET_SLOTS, everyAnswer, withoutBudgetRemarks } from './every-answer.js';
import { build, plusDays, run, TODAY } from './helpers.js';

const RUNS = { numRuns: 400 };
const REQUIRED: readonly SlotPath[] = REQUIRED_PATHS;

const valueAt = (input: AssessInput, path: SlotPath): unknown => {
  const [group, field] = path.split('.') as [keyof AssessInput, string];
  return (input[group] as Record<string, unknown> | undefined)?.[field];
};

function withValue(input: AssessInput, path: SlotPath, value: unknown): AssessInput {
  const [group, field] = path.split('.') as [string, string];
  const out = structuredClone(input) as Record<string, Record<string, unknown>>;
  out[group] = { ...out[group] };
  if (value === undefined) delete out[group][field];
  else out[group][field] = value;
  return out as AssessInput;
}

/** A question asked only after this one's answer, which can undo its effect. */
const FOLLOW_UPS: Partial<Record<SlotPath, SlotPath>> = {
  'initiative.primarilyReligious': 'initiative.diaconalOpenToAll',
  'money.includesFoodAndDrink': 'money.targetsLowIncome',
  'initiative.isActivity': 'initiative.fitsGala',
};

const full = (input: AssessInput): Assessment => assess(input, { today: input.today!, lang: 'nl' });

/** Every slot of the contract given, as a full input whose implied answers are written in. */
const completeArb = inputArb('all').map((input) =>
  withImplied(input, guidance(input, { today: input.today! }).implied),
);

describe('guidance: which slots still matter', () => {
  it('on a complete input, every slot is settled: relevant or not, never unknown', () => {
    fc.assert(
      fc.property(completeArb, (input) => {
        const { relevance } = guidance(input, { today: input.today! });
        for (const path of SLOT_PATHS) expect(relevance[path], path).not.toBeUndefined();
      }),
      RUNS,
    );
  });

  it('an irrelevant slot changes nothing, whatever the answer; a relevant one changes something (before a refusal)', () => {
    fc.assert(
      fc.property(completeArb, (input) => {
        const { relevance, implied } = guidance(input, { today: input.today! });
        const before = full(input);
        const buurt = before.route?.tier === 'buurt-500';
        // Relevance is about a conversation still going: without a refusal, and for an amount (the dialog
        // never takes € 0).
        const askable =
          before.verdict !== 'not-eligible' && (valueAt(input, 'money.requested') as number) > 0;
        for (const path of SLOT_PATHS) {
          if (path in implied) continue;
          const outcomes = [
            undefined,
            ...everyAnswer(path, input.today!, valueAt(input, 'initiative.startDate') as string),
          ].map((v) => {
            const changed = withValue(input, path, v);
            // The answers implied by the changed slot follow it (a kernactiviteit is an activity).
            return full(withImplied(changed, guidance(changed, { today: input.today! }).implied));
          });
          if (relevance[path] === false) {
            const exempt = buurt && BUDGET_SLOTS.includes(path);
            for (const after of outcomes) {
              const same = exempt
                ? isDeepStrictEqual(withoutBudgetRemarks(after), withoutBudgetRemarks(before))
                : isDeepStrictEqual(after, before);
              expect(
                same,
                `${path} is irrelevant but changes the assessment of ${JSON.stringify(input)}`,
              ).toBe(true);
            }
          } else if (askable && !REQUIRED.includes(path)) {
            // Required slots are asked whatever they change (the contract needs them). A follow-up's answer
            // can hide what this one changes (religious but diaconal), so it may take its default too.
            const follow = FOLLOW_UPS[path];
            const plain = follow ? withValue(input, follow, false) : input;
            const variants = everyAnswer(
              path,
              input.today!,
              valueAt(input, 'initiative.startDate') as string,
            ).map((v) => withValue(plain, path, v));
            const changes = [...outcomes, ...variants.map(full)].some(
              (after) => !isDeepStrictEqual(after, before),
            );
            expect(changes, `${path} is relevant but no answer changes ${JSON.stringify(input)}`).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('what a partial input marks as settled stays so when the other answers come (three-valued)', () => {
    fc.assert(
      fc.property(
        completeArb,
        fc.uniqueArray(fc.constantFrom(...SLOT_PATHS), { maxLength: SLOT_PATHS.length }),
        (input, unknown) => {
          let partial = input;
          for (const path of unknown) partial = withValue(partial, path, undefined);
          const early = guidance({ ...partial, partial: true }, { today: input.today! }).relevance;
          const late = guidance(input, { today: input.today! }).relevance;
          for (const path of SLOT_PATHS) {
            if (early[path] !== undefined) expect(late[path], path).toBe(early[path]);
          }
        },
      ),
      RUNS,
    );
  });

  it('follows the spec: the neighbourhood matters only for a resident one-off up to € 500, at the edge', () => {
    const resident = (requested: number) =>
      guidance(
        {
          applicant: { kind: 'resident' },
          initiative: { type: 'eenmalig' },
          money: { requested },
          partial: true,
        },
        { today: TODAY },
      ).relevance['initiative.ownNeighbourhood'];
    expect(resident(500)).toBe(true);
    expect(resident(500.01)).toBe(false);
    const organisation = guidance(
      { applicant: { kind: 'organisation' }, initiative: { type: 'eenmalig' }, money: { requested: 300 } },
      { today: TODAY },
    ).relevance['initiative.ownNeighbourhood'];
    expect(organisation).toBe(false);
  });

  it('asks the end date only when the year total is above € 5.000, and not for a kernactiviteit audit', () => {
    const endDate = (requested: number, earlier: number, type: 'eenmalig' | 'kernactiviteit' = 'eenmalig') =>
      guidance(
        {
          initiative: { type },
          money: { requested },
          history: { grantsThisYear: earlier > 0 ? 1 : 0, amountGrantedThisYear: earlier },
        },
        { today: TODAY },
      ).relevance['initiative.endDate'];
    expect(endDate(5_000, 0)).toBe(false);
    expect(endDate(4_000, 1_000)).toBe(false);
    expect(endDate(4_000, 1_000.01)).toBe(true);
    expect(endDate(5_000.01, 0)).toBe(true);
    expect(endDate(60_000, 0, 'kernactiviteit')).toBe(false);
    expect(endDate(40_000, 0, 'kernactiviteit')).toBe(true);
  });

  it('implies what the answers already say: a kernactiviteit or event is an activity, a later start has not begun', () => {
    expect(guidance({ initiative: { type: 'evenement' } }, { today: TODAY }).implied).toEqual({
      'initiative.isActivity': true,
    });
    expect(guidance({ initiative: { startDate: plusDays(TODAY, 1) } }, { today: TODAY }).implied).toEqual({
      'initiative.alreadyStarted': false,
    });
    expect(
      guidance({ initiative: { startDate: TODAY } }, { today: TODAY }).relevance['initiative.alreadyStarted'],
    ).toBe(true);
    expect(
      guidance({ initiative: { type: 'eenmalig' } }, { today: TODAY }).relevance['initiative.isActivity'],
    ).toBe(true);
  });
});

describe('remedies: a simple way out of a refusal', () => {
  const ways = (input: AssessInput, budget?: Record<string, number>) =>
    remedies(input, { today: TODAY, ...(budget && { remainingBudget: budget }) });

  it('a non-core request above € 10.000 can go on with € 10.000 (art. 7)', () => {
    expect(ways(build({ money: { requested: 12_000, totalCosts: 20_000 } }))).toEqual([
      { kind: 'lower-amount', amount: 10_000 },
    ]);
  });

  it('a resident above € 10.000 can go on with € 10.000 (art. 4)', () => {
    expect(
      ways(build({ applicant: { kind: 'resident' }, money: { requested: 10_000.01, totalCosts: 20_000 } })),
    ).toEqual([{ kind: 'lower-amount', amount: 10_000 }]);
  });

  it('more than is left of the budget line can go on with what is left', () => {
    expect(ways(build({ money: { requested: 800 } }), { 'overige-initiatieven': 650_00 })).toEqual([
      { kind: 'lower-amount', amount: 650 },
    ]);
  });

  it('a kernactiviteit too late for 2027 can go on for 2028 (worked example 4), or with € 10.000 for 2027', () => {
    const kern = build({
      initiative: { type: 'kernactiviteit', startDate: '2027-03-01', endDate: '2027-12-31' },
      money: { requested: 25_000, totalCosts: 40_000 },
    });
    expect(ways(kern)).toEqual([
      { kind: 'lower-amount', amount: 10_000 },
      { kind: 'later-year', year: 2028 },
    ]);
    const small = build({
      initiative: { type: 'kernactiviteit', startDate: '2026-12-20', endDate: '2026-12-20' },
      money: { requested: 800 },
    });
    expect(run({}, {}, small).findings.map((f) => f.rule)).toContain('kern-deadline');
    expect(ways(small)).toEqual([{ kind: 'later-year', year: 2027 }]);
  });

  it('a recurring initiative that has already started can go on with its next round', () => {
    expect(ways(build({ initiative: { alreadyStarted: true } }))).toEqual([{ kind: 'next-round' }]);
  });

  it('offers nothing when another ground remains', () => {
    expect(ways(build({ initiative: { profitMotive: true }, money: { requested: 12_000 } }))).toEqual([]);
    expect(ways(build({ initiative: { profitMotive: true } }))).toEqual([]);
  });

  it('whatever it offers really leaves no refusal (generated inputs)', () => {
    fc.assert(
      fc.property(inputArb('some'), (input) => {
        const today = input.today!;
        for (const way of remedies(input, { today })) {
          const start = valueAt(input, 'initiative.startDate') as string;
          const fixed =
            way.kind === 'lower-amount'
              ? withValue(input, 'money.requested', way.amount)
              : way.kind === 'later-year'
                ? withValue(
                    withValue(input, 'initiative.endDate', undefined),
                    'initiative.startDate',
                    `${way.year}${start.slice(4, 10) === '-02-29' ? '-02-28' : start.slice(4)}`,
                  )
                : withValue(
                    withValue(input, 'initiative.alreadyStarted', false),
                    'initiative.startDate',
                    undefined,
                  );
          const a = assess({ ...fixed, partial: true }, { today });
          expect(a.findings.filter((f) => f.severity === 'refusal')).toEqual([]);
        }
      }),
      RUNS,
    );
  });
});
