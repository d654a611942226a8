import { randomInt } from 'node:crypto';
import type { Activity, Storage, StoreItem } from 'botbuilder';
import type {
  CallbackRequest,
  CallbackStatus,
  CallbackSummary,
  Caller,
  NewCallback,
} from '../callbacks/callback.js';
import type { DraftApplication, DraftStatus, DraftSummary, NewDraft } from '../drafts/draft.js';

/**
 * The storage the server needs, as small interfaces: SQLite implements them (`sqlite/`, one process or
 * several on one file), PostgreSQL too (`postgres/`, several instances). `open-stores.ts` builds one set
 * from the configuration; nothing outside `storage/` names a backend.
 */

/** Someone else wrote the item since it was read (optimistic concurrency): read it again and redo the turn. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: eTag conflict for ${key}`);
  }
}

/**
 * The eTag of an item written where none is stored: random, so an item deleted (`stop`) and written again
 * never has an eTag it had before, and a server that kept the old one sees the difference. Writes after
 * it count up from it.
 */
export const firstETag = (): number => randomInt(1, 2 ** 47);

/**
 * The dialog state of every conversation, as botbuilder's `Storage` with eTags: an item written with the
 * eTag it was read with succeeds only if nobody wrote in between (else {@link ETagConflictError}); `*` or
 * no eTag overwrites.
 */
export interface ConversationStateStore extends Storage {
  /**
   * The item at `key`, unless it still has `eTag`: then `current` (and nothing is parsed). A server that
   * kept a conversation's session from its last turn asks this to know it may go on with it.
   */
  readUnlessCurrent(key: string, eTag: string): Promise<StoreItem | undefined | 'current'>;
  /** Answers when the store can be read (a readiness probe); throws when it cannot. */
  ping(): Promise<void>;
  /** Forgets every item not written since `before` (epoch ms); returns how many. */
  purgeIdle(before: number): Promise<number>;
}

export interface DirectLineConversation {
  id: string;
  /** The user id bound to the conversation's tokens. */
  userId: string;
  /** SHA-256 of the secret that lets the same browser resume after its token expired. */
  resumeHash: string | null;
  createdAt: number;
  updatedAt: number;
}

/** The Direct Line activity log of a conversation: what Web Chat reads with a watermark. */
export interface ConversationLog {
  create(conversation: Pick<DirectLineConversation, 'id' | 'userId' | 'resumeHash'>): Promise<void>;
  get(id: string): Promise<DirectLineConversation | undefined>;
  /** Appends with the next sequence number; returns the activity as stored (with `id` `<conversation>|<seq>`). */
  append(conversationId: string, activity: Partial<Activity>): Promise<Activity>;
  /** Appends several in order, in one write: what the bot says in one turn. */
  appendAll(conversationId: string, activities: Partial<Activity>[]): Promise<Activity[]>;
  /**
   * Activities after `watermark` (exclusive), at most `limit` of them, and the new watermark; `more` says
   * that another page follows.
   */
  since(
    conversationId: string,
    watermark: number,
    limit?: number,
  ): Promise<{ activities: Activity[]; watermark: number; more: boolean }>;
  /**
   * `since` as the stored JSON text of each activity, not parsed: what a page sends as it is stored (the
   * text is `JSON.stringify` of the activity).
   */
  sinceJson(
    conversationId: string,
    watermark: number,
    limit?: number,
  ): Promise<{ activities: string[]; watermark: number; more: boolean }>;
  /**
   * How much the log of a conversation holds now (what `clear` empties): activities and bytes; `undefined`
   * when there is no such conversation (one read answers both for a post).
   */
  size(conversationId: string): Promise<{ count: number; bytes: number } | undefined>;
  /**
   * Deletes the activities and the resume secret (the `stop` command); the conversation and its sequence
   * stay, so the client still reads the last message.
   */
  clear(conversationId: string): Promise<void>;
  delete(conversationId: string): Promise<void>;
  /** Conversations untouched since `before` (epoch ms): abandoned, to be forgotten. */
  idleSince(before: number): Promise<string[]>;
}

export interface SettingsStore {
  get(key: string): Promise<string | undefined>;
  /** Stores `value` unless the key exists; returns the value that is stored now. */
  setIfAbsent(key: string, value: string): Promise<string>;
}

export interface DraftFilter {
  status?: DraftStatus;
  type?: string;
  tier?: string;
  /** Words found in the reference, the applicant, the initiative's title or the e-mail address. */
  q?: string;
  /** Newest first (`received`, the default), or soonest first by start date or by last day to apply. */
  sort?: DraftSort;
}

