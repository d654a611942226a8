import type { Activity } from 'botbuilder';

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
  /** Activities after `watermark` (exclusive), and the new watermark. */
  since(conversationId: string, watermark: number): Promise<{ activities: Activity[]; watermark: number }>;
  /** Deletes the activities (the `stop` command); the conversation and its sequence stay. */
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
