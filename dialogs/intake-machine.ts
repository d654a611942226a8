import { assign, setup } from 'xstate';
import type {
  Assessment,
  Audience,
  CalendarDate,
  Lang,
  RemainingBudgetOption,
  RemedyOption,
  Verdict,
} from '../rules/index.js';
import { rulesetFor, toCents } from '../rules/index.js';
import type { Answers, AnswerValue, SlotId } from './answers.js';
import type { CallbackStage, Caller } from './callback.js';
import { callbackSlot, callerOf, cutQuestion } from './callback.js';
import type { Provenance, Step } from './flow.js';
import { answerToKeep, applyAnswer, assessAnswers, nextStep, withdrawAnswer } from './flow.js';
import type { ParseNote } from './parsers/index.js';
import type { SlotError } from './questions.js';
import { QUESTIONS } from './questions.js';

/** Resident-facing wording ("u") or the buurtwerker's intake wording ("de bewoner"): same logic. */
export type { Audience } from '../rules/index.js';

/**
 * What a parser assumed while reading an answer ("15 à 20" → 15, "juni 2027" → 1 June): said back, so the
 * person can correct it. The kinds and their fields are the parsers' (`dialogs/parsers/result.ts`).
 */
export type AnswerNote = ParseNote;

/** What to tell the person before the current question; wording lives in `locales/`. */
export type Notice =
  /**
   * `rejected`: the parsed answer that failed a check, kept so the person can confirm it (a past date);
   * `again`: the second answer in a row this question could not use (a more concrete explanation follows).
   */
  | { kind: 'invalid'; error: string; rejected?: AnswerValue; again?: true }
  | { kind: 'assumed'; slot: SlotId; note: AnswerNote }
  | { kind: 'help' }
  | { kind: 'back' }
  | { kind: 'nothing-before' }
  | { kind: 'restarted' }
  | { kind: 'language' }
  | { kind: 'stale' }
  /** A way out of a refusal was taken: what changed. */
  | { kind: 'remedy'; remedy: RemedyOption }
  /**
   * A callback request was made, on this turn: who gets in touch, the phone number or e-mail address, the
   * question (`cut`: shortened), and the verdict of the answers so far. The channel stores it.
   */
  | { kind: 'callback'; by: Caller; contact: string; question: string; cut: boolean; verdict: Verdict }
  /** `back` in the middle of a callback request: nothing was sent, the intake goes on. */
  | { kind: 'callbackCancelled' };

export interface IntakeContext {
  /** The ruleset in force when the conversation started. */
  rulesetId: string;
  today: CalendarDate;
  lang: Lang;
  audience: Audience;
  answers: Answers;
  /** Slots set by another question (a grouped one, the gate, the type help): `back` takes them back with it. */
  via: Provenance;
  /** Answered questions in the order they were answered: what `back` walks. */
  asked: SlotId[];
  revisit: SlotId[];
  /** Answers taken back by `back` or a change, shown again with a "keep" choice. */
  previous: Answers;
  /** The slot being changed from the review: `back` there cancels the change and returns to the review. */
  changing?: SlotId;
  /** The start date asked again for a later year, or for the next round of a recurring initiative. */
  startHint?: { year: number } | { nextRound: true };
  /** Answers in a row the current question could not use. */
  misses?: { slot: SlotId; count: number };
  /**
   * "Talk to a person" under way, asked beside the intake: which of its questions, and the contact given.
   * `step` stays the question (or verdict) that was open: the conversation goes on there afterwards.
   */
  callback?: { stage: CallbackStage; contact?: string };
  /** Callback requests made in this session: one more after the turn that made one. */
  callbacks?: number;
  step: Step;
  notice?: Notice;
}

export type IntakeEvent =
  | { type: 'answer.given'; slot: SlotId; value: AnswerValue; note?: AnswerNote }
  | { type: 'answer.rejected'; slot: SlotId; error: SlotError | string; rejected?: AnswerValue }
  | { type: 'review.change'; slot: SlotId }
  | { type: 'dialog.back' }
  | { type: 'dialog.restarted' }
  | { type: 'dialog.stopped' }
  | { type: 'help.requested' }
  | { type: 'language.changed'; lang: Lang }
  | { type: 'clock.set'; today: CalendarDate }
  /** "Talk to a person" (a command, the choice at a verdict, the offer after two misunderstood answers). */
  | { type: 'callback.requested' };

export interface IntakeInput {
  today: CalendarDate;
  lang?: Lang;
  audience?: Audience;
}

