import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startExpiry } from '../../bot/expiry.js';
import type { NewCallback } from '../../callbacks/callback.js';
import type { CallbackStore } from '../../storage/interfaces.js';
import { PostgresCallbackStore } from '../../storage/postgres/callback-store.js';
import { openPostgres, type PostgresDatabase } from '../../storage/postgres/database.js';
import { SqliteCallbackStore } from '../../storage/sqlite/callback-store.js';
import { SqliteConversationLog } from '../../storage/sqlite/conversation-log.js';
import type { SqliteDatabase } from '../../storage/sqlite/database.js';
import { openDatabase } from '../../storage/sqlite/database.js';
import { SqliteDraftStore } from '../../storage/sqlite/draft-store.js';
import { ETagConflictError, SqliteStorage } from '../../storage/sqlite/sqlite-storage.js';
import { SqliteTurnStore } from '../../storage/sqlite/turn-store.js';
import { BACKENDS, freshPostgres, TEST_DATABASE_URL } from '../helpers/backends.js';

/** Callback requests: TB- references per year, one per idempotency key, written with the turn or not at all. */
let db: SqliteDatabase;
let clock: number;
let callbacks: SqliteCallbackStore;
let state: SqliteStorage;
let turns: SqliteTurnStore;

beforeEach(() => {
  db = openDatabase(':memory:');
  clock = Date.parse('2026-11-23T09:00:00Z');
  callbacks = new SqliteCallbackStore(db, () => {
    clock += 60_000;
    return new Date(clock);
  });
  state = new SqliteStorage(db);
  const log = new SqliteConversationLog(db);
  turns = new SqliteTurnStore(db, { state, drafts: new SqliteDraftStore(db), log, callbacks });
});

const request = (over: Partial<NewCallback> = {}): NewCallback => ({
  caller: 'consulent',
  contact: { kind: 'phone', value: '+31612345678' },
  question: 'Mag het feest ook op het plein?',
  questionCut: false,
  answers: [{ label: 'Aanvrager', answer: 'Inwoner' }],
  verdict: 'incomplete',
  transcript: [{ from: 'resident', text: 'Ik wil iemand spreken', at: '2026-11-23T08:59:00Z' }],
  lang: 'nl',
  channel: 'website',
  ...over,
});

const write = (key: string, limit = 3) => ({
  request: request(),
  idempotencyKey: `intake/directline/c/s1/${key}`,
  year: 2026,
  conversationKey: 'intake/directline/c',
  limit,
});

/** The database behind a store on `backend`: for PostgreSQL a fresh schema, dropped after the test. */
type Database = { backend: 'sqlite'; db: SqliteDatabase } | { backend: 'postgres'; db: PostgresDatabase };

let postgres: PostgresDatabase | undefined;
afterEach(async () => {
  if (!postgres) return;
  await postgres.query(`drop schema if exists ${postgres.schema} cascade`);
  await postgres.close();
  postgres = undefined;
});

async function freshSchema(): Promise<PostgresDatabase> {
  postgres = await freshPostgres();
  if (!postgres) throw new Error('PostgreSQL tests need TEST_DATABASE_URL');
  return postgres;
}

async function databaseOf(backend: (typeof BACKENDS)[number]): Promise<Database> {
  return backend === 'sqlite' ? { backend, db } : { backend, db: await freshSchema() };
}

function storeOn(database: Database, now?: () => Date): CallbackStore {
  return database.backend === 'sqlite'
    ? new SqliteCallbackStore(database.db, now)
    : new PostgresCallbackStore(database.db, now);
}

/** Raw SQL on the database behind a store, what the store itself never does; `?` placeholders. */
async function raw(database: Database, text: string, args: unknown[] = []): Promise<void> {
  if (database.backend === 'sqlite') {
    database.db.prepare(text).run(...args);
    return;
  }
  let n = 0;
  const sql = text.replace(/\?/g, () => `$${++n}`);
  await database.db.query(sql, args);
}

