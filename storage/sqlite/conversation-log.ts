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
import type { SqliteDatabase } from './database.js';

export class SqliteConversationLog implements ConversationLog {
  // Statements and transactions are prepared once: preparing them per call cost more than running them.
  private readonly statements;
  private readonly appendTransaction;
  private readonly appendAllTransaction;

  constructor(
    db: SqliteDatabase,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = {
      create: db.prepare(
        'insert into dl_conversations (id, user_id, resume_hash, created_at, updated_at) values (?, ?, ?, ?, ?)',
      ),
      get: db.prepare<[string], ConversationRow>('select * from dl_conversations where id = ?'),
      next: db.prepare<[number, number, string], { next_seq: number }>(
        'update dl_conversations set next_seq = next_seq + 1, stored_count = stored_count + 1, stored_bytes = stored_bytes + ?, updated_at = ? where id = ? returning next_seq',
      ),
      insert: db.prepare('insert into dl_activities (conversation_id, seq, activity) values (?, ?, ?)'),
      since: db.prepare<[string, number, number], { seq: number; activity: string }>(
        'select seq, activity from dl_activities where conversation_id = ? and seq > ? order by seq limit ?',
      ),
      clear: db.prepare('delete from dl_activities where conversation_id = ?'),
      resetSize: db.prepare('update dl_conversations set stored_count = 0, stored_bytes = 0 where id = ?'),
      size: db.prepare<[string], { stored_count: number; stored_bytes: number }>(
        'select stored_count, stored_bytes from dl_conversations where id = ?',
      ),
      forgetResume: db.prepare('update dl_conversations set resume_hash = null where id = ?'),
      delete: db.prepare('delete from dl_conversations where id = ?'),
      idle: db.prepare<[number], { id: string }>('select id from dl_conversations where updated_at < ?'),
    };
    this.appendTransaction = db.transaction((conversationId: string, activity: Partial<Activity>) =>
      this.appendRow(conversationId, activity),
    );
    // One commit for a whole turn's replies: each commit costs more than the inserts themselves.
    this.appendAllTransaction = db.transaction((conversationId: string, activities: Partial<Activity>[]) =>
      activities.map((activity) => this.appendRow(conversationId, activity)),
    );
  }

  /** One activity into the log, inside the caller's transaction. */
  private appendRow(conversationId: string, activity: Partial<Activity>): Activity {
    const row = this.statements.next.get(storedSize(conversationId, activity), this.now(), conversationId);
    if (!row) throw new Error(`Unknown Direct Line conversation ${conversationId}`);
    const stored = { ...activity, id: activityId(conversationId, row.next_seq) } as Activity;
    this.statements.insert.run(conversationId, row.next_seq, JSON.stringify(stored));
    return stored;
  }

  async create(c: Pick<DirectLineConversation, 'id' | 'userId' | 'resumeHash'>): Promise<void> {
    const at = this.now();
    this.statements.create.run(c.id, c.userId, c.resumeHash, at, at);
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const row = this.statements.get.get(id);
    return row ? conversationOf(row) : undefined;
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<Activity> {
    return this.appendTransaction(conversationId, activity);
  }

  async appendAll(conversationId: string, activities: Partial<Activity>[]): Promise<Activity[]> {
    return this.appendAllTransaction(conversationId, activities);
  }

  /** For a turn's own transaction (`SqliteTurnStore`): the same as `appendAll`, inside the caller's. */
  appendAllNow(conversationId: string, activities: Partial<Activity>[]): Activity[] {
    return activities.map((activity) => this.appendRow(conversationId, activity));
  }

  async since(
    conversationId: string,
    watermark: number,
    limit = Number.MAX_SAFE_INTEGER,
  ): Promise<{ activities: Activity[]; watermark: number; more: boolean }> {
    return parsedPage(await this.sinceJson(conversationId, watermark, limit));
  }

  /**
   * `since` as the stored JSON of each activity, not parsed: a page is sent as it is stored (the text is
   * `JSON.stringify` of the activity, so parsing and serialising it again would give the same text).
   */
  async sinceJson(
    conversationId: string,
    watermark: number,
    limit = Number.MAX_SAFE_INTEGER,
  ): Promise<{ activities: string[]; watermark: number; more: boolean }> {
    // One more than asked for says whether another page follows.
    const rows = this.statements.since.all(conversationId, watermark, Math.min(limit, 2 ** 31) + 1);
    return activityPage(rows, watermark, limit);
  }

  async size(conversationId: string): Promise<{ count: number; bytes: number } | undefined> {
    return sizeOf(this.statements.size.get(conversationId));
  }

  async clear(conversationId: string): Promise<void> {
    this.clearNow(conversationId, { forgetResume: true });
  }

  /** Deletes the activities (inside the caller's transaction); `forgetResume` also the resume secret. */
  clearNow(conversationId: string, { forgetResume }: { forgetResume: boolean }): void {
    this.statements.clear.run(conversationId);
    this.statements.resetSize.run(conversationId);
    if (forgetResume) this.statements.forgetResume.run(conversationId);
  }

  async delete(conversationId: string): Promise<void> {
    this.statements.delete.run(conversationId);
  }

  async idleSince(before: number): Promise<string[]> {
    return this.statements.idle.all(before).map((r) => r.id);
  }
}
