import type { Activity } from 'botbuilder';
import type { OutgoingMail } from '../../mail/outbox.js';
import type { TurnMails, TurnOutcome, TurnStore, TurnWrite } from '../interfaces.js';
import type { PostgresCallbackStore } from './callback-store.js';
import type { PostgresConversationLog } from './conversation-log.js';
import type { PostgresDatabase, Queryable } from './database.js';
import type { PostgresDraftStore } from './draft-store.js';
import type { PostgresMailOutbox } from './mail-outbox.js';
import type { PostgresStateStore } from './state-store.js';

/**
 * A turn's state, draft, callback request, mails and Direct Line messages in one PostgreSQL transaction,
 * as `SqliteTurnStore` does in SQLite: after a crash of any instance the conversation is as it was before
 * the turn or as it is after it.
 */
export class PostgresTurnStore implements TurnStore {
  constructor(
    private readonly db: PostgresDatabase,
    private readonly stores: {
      state: PostgresStateStore;
      drafts: PostgresDraftStore;
      log: PostgresConversationLog;
      callbacks: PostgresCallbackStore;
      outbox?: PostgresMailOutbox;
    },
    private readonly made: TurnMails = {},
  ) {}

  async commit(write: TurnWrite): Promise<TurnOutcome> {
    let queued = false;
    const outcome = await this.db.transaction(async (client) => {
      const applied = await this.apply(client, write);
      queued = applied.queued;
      return applied.outcome;
    });
    // The mails are committed now: the sender of this instance may send them at once.
    if (queued) this.stores.outbox?.notifyEnqueued();
    return outcome;
  }

  private async queue(q: Queryable, mails: OutgoingMail[] | undefined): Promise<boolean> {
    if (!mails?.length) return false;
    const { outbox } = this.stores;
    if (!outbox) throw new Error('mail to queue without an outbox');
    for (const mail of mails) await outbox.enqueueIn(q, mail);
    return true;
  }

  private async apply(q: Queryable, write: TurnWrite): Promise<{ outcome: TurnOutcome; queued: boolean }> {
    const { state, drafts, log, callbacks } = this.stores;
    let queued = false;
    let stateETag: string | undefined;
    if (write.state) {
      const { key, value, eTag } = write.state;
      if (value === null) await state.deleteIn(q, [key]);
      else stateETag = (await state.writeIn(q, { [key]: { ...value, eTag: eTag ?? '*' } }))[key];
    }
    let draft: TurnOutcome['draft'];
    if (write.draft) {
      const d = write.draft;
      if (await mayMake(q, drafts, d)) {
        const made = await drafts.createIn(q, d.draft, d.idempotencyKey, d.year);
        if (made.created) queued = (await this.queue(q, this.made.draft?.(made.draft))) || queued;
        draft = made.draft;
      } else draft = 'limit';
    }
    let callback: TurnOutcome['callback'];
    if (write.callback) {
      const c = write.callback;
      // A retried turn finds its request again (`created: false`): its mail was queued the first time.
      if (await mayMake(q, callbacks, c)) {
        const made = await callbacks.createIn(q, c.request, c.idempotencyKey, c.year);
        if (made.created) queued = (await this.queue(q, this.made.callback?.(made.callback))) || queued;
        callback = made.callback;
      } else callback = 'limit';
    }
    const replies = write.replies(draft, callback);
    if (!write.log) return { outcome: { draft, callback, replies, stateETag }, queued };

    const { conversationId, incoming, clear } = write.log;
    if (clear) await log.clearIn(q, conversationId, clear);
    // The person's activity and the replies in one append (a round trip each saved): the replies name
    // the activity by the id it gets, the next number of the log.
    const { stored, answered } = incoming
      ? await log.appendTurnIn(q, conversationId, incoming, replies)
      : { stored: undefined, answered: await log.appendAllIn(q, conversationId, replies) };
    return {
      outcome: { draft, callback, incoming: stored as Activity | undefined, replies: answered, stateETag },
      queued,
    };
  }
}

/**
 * A draft or callback request may be made, or found again: a retry of the same key always finds its row;
 * a new one only while the conversation is under its limit.
 */
async function mayMake(
  q: Queryable,
  store: {
    hasKeyIn(q: Queryable, key: string): Promise<boolean>;
    countWithKeyPrefixIn(q: Queryable, prefix: string): Promise<number>;
  },
  row: { idempotencyKey: string; conversationKey: string; limit: number },
): Promise<boolean> {
  return (
    (await store.hasKeyIn(q, row.idempotencyKey)) ||
    (await store.countWithKeyPrefixIn(q, `${row.conversationKey}/`)) < row.limit
  );
}
