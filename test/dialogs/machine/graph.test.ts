/**
 * Model-based test of the intake machine with `xstate/graph`: every question the machine can reach is
 * reached, every question asked is one the slot catalogue says matters, and every verdict equals what
 * the rules module says for the answers given on the way (channels.md: "exactly what `POST /api/assess`
 * returns for the answers given so far").
 *
 * The traversal keys a state on its state value and all answers, so two paths meet only where the
 * machine really is in the same place; the product stays small because only answers that change the
 * routing get several values (see `valuesFor` in model.ts).
 */
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { StatePath } from 'xstate/graph';
import { getShortestPaths } from 'xstate/graph';
import type { Answers } from '../../../dialogs/answers.js';
import type { IntakeEvent } from '../../../dialogs/intake-machine.js';
import { createIntakeMachine } from '../../../dialogs/intake-machine.js';
import { isRelevant, slotDefinition } from '../../../dialogs/slots.js';
import type { Assessment, CalendarDate, RuleId } from '../../../rules/index.js';
import type { IntakeSnapshot } from './model.js';
import {
  answer,
  askedSlot,
  canonical,
  expectedAssessment,
  foldAnswers,
  hash,
  leafStateIds,
  openQuestions,
  refusals,
  stateId,
  TODAY,
  valuesFor,
} from './model.js';

const machine = createIntakeMachine();
type Path = StatePath<IntakeSnapshot, IntakeEvent>;

/**
 * Where the machine is: the state value and every answer. Two paths meet only where the machine is in
 * the same place, so the snapshot of a path is the snapshot its events produce.
 */
const serializeState = (s: IntakeSnapshot): string => `${stateId(s.value)}|${canonical(s.context.answers)}`;

/**
 * Representative answers to the question asked. At a verdict: `draft` at one in ten eligible verdicts
 * (the draft conversation is the same after each), `done` at one in sixteen, `restart` at one in 32.
 */
function eventsFor(today: CalendarDate) {
  return (s: IntakeSnapshot): IntakeEvent[] => {
    const slot = askedSlot(s);
    if (!slot) return [];
    if (slot !== 'next') return valuesFor(slot, s.context.answers, today).map((v) => answer(slot, v));
    const eligible = s.context.step.kind === 'outcome' && s.context.step.assessment.verdict === 'eligible';
    const h = hash(canonical(s.context.answers));
    return [
      ...(eligible && h % 10 === 0 ? ['draft'] : []),
      ...(h % 16 === 0 ? ['done'] : []),
      ...(h % 32 === 1 ? ['restart'] : []),
    ].map((v) => answer('next', v));
  };
}

function traverse(today: CalendarDate, keep: (s: IntakeSnapshot, e: IntakeEvent) => boolean = () => true) {
  return getShortestPaths(machine, {
    input: { today },
    events: eventsFor(today),
    filterEvents: keep,
    serializeState,
  });
}

const eventsOf = (p: Path): IntakeEvent[] => p.steps.slice(1).map((s) => s.event);
/** The snapshot before the last event (the question the last answer answered). */
const beforeLast = (p: Path): IntakeSnapshot => p.steps.at(-2)!.state;

/**
 * The checks that hold for every state of every path. They are collected (plain comparisons, one
 * `expect` at the end) because there are tens of thousands; the first differing verdict is kept whole
 * for a readable diff.
 */
