import type { Activity } from 'botbuilder';
import type { TurnOutcome, TurnStore, TurnWrite } from '../interfaces.js';
import type { SqliteConversationLog } from './conversation-log.js';
import type { SqliteDatabase } from './database.js';
import type { SqliteDraftStore } from './draft-store.js';
import type { SqliteStorage } from './sqlite-storage.js';

/** A turn's state, draft and Direct Line messages in one SQLite transaction. */
export class SqliteTurnStore implements TurnStore {
  private readonly transaction;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly stores: { state: SqliteStorage; drafts: SqliteDraftStore; log: SqliteConversationLog },
  ) {
    this.transaction = db.transaction((write: TurnWrite): TurnOutcome => this.apply(write));
  }

  async commit(write: TurnWrite): Promise<TurnOutcome> {
    // IMMEDIATE: the write lock before the first read, so another process waits instead of failing midway.
    const outcome = this.transaction.immediate(write);
    // Deleted rows are overwritten in the database (secure_delete), but WAL mode keeps the old pages in
    // the -wal file until a checkpoint: after a `stop` they are copied back and the file is emptied.
    if (write.state?.value === null || write.log?.clear) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return outcome;
  }

  private apply(write: TurnWrite): TurnOutcome {
    const { state, drafts, log } = this.stores;
    if (write.state) {
      const { key, value, eTag } = write.state;
      if (value === null) state.deleteNow([key]);
      else state.writeNow({ [key]: { ...value, eTag: eTag ?? '*' } });
    }
    let draft: TurnOutcome['draft'];
    if (write.draft) {
      const d = write.draft;
      const again = drafts.countWithKeyPrefix(d.idempotencyKey) > 0;
      draft =
        again || drafts.countWithKeyPrefix(`${d.conversationKey}/`) < d.limit
          ? drafts.createNow(d.draft, d.idempotencyKey, d.year).draft
          : 'limit';
    }
    const replies = write.replies(draft);
    if (!write.log) return { draft, replies };

    const { conversationId, incoming, clear } = write.log;
    if (clear) log.clearNow(conversationId, clear);
    const [stored] = incoming ? log.appendAllNow(conversationId, [incoming]) : [];
    const answered = log.appendAllNow(
      conversationId,
      replies.map((reply) => (stored ? { ...reply, replyToId: stored.id } : reply)),
    );
    return { draft, incoming: stored as Activity | undefined, replies: answered };
  }
}
