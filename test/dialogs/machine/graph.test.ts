/**
 * Model-based test of the intake machine with `xstate/graph`: every question the machine can reach is
 * reached, no question comes after a refusal is certain, every verdict equals what the rules module says
 * for the answers given on the way (channels.md: "exactly what `POST /api/assess` returns for the answers
 * given so far"), and every slot the conversation did not ask could not have changed that verdict (tried
 * with every kind of answer). The amounts sit on the spec's edges, so a threshold the dialog kept for
 * itself, or one the rules' relevance shifted, shows up as a verdict that differs or a slot never asked.
 *
 * The traversal keys a state on its state value and all answers, so two paths meet only where the
 * machine really is in the same place; the product stays small because only answers that change the
 * routing get several values (see `valuesFor` in model.ts).
 */
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { Answers } from '../../../dialogs/answers.js';
import { toAssessInput } from '../../../dialogs/answers.js';
import type { IntakeEvent } from '../../../dialogs/intake-machine.js';
import { createIntakeMachine } from '../../../dialogs/intake-machine.js';
import type { Assessment, CalendarDate, RuleId } from '../../../rules/index.js';
import { assess, guidance, SLOT_PATHS, withImplied } from '../../../rules/index.js';
import { BUDGET_SLOTS, everyAnswer, withoutBudgetRemarks } from '../../rules/every-answer.js';
import type { IntakeSnapshot, Path } from './model.js';
import {
  answer,
  canonical,
  EDGE_AMOUNTS,
  eventsOf,
  expectedAssessment,
  leafStateIds,
  modelPaths,
  questionsToFirstVerdict,
  REFUSALS_BEFORE,
  refusalPositions,
  refusals,
  slotValues,
  stateId,
  TODAY,
} from './model.js';

const machine = createIntakeMachine();

const traverse = (today: CalendarDate, keep?: (s: IntakeSnapshot, e: IntakeEvent) => boolean) =>
  modelPaths(machine, today, keep);
/** The snapshot before the last event (the question the last answer answered). */
const beforeLast = (p: Path): IntakeSnapshot => p.steps.at(-2)!.state;

/**
 * The slots the conversation never asked whose answer would have changed the assessment. Each unasked
 * slot (neither answered nor implied) is tried with every kind of answer, the others as given.
 */
function neededButNotAsked(
  values: Answers,
  today: CalendarDate,
  partial: boolean,
  got: Assessment,
): string[] {
  const input = toAssessInput(values, today, () => true, partial);
  const { implied } = guidance({ ...input, partial: true }, { today });
  const missed: string[] = [];
  for (const slot of SLOT_PATHS) {
    if (values[slot] !== undefined || slot in implied) continue;
    const exempt = got.route?.tier === 'buurt-500' && BUDGET_SLOTS.includes(slot);
    const [group, field] = slot.split('.') as [string, string];
    for (const value of everyAnswer(slot, today, (values['initiative.startDate'] as string) ?? today)) {
      const tried = structuredClone(input) as Record<string, Record<string, unknown>>;
      tried[group] = { ...tried[group], [field]: value };
      const after = assess(withImplied(tried as never, implied), { today, lang: 'nl' });
      const same = exempt
        ? isDeepStrictEqual(withoutBudgetRemarks(after), withoutBudgetRemarks(got))
        : isDeepStrictEqual(after, got);
      // An early refusal: another answer may add a refusal, never remove the certain ones.
      const stillRefused = partial && refusals(got).every((r) => refusals(after).includes(r));
      if (!same && !stillRefused) {
        missed.push(`${slot}=${JSON.stringify(value)}`);
        break;
      }
    }
  }
  return missed;
}

interface Result {
  reached: Set<string>;
  refusalRules: Set<RuleId>;
  verdicts: Record<string, number>;
  outcomes: number;
  early: number;
  problems: string[];
  firstWrongVerdict?: { actual: Assessment; expected: Assessment };
  /** (amount asked, tier) of each eligible or referred verdict: the edges the traversal reached. */
  edges: Set<string>;
  /** Verdicts reached after taking a way out of a refusal. */
  afterRemedy: number;
}

/**
 * The checks that hold for every state of every path. They are collected (plain comparisons, one
 * `expect` at the end) because there are tens of thousands; the first differing verdict is kept whole
 * for a readable diff.
 */