export interface IntakeSettings {
  /**
   * What is left of each budget line: the same deployment figures `/api/assess` uses, as a record or as a
   * function of the subsidy year (read when the rules ask, so a change counts from the next turn on).
   */
  remainingBudget?: RemainingBudgetOption;
  /** How residents reach the buurtwerk, per language (a referral says it); the MAG-consulent otherwise. */
  buurtwerkContact?: Partial<Record<Lang, string>>;
  /** How long a sent draft is kept: the consent says it. */
  draftRetentionDays?: number;
  /**
   * When someone gets in touch after a callback request, per language, completing "Dat gebeurt …" / "This
   * will be …" ("binnen twee werkdagen, op werkdagen tussen 9 en 17 uur"); the catalogue's text otherwise.
   */
  callbackPromise?: Partial<Record<Lang, string>>;
}

const SETTINGS = new WeakMap<object, IntakeSettings>();

/** The deployment settings a machine was made with (what the wording needs of them). */
export const settingsOf = (machine: object): IntakeSettings => SETTINGS.get(machine) ?? {};

const FIRST_STEP: Step = { kind: 'ask', slot: QUESTIONS[0]!.id };

/** The start date and what hangs on it, taken back to ask it again (a later year, the next round). */
const DATE_SLOTS: readonly SlotId[] = [
  'initiative.startDate',
  'initiative.alreadyStarted',
  'initiative.endDate',
];

/** `applicant.kind` → state `ask.applicant.kind`, reachable as `#intake.ask.applicant.kind`. */
const statePath = (slot: SlotId) => `ask.${slot}`;

