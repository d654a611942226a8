import type { AssessInput, CalendarDate, SlotPath } from '../rules/index.js';
import { SLOT_PATHS } from '../rules/index.js';

/**
 * The dialog's own questions: the idea, the questions that settle several slots at once, the help for the
 * subsidy type, the draft and what comes next.
 */
export const DIALOG_SLOTS = [
  'help.idea',
  /** Where: in the own neighbourhood, elsewhere in the municipality, or outside (settles two slots). */
  'help.location',
  /** Does the idea fit: the themes and the kaders in one list. */
  'help.fit',
  /** "Which of these apply to your initiative?": the conditions that rarely hold. */
  'help.conditions',
  /** "Which of these apply to your application?": earlier applications, refused before, similar granted. */
  'help.history',
  /** The gate for the subsidy year's earlier applications: only yes asks the counts and amounts. */
  'help.appliedBefore',
  /** The gate for what others pay towards the costs: only yes asks the amount. */
  'help.othersPay',
  'next',
  'draft.title',
  'draft.targetGroup',
  'draft.location',
  'contact.name',
  'contact.organisation',
  'contact.email',
  'contact.phone',
  'contact.role',
  'contact.address',
  'contact.kvk',
  'contact.iban',
  'help.review',
  'draft.consent',
  /** "Talk to a person": how to reach the person (a phone number or an e-mail address), then their question. */
  'help.callbackContact',
  'help.callbackQuestion',
] as const;

export type DialogSlot = (typeof DIALOG_SLOTS)[number];
export type SlotId = SlotPath | DialogSlot;

/** Amounts in cents, dates as `YYYY-MM-DD`, codes as strings, `null` for "I don't know yet". */
export type AnswerValue = string | number | boolean | string[] | null;
export type Answers = Partial<Record<SlotId, AnswerValue>>;

export const isEligibilitySlot = (slot: SlotId): slot is SlotPath =>
  (SLOT_PATHS as readonly string[]).includes(slot);

const AMOUNT_SLOTS: readonly SlotPath[] = [
  'money.requested',
  'money.totalCosts',
  'money.thirdPartyContributions',
  'history.amountGrantedThisYear',
];

/** Each eligibility slot split once into its input group and field (this runs on every turn). */
const INPUT_FIELDS = SLOT_PATHS.map((slot) => {
  const [group, field] = slot.split('.') as [string, string];
  return { slot, group, field, amount: AMOUNT_SLOTS.includes(slot) };
});

/** The eligibility fields that count: answered (not "I don't know yet") and `counts`. */
const countedFields = (answers: Answers, counts: (slot: SlotPath) => boolean) =>
  INPUT_FIELDS.filter(({ slot }) => {
    const value = answers[slot];
    return value !== undefined && value !== null && counts(slot);
  });

/** The eligibility slots `toAssessInput` would put in the input, as one string to compare. */
export const countedSlots = (answers: Answers, counts: (slot: SlotPath) => boolean): string =>
  countedFields(answers, counts)
    .map(({ slot }) => slot)
    .join(' ');

/**
 * The `/api/assess` input for the answers that count: only eligibility slots that are relevant to the
 * answers so far (an answer made irrelevant by a later change is left out), amounts back in euros.
 */
export function toAssessInput(
  answers: Answers,
  today: CalendarDate,
  counts: (slot: SlotPath) => boolean,
  partial: boolean,
): AssessInput {
  const input: Record<string, Record<string, unknown>> = {};
  for (const { slot, group, field, amount } of countedFields(answers, counts)) {
    const value = answers[slot];
    input[group] ??= {};
    input[group][field] = amount ? (value as number) / 100 : value;
  }
  return { ...(input as AssessInput), today, ...(partial && { partial: true }) };
}
