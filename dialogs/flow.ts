import type { AssessInput, Assessment, AssessOptions, CalendarDate, SlotPath } from '../rules/index.js';
import { assess } from '../rules/index.js';
import type { Answers, AnswerValue, SlotId } from './answers.js';
import { isEligibilitySlot, toAssessInput } from './answers.js';
import { DRAFT_SLOTS, ELIGIBILITY_SLOTS, isRelevant, slotDefinition } from './slots.js';

/** What the conversation does next: ask a question, or show a verdict (which then asks `next`). */
export type Step =
  | {
      kind: 'ask';
      slot: SlotId /** The review shows the verdict the answers give now. */;
      assessment?: Assessment;
    }
  | { kind: 'outcome'; assessment: Assessment };

export interface FlowState {
  answers: Answers;
  /** Slots to walk through again, in order, after `back` or a change in the review. */
  revisit: SlotId[];
  today: CalendarDate;
}

export type AssessSettings = Pick<AssessOptions, 'lang' | 'remainingBudget'>;

const relevantNow = (s: FlowState) => (slot: SlotId) => isRelevant(slotDefinition(slot), s.answers, s.today);

/** The `/api/assess` input for the answers that count now (irrelevant answers left out). */
export function assessmentInput(s: FlowState, partial: boolean): AssessInput {
  const counts = (slot: SlotPath) => relevantNow(s)(slot);
  return toAssessInput(s.answers, s.today, counts, partial);
}

export function assessAnswers(s: FlowState, settings: AssessSettings, partial: boolean): Assessment {
  return assess(assessmentInput(s, partial), { today: s.today, ...settings });
}

const firstOpen = (s: FlowState, defs: readonly { slot: SlotId }[]) =>
  defs.find((d) => s.answers[d.slot] === undefined && relevantNow(s)(d.slot))?.slot;

/**
 * The whole routing of the intake in one place. Eligibility first: stop as soon as a refusal is
 * certain; otherwise ask what is still open, then give the full verdict. After `next = draft` the
 * draft questions, the review and the consent follow, as long as the verdict stays `eligible`.
 */
export function nextStep(s: FlowState, settings: AssessSettings): Step {
  const open = firstOpen(s, ELIGIBILITY_SLOTS);
  if (open) {
    // Early only while questions are open: once every one is answered (after a change in the review)
    // the verdict is the full call below, as `/api/assess` gives it without `partial`.
    const early = assessAnswers(s, settings, true);
    if (early.verdict === 'not-eligible') return { kind: 'outcome', assessment: early };
  }

  const revisit = s.revisit.find(relevantNow(s));
  if (revisit && isEligibilitySlot(revisit)) return { kind: 'ask', slot: revisit };
  if (open) return { kind: 'ask', slot: open };

  const full = assessAnswers(s, settings, false);
  if (s.answers.next !== 'draft' || full.verdict !== 'eligible') return { kind: 'outcome', assessment: full };

  if (revisit) return { kind: 'ask', slot: revisit };
  const draftOpen = firstOpen(s, DRAFT_SLOTS);
  if (draftOpen) return { kind: 'ask', slot: draftOpen };
  if (s.answers['help.review'] !== 'confirm') return { kind: 'ask', slot: 'help.review', assessment: full };
  return { kind: 'ask', slot: 'draft.consent' };
}

const HELP_SLOTS = ['help.mainTask', 'help.sport'] as const;
const choosingWithHelp = (a: Answers) => a['help.chooseType'] === true;

/**
 * Stores an answer and what follows from it: the "help me choose" path sets the subsidy type once it is
 * clear (`initiative.type` is null while it runs), and choosing the type again discards that walk.
 */
export function applyAnswer(answers: Answers, slot: SlotId, value: AnswerValue): Answers {
  const next: Answers = { ...answers, [slot]: value };
  if (slot === 'initiative.type') {
    // The event question belonged to the help walk: a type chosen anew asks it again if it matters.
    if (choosingWithHelp(answers)) delete next['initiative.needsEventPermit'];
    for (const help of HELP_SLOTS) delete next[help];
    delete next['help.chooseType'];
    if (value === 'help-me-choose') {
      next['initiative.type'] = null;
      next['help.chooseType'] = true;
      delete next['initiative.needsEventPermit'];
    }
    return next;
  }
  if (slot === 'help.mainTask' && value === true) next['initiative.type'] = 'kernactiviteit';
  if (slot === 'initiative.needsEventPermit' && value === true && answers['initiative.type'] === null) {
    next['initiative.type'] = 'evenement';
  }
  if (slot === 'help.sport') next['initiative.type'] = value === true ? 'sport' : 'eenmalig';
  return next;
}

/** Takes an answer back (for `back` or a change in the review) and undoes what followed from it. */
export function withdrawAnswer(answers: Answers, slot: SlotId): Answers {
  const next: Answers = { ...answers };
  delete next[slot];
  const partOfHelpWalk =
    (HELP_SLOTS as readonly string[]).includes(slot) ||
    (slot === 'initiative.needsEventPermit' && choosingWithHelp(answers));
  // The type came from this help answer: the walk resumes at this question.
  if (partOfHelpWalk) next['initiative.type'] = null;
  if (slot === 'initiative.type') {
    for (const help of HELP_SLOTS) delete next[help];
    if (choosingWithHelp(answers)) delete next['initiative.needsEventPermit'];
    delete next['help.chooseType'];
  }
  return next;
}

/** The answer to show as "your previous answer": a type being chosen with help reads as that choice. */
export function answerToKeep(answers: Answers, slot: SlotId): AnswerValue | undefined {
  if (slot === 'initiative.type' && answers[slot] === null && choosingWithHelp(answers))
    return 'help-me-choose';
  return answers[slot];
}
