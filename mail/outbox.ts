import type { Lang } from '../rules/index.js';

/**
 * Durable outgoing mail: a mail is first a row in an outbox (in the same database, and for a draft in the
 * same transaction that stores the draft), then a sender delivers it over SMTP, retries with backoff and
 * marks it sent. Nothing is lost when the mail server is down or the process stops; a row is claimed with
 * a lease before it is sent, so two senders never send the same row.
 */

/** What a mail is about: for logs and counts, never personal data. */
export const MAIL_KINDS = [
  'draft-received',
  'draft-confirmation',
  'status-changed',
  'callback-requested',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * An attachment by reference: what it is made from, rendered when the mail is sent (a PDF is not kept twice
 * in the database, and a draft deleted meanwhile is not sent).
 */
export type AttachmentRef = { kind: 'draft-pdf'; draftId: string; lang: Lang };

/** A rendered attachment; `undefined` from the renderer when what it is made from is gone. */
export interface RenderedAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export type RenderAttachment = (ref: AttachmentRef) => Promise<RenderedAttachment | undefined>;

/** A mail as it is queued: recipients, subject, plain text, and attachments by reference. */
export interface OutgoingMail {
  kind: MailKind;
  to: string[];
  subject: string;
  text: string;
  /** The draft's reference (`MAG-2026-000042`), when the mail is about one: logs name it, nothing else. */
  reference?: string;
  attachments?: AttachmentRef[];
  /** A paragraph added to the text when an attachment could not be made (its draft was deleted). */
  ifAttachmentMissing?: string;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/** A row the sender claimed: it holds the lease until `lockedUntil` (epoch ms). */
export interface ClaimedMail {
  id: string;
  mail: OutgoingMail;
  /** Attempts so far, this one included. */
  attempts: number;
  /** Epoch ms: when it was queued (the `Date` of the message, and the start of the give-up period). */
  createdAt: number;
  lockedUntil: number;
  /** Proves the claim: only its holder reschedules, fails or releases the row. */
  token: string;
}

/**
 * What a sender needs of an outbox. Every step names the claim's token, except `markSent`: a mail the
 * server accepted is sent, whoever holds the row now.
 */
export interface MailOutbox {
  enqueue(mail: OutgoingMail): Promise<string>;
  /**
   * Claims up to `limit` rows that are due at `now` and not leased, for `leaseMs`; each claim counts as an
   * attempt (a process that dies while sending has used one).
   */
  claim(now: number, leaseMs: number, limit: number): Promise<ClaimedMail[]>;
  /** The server accepted it: sent; its recipients, subject and text are erased from the row. */
  markSent(id: string, now: number): Promise<boolean>;
  /** Not sent this time: due again at `at`; `error` is a code without personal data (`ECONNREFUSED`, `451`). */
  reschedule(id: string, token: string, at: number, error: string): Promise<boolean>;
  /** Given up: failed, and erased like a sent one. */
  markFailed(id: string, token: string, now: number, error: string): Promise<boolean>;
  /**
   * Not attempted after all (the sender stops, or the server was found down on another row): the attempt is
   * not counted, and the row is due at `at` (at once when not given) for whichever sender comes first.
   */
  release(id: string, token: string, at?: number): Promise<boolean>;
  /** Epoch ms at which the next pending row can be claimed, if any. */
  nextDueAt(): Promise<number | undefined>;
  /** Deletes sent and failed rows finished before `before`; returns how many. */
  purgeFinished(before: number): Promise<number>;
  /** Calls `listener` after a mail was queued in this process (the sender wakes up); returns an unsubscribe. */
  onEnqueued?(listener: () => void): () => void;
}

/** An outbox that can also queue inside the caller's (synchronous) database transaction. */
export interface TransactionalMailOutbox extends MailOutbox {
  /** Queues `mail` in the current transaction: it exists exactly when that transaction commits. */
  enqueueNow(mail: OutgoingMail): string;
}