function checkPaths(paths: Path[], today: CalendarDate, label: string) {
  const reached = new Set<string>();
  const refusalRules = new Set<RuleId>();
  const verdicts: Record<string, number> = {};
  const problems: string[] = [];
  let firstWrongVerdict: { actual: Assessment; expected: Assessment } | undefined;
  let outcomes = 0;
  let early = 0;
  const check = (ok: boolean, problem: () => string) => {
    if (!ok && problems.length < 20) problems.push(problem());
  };

  for (const p of paths) {
    const s = p.state;
    const id = stateId(s.value);
    reached.add(id);
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
      const def = slotDefinition(step.slot);
      // Never a question that does not matter for the answers so far, never one already answered.
      check(isRelevant(def, answers, today), () => `${where()}: asked while not relevant`);
      check(answers[def.slot] === undefined, () => `${where()}: asked again`);
      if (answers.next === undefined) {
        // Eligibility part: the first open question in catalogue order, and no refusal certain yet.
        const first = openQuestions(answers, today)[0];
        check(first === def.slot, () => `${where()}: the first open question is ${first}`);
        const certain = refusals(expectedAssessment(answers, today, true));
        check(
          certain.length === 0,
          () => `${where()}: asked after a certain refusal (${certain.join(', ')})`,
        );
      }
    }

    if (id === 'outcome') {
      outcomes++;
      const step = s.context.step;
      check(step.kind === 'outcome', () => `${where()}: step ${step.kind}`);
      if (step.kind !== 'outcome') continue;
      // The answers stored are the answers given along the path (help answers setting the type).
      const given: Answers = foldAnswers(eventsOf(p));
      check(isDeepStrictEqual(answers, given), () => `${where()}: answers differ from ${canonical(given)}`);
      const open = openQuestions(given, today);
      const expected = expectedAssessment(given, today, open.length > 0);
      if (!isDeepStrictEqual(step.assessment, expected)) {
        check(false, () => `${where()}: verdict differs from the rules module`);
        firstWrongVerdict ??= { actual: step.assessment, expected };
      }
      verdicts[step.assessment.verdict] = (verdicts[step.assessment.verdict] ?? 0) + 1;
      const named = refusals(step.assessment);
      for (const r of named) refusalRules.add(r);
      if (open.length > 0) {
        // An early stop: only for a certain refusal, naming every refusal certain at that point.
        early++;
        check(
          step.assessment.verdict === 'not-eligible',
          () => `${where()}: early ${step.assessment.verdict}`,
        );
        check(named.length > 0, () => `${where()}: early stop without a refusal`);
        const certain = refusals(expectedAssessment(given, today, true));
        check(isDeepStrictEqual(named, certain), () => `${where()}: names ${named} of ${certain}`);
      } else {
        check(step.assessment.missing === undefined, () => `${where()}: a partial verdict at the end`);
        // The dialog asked everything the rules need: a partial call would miss nothing.
        const missing = expectedAssessment(given, today, true).missing ?? [];
        check(missing.length === 0, () => `${where()}: never asked ${missing.join(', ')}`);
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

  console.log(
    `[graph ${label}] today ${today}: ${paths.length} paths, ${reached.size} distinct states, ` +
      `${outcomes} verdicts (${early} early) ${JSON.stringify(verdicts)}; refusals seen: ${[...refusalRules].sort().join(', ')}`,
  );
  return { reached, refusalRules, verdicts, outcomes, early, problems, firstWrongVerdict };
}

/** Every state of the traversal passed the per-state checks. */
function expectNoProblems(result: ReturnType<typeof checkPaths>) {
  if (result.firstWrongVerdict)
    expect(result.firstWrongVerdict.actual).toEqual(result.firstWrongVerdict.expected);
  expect(result.problems).toEqual([]);
}

describe('intake machine graph (today 2027-02-01, every applicant)', () => {
  let paths: Path[];
  let result: ReturnType<typeof checkPaths>;

  beforeAll(() => {
    paths = traverse(TODAY);
    result = checkPaths(paths, TODAY, 'main');
  }, 60_000);

  it("asks only relevant questions, in order, and gives the rules module's verdict at every outcome", () => {
    expectNoProblems(result);
  });

  it('explores a sizeable part of the conversation', () => {
    expect(paths.length).toBeGreaterThan(5_000);
    expect(result.outcomes).toBeGreaterThan(1_000);
    expect(result.early).toBeGreaterThan(500);
    expect(result.verdicts.eligible).toBeGreaterThan(100);
    expect(result.verdicts.refer).toBeGreaterThan(5);
    expect(result.verdicts['not-eligible']).toBeGreaterThan(500);
    expect(result.reached.size).toBeGreaterThanOrEqual(48);
  });

  it('reaches every question state of the machine (help, draft, contact, review and consent included)', () => {
    const questions = leafStateIds(machine).filter((id) => id.startsWith('ask.'));
    const missed = questions.filter((id) => !result.reached.has(id));
    console.log(
      `[graph main] ${questions.length} question states, never reached: ${missed.length === 0 ? 'none' : missed.join(', ')}`,
    );
    expect(missed).toEqual([]);
    for (const id of ['outcome', 'submitted', 'finished']) expect(result.reached.has(id), id).toBe(true);
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

  it('reaches `submitted` by consent yes and `finished` by consent no, after an eligible verdict', () => {
    const submitted = paths.filter((p) => p.state.value === 'submitted');
    const notSent = paths.filter(
      (p) => p.state.value === 'finished' && p.state.context.answers.next === 'draft',
    );
    expect(submitted.length).toBeGreaterThan(0);
    expect(notSent.length).toBeGreaterThan(0);
    for (const p of [...submitted, ...notSent]) {
      const slots = eventsOf(p).flatMap((e) => (e.type === 'answer.given' ? [e.slot] : []));
      expect(slots.slice(slots.indexOf('next'))).toEqual([
        'next',
        'draft.title',
        'draft.description',
        'draft.targetGroup',
        'draft.location',
        'contact.name',
        ...(p.state.context.answers['applicant.kind'] === 'resident' ? [] : ['contact.organisation']),
        'contact.email',
        'contact.phone',
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
  // and every request above € 10.000 too late.
  const today = '2026-11-23';
  let result: ReturnType<typeof checkPaths>;

  beforeAll(() => {
    const paths = traverse(
      today,
      (_s, e) =>
        e.type !== 'answer.given' ||
        ((e.slot !== 'applicant.kind' || e.value === 'organisation') &&
          (e.slot !== 'initiative.type' || e.value === 'kernactiviteit' || e.value === 'evenement')),
    );
    result = checkPaths(paths, today, 'late-year');
  }, 60_000);

  it("asks only relevant questions, in order, and gives the rules module's verdict at every outcome", () => {
    expectNoProblems(result);
  });

  it('stops for the kernactiviteit deadline and refuses above € 10.000 by the application deadline', () => {
    expect(result.refusalRules.has('kern-deadline')).toBe(true);
    expect(result.refusalRules.has('deadline-above-10000')).toBe(true);
    expect(result.verdicts.eligible).toBeGreaterThan(10);
  });
});
