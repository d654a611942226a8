import { LANGUAGES } from '../rules/index.js';
import type { SlotId } from './answers.js';
import { catalogueValue } from './i18n.js';
import type { IntakeContext } from './intake-machine.js';
import type { ChoiceOption } from './parsers/index.js';
import { isRelevant, SLOTS } from './slots.js';

/** Slots that are steps of the conversation, not answers to show back. */
const NOT_REVIEWED = new Set<SlotId>(['next', 'help.review', 'draft.consent', 'help.mainTask', 'help.sport']);

/** The answers shown in the review, in conversation order: every relevant answered slot. */
export function reviewedSlots(ctx: IntakeContext): SlotId[] {
  return SLOTS.filter(
    (d) =>
      !NOT_REVIEWED.has(d.slot) && ctx.answers[d.slot] !== undefined && isRelevant(d, ctx.answers, ctx.today),
  ).map((d) => d.slot);
}

const label = (slot: SlotId, lang: (typeof LANGUAGES)[number]) =>
  String(catalogueValue(lang, `labels.${slot}`));

/** `confirm`, then one option per answer to change (its label in both languages; numbered as shown). */
export function reviewOptions(ctx: IntakeContext): ChoiceOption<string>[] {
  return [
    {
      code: 'confirm',
      titles: LANGUAGES.map((l) => String(catalogueValue(l, 'choices.confirm'))),
      synonyms: LANGUAGES.flatMap((l) => catalogueValue(l, 'synonyms.help.review.confirm') as string[]),
    },
    ...reviewedSlots(ctx).map((slot) => ({ code: slot, titles: LANGUAGES.map((l) => label(slot, l)) })),
  ];
}
