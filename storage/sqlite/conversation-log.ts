import type { Activity } from 'botbuilder';
import type { ConversationLog, DirectLineConversation } from '../interfaces.js';
import type { SqliteDatabase } from './database.js';

interface ConversationRow {
  id: string;
  user_id: string;
  resume_hash: string | null;
  created_at: number;
  updated_at: number;
}

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
      next: db.prepare<[number, string], { next_seq: number }>(
        'update dl_conversations set next_seq = next_seq + 1, updated_at = ? where id = ? returning next_seq',
      ),
      insert: db.prepare('insert into dl_activities (conversation_id, seq, activity) values (?, ?, ?)'),
      since: db.prepare<[string, number], { seq: number; activity: string }>(
        'select seq, activity from dl_activities where conversation_id = ? and seq > ? order by seq',
      ),
      clear: db.prepare('delete from dl_activities where conversation_id = ?'),
      forgetResume: db.prepare('update dl_conversations set resume_hash = null where id = ?'),
      delete: db.prepare('delete from dl_conversations where id = ?'),
      idle: db.prepare<[number], { id: string }>('select id from dl_conversations where updated_at < ?'),
    };
    this.appendTransaction = db.transaction((conversationId: string, activity: Partial<Activity>) => {
      const row = this.statements.next.get(this.now(), conversationId);
      if (!row) throw new Error(`Unknown Direct Line conversation ${conversationId}`);
      const stored = {
        ...activity,
        id: `${conversationId}|${String(row.next_seq).padStart(7, '0')}`,
      } as Activity;
      this.statements.insert.run(conversationId, row.next_seq, JSON.stringify(stored));
      return stored;
    });
    // One commit for a whole turn's replies: each commit costs more than the inserts themselves.
    this.appendAllTransaction = db.transaction((conversationId: string, activities: Partial<Activity>[]) =>
      activities.map((activity) => this.appendTransaction(conversationId, activity)),
    );
  }

  async create(c: Pick<DirectLineConversation, 'id' | 'userId' | 'resumeHash'>): Promise<void> {
    const at = this.now();
    this.statements.create.run(c.id, c.userId, c.resumeHash, at, at);
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const row = this.statements.get.get(id);
    return row
      ? {
          id: row.id,
          userId: row.user_id,
          resumeHash: row.resume_hash,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        }
      : undefined;
  }

  async append(conversationId: string, activity: Partial<Activity>): Promise<Activity> {
    return this.appendTransaction(conversationId, activity);
  }

  async appendAll(conversationId: string, activities: Partial<Activity>[]): Promise<Activity[]> {
    return this.appendAllTransaction(conversationId, activities);
  }

  async since(
    conversationId: string,
    watermark: number,
  ): Promise<{ activities: Activity[]; watermark: number }> {
    const rows = this.statements.since.all(conversationId, watermark);
    const last = rows.at(-1)?.seq ?? watermark;
    return { activities: rows.map((r) => JSON.parse(r.activity) as Activity), watermark: last };
  }

  async clear(conversationId: string): Promise<void> {
    this.statements.clear.run(conversationId);
    this.statements.forgetResume.run(conversationId);
  }

  async delete(conversationId: string): Promise<void> {
    this.statements.delete.run(conversationId);
  }

  async idleSince(before: number): Promise<string[]> {
    return this.statements.idle.all(before).map((r) => r.id);
  }
}
