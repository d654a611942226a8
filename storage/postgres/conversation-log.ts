import type { Activity } from 'botbuilder';
import type { ConversationRow } from '../conversation-rows.js';
import {
  activityId,
  activityPage,
  conversationOf,
  parsedPage,
  sizeOf,
  storedSize,
} from '../conversation-rows.js';
import type { ConversationLog, DirectLineConversation } from '../interfaces.js';
import type { PostgresDatabase, Queryable } from './database.js';

/** The Direct Line activity log in PostgreSQL: the same rows and ids as SQLite's. */
export class PostgresConversationLog implements ConversationLog {
  constructor(
    private readonly db: PostgresDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  async create(c: Pick<DirectLineConversation, 'id' | 'userId' | 'resumeHash'>): Promise<void> {
    const at = this.now();
    await this.db.query(
      'insert into dl_conversations (id, user_id, resume_hash, created_at, updated_at) values ($1, $2, $3, $4, $5)',
      [c.id, c.userId, c.resumeHash, at, at],
    );
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const { rows } = await this.db.query<ConversationRow>(
      'select id, user_id, resume_hash, created_at, updated_at from dl_conversations where id = $1',
      [id],
    );
    const row = rows[0];
    return row ? conversationOf(row) : undefined;
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<Activity> {
    const [stored] = await this.appendAll(conversationId, [activity]);
    return stored!;
  }

  async appendAll(conversationId: string, activities: Partial<Activity>[]): Promise<Activity[]> {
    return this.db.transaction((client) => this.appendAllIn(client, conversationId, activities));
  }

  /**
   * `appendAll` inside the caller's transaction. The sequence numbers are taken by one update of the
   * conversation's row, which holds its lock until the commit: two instances appending at once get
   * consecutive numbers, never the same one.
   */
  /**
   * A turn's activities inside the caller's transaction, in one append: the person's activity and the
   * replies, each naming it (`replyToId`) by the id it gets.
   */
  async appendTurnIn(
    q: Queryable,
    conversationId: string,
    incoming: Partial<Activity>,
    replies: Partial<Activity>[],
  ): Promise<{ stored: Activity; answered: Activity[] }> {
    const [stored, ...answered] = await this.appendAllIn(q, conversationId, [incoming, ...replies], true);
    return { stored: stored!, answered };
  }

  async appendAllIn(
    q: Queryable,
    conversationId: string,
    activities: Partial<Activity>[],
    repliesToFirst = false,
  ): Promise<Activity[]> {
    if (activities.length === 0) return [];
    if (repliesToFirst) {
      // The first one's id is known before its number is: a placeholder of its length counts the same bytes.
      const placeholder = activityId(conversationId, 0);
      activities = activities.map((a, i) => (i === 0 ? a : { ...a, replyToId: placeholder }));
    }
    const bytes = activities.reduce((sum, activity) => sum + storedSize(conversationId, activity), 0);
    const { rows } = await q.query<{ next_seq: number }>(
      `update dl_conversations set next_seq = next_seq + $1, stored_count = stored_count + $1,
         stored_bytes = stored_bytes + $2, updated_at = $3 where id = $4 returning next_seq`,
      [activities.length, bytes, this.now(), conversationId],
    );
    const last = rows[0]?.next_seq;
    if (last === undefined) throw new Error(`Unknown Direct Line conversation ${conversationId}`);
    const first = last - activities.length + 1;
    const firstId = activityId(conversationId, first);
    const stored = activities.map(
      (activity, i) =>
        ({
          ...activity,
          ...(repliesToFirst && i > 0 && { replyToId: firstId }),
          id: activityId(conversationId, first + i),
        }) as Activity,
    );
    await q.query(
      'insert into dl_activities (conversation_id, seq, activity) select $1, s, a from unnest($2::bigint[], $3::text[]) as t(s, a)',
      [conversationId, stored.map((_, i) => first + i), stored.map((a) => JSON.stringify(a))],
    );
    return stored;
  }

  async since(
    conversationId: string,
    watermark: number,
    limit = Number.MAX_SAFE_INTEGER,
  ): Promise<{ activities: Activity[]; watermark: number; more: boolean }> {
    return parsedPage(await this.sinceJson(conversationId, watermark, limit));
  }

  async sinceJson(
    conversationId: string,
    watermark: number,
    limit = Number.MAX_SAFE_INTEGER,
  ): Promise<{ activities: string[]; watermark: number; more: boolean }> {
    // One more than asked for says whether another page follows.
    const { rows } = await this.db.query<{ seq: number; activity: string }>(
      'select seq, activity from dl_activities where conversation_id = $1 and seq > $2 order by seq limit $3',
      [conversationId, watermark, Math.min(limit, 2 ** 31 - 2) + 1],
    );
    return activityPage(rows, watermark, limit);
  }

  async size(conversationId: string): Promise<{ count: number; bytes: number } | undefined> {
    const { rows } = await this.db.query<{ stored_count: number; stored_bytes: number }>(
      'select stored_count, stored_bytes from dl_conversations where id = $1',
      [conversationId],
    );
    return sizeOf(rows[0]);
  }

  async clear(conversationId: string): Promise<void> {
    await this.db.transaction((client) => this.clearIn(client, conversationId, { forgetResume: true }));
  }

  /** Deletes the activities (inside the caller's transaction); `forgetResume` also the resume secret. */
  async clearIn(q: Queryable, conversationId: string, { forgetResume }: { forgetResume: boolean }) {
    await q.query('delete from dl_activities where conversation_id = $1', [conversationId]);
    await q.query(
      `update dl_conversations set stored_count = 0, stored_bytes = 0${forgetResume ? ', resume_hash = null' : ''} where id = $1`,
      [conversationId],
    );
  }

  async delete(conversationId: string): Promise<void> {
    await this.db.query('delete from dl_conversations where id = $1', [conversationId]);
  }

  async idleSince(before: number): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      'select id from dl_conversations where updated_at < $1',
      [before],
    );
    return rows.map((r) => r.id);
  }
}