describe.each(BACKENDS)('the callback store on %s', (backend) => {
  let database: Database;
  let callbacks: CallbackStore;
  beforeEach(async () => {
    database = await databaseOf(backend);
    // The same clock as the turn store's tests: a minute per request.
    callbacks = storeOn(database, () => {
      clock += 60_000;
      return new Date(clock);
    });
  });

  it('numbers requests per year, never twice for one key, and starts each year at 000001', async () => {
    const a = await callbacks.create(request(), 'k1', 2026);
    const again = await callbacks.create(request(), 'k1', 2026);
    const b = await callbacks.create(request({ caller: 'buurtwerk' }), 'k2', 2026);
    const c = await callbacks.create(request(), 'k3', 2027);
    expect([a.callback.reference, b.callback.reference, c.callback.reference]).toEqual([
      'TB-2026-000001',
      'TB-2026-000002',
      'TB-2027-000001',
    ]);
    expect(again).toEqual({ callback: a.callback, created: false });
    expect(a.callback).toMatchObject({
      status: 'nieuw',
      statusHistory: [{ status: 'nieuw', by: 'assistent' }],
    });
  });

  it('lists newest first, pages, filters by status and by who calls, and counts per status', async () => {
    for (let i = 0; i < 5; i++)
      await callbacks.create(request({ caller: i % 2 ? 'buurtwerk' : 'consulent' }), `k${i}`, 2026);
    const all = await callbacks.page({}, { limit: 3, offset: 0 });
    expect(all.total).toBe(5);
    expect(all.callbacks.map((c) => c.reference)).toEqual([
      'TB-2026-000005',
      'TB-2026-000004',
      'TB-2026-000003',
    ]);
    const second = await callbacks.page({}, { limit: 3, offset: 3 });
    expect(second.callbacks.map((c) => c.reference)).toEqual(['TB-2026-000002', 'TB-2026-000001']);
    const buurtwerk = await callbacks.page({ caller: 'buurtwerk' }, { limit: 50, offset: 0 });
    expect(buurtwerk.callbacks.map((c) => c.reference)).toEqual(['TB-2026-000004', 'TB-2026-000002']);
    const [first] = all.callbacks;
    await callbacks.setStatus(first!.id, 'gebeld', 'marieke');
    expect(await callbacks.countByStatus()).toEqual({ nieuw: 4, gebeld: 1, afgehandeld: 0 });
    const called = await callbacks.page({ status: 'gebeld' }, { limit: 50, offset: 0 });
    expect(called.callbacks.map((c) => [c.reference, c.status])).toEqual([['TB-2026-000005', 'gebeld']]);
    const stored = await callbacks.get(first!.id);
    expect(stored?.statusHistory.map((h) => [h.status, h.by])).toEqual([
      ['nieuw', 'assistent'],
      ['gebeld', 'marieke'],
    ]);
  });

  it('deletes one by id, and those made before a moment (retention)', async () => {
    const a = await callbacks.create(request(), 'k1', 2026);
    const b = await callbacks.create(request(), 'k2', 2026);
    expect(await callbacks.delete(a.callback.id)).toEqual({
      id: a.callback.id,
      reference: a.callback.reference,
    });
    expect(await callbacks.get(a.callback.id)).toBeUndefined();
    expect(await callbacks.delete(a.callback.id)).toBeUndefined();
    expect(await callbacks.deleteCreatedBefore(b.callback.createdAt)).toEqual([]);
    expect(await callbacks.deleteCreatedBefore('2027-01-01T00:00:00Z')).toEqual([
      { id: b.callback.id, reference: b.callback.reference },
    ]);
  });

  it('lists a damaged row as unreadable, and its page answers as for one that is gone', async () => {
    const a = await callbacks.create(request(), 'k1', 2026);
    await raw(database, "update callbacks set document = '{', summary = '{' where id = ?", [a.callback.id]);
    const { callbacks: list } = await callbacks.page({}, { limit: 50, offset: 0 });
    expect(list).toMatchObject([{ id: a.callback.id, reference: 'TB-2026-000001', unreadable: true }]);
    expect(await callbacks.get(a.callback.id)).toBeUndefined();
  });

  describe('retention', () => {
    it('the expiry job deletes requests older than the period, keeps newer ones, reports references only', async () => {
      const day = 86_400_000;
      const old = storeOn(database, () => new Date(Date.now() - 400 * day));
      const store = storeOn(database);
      const stale = (await old.create(request(), 'old', 2025)).callback;
      const fresh = (await store.create(request(), 'new', 2026)).callback;
      const reported: unknown[] = [];
      const expiry = startExpiry({
        // The conversations are SQLite's here (the same file, or beside the PostgreSQL requests).
        storage: state,
        log: new SqliteConversationLog(db),
        ttlMs: 7 * day,
        callbacks: { store, retentionMs: 365 * day, onDeleted: (deleted) => reported.push(deleted) },
      });
      try {
        expect(await expiry.runOnce()).toBe(1);
      } finally {
        expiry.stop();
      }
      expect(await store.get(stale.id)).toBeUndefined();
      expect(await store.get(fresh.id)).toBeDefined();
      expect(reported).toEqual([[{ id: stale.id, reference: stale.reference }]]);
    });
  });
});