function checkPaths(paths: Path[], today: CalendarDate, label: string): Result {
  const r: Result = {
    reached: new Set(),
    refusalRules: new Set(),
    verdicts: {},
    outcomes: 0,
    early: 0,
    problems: [],
    edges: new Set(),
    afterRemedy: 0,
  };
  const check = (ok: boolean, problem: () => string) => {
    if (!ok && r.problems.length < 20) r.problems.push(problem());
  };

  for (const p of paths) {
    const s = p.state;
    const id = stateId(s.value);
    r.reached.add(id);
    const answers = s.context.answers;
    const where = () => `${id} after ${canonical(answers)}`;

    if (id.startsWith('ask.')) {
      const step = s.context.step;
      // The state names the question and the context asks it.
      check(
        step.kind === 'ask' && `ask.${step.slot}` === id,
        () => `${where()}: step ${JSON.stringify(step)}`,
      );
      if (step.kind !== 'ask') continue;
      check(answers[step.slot] === undefined, () => `${where()}: asked again`);
      if (answers.next === undefined) {
        // No question after a refusal is certain.
        const values = slotValues(p.steps);
        const certain = refusals(expectedAssessment(values, today, true));
        check(
          certain.length === 0,
          () => `${where()}: asked after a certain refusal (${certain.join(', ')})`,
        );
      }
    }

    if (id === 'outcome') {
      r.outcomes++;
      const step = s.context.step;
      check(step.kind === 'outcome', () => `${where()}: step ${step.kind}`);
      if (step.kind !== 'outcome') continue;
      const values = slotValues(p.steps);
      const partial = step.assessment.missing !== undefined;
      const expected = expectedAssessment(values, today, partial);
      if (!isDeepStrictEqual(step.assessment, expected)) {
        check(false, () => `${where()}: verdict differs from the rules module`);
        r.firstWrongVerdict ??= { actual: step.assessment, expected };
      }
      const missed = neededButNotAsked(values, today, partial, step.assessment);
      check(missed.length === 0, () => `${where()}: never asked ${missed.join(', ')}`);
      r.verdicts[step.assessment.verdict] = (r.verdicts[step.assessment.verdict] ?? 0) + 1;
      const named = refusals(step.assessment);
      for (const rule of named) r.refusalRules.add(rule);
      if (partial) {
        // An early stop: only for a certain refusal, naming every refusal certain at that point.
        r.early++;
        check(
          step.assessment.verdict === 'not-eligible',
          () => `${where()}: early ${step.assessment.verdict}`,
        );
        check(named.length > 0, () => `${where()}: early stop without a refusal`);
      } else {
        // The dialog asked everything the rules need: a partial call would miss nothing.
        const missing = expectedAssessment(values, today, true).missing ?? [];
        check(missing.length === 0, () => `${where()}: never asked ${missing.join(', ')}`);
      }
      const events = eventsOf(p);
      const ways = ['lower-amount', 'later-year', 'next-round'];
      if (
        events.some((e) => e.type === 'answer.given' && e.slot === 'next' && ways.includes(e.value as string))
      )
        r.afterRemedy++;
      else if (step.assessment.verdict !== 'not-eligible') {
        const requested = values['money.requested'] as number | undefined;
        r.edges.add(`${requested}:${step.assessment.route?.tier}:${step.assessment.accountability?.level}`);
      }
    }

    if (id === 'submitted' || id === 'finished') {
      const last = p.steps.at(-1)!.event;
      if (answers.next === 'draft') {
        // The draft path ends by consent: yes sends it, no finishes without sending.
        check(
          isDeepStrictEqual(last, answer('draft.consent', id === 'submitted')) &&
            stateId(beforeLast(p).value) === 'ask.draft.consent',
          () => `${where()}: reached by ${JSON.stringify(last)}`,
        );
      } else {
        check(
          id === 'finished' && isDeepStrictEqual(last, answer('next', 'done')),
          () => `${where()}: reached by ${JSON.stringify(last)}`,
        );
      }
    }

    // `draft` is only taken at an eligible verdict.
    p.steps.forEach((step, i) => {
      if (i === 0 || step.event.type !== 'answer.given' || step.event.slot !== 'next') return;
      if (step.event.value !== 'draft') return;
      const at = p.steps[i - 1]!.state.context.step;
      check(at.kind === 'outcome' && at.assessment.verdict === 'eligible', () => `${where()}: draft taken`);
    });
  }

  const counts = questionsToFirstVerdict(paths);
  console.log(
    `[graph ${label}] today ${today}: ${paths.length} paths, ${r.reached.size} distinct states, ` +
      `${r.outcomes} verdicts (${r.early} early) ${JSON.stringify(r.verdicts)}; questions to an eligible or ` +
      `referred verdict: median ${counts[Math.floor(counts.length / 2)]}, max ${counts.at(-1)}; refusals seen: ` +
      `${[...r.refusalRules].sort().join(', ')}`,
  );
  return r;
}

