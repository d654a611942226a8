import type {
  AssessInput,
  Assessment,
  AssessOptions,
  CalendarDate,
  Relevance,
  RemedyOption,
  SlotPath,
} from '../rules/index.js';
import { assess, guidance, remedies, withImplied } from '../rules/index.js';
import type { Answers, AnswerValue, SlotId } from './answers.js';
import { countedSlots, isEligibilitySlot, toAssessInput } from './answers.js';
import type { AskView } from './questions.js';
import {
  DRAFT_QUESTIONS,
  ELIGIBILITY_QUESTIONS,
  isOpen,
  optionsOf,
  questionDefinition,
} from './questions.js';

/** What the conversation does next: ask a question, or show a verdict (which then asks `next`). */
export type Step =
  | {
      kind: 'ask';
      slot: SlotId;
      /** The review shows the verdict the answers give now. */
      assessment?: Assessment;
    }
  | {
      kind: 'outcome';
      assessment: Assessment;
      /** Simple ways out of a refusal that the rules checked (a lower amount, a later year, the next round). */
      remedies: RemedyOption[];
    };

/** Which question set a slot, when it was not the slot's own question (a grouped question, the gate, help). */
export type Provenance = Partial<Record<SlotId, SlotId>>;

export interface FlowState {
  answers: Answers;
  /** Questions to walk through again, in order, after `back` or a change in the review. */
  revisit: SlotId[];
  today: CalendarDate;
}

export type AssessSettings = Pick<AssessOptions, 'lang' | 'audience' | 'remainingBudget'>;

interface Settled {
  /** The `/api/assess` input of the answers that count, with the implied answers written in. */
  input: AssessInput;
  relevance: Relevance;
}

const ELIGIBILITY_IDS = new Set<SlotId>(ELIGIBILITY_QUESTIONS.map((q) => q.id));

/**
 * The answers as the rules see them: only the slots that (still) matter, plus what they imply. An answer
 * made irrelevant by a later change is left out; that can make another one irrelevant, so this repeats
 * until nothing changes (two rounds in practice). Answers objects are never changed in place, so the
 * result is kept per object: render, interpret and the flow ask for it several times a turn.
 */
const settledCache = new WeakMap<Answers, { today: CalendarDate; settled: Settled }>();

export function settle(answers: Answers, today: CalendarDate): Settled {
  const cached = settledCache.get(answers);
  if (cached?.today === today) return cached.settled;
  let counted = toAssessInput(answers, today, () => true, false);
  let slots = countedSlots(answers, () => true);
  let g = guidance({ ...counted, partial: true }, { today });
  for (let round = 0; round < 5; round++) {
    const counts = (slot: SlotPath) => g.relevance[slot] !== false;
    // The same slots counted give the same input: the answers are the same object.
    const next = countedSlots(answers, counts);
    if (next === slots) break;
    slots = next;
    counted = toAssessInput(answers, today, counts, false);
    g = guidance({ ...counted, partial: true }, { today });
  }
  const settled = { input: withImplied(counted, g.implied), relevance: g.relevance };
  settledCache.set(answers, { today, settled });
  return settled;
}

export function askView(answers: Answers, today: CalendarDate): AskView {
  return { answers, relevance: settle(answers, today).relevance, today };
}

/** The `/api/assess` input for the answers that count now. */
export function assessmentInput(s: FlowState, partial: boolean): AssessInput {
  const { input } = settle(s.answers, s.today);
  return { ...input, today: s.today, ...(partial && { partial: true }) };
}

export function assessAnswers(s: FlowState, settings: AssessSettings, partial: boolean): Assessment {
  return assess(assessmentInput(s, partial), { today: s.today, ...settings });
}

function outcome(s: FlowState, settings: AssessSettings, assessment: Assessment, partial: boolean): Step {
  const ways =
    assessment.verdict === 'not-eligible'
      ? remedies(assessmentInput(s, partial), { today: s.today, remainingBudget: settings.remainingBudget })
      : [];
  return { kind: 'outcome', assessment, remedies: ways };
}

