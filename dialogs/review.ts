import { LANGUAGES } from '../rules/index.js';
import type { SlotId } from './answers.js';
import { isEligibilitySlot } from './answers.js';
import { madeOnce } from './choice-options.js';
import { askView } from './flow.js';
import { catalogueValue } from './i18n.js';
import type { IntakeContext } from './intake-machine.js';
import type { ChoiceOption } from './parsers/index.js';
import { QUESTIONS } from './questions.js';

/** Questions that are steps of the conversation, not answers to show back. */
const NOT_REVIEWED = new Set<SlotId>(['next', 'help.review', 'draft.consent']);

/**
 * The answers shown in the review, as they were asked, in conversation order: a grouped question is one
 * line (changing it asks it again), a slot its group or the gate settled is shown by that question, and an
 * answer the rules no longer need is left out.
 */
export function reviewedSlots(ctx: IntakeContext): SlotId[] {
  const view = askView(ctx.answers, ctx.today);
  return QUESTIONS.filter((q) => {
    const id = q.id;
    if (NOT_REVIEWED.has(id) || ctx.answers[id] === undefined) return false;
    // What a grouped question settled is shown under it.
    if (ctx.via[id] !== undefined) return false;
    return !isEligibilitySlot(id) || view.relevance[id] !== false;
  }).map((q) => q.id);
}

const label = (slot: SlotId, lang: (typeof LANGUAGES)[number]) =>
  String(catalogueValue(lang, `labels.${slot}`));

/** The lists made so far, by the slots they offer (`madeOnce`). */
const reviewCache = new Map<string, ChoiceOption<string>[]>();

/** `confirm`, then one option per answer to change (its label in both languages; numbered as shown). */
export function reviewOptions(ctx: IntakeContext): ChoiceOption<string>[] {
  const slots = reviewedSlots(ctx);
  return madeOnce(reviewCache, slots.join(','), () => [
    {
      code: 'confirm',
      titles: LANGUAGES.map((l) => String(catalogueValue(l, 'choices.confirm'))),
      synonyms: LANGUAGES.flatMap((l) => catalogueValue(l, 'synonyms.help.review.confirm') as string[]),
    },
    ...slots.map((slot) => ({ code: slot, titles: LANGUAGES.map((l) => label(slot, l)) })),
  ]);
}
