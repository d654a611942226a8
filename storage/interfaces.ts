import type { Activity } from 'botbuilder';
import type { DraftApplication, DraftStatus, DraftSummary, NewDraft } from '../drafts/draft.js';

/**
 * The storage the server needs, as small interfaces: SQLite implements them today (`sqlite/`), PostgreSQL
 * can implement them for several instances without touching dialogs or channels. Conversation state
 * itself goes through botbuilder's `Storage` interface (`sqlite/sqlite-storage.ts`).
 */

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
  /** Activities after `watermark` (exclusive), and the new watermark. */
  since(conversationId: string, watermark: number): Promise<{ activities: Activity[]; watermark: number }>;
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
}

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
  /** Newest first. */
  list(filter?: DraftFilter): Promise<DraftSummary[]>;
  setStatus(id: string, status: DraftStatus, by: string): Promise<DraftApplication | undefined>;
  delete(id: string): Promise<{ id: string; reference: string } | undefined>;
  /** Deletes drafts created before `before` (ISO instant); returns what was deleted. */
  deleteCreatedBefore(before: string): Promise<{ id: string; reference: string }[]>;
}
