import type { Assessment, Lang } from '../rules/index.js';
import type { SlotId } from './answers.js';
import { formatAnswer } from './format-answer.js';
import { translator } from './i18n.js';
import type { Audience, IntakeContext } from './intake-machine.js';
import { subsidyYearOf } from './interpret.js';
import { plainFromMarkdown } from './markdown.js';
import { reviewedSlots } from './review.js';

/**
 * "Talk to a person": at any point the person can leave a phone number or an e-mail address and a short
 * question. Someone gets in touch; the conversation goes on where it was.
 */

/** Who gets in touch: the MAG-consulent of the municipality, or the buurtwerk (neighbourhood initiatives). */
export const CALLERS = ['consulent', 'buurtwerk'] as const;
export type Caller = (typeof CALLERS)[number];

/** The two questions of the request, in order. */
export type CallbackStage = 'contact' | 'question';

const SLOTS: Record<CallbackStage, SlotId> = {
  contact: 'help.callbackContact',
  question: 'help.callbackQuestion',
};

/** The question asked at a stage (`channelData.ask`). */
export const callbackSlot = (stage: CallbackStage): SlotId => SLOTS[stage];

/**
 * Who gets in touch, as the rules' assessment of the answers so far says: the buurtwerk when the
 * buurtwerker decides on this initiative (a neighbourhood initiative of the buurt tier), the MAG-consulent
 * otherwise, also while the route is not known yet. In the buurtwerker's intake the buurtwerker is the
 * buurtwerk: asking for a call there means the consulent.
 */
export function callerOf(assessment: Assessment, audience: Audience): Caller {
  if (audience === 'intake') return 'consulent';
  return assessment.route?.decidedBy === 'buurtwerker' ? 'buurtwerk' : 'consulent';
}

/** A question longer than this many characters is cut (at a word) rather than refused. */
export const MAX_CALLBACK_QUESTION = 600;

/** The question as it is passed on: at most {@link MAX_CALLBACK_QUESTION} characters, cut at a word. */
export function cutQuestion(text: string): { text: string; cut: boolean } {
  const chars = [...text];
  if (chars.length <= MAX_CALLBACK_QUESTION) return { text, cut: false };
  const head = chars.slice(0, MAX_CALLBACK_QUESTION - 1).join('');
  const atWord = head.replace(/\s+\S*$/u, '');
  return { text: `${(atWord.length > MAX_CALLBACK_QUESTION / 2 ? atWord : head).trimEnd()}…`, cut: true };
}

export type ContactKind = 'phone' | 'email';

/** An e-mail address has an `@`; anything else `parseContact` gives is a phone number. */
export const contactKindOf = (contact: string): ContactKind => (contact.includes('@') ? 'email' : 'phone');

/** A contact as a person reads it back: a Dutch number as dialled at home (`0612345678`), the rest as is. */
export const displayContact = (contact: string): string =>
  contact.startsWith('+31') ? `0${contact.slice(3)}` : contact;

/**
 * The answers so far as the consulent reads them: the review's lines (its labels, its formatting), in
 * Dutch and as plain text.
 */
export function answerLines(ctx: IntakeContext, lang: Lang = 'nl'): { label: string; answer: string }[] {
  const t = translator(lang, 'resident', ctx.rulesetId);
  const year = subsidyYearOf(ctx);
  return reviewedSlots(ctx).map((slot) => ({
    label: t(`labels.${slot}`),
    answer: plainFromMarkdown(formatAnswer(slot, ctx.answers[slot]!, lang, t, { year })),
  }));
}
