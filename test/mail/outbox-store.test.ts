import { afterEach, describe, expect, it } from 'vitest';
import type { OutgoingMail } from '../../mail/index.js';
import { openPostgres, type PostgresDatabase } from '../../storage/postgres/database.js';
import { PostgresMailOutbox } from '../../storage/postgres/mail-outbox.js';
import { openDatabase, type SqliteDatabase } from '../../storage/sqlite/database.js';
import { SqliteMailOutbox } from '../../storage/sqlite/mail-outbox.js';
import { BACKENDS, freshPostgres, TEST_DATABASE_URL } from '../helpers/backends.js';
import { outboxRows, testClock, testDatabase } from './helpers.js';

const MAIL: OutgoingMail = {
  kind: 'draft-confirmation',
  to: ['anneke@example.org'],
  subject: 'Uw conceptaanvraag MAG-2026-000001',
  text: 'Beste Anneke,',
  reference: 'MAG-2026-000001',
  attachments: [{ kind: 'draft-pdf', draftId: 'd1', lang: 'nl' }],
};

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

type Backend = (typeof BACKENDS)[number];
type Env =
  | { backend: 'sqlite'; db: SqliteDatabase; path: string; outbox: SqliteMailOutbox }
  | { backend: 'postgres'; db: PostgresDatabase; outbox: PostgresMailOutbox };
type Row = ReturnType<typeof outboxRows>[number];

/** A PostgreSQL database in a schema of its own, dropped (and its pool closed) after the test. */
async function freshDatabase(): Promise<PostgresDatabase> {
  const db = await freshPostgres();
  if (!db) throw new Error('PostgreSQL tests need TEST_DATABASE_URL');
  cleanups.push(async () => {
    await db.query(`drop schema if exists ${db.schema} cascade`);
    await db.close();
  });
  return db;
}

async function store(backend: Backend) {
  const clock = testClock();
  let env: Env;
  if (backend === 'sqlite') {
    const sqlite = testDatabase(clock.now);
    cleanups.push(sqlite.close);
    env = { backend, db: sqlite.db, path: sqlite.path, outbox: new SqliteMailOutbox(sqlite.db, clock.now) };
  } else {
    const db = await freshDatabase();
    env = { backend, db, outbox: new PostgresMailOutbox(db, clock.now) };
  }
  return { clock, env, outbox: env.outbox, rows: () => rowsOf(env) };
}

/**
 * The outbox rows as stored, in the order they were queued. PostgreSQL has no rowid: rows queued in the
 * same millisecond come by kind, which the tests queue in that order.
 */
async function rowsOf(env: Env): Promise<Row[]> {
  if (env.backend === 'sqlite') return outboxRows(env.db);
  return (await env.db.query<Row>('select * from mail_outbox order by created_at, kind')).rows;
}

/** Raw SQL on the database behind the outbox, what the outbox itself never does; `?` placeholders. */
async function raw(env: Env, text: string, args: unknown[]): Promise<void> {
  if (env.backend === 'sqlite') {
    env.db.prepare(text).run(...args);
    return;
  }
  let n = 0;
  const sql = text.replace(/\?/g, () => `$${++n}`);
  await env.db.query(sql, args);
}