describe.runIf(BACKENDS.includes('postgres'))('two instances on one PostgreSQL schema', () => {
  it('number requests made at once consecutively, and make one of a key both create', async () => {
    const first = await freshSchema();
    const second = await openPostgres({ url: TEST_DATABASE_URL!, schema: first.schema });
    try {
      const a = new PostgresCallbackStore(first);
      const b = new PostgresCallbackStore(second);
      const made = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          [a, b].map((s) => s.create(request(), `k/${i % 5}`, 2026)),
        ).flat(),
      );
      expect(made.filter((m) => m.created)).toHaveLength(5);
      expect(new Set(made.map((m) => m.callback.reference))).toEqual(
        new Set(Array.from({ length: 5 }, (_, i) => `TB-2026-00000${i + 1}`)),
      );
      expect((await a.page({}, { limit: 50, offset: 0 })).total).toBe(5);
    } finally {
      await second.close();
    }
  });
});

describe('SqliteTurnStore with a callback request', () => {
  it('stores the request with the state; the replies get its reference', async () => {
    const outcome = await turns.commit({
      state: { key: 'k', value: { step: 1 }, eTag: '*' },
      callback: write('1'),
      replies: (_draft, callback) => [
        { type: 'message', text: callback && callback !== 'limit' ? callback.reference : 'none' },
      ],
    });
    expect(outcome.replies.map((r) => r.text)).toEqual(['TB-2026-000001']);
    expect(outcome.callback).toMatchObject({ reference: 'TB-2026-000001', caller: 'consulent' });
    expect((await callbacks.page({}, { limit: 50, offset: 0 })).total).toBe(1);
  });

  it('an eTag conflict writes no request and uses no reference', async () => {
    await state.write({ k: { step: 1 } });
    await expect(
      turns.commit({
        state: { key: 'k', value: { step: 2 }, eTag: '"x"' },
        callback: write('1'),
        replies: () => [],
      }),
    ).rejects.toThrow(ETagConflictError);
    expect((await callbacks.page({}, { limit: 50, offset: 0 })).total).toBe(0);
    const outcome = await turns.commit({ callback: write('1'), replies: () => [] });
    expect(outcome.callback).toMatchObject({ reference: 'TB-2026-000001' });
  });

  it('a retried turn makes one request; past the limit of one conversation, `limit`', async () => {
    const first = await turns.commit({ callback: write('1', 2), replies: () => [] });
    expect((await turns.commit({ callback: write('1', 2), replies: () => [] })).callback).toEqual(
      first.callback,
    );
    await turns.commit({ callback: write('2', 2), replies: () => [] });
    expect((await turns.commit({ callback: write('3', 2), replies: () => [] })).callback).toBe('limit');
    // The key of a request already made is never the limit (…/1 is not …/10).
    expect((await turns.commit({ callback: write('1', 2), replies: () => [] })).callback).toEqual(
      first.callback,
    );
    expect((await turns.commit({ callback: write('10', 2), replies: () => [] })).callback).toBe('limit');
  });
});
