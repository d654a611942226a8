import type { Caller, ContactKind } from '../dialogs/callback.js';
import { answerLines, contactKindOf } from '../dialogs/callback.js';
import type { IntakeContext } from '../dialogs/intake-machine.js';
import type { DraftChannel, TranscriptLine } from '../drafts/draft.js';
import type { Lang, Verdict } from '../rules/index.js';

/** What happens to a callback request, in order. Labels live in `locales/<lang>/consulent.json`. */
export const CALLBACK_STATUSES = ['nieuw', 'gebeld', 'afgehandeld'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

export type { Caller } from '../dialogs/callback.js';
export { CALLERS } from '../dialogs/callback.js';

/**
 * "Ik wil iemand spreken": a person left a phone number or an e-mail address and a short question, and
 * someone gets in touch: the MAG-consulent, or for a neighbourhood initiative the buurtwerk (the rules'
 * route said who). It keeps what the conversation had so far, as the consulent reads it.
 */
export interface CallbackRequest {
  id: string;
  /** `TB-2026-000001`: sequential per year, never reused. */
  reference: string;
  status: CallbackStatus;
  statusHistory: { status: CallbackStatus; by: string; at: string }[];
  /** Who gets in touch. */
  caller: Caller;
  contact: { kind: ContactKind; value: string };
  /** In the person's own words, cut at a sensible length. */
  question: string;
  /** The question was longer and was cut. */
  questionCut: boolean;
  /** The answers so far, as the review shows them (label, answer), in Dutch. */
  answers: { label: string; answer: string }[];
  /** What the rules said of the answers so far (`incomplete` when no verdict was reached yet). */
  verdict: Verdict;
  /** What was said up to the request. */
  transcript: TranscriptLine[];
  /** The conversation's language: the call or mail is in it. */
  lang: Lang;
  channel: DraftChannel;
  createdAt: string;
  updatedAt: string;
}

/** What a channel hands over; the store adds id, reference, status and timestamps. */
export type NewCallback = Omit<
  CallbackRequest,
  'id' | 'reference' | 'status' | 'statusHistory' | 'createdAt' | 'updatedAt'
>;

/** One line of the list. */
export interface CallbackSummary {
  id: string;
  reference: string;
  status: CallbackStatus;
  createdAt: string;
  caller: Caller;
  contact: { kind: ContactKind; value: string };
  /** The start of the question, for the list. */
  question: string;
  lang: Lang;
  channel: DraftChannel;
  /** The stored request cannot be read (a damaged row): listed, so it is seen, but without details. */
  unreadable?: true;
}

const LIST_QUESTION = 120;

export function summarizeCallback(c: CallbackRequest): CallbackSummary {
  const chars = [...c.question];
  return {
    id: c.id,
    reference: c.reference,
    status: c.status,
    createdAt: c.createdAt,
    caller: c.caller,
    contact: c.contact,
    question: chars.length > LIST_QUESTION ? `${chars.slice(0, LIST_QUESTION - 1).join('')}…` : c.question,
    lang: c.lang,
    channel: c.channel,
  };
}

export const formatCallbackReference = (year: number, sequence: number): string =>
  `TB-${year}-${String(sequence).padStart(6, '0')}`;

/**
 * The request of a conversation whose turn just made one (`notice.kind === 'callback'`): the contact and
 * question from the notice, the answers so far as the review words them, the transcript up to now.
 */
export function callbackFromSession(
  ctx: IntakeContext,
  channel: DraftChannel,
  transcript: TranscriptLine[],
): NewCallback {
  const notice = ctx.notice;
  if (notice?.kind !== 'callback') throw new Error('no callback request on this turn');
  return {
    caller: notice.by,
    contact: { kind: contactKindOf(notice.contact), value: notice.contact },
    question: notice.question,
    questionCut: notice.cut,
    answers: answerLines(ctx, 'nl'),
    verdict: notice.verdict,
    transcript,
    lang: ctx.lang,
    channel,
  };
}