export const DRAFT_SORTS = ['received', 'start', 'submit-by'] as const;
export type DraftSort = (typeof DRAFT_SORTS)[number];

/** Drafted applications for the MAG-consulent. */
export interface DraftStore {
  /**
   * Stores a draft under a fresh reference of `year`, or returns the draft already stored under the same
   * idempotency key (a double click, a retried request): one submission, one draft, one reference.
   */
  create(
    draft: NewDraft,
    idempotencyKey: string,
    year: number,
  ): Promise<{ draft: DraftApplication; created: boolean }>;
  get(id: string): Promise<DraftApplication | undefined>;
  /** Newest first: every draft the filter matches (the CSV export). */
  list(filter?: DraftFilter): Promise<DraftSummary[]>;
  /** Newest first, `limit` from `offset` on, and how many match in all (the inbox, `/api/drafts`). */
  page(
    filter: DraftFilter,
    page: { limit: number; offset: number },
  ): Promise<{ drafts: DraftSummary[]; total: number }>;
  /** Drafts per status, over the whole inbox. */
  countByStatus(): Promise<Record<DraftStatus, number>>;
  /** A new status with the consulent's note; `told` when the applicant is mailed about it. */
  setStatus(
    id: string,
    status: DraftStatus,
    by: string,
    extra?: { note?: string; told?: boolean },
  ): Promise<DraftApplication | undefined>;
  /** Gives the draft to a consulent (`null`: to nobody). */
  setAssignee(id: string, name: string | null, by: string): Promise<DraftApplication | undefined>;
  /** Which attachments of the checklist have come in: exactly these, ticked by `by`. */
  setReceived(id: string, attachments: string[], by: string): Promise<DraftApplication | undefined>;
  delete(id: string): Promise<{ id: string; reference: string } | undefined>;
  /** Deletes drafts created before `before` (ISO instant); returns what was deleted. */
  deleteCreatedBefore(before: string): Promise<{ id: string; reference: string }[]>;
}

export interface CallbackFilter {
  status?: CallbackStatus;
  caller?: Caller;
}

/** Callback requests ("Ik wil iemand spreken") for the consulent and the buurtwerk. */
export interface CallbackStore {
  /**
   * Stores a request under a fresh `TB-` reference of `year`, or returns the one already stored under the
   * same idempotency key (a retried turn): one request, one reference.
   */
  create(
    request: NewCallback,
    idempotencyKey: string,
    year: number,
  ): Promise<{ callback: CallbackRequest; created: boolean }>;
  get(id: string): Promise<CallbackRequest | undefined>;
  /** Newest first, `limit` from `offset` on, and how many match in all. */
  page(
    filter: CallbackFilter,
    page: { limit: number; offset: number },
  ): Promise<{ callbacks: CallbackSummary[]; total: number }>;
  /** Requests per status, over all of them. */
  countByStatus(): Promise<Record<CallbackStatus, number>>;
  setStatus(id: string, status: CallbackStatus, by: string): Promise<CallbackRequest | undefined>;
  delete(id: string): Promise<{ id: string; reference: string } | undefined>;
  /** Deletes requests created before `before` (ISO instant); returns what was deleted. */
  deleteCreatedBefore(before: string): Promise<{ id: string; reference: string }[]>;
}

/**
 * The consulent's sign-in state, shared by every instance and kept over a restart: login attempts per
 * address (counted before the password is checked, so a burst of parallel guesses cannot slip through) and
 * revoked sessions (a logout stays a logout).
 */
export interface AuthStore {
  /**
   * Counts an attempt of `key` (a client address) before its password is checked. Past `limit` attempts in
   * `windowMs` the key is refused for `windowMs`; `retryAfterMs` says how long, `remaining` how many
   * attempts are left after this one.
   */
  reserveAttempt(
    key: string,
    now: number,
    limit: number,
    windowMs: number,
  ): Promise<{ allowed: boolean; retryAfterMs: number; remaining: number }>;
  /** A correct password: the key starts afresh. */
  clearAttempts(key: string): Promise<void>;
  revokeSession(id: string, expires: number): Promise<void>;
  isRevoked(id: string, now: number): Promise<boolean>;
  /** Forgets attempts and revocations that no longer matter. */
  purge(now: number, windowMs: number): Promise<void>;
}

/**
 * Everything one turn of a conversation writes, committed as one: after a crash at any moment the
 * conversation is as it was before the turn or as it is after it, and a consented draft always exists.
 */
