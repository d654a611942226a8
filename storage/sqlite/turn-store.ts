import type { Activity } from 'botbuilder';
import type { OutgoingMail } from '../../mail/outbox.js';
import type { TurnMails, TurnOutcome, TurnStore, TurnWrite } from '../interfaces.js';
import type { SqliteCallbackStore } from './callback-store.js';
import type { SqliteConversationLog } from './conversation-log.js';
import type { SqliteDatabase } from './database.js';
import type { SqliteDraftStore } from './draft-store.js';
import type { SqliteMailOutbox } from './mail-outbox.js';
import type { SqliteStorage } from './sqlite-storage.js';

/** A turn waiting for the next group commit, and what became of it. */
interface Pending {
  write: TurnWrite;
  resolve: (outcome: TurnOutcome) => void;
  reject: (error: unknown) => void;
  outcome?: TurnOutcome;
  error?: unknown;
}

/**
 * A turn's state, draft, callback request and Direct Line messages in one SQLite transaction.
 *
 * Turns that arrive together commit together (a group commit): each is applied under a savepoint of its
 * own, so one that fails (an eTag conflict) is undone alone, and one BEGIN … COMMIT writes them all. Alone,
 * beginning and committing were a third of a turn's transaction (`npm run bench`: 0.20 → 0.13 ms a turn,
 * about 17 turns to a transaction at 50 in flight). A turn is answered only after the COMMIT: a crash
 * before it leaves every turn of the group undone, none half done.
 */
export class SqliteTurnStore implements TurnStore {
  private readonly transaction;
  private readonly group;
  private pending: Pending[] = [];

  constructor(
    private readonly db: SqliteDatabase,
    private readonly stores: {
      state: SqliteStorage;
      drafts: SqliteDraftStore;
      log: SqliteConversationLog;
      callbacks?: SqliteCallbackStore;
      outbox?: SqliteMailOutbox;
    },
    /**
     * The mails about a draft or callback request just made (not one found again on a retry), queued in
     * the outbox inside the transaction: they exist exactly when it does (`mail/`).
     */
    private readonly made: TurnMails = {},
  ) {
    // Called inside `group`'s transaction, better-sqlite3 makes this a savepoint.
    this.transaction = db.transaction((write: TurnWrite): TurnOutcome => this.apply(write));
    this.group = db.transaction((turns: Pending[]) => {
      let failed: unknown;
      for (const turn of turns) {
        try {
          turn.outcome = this.transaction(turn.write);
        } catch (error) {
          turn.error = failed = error;
        }
        // An error that ended the whole transaction (a full disk) fails the group: none may commit alone.
        if (!db.inTransaction) throw failed;
      }
    });
  }

  commit(write: TurnWrite): Promise<TurnOutcome> {
    return new Promise((resolve, reject) => {
      // The turns that reach this point in the same pass of the event loop commit together, after it.
      if (this.pending.push({ write, resolve, reject }) === 1) setImmediate(() => this.commitPending());
    });
  }

  private commitPending(): void {
    const turns = this.pending;
    this.pending = [];
    try {
      // IMMEDIATE: the write lock before the first read, so another process waits instead of failing midway.
      this.group.immediate(turns);
    } catch (error) {
      for (const turn of turns) turn.reject(error);
      return;
    }
    // Deleted rows are overwritten in the database (secure_delete), but WAL mode keeps the old pages in
    // the -wal file until a checkpoint: after a `stop` they are copied back and the file is emptied.
    const deletes = ({ write, outcome }: Pending) =>
      outcome !== undefined && (write.state?.value === null || write.log?.clear !== undefined);
    let checkpoint: unknown;
    if (turns.some(deletes)) {
      try {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch (error) {
        checkpoint = error;
      }
    }
    for (const turn of turns) {
      if (turn.outcome === undefined) turn.reject(turn.error);
      // A deletion is not done while its old pages are still readable: the turn fails, as it always has.
      else if (checkpoint !== undefined && deletes(turn)) turn.reject(checkpoint);
      else turn.resolve(turn.outcome);
    }
  }

  private queue(mails: OutgoingMail[] | undefined): void {
    if (!mails?.length) return;
    const { outbox } = this.stores;
    if (!outbox) throw new Error('mail to queue without an outbox');
    for (const mail of mails) outbox.enqueueNow(mail);
  }

  private apply(write: TurnWrite): TurnOutcome {
    const { state, drafts, log } = this.stores;
    let stateETag: string | undefined;
    if (write.state) {
      const { key, value, eTag } = write.state;
      if (value === null) state.deleteNow([key]);
      else stateETag = state.writeNow({ [key]: { ...value, eTag: eTag ?? '*' } })[key];
    }
    let draft: TurnOutcome['draft'];
    if (write.draft) {
      const d = write.draft;
      if (mayMake(drafts, d)) {
        const made = drafts.createNow(d.draft, d.idempotencyKey, d.year);
        if (made.created) this.queue(this.made.draft?.(made.draft));
        draft = made.draft;
      } else draft = 'limit';
    }
    let callback: TurnOutcome['callback'];
    if (write.callback) {
      const c = write.callback;
      const callbacks = this.stores.callbacks;
      if (!callbacks) throw new Error('a callback request without a callback store');
      // A retried turn finds its request again (`created: false`); the mail to whoever must call belongs
      // here, in this transaction, for a request just `created`.
      if (mayMake(callbacks, c)) {
        const made = callbacks.createNow(c.request, c.idempotencyKey, c.year);
        if (made.created) this.queue(this.made.callback?.(made.callback));
        callback = made.callback;
      } else callback = 'limit';
    }
    const replies = write.replies(draft, callback);
    if (!write.log) return { draft, callback, replies, stateETag };

    const { conversationId, incoming, clear } = write.log;
    if (clear) log.clearNow(conversationId, clear);
    const [stored] = incoming ? log.appendAllNow(conversationId, [incoming]) : [];
    const answered = log.appendAllNow(
      conversationId,
      replies.map((reply) => (stored ? { ...reply, replyToId: stored.id } : reply)),
    );
    return { draft, callback, incoming: stored as Activity | undefined, replies: answered, stateETag };
  }
}

/**
 * A draft or callback request may be made, or found again: a retry of the same key always finds its row;
 * a new one only while the conversation is under its limit.
 */
function mayMake(
  store: { hasKey(key: string): boolean; countWithKeyPrefix(prefix: string): number },
  row: { idempotencyKey: string; conversationKey: string; limit: number },
): boolean {
  return store.hasKey(row.idempotencyKey) || store.countWithKeyPrefix(`${row.conversationKey}/`) < row.limit;
}
