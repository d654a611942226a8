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
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  async create(c: Pick<DirectLineConversation, 'id' | 'userId' | 'resumeHash'>): Promise<void> {
    const at = this.now();
    this.db
      .prepare(
        'insert into dl_conversations (id, user_id, resume_hash, created_at, updated_at) values (?, ?, ?, ?, ?)',
      )
      .run(c.id, c.userId, c.resumeHash, at, at);
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const row = this.db
      .prepare<[string], ConversationRow>('select * from dl_conversations where id = ?')
      .get(id);
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
    return this.db.transaction(() => {
      const row = this.db
        .prepare<[number, string], { next_seq: number }>(
          'update dl_conversations set next_seq = next_seq + 1, updated_at = ? where id = ? returning next_seq',
        )
        .get(this.now(), conversationId);
      if (!row) throw new Error(`Unknown Direct Line conversation ${conversationId}`);
      const stored = {
        ...activity,
        id: `${conversationId}|${String(row.next_seq).padStart(7, '0')}`,
      } as Activity;
      this.db
        .prepare('insert into dl_activities (conversation_id, seq, activity) values (?, ?, ?)')
        .run(conversationId, row.next_seq, JSON.stringify(stored));
      return stored;
    })();
  }

  async since(
    conversationId: string,
    watermark: number,
  ): Promise<{ activities: Activity[]; watermark: number }> {
    const rows = this.db
      .prepare<[string, number], { seq: number; activity: string }>(
        'select seq, activity from dl_activities where conversation_id = ? and seq > ? order by seq',
      )
      .all(conversationId, watermark);
    const last = rows.at(-1)?.seq ?? watermark;
    return { activities: rows.map((r) => JSON.parse(r.activity) as Activity), watermark: last };
  }

  async clear(conversationId: string): Promise<void> {
    this.db.prepare('delete from dl_activities where conversation_id = ?').run(conversationId);
  }

  async delete(conversationId: string): Promise<void> {
    this.db.prepare('delete from dl_conversations where id = ?').run(conversationId);
  }

  async idleSince(before: number): Promise<string[]> {
    return this.db
      .prepare<[number], { id: string }>('select id from dl_conversations where updated_at < ?')
      .all(before)
      .map((r) => r.id);
  }
}