export interface TurnWrite {
  /** The dialog state after the turn (with the eTag it was read with); `null` deletes it (`stop`). */
  state?: { key: string; value: object | null; eTag?: string };
  /** The draft the person consented to: one per idempotency key, at most `limit` per `conversationKey`. */
  draft?: { draft: NewDraft; idempotencyKey: string; year: number; conversationKey: string; limit: number };
  /** A callback request made on this turn: one per idempotency key, at most `limit` per `conversationKey`. */
  callback?: {
    request: NewCallback;
    idempotencyKey: string;
    year: number;
    conversationKey: string;
    limit: number;
  };
  /**
   * Direct Line: the person's activity, stored with its turn (so a crash never keeps a message without its
   * answer), and whether the log is emptied first (`stop`, a restart; `forgetResume` for `stop`).
   */
  log?: {
    conversationId: string;
    incoming?: Partial<Activity>;
    clear?: { forgetResume: boolean };
  };
  /**
   * What the bot answers, given the draft and the callback request as stored (their references), or `limit`
   * when no more may be made.
   */
  replies: (
    draft: DraftApplication | 'limit' | undefined,
    callback?: CallbackRequest | 'limit',
  ) => Partial<Activity>[];
}

export interface TurnOutcome {
  draft?: DraftApplication | 'limit';
  callback?: CallbackRequest | 'limit';
  /** The person's activity as the log stored it (with its id). */
  incoming?: Activity;
  /** The replies; as the log stored them when the turn has a Direct Line log. */
  replies: Partial<Activity>[];
  /** The eTag the state has now, when the turn wrote it (not when it deleted it). */
  stateETag?: string;
}

/** What a turn store asks, inside its transaction, about a draft or callback request just made: its mails. */
export interface TurnMails {
  draft?: (draft: DraftApplication) => import('../mail/outbox.js').OutgoingMail[];
  callback?: (callback: CallbackRequest) => import('../mail/outbox.js').OutgoingMail[];
}

export interface TurnStore {
  /** Commits `write` in one transaction; throws (and writes nothing) on an eTag conflict. */
  commit(write: TurnWrite): Promise<TurnOutcome>;
}

export interface RateHit {
  allowed: boolean;
  retryAfterMs: number;
  count: number;
  resetMs: number;
}

/**
 * Counted windows shared by every instance: "at most `limit` per `windowMs`" for a key (posts of one
 * conversation, conversations of one address).
 */
export interface RateStore {
  /**
   * Counts one event of `key`; `allowed` false (and not counted) past `limit` in the current window.
   * `count` is how many the window holds now, `resetMs` how long until it ends.
   */
  hit(key: string, limit: number, windowMs: number, now: number): Promise<RateHit>;
  /** Forgets windows that ended before `before`. */
  purge(before: number): Promise<void>;
}

/**
 * A budget line's figures for one subsidy year as a consulent set them (cents): the ceiling and what is
 * left. `null` is "not set": the default applies (the ruleset's ceiling of the year; what is left equals the
 * ceiling, or the environment's figure for the year the server started in).
 */
export interface BudgetFigures {
  year: number;
  line: import('../rules/index.js').BudgetLine;
  ceiling: number | null;
  remaining: number | null;
  /** Who set them (a `CONSULENT_USERS` name), and when (ISO instant). */
  by: string;
  at: string;
}

/**
 * The budget figures per subsidy year and budget line, kept as a history: every change is a new entry and
 * the latest of a year and line is in force. Shared by every instance, read again for each turn and request.
 */
export interface BudgetStore {
  /** The figures in force: the latest change of every year and line that has one. */
  current(): Promise<BudgetFigures[]>;
  /** Records a change, stamped now; returns it as stored. */
  set(change: Omit<BudgetFigures, 'at'>): Promise<BudgetFigures>;
  /** Every change, newest first; only those of `year` when given. */
  history(year?: number): Promise<BudgetFigures[]>;
}

/**
 * Tells whoever holds a conversation's WebSocket stream that it has new activities: in this process, and
 * on PostgreSQL in every instance on the database (`LISTEN/NOTIFY`).
 */
export interface ActivitySignal {
  notify(conversationId: string): void;
  /** Returns the function that unsubscribes. */
  subscribe(conversationId: string, listener: () => void): () => void;
}

/**
 * Turns of one conversation run one after the other, so two quick messages are answered in order: in this
 * process, and on PostgreSQL across every instance (an advisory lock per conversation).
 */
export interface TurnOrder {
  run<T>(conversationId: string, work: () => Promise<T>): Promise<T>;
}

/**
 * Work that one instance at a time does (the expiry job): `undefined` when another instance is doing it
 * now, so this one skips its run.
 */
export interface Exclusive {
  run<T>(name: string, work: () => Promise<T>): Promise<T | undefined>;
}