/** Every state of the traversal passed the per-state checks. */
function expectNoProblems(result: Result) {
  if (result.firstWrongVerdict)
    expect(result.firstWrongVerdict.actual).toEqual(result.firstWrongVerdict.expected);
  expect(result.problems).toEqual([]);
}

/**
 * Questions only asked on their own when a grouped question cannot ask them (a change in the review leaves
 * one box open, the fit question answered for one side only): reached by the command tests
 * (commands.test.ts), not by a forward walk.
 */
const ONLY_ON_THEIR_OWN = new Set([
  'ask.initiative.themes',
  'ask.initiative.kaders',
  'ask.initiative.isActivity',
  'ask.initiative.ownNeighbourhood',
]);

/** Every refusal comes after at most as many questions as it did before the conversation was shortened. */
function expectNoLaterRefusal(now: Record<string, number>, today: CalendarDate) {
  const before = REFUSALS_BEFORE[today]!;
  const later = Object.entries(before).filter(([rule, n]) => !(rule in now) || now[rule]! > n);
  console.log(`[graph] refusals after how many questions, now: ${JSON.stringify(now)}`);
  expect(later.map(([rule, n]) => `${rule}: ${now[rule]} > ${n}`)).toEqual([]);
}

describe('intake machine graph (today 2027-02-01, every applicant)', () => {
  let paths: Path[];
  let result: Result;

  beforeAll(() => {
    paths = traverse(TODAY);
    result = checkPaths(paths, TODAY, 'main');
  }, 240_000);

  it("asks only what can change the verdict, in order, and gives the rules module's verdict at every outcome", () => {
    expectNoProblems(result);
  });

  it('explores a sizeable part of the conversation', () => {
    expect(paths.length).toBeGreaterThan(4_000);
    expect(result.outcomes).toBeGreaterThan(1_000);
    expect(result.early).toBeGreaterThan(300);
    // Ways out of a refusal were taken, and led on to another verdict.
    expect(result.afterRemedy).toBeGreaterThan(20);
    expect(result.verdicts.eligible).toBeGreaterThan(100);
    expect(result.verdicts.refer).toBeGreaterThan(5);
    expect(result.verdicts['not-eligible']).toBeGreaterThan(500);
  });

  it('reaches every question state of the machine that a forward walk can ask', () => {
    const questions = leafStateIds(machine).filter((id) => id.startsWith('ask.'));
    const missed = questions.filter((id) => !result.reached.has(id) && !ONLY_ON_THEIR_OWN.has(id));
    console.log(
      `[graph main] ${questions.length} question states, never reached: ${missed.join(', ') || 'none'}`,
    );
    expect(missed).toEqual([]);
    for (const id of ['outcome', 'submitted', 'finished']) expect(result.reached.has(id), id).toBe(true);
  });

  it('reaches both sides of every edge of the amounts', () => {
    const seen = [...result.edges];
    const has = (requested: number, tier: string, level?: string) =>
      seen.some(
        (e) => e.startsWith(`${requested}:${tier}:`) && (level === undefined || e.endsWith(`:${level}`)),
      );
    expect(EDGE_AMOUNTS.length).toBe(6);
    expect(has(500_00, 'buurt-500'), '€ 500 to the buurtwerker').toBe(true);
    expect(has(500_01, 'tot-1000'), '€ 500,01 with the consulent').toBe(true);
    expect(has(1_000_00, 'tot-1000'), '€ 1.000').toBe(true);
    expect(has(1_000_01, 'tot-10000'), '€ 1.000,01').toBe(true);
    expect(has(10_000_00, 'tot-10000'), '€ 10.000').toBe(true);
    expect(has(10_000_01, 'boven-10000'), '€ 10.000,01 (a kernactiviteit)').toBe(true);
    // The year total: € 1.000 + € 4.000 earlier is direct, + € 4.000,01 is a report (and asks the end date).
    expect(
      has(1_000_00, 'tot-1000', 'direct') && has(1_000_00, 'tot-1000', 'report'),
      '€ 5.000 in the year',
    ).toBe(true);
    expect(result.refusalRules.has('non-core-cap'), '€ 10.000,01 not a kernactiviteit').toBe(true);
  });

  it('stops early for each refusal a single answer can make certain', () => {
    const expected: RuleId[] = [
      'outside-municipality',
      'no-theme',
      'no-kader',
      'not-gala',
      'already-started',
      'grant-limit',
      'core-once-a-year',
      'non-core-twice-a-year',
      'kern-needs-organisation',
      'profit-motive',
      'religious',
      'non-core-cap',
      'applicant-above-10000',
      'deadline-above-10000',
    ];
    for (const rule of expected) expect(result.refusalRules.has(rule), rule).toBe(true);
  });

  it('reaches an eligible or referred verdict in few questions: median ≤ 13, maximum ≤ 17', () => {
    const counts = questionsToFirstVerdict(paths);
    expect(counts.length).toBeGreaterThan(100);
    expect(counts[Math.floor(counts.length / 2)]).toBeLessThanOrEqual(13);
    expect(counts.at(-1)).toBeLessThanOrEqual(17);
  });

  it('gives no refusal later than the release before did', () => {
    expectNoLaterRefusal(refusalPositions(paths), TODAY);
  });

  it('reaches `submitted` by consent yes and `finished` by consent no, after an eligible verdict', () => {
    const submitted = paths.filter((p) => p.state.value === 'submitted');
    const notSent = paths.filter(
      (p) => p.state.value === 'finished' && p.state.context.answers.next === 'draft',
    );
    expect(submitted.length).toBeGreaterThan(0);
    expect(notSent.length).toBeGreaterThan(0);
    for (const p of [...submitted, ...notSent]) {
      const slots = eventsOf(p).flatMap((e) => (e.type === 'answer.given' ? [e.slot] : []));
      expect(slots.slice(slots.lastIndexOf('next'))).toEqual([
        'next',
        'draft.title',
        'draft.targetGroup',
        'draft.location',
        'contact.name',
        ...(p.state.context.answers['applicant.kind'] === 'resident'
          ? []
          : ['contact.organisation', 'contact.role']),
        'contact.email',
        'contact.phone',
        'contact.address',
        ...(p.state.context.answers['applicant.kind'] === 'resident' ? [] : ['contact.kvk']),
        'contact.iban',
        'help.review',
        'draft.consent',
      ]);
    }
  });

  it('replaying a path on a live actor ends in the same state (the traversal is faithful)', () => {
    const sample = paths.filter(
      (p, i) =>
        i % 397 === 0 ||
        (p.state.status === 'done' && p.state.context.answers.next === 'draft' && i % 5 === 0),
    );
    expect(sample.length).toBeGreaterThan(25);
    for (const p of sample) {
      const actor = createActor(machine, { input: { today: TODAY } }).start();
      for (const e of eventsOf(p)) actor.send(e);
      const live = actor.getSnapshot();
      expect(live.value).toEqual(p.state.value);
      expect(live.context.answers).toEqual(p.state.context.answers);
      expect(live.context.step).toEqual(p.state.context.step);
      actor.stop();
    }
  });
});

