import type { Activity } from 'botbuilder';
import type { DirectLineConversation } from './interfaces.js';

// The Direct Line log keeps the same rows and activity ids in SQLite and PostgreSQL: their meaning is here.

export interface ConversationRow {
  id: string;
  user_id: string;
  resume_hash: string | null;
  created_at: number;
  updated_at: number;
}

export const conversationOf = (row: ConversationRow): DirectLineConversation => ({
  id: row.id,
  userId: row.user_id,
  resumeHash: row.resume_hash,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** An activity's id: `<conversation>|<seq>`, the sequence number zero-padded to seven digits. */
export const activityId = (conversationId: string, seq: number): string =>
  `${conversationId}|${String(seq).padStart(7, '0')}`;

/** What an activity adds to the stored bytes: its id's length is known before its sequence number is. */
export const storedSize = (conversationId: string, activity: Partial<Activity>): number =>
  JSON.stringify(activity).length + conversationId.length + 16;

/**
 * A page of `since`, from rows read with one more than `limit` asked for: that one says whether another
 * page follows. The watermark is the last sequence number handed out (`watermark` when none is).
 */
export function activityPage(
  rows: { seq: number; activity: string }[],
  watermark: number,
  limit: number,
): { activities: string[]; watermark: number; more: boolean } {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1)?.seq ?? watermark;
  return { activities: page.map((r) => r.activity), watermark: last, more };
}

/** A page of stored JSON, parsed. */
export const parsedPage = (page: { activities: string[]; watermark: number; more: boolean }) => ({
  ...page,
  activities: page.activities.map((a) => JSON.parse(a) as Activity),
});

/** A conversation's stored count and bytes, `undefined` for one that is gone. */
export const sizeOf = (row: { stored_count: number; stored_bytes: number } | undefined) =>
  row && { count: row.stored_count, bytes: row.stored_bytes };