describe.each(BACKENDS)('the mail outbox on %s', (backend) => {
  it('gives a claimed row to nobody else while its lease lasts; only the claim token reschedules it', async () => {
    const { clock, outbox, rows } = await store(backend);
    const id = await outbox.enqueue(MAIL);
    const t0 = clock.now();
    const [claim] = await outbox.claim(t0, 60_000, 10);
    expect(claim).toMatchObject({ id, mail: MAIL, attempts: 1, createdAt: t0, lockedUntil: t0 + 60_000 });
    expect(await outbox.claim(t0 + 59_999, 60_000, 10)).toEqual([]);
    expect(await outbox.nextDueAt()).toBe(t0 + 60_000);

    expect(await outbox.reschedule(id, 'not-the-token', t0 + 10_000, 'ESOCKET')).toBe(false);
    expect(await outbox.reschedule(id, claim!.token, t0 + 10_000, 'ESOCKET')).toBe(true);
    expect((await rows())[0]).toMatchObject({ locked_until: null, last_error: 'ESOCKET' });
    expect(await outbox.claim(t0 + 9_999, 60_000, 10)).toEqual([]);
    const [again] = await outbox.claim(t0 + 10_000, 60_000, 10);
    expect(again!.attempts).toBe(2);
    expect(again!.token).not.toBe(claim!.token);
    // The old claim cannot fail or release the row that is someone else's now.
    expect(await outbox.markFailed(id, claim!.token, t0, 'x')).toBe(false);
    expect(await outbox.release(id, claim!.token)).toBe(false);
  });

  it('erases recipients, subject and text when a row is finished, and purges finished rows later', async () => {
    const { clock, outbox, rows } = await store(backend);
    const sent = await outbox.enqueue(MAIL);
    const failed = await outbox.enqueue({ ...MAIL, kind: 'status-changed' });
    const claims = await outbox.claim(clock.now(), 60_000, 10);
    expect(await outbox.markSent(sent, clock.now())).toBe(true);
    expect(await outbox.markSent(sent, clock.now())).toBe(false);
    expect(await outbox.markFailed(failed, claims[1]!.token, clock.now(), 'EENVELOPE 550 RCPT TO')).toBe(
      true,
    );
    expect((await rows()).map((r) => [r.kind, r.reference, r.status, r.message])).toEqual([
      ['draft-confirmation', 'MAG-2026-000001', 'sent', null],
      ['status-changed', 'MAG-2026-000001', 'failed', null],
    ]);
    expect(JSON.stringify(await rows())).not.toMatch(/anneke|Beste|Uw conceptaanvraag/);
    expect(await outbox.nextDueAt()).toBeUndefined();
    expect(await outbox.counts()).toEqual({ pending: 0, sent: 1, failed: 1 });

    expect(await outbox.purgeFinished(clock.now())).toBe(0);
    expect(await outbox.purgeFinished(clock.now() + 1)).toBe(2);
    expect(await rows()).toEqual([]);
  });

  it('releases a claim without counting it, due at once or when told', async () => {
    const { clock, outbox } = await store(backend);
    const id = await outbox.enqueue(MAIL);
    const t0 = clock.now();
    const [claim] = await outbox.claim(t0, 60_000, 10);
    expect(await outbox.release(id, claim!.token)).toBe(true);
    const [next] = await outbox.claim(t0, 60_000, 10);
    expect(next!.attempts).toBe(1);
    expect(await outbox.release(id, next!.token, t0 + 5_000)).toBe(true);
    expect(await outbox.claim(t0 + 4_999, 60_000, 10)).toEqual([]);
    expect(await outbox.claim(t0 + 5_000, 60_000, 10)).toHaveLength(1);
  });

  it('claims the oldest first, at most `limit`, and fails a row that cannot be read instead of retrying it', async () => {
    const { clock, env, outbox, rows } = await store(backend);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await outbox.enqueue({ ...MAIL, subject: `${i}` }));
      clock.advance(1);
    }
    await raw(env, "update mail_outbox set message = '{not json' where id = ?", [ids[1]]);
    const first = await outbox.claim(clock.now(), 60_000, 3);
    expect(first.map((c) => c.mail.subject)).toEqual(['0', '2']);
    expect((await rows())[1]).toMatchObject({ status: 'failed', last_error: 'unreadable' });
    expect((await outbox.claim(clock.now(), 60_000, 3)).map((c) => c.mail.subject)).toEqual(['3', '4']);
  });

  it('wakes its listeners after a mail was queued, also from inside a transaction once it commits', async () => {
    const { env, outbox } = await store(backend);
    let woken = 0;
    const stop = outbox.onEnqueued(() => woken++);
    if (env.backend === 'sqlite') {
      env.db.transaction(() => {
        env.outbox.enqueueNow(MAIL);
        expect(woken).toBe(0);
      })();
    } else {
      // PostgreSQL's transactions are the caller's: it wakes the listeners once it has committed.
      await env.db.transaction(async (client) => {
        await env.outbox.enqueueIn(client, MAIL);
        await new Promise((resolve) => setImmediate(resolve));
        expect(woken).toBe(0);
      });
      env.outbox.notifyEnqueued();
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toBe(1);
    stop();
    await outbox.enqueue(MAIL);
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toBe(1);
  });

  it('is a table of the database: a second connection to the file sees what the first queued', async () => {
    const { env, outbox } = await store(backend);
    await outbox.enqueue(MAIL);
    if (env.backend === 'sqlite') {
      const other = openDatabase(env.path);
      try {
        expect(new SqliteMailOutbox(other).counts()).toEqual({ pending: 1, sent: 0, failed: 0 });
      } finally {
        other.close();
      }
    } else {
      const other = await openPostgres({ url: TEST_DATABASE_URL!, schema: env.db.schema });
      try {
        expect(await new PostgresMailOutbox(other).counts()).toEqual({ pending: 1, sent: 0, failed: 0 });
      } finally {
        await other.close();
      }
    }
  });
});

describe.runIf(BACKENDS.includes('postgres'))('two outboxes on one PostgreSQL schema', () => {
  it('never claim the same row, however often they claim at once', async () => {
    const db = await freshDatabase();
    const other = await openPostgres({ url: TEST_DATABASE_URL!, schema: db.schema });
    cleanups.push(() => other.close());
    const a = new PostgresMailOutbox(db);
    const b = new PostgresMailOutbox(other);
    const ids = await Promise.all(
      Array.from({ length: 60 }, (_, i) => a.enqueue({ ...MAIL, subject: `${i}` })),
    );
    const now = Date.now() + 1;
    /** Claims a few at a time until nothing is left for it; the lease outlasts the test. */
    const drain = async (outbox: PostgresMailOutbox) => {
      const got: string[] = [];
      for (;;) {
        const batch = await outbox.claim(now, 60_000, 3);
        if (batch.length === 0) return got;
        got.push(...batch.map((c) => c.id));
      }
    };
    // Two claimers on each instance, all at once.
    const claimed = (await Promise.all([a, b, a, b].map(drain))).flat();
    expect(claimed).toHaveLength(60);
    expect(new Set(claimed)).toEqual(new Set(ids));
  });
});