export function createIntakeMachine(settings: IntakeSettings = {}) {
  const route = (ctx: IntakeContext): Step =>
    nextStep(
      { answers: ctx.answers, revisit: ctx.revisit, today: ctx.today },
      { lang: ctx.lang, audience: ctx.audience, remainingBudget: settings.remainingBudget },
    );
  const currentSlot = (ctx: IntakeContext): SlotId =>
    ctx.callback ? callbackSlot(ctx.callback.stage) : ctx.step.kind === 'ask' ? ctx.step.slot : 'next';
  /**
   * The rules' assessment of the answers so far: the verdict shown; else the partial one, or the full one
   * once nothing is missing (during the draft's questions).
   */
  const assessmentNow = (ctx: IntakeContext): Assessment => {
    if (ctx.step.assessment) return ctx.step.assessment;
    const state = { answers: ctx.answers, revisit: [], today: ctx.today };
    const assessSettings = {
      lang: ctx.lang,
      audience: ctx.audience,
      remainingBudget: settings.remainingBudget,
    };
    const partial = assessAnswers(state, assessSettings, true);
    return partial.missing?.length === 0 ? assessAnswers(state, assessSettings, false) : partial;
  };

  const machineSetup = setup({
    types: {
      context: {} as IntakeContext,
      events: {} as IntakeEvent,
      input: {} as IntakeInput,
    },
    guards: {
      isOutcome: ({ context }) => context.step.kind === 'outcome',
      asks: ({ context }, params: { slot: SlotId }) =>
        context.step.kind === 'ask' && context.step.slot === params.slot,
      answersCurrent: ({ context, event }) =>
        (event.type === 'answer.given' || event.type === 'answer.rejected') &&
        event.slot === currentSlot(context),
      consented: ({ context }) => context.answers['draft.consent'] === true,
      choosesDraft: ({ context, event }) =>
        event.type === 'answer.given' &&
        event.value === 'draft' &&
        context.step.kind === 'outcome' &&
        context.step.assessment.verdict === 'eligible',
      choosesRestart: ({ event }) => event.type === 'answer.given' && event.value === 'restart',
      choosesRemedy: ({ context, event }) =>
        event.type === 'answer.given' &&
        context.step.kind === 'outcome' &&
        context.step.remedies.some((r) => r.kind === event.value),
      choosesDone: ({ event }) => event.type === 'answer.given' && event.value === 'done',
      choosesCallback: ({ event }) => event.type === 'answer.given' && event.value === 'callback',
      canGoBack: ({ context }) => context.asked.length > 0,
    },
    actions: {
      route: assign({ step: ({ context }) => route(context) }),
      store: assign(({ context, event }) => {
        if (event.type !== 'answer.given') return {};
        const previous = { ...context.previous };
        delete previous[event.slot];
        const { answers, via } = applyAnswer(context, event.slot, event.value, context.today);
        return {
          answers,
          via,
          asked: [...context.asked.filter((s) => s !== event.slot), event.slot],
          ...(event.slot === 'initiative.startDate' && { startHint: undefined }),
          revisit: context.revisit.filter((s) => s !== event.slot),
          previous,
          changing: context.changing === event.slot ? undefined : context.changing,
          notice: event.note
            ? ({ kind: 'assumed', slot: event.slot, note: event.note } as Notice)
            : undefined,
          misses: undefined,
        };
      }),
      goBack: assign(({ context }) => {
        const changing = context.changing;
        if (changing !== undefined && context.step.kind === 'ask' && context.step.slot === changing) {
          // Back while changing an answer from the review: keep the old answer, show the review again.
          const previous = { ...context.previous };
          delete previous[changing];
          const kept = context.previous[changing];
          const restored = kept === undefined ? context : applyAnswer(context, changing, kept, context.today);
          return {
            answers: restored.answers,
            via: restored.via,
            asked: [...context.asked.filter((s) => s !== changing), changing],
            revisit: [],
            previous,
            changing: undefined,
            notice: { kind: 'back' } as Notice,
          };
        }
        const slot = context.asked.at(-1)!;
        const { answers, via } = withdrawAnswer(context, slot);
        return {
          answers,
          via,
          previous: { ...context.previous, [slot]: answerToKeep(context.answers, slot) },
          asked: context.asked.slice(0, -1),
          revisit: [slot, ...context.revisit.filter((s) => s !== slot)],
          notice: { kind: 'back' } as Notice,
        };
      }),
      change: assign(({ context, event }) => {
        if (event.type !== 'review.change') return {};
        const { answers, via } = withdrawAnswer(context, event.slot);
        delete answers['help.review'];
        return {
          answers,
          via,
          previous: { ...context.previous, [event.slot]: answerToKeep(context.answers, event.slot) },
          asked: context.asked.filter((s) => s !== event.slot && s !== 'help.review'),
          revisit: [event.slot],
          changing: event.slot,
          notice: undefined,
        };
      }),
      takeRemedy: assign(({ context, event }) => {
        if (event.type !== 'answer.given' || context.step.kind !== 'outcome') return {};
        const remedy = context.step.remedies.find((r) => r.kind === event.value)!;
        const notice: Notice = { kind: 'remedy', remedy };
        if (remedy.kind === 'lower-amount') {
          const { answers, via } = applyAnswer(
            context,
            'money.requested',
            toCents(remedy.amount),
            context.today,
          );
          return { answers, via, notice, revisit: [] };
        }
        // A new start date: for the later year, or the next round; what followed from the old one goes too.
        let state = { answers: context.answers, via: context.via };
        for (const slot of DATE_SLOTS) state = withdrawAnswer(state, slot);
        return {
          ...state,
          asked: context.asked.filter((s) => !DATE_SLOTS.includes(s)),
          revisit: [],
          notice,
          startHint: remedy.kind === 'later-year' ? { year: remedy.year } : { nextRound: true as const },
        };
      }),
      reset: assign(({ context }) => ({
        callback: undefined,
        answers: {},
        via: {},
        startHint: undefined,
        asked: [],
        revisit: [],
        previous: {},
        changing: undefined,
        notice: { kind: 'restarted' } as Notice,
        rulesetId: rulesetFor(context.today).id,
      })),
      noteRejected: assign(({ context, event }) => {
        if (event.type !== 'answer.rejected') return {};
        const count = context.misses?.slot === event.slot ? context.misses.count + 1 : 1;
        return {
          misses: { slot: event.slot, count },
          notice: {
            kind: 'invalid',
            error: event.error,
            ...(event.rejected !== undefined && { rejected: event.rejected }),
            ...(count >= 2 && { again: true }),
          } as Notice,
        };
      }),
      startCallback: assign({
        callback: { stage: 'contact' as const },
        notice: undefined,
        misses: undefined,
      }),
      storeCallbackContact: assign(({ event }) =>
        event.type === 'answer.given'
          ? {
              callback: { stage: 'question' as const, contact: String(event.value) },
              notice: undefined,
              misses: undefined,
            }
          : {},
      ),
      finishCallback: assign(({ context, event }) => {
        const contact = context.callback?.contact;
        if (event.type !== 'answer.given' || contact === undefined) return {};
        const { text, cut } = cutQuestion(String(event.value));
        const assessment = assessmentNow(context);
        const notice: Notice = {
          kind: 'callback',
          by: callerOf(assessment, context.audience),
          contact,
          question: text,
          cut,
          verdict: assessment.verdict,
        };
        return { callback: undefined, callbacks: (context.callbacks ?? 0) + 1, misses: undefined, notice };
      }),
      cancelCallback: assign({
        callback: undefined,
        misses: undefined,
        notice: { kind: 'callbackCancelled' } as Notice,
      }),
      noteCallbackAgain: assign({ notice: undefined, misses: undefined }),
      noteStale: assign({ notice: { kind: 'stale' } as Notice }),
      noteHelp: assign({ notice: { kind: 'help' } as Notice }),
      noteNothingBefore: assign({ notice: { kind: 'nothing-before' } as Notice }),
      setLanguage: assign(({ event }) =>
        event.type === 'language.changed' ? { lang: event.lang, notice: { kind: 'language' } as Notice } : {},
      ),
      setToday: assign({
        today: ({ context, event }) => (event.type === 'clock.set' ? event.today : context.today),
      }),
    },
  });

  type States = NonNullable<Parameters<typeof machineSetup.createMachine>[0]['states']>;
  type StateConfig = States[string];

  // One state per question, nested like the slot (`ask.initiative.startDate`), so the machine's graph
  // is the conversation's graph. Every answer goes back to `route`, which picks the next question.
  const askStates: States = {};
  for (const { id: slot } of QUESTIONS) {
    if (slot === 'next') continue; // asked by the `outcome` state
    const leaf: StateConfig =
      slot === 'draft.consent'
        ? { on: { 'answer.given': { guard: 'answersCurrent', actions: 'store', target: '#intake.decided' } } }
        : slot === 'help.review'
          ? {
              on: {
                'answer.given': { guard: 'answersCurrent', actions: 'store', target: '#intake.route' },
                'review.change': { actions: 'change', target: '#intake.route' },
              },
            }
          : {
              on: { 'answer.given': { guard: 'answersCurrent', actions: 'store', target: '#intake.route' } },
            };
    const parts = slot.split('.');
    let level = askStates;
    parts.slice(0, -1).forEach((part, i) => {
      // Compound states need an initial child; questions are only ever entered by name.
      level[part] ??= { initial: parts[i + 1], states: {} };
      level = level[part].states as States;
    });
    level[parts.at(-1)!] = leaf;
  }

  const machine = machineSetup.createMachine({
    id: 'intake',
    context: ({ input }) => ({
      rulesetId: rulesetFor(input.today).id,
      today: input.today,
      lang: input.lang ?? 'nl',
      audience: input.audience ?? 'resident',
      answers: {},
      via: {},
      asked: [],
      revisit: [],
      previous: {},
      step: FIRST_STEP,
    }),
    initial: 'route',
    on: {
      'dialog.restarted': { actions: 'reset', target: '.route' },
      'dialog.back': [
        { guard: 'canGoBack', actions: 'goBack', target: '.route' },
        { actions: 'noteNothingBefore' },
      ],
      'dialog.stopped': { target: '.stopped' },
      'help.requested': { actions: 'noteHelp' },
      'language.changed': { actions: 'setLanguage', target: '.route' },
      'clock.set': { actions: 'setToday' },
      'callback.requested': { actions: 'startCallback', target: '.callback' },
      'answer.given': { actions: 'noteStale' },
      'answer.rejected': [{ guard: 'answersCurrent', actions: 'noteRejected' }, { actions: 'noteStale' }],
    },
    states: {
      route: {
        entry: 'route',
        always: [
          { guard: 'isOutcome', target: 'outcome' },
          ...QUESTIONS.filter((q) => q.id !== 'next').map(({ id: slot }) => ({
            guard: { type: 'asks' as const, params: { slot } },
            target: statePath(slot),
          })),
        ],
      },
      ask: { initial: 'applicant', states: askStates },
      outcome: {
        on: {
          'answer.given': [
            { guard: 'choosesDraft', actions: 'store', target: 'route' },
            { guard: 'choosesRemedy', actions: 'takeRemedy', target: 'route' },
            { guard: 'choosesRestart', actions: 'reset', target: 'route' },
            { guard: 'choosesDone', target: 'finished' },
            { guard: 'choosesCallback', actions: 'startCallback', target: 'callback' },
            { actions: 'noteStale' },
          ],
        },
      },
      // "Talk to a person", beside the intake: the phone number or e-mail address, then the question. The
      // request is made, and the question (or verdict) that was open is asked again; `back` returns there too.
      callback: {
        initial: 'contact',
        on: {
          'dialog.back': { actions: 'cancelCallback', target: 'route' },
          'language.changed': { actions: 'setLanguage' },
          'callback.requested': { actions: 'noteCallbackAgain' },
        },
        states: {
          contact: {
            on: {
              'answer.given': {
                guard: 'answersCurrent',
                actions: 'storeCallbackContact',
                target: 'question',
              },
            },
          },
          question: {
            on: {
              'answer.given': { guard: 'answersCurrent', actions: 'finishCallback', target: '#intake.route' },
            },
          },
        },
      },
      decided: {
        always: [{ guard: 'consented', target: 'submitted' }, { target: 'finished' }],
      },
      submitted: { type: 'final' },
      finished: { type: 'final' },
      stopped: { type: 'final' },
    },
  });
  SETTINGS.set(machine, settings);
  return machine;
}

export type IntakeMachine = ReturnType<typeof createIntakeMachine>;
