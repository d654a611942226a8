import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { ActivitySignal, Exclusive, TurnOrder } from '../interfaces.js';
import { LocalTurnOrder } from '../local-coordination.js';
import type { PostgresDatabase } from './database.js';

const RECONNECT_MS = 1_000;

/**
 * New activities, told to every instance: `NOTIFY` on the schema's channel, and one connection per
 * instance that `LISTEN`s and wakes the streams it holds. This instance's own streams are woken at once,
 * without the round trip. After a lost connection every stream is woken once, since notifications sent
 * meanwhile are gone; a stream reads from its watermark, so a wake-up too many costs one empty read.
 */
export class PostgresActivitySignal implements ActivitySignal {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly instance = randomUUID();
  private readonly channel: string;
  private listener: pg.Client | undefined;
  private closed = false;

  constructor(
    private readonly db: PostgresDatabase,
    private readonly url: string,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.channel = db.channel('activities');
  }

  /** Resolves once this instance listens: from then on no other instance's activity is missed. */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      const payload = message.payload ?? '';
      const space = payload.indexOf(' ');
      if (space < 0 || payload.slice(0, space) === this.instance) return;
      this.emitter.emit(payload.slice(space + 1));
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`listen ${this.channel}`);
    this.listener = client;
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.listener !== client || this.closed) return;
    this.listener = undefined;
    if (error) this.onError(error);
    client.end().catch(() => undefined);
    const retry = () => {
      if (this.closed) return;
      this.start().then(
        () => {
          for (const name of this.emitter.eventNames()) this.emitter.emit(name);
        },
        (again: unknown) => {
          this.onError(again);
          setTimeout(retry, RECONNECT_MS).unref();
        },
      );
    };
    setTimeout(retry, RECONNECT_MS).unref();
  }

  notify(conversationId: string): void {
    this.emitter.emit(conversationId);
    this.db
      .query('select pg_notify($1, $2)', [this.channel, `${this.instance} ${conversationId}`])
      .catch(this.onError);
  }

  subscribe(conversationId: string, listener: () => void): () => void {
    this.emitter.on(conversationId, listener);
    return () => this.emitter.off(conversationId, listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.listener;
    this.listener = undefined;
    await client?.end().catch(() => undefined);
  }
}

/**
 * One conversation's turns one after the other across instances: a session advisory lock per conversation,
 * held for the turn on a connection of a pool of its own (so turns waiting for a lock never take the
 * connections the turns holding one need to commit). Within this process they queue first, so an instance
 * holds at most one connection per conversation.
 */
export class PostgresTurnOrder implements TurnOrder {
  private readonly local = new LocalTurnOrder();
  readonly pool: pg.Pool;

  constructor(
    private readonly db: PostgresDatabase,
    url: string,
    size = 20,
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: size });
    this.pool.on('error', () => undefined);
  }

  run<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(conversationId, async () => {
      const key = this.db.lockKey(`turn ${conversationId}`);
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('select pg_advisory_lock($1)', [key]);
        return await work();
      } finally {
        // A lost connection took its lock with it; a live one gives it back.
        await client.query('select pg_advisory_unlock($1)', [key]).catch((error: Error) => {
          broken = error;
        });
        client.release(broken);
      }
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** One instance at a time: `pg_try_advisory_lock`, so the others skip rather than wait. */
export class PostgresExclusive implements Exclusive {
  constructor(private readonly db: PostgresDatabase) {}

  async run<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
    const key = this.db.lockKey(`exclusive ${name}`);
    const client = await this.db.pool.connect();
    let broken: Error | undefined;
    try {
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [
        key,
      ]);
      if (!rows[0]?.locked) return undefined;
      try {
        return await work();
      } finally {
        await client.query('select pg_advisory_unlock($1)', [key]).catch((error: Error) => {
          broken = error;
        });
      }
    } finally {
      client.release(broken);
    }
  }
}