/**
 * The whole routing of the intake in one place. Eligibility first: stop as soon as a refusal is
 * certain; otherwise ask the first question the rules say still matters, then give the full verdict.
 * After `next = draft` the draft questions, the review and the consent follow, as long as the verdict
 * stays `eligible`.
 */
export function nextStep(s: FlowState, settings: AssessSettings): Step {
  const view = askView(s.answers, s.today);
  const open = ELIGIBILITY_QUESTIONS.find((q) => isOpen(q, view))?.id;
  if (open) {
    // Early only while questions are open: once every one is answered (after a change in the review)
    // the verdict is the full call below, as `/api/assess` gives it without `partial`.
    const early = assessAnswers(s, settings, true);
    if (early.verdict === 'not-eligible') return outcome(s, settings, early, true);
  }

  const revisit = s.revisit.find((q) => isOpen(questionDefinition(q), view));
  if (revisit && ELIGIBILITY_IDS.has(revisit)) return { kind: 'ask', slot: revisit };
  if (open) return { kind: 'ask', slot: open };

  const full = assessAnswers(s, settings, false);
  if (s.answers.next !== 'draft' || full.verdict !== 'eligible') return outcome(s, settings, full, false);

  if (revisit) return { kind: 'ask', slot: revisit };
  const draftOpen = DRAFT_QUESTIONS.find((q) => isOpen(q, view))?.id;
  if (draftOpen) return { kind: 'ask', slot: draftOpen };
  if (s.answers['help.review'] !== 'confirm') return { kind: 'ask', slot: 'help.review', assessment: full };
  return { kind: 'ask', slot: 'draft.consent' };
}

export interface Answered {
  answers: Answers;
  via: Provenance;
}

/**
 * Stores the answer to a question and what it settles: a grouped question gives each of its slots a value
 * (remembered as set by it, so `back` takes them back together).
 */
export function applyAnswer(
  state: Answered,
  question: SlotId,
  value: AnswerValue,
  today: CalendarDate,
): Answered {
  const answers: Answers = { ...state.answers };
  const via: Provenance = { ...state.via };
  // A slot answered by its own question is its own again.
  delete via[question];
  const def = questionDefinition(question);
  if (def.group) {
    const options = optionsOf(def, askView(state.answers, today));
    for (const [slot, v] of Object.entries(def.group.apply(value, options)) as [SlotId, AnswerValue][]) {
      answers[slot] = v;
      if (slot !== question) via[slot] = question;
    }
  }
  answers[question] = value;
  return { answers, via };
}

/** Takes an answer back (for `back` or a change in the review), with everything it settled. */
export function withdrawAnswer(state: Answered, question: SlotId): Answered {
  const answers: Answers = { ...state.answers };
  const via: Provenance = { ...state.via };
  delete answers[question];
  delete via[question];
  for (const slot of questionDefinition(question).group?.takesBack ?? []) {
    delete answers[slot];
    delete via[slot];
  }
  for (const [slot, by] of Object.entries(via) as [SlotId, SlotId][]) {
    if (by !== question) continue;
    delete answers[slot];
    delete via[slot];
  }
  return { answers, via };
}

/** The answer to show as "your previous answer": for a group, what its slots hold now. */
export function answerToKeep(answers: Answers, question: SlotId): AnswerValue | undefined {
  const kept = questionDefinition(question).group?.keptAnswer?.(answers);
  return kept ?? answers[question];
}

/** The slots a question settles now (`channelData.slots`): its own, or a group's. */
export function settledSlots(question: SlotId, view: AskView): SlotPath[] {
  const def = questionDefinition(question);
  if (def.group) return def.group.settles(optionsOf(def, view));
  return isEligibilitySlot(question) ? [question] : [];
}