describe('intake machine graph (today 2026-11-23, organisations)', () => {
  // Late in the year a near start date still falls in this year: `kern-deadline` (after 31 October)
  // and every request above € 10.000 too late; the ways out (a later year, € 10.000) are taken.
  const today = '2026-11-23';
  let result: Result;

  beforeAll(() => {
    const paths = traverse(
      today,
      (_s, e) =>
        e.type !== 'answer.given' ||
        ((e.slot !== 'applicant.kind' || e.value === 'organisation') &&
          (e.slot !== 'initiative.type' || e.value === 'kernactiviteit' || e.value === 'evenement')),
    );
    result = checkPaths(paths, today, 'late-year');
  }, 240_000);

  it("asks only what can change the verdict, in order, and gives the rules module's verdict at every outcome", () => {
    expectNoProblems(result);
  });

  it('stops for the kernactiviteit deadline and refuses above € 10.000 by the application deadline', () => {
    expect(result.refusalRules.has('kern-deadline')).toBe(true);
    expect(result.refusalRules.has('deadline-above-10000')).toBe(true);
    expect(result.verdicts.eligible).toBeGreaterThan(10);
  });

  it('gives no refusal later than the release before did (every applicant and type)', () => {
    expectNoLaterRefusal(refusalPositions(traverse(today)), today);
  }, 120_000);
});
