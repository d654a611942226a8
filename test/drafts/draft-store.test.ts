import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startExpiry } from '../../bot/expiry.js';
import type { DraftStore } from '../../storage/interfaces.js';
import { openPostgres, type PostgresDatabase } from '../../storage/postgres/database.js';
import { PostgresDraftStore } from '../../storage/postgres/draft-store.js';
import { SqliteConversationLog } from '../../storage/sqlite/conversation-log.js';
import { openDatabase, type SqliteDatabase } from '../../storage/sqlite/database.js';
import { SqliteDraftStore } from '../../storage/sqlite/draft-store.js';
import { SqliteStorage } from '../../storage/sqlite/sqlite-storage.js';
import { BACKENDS, freshPostgres, freshSchema, TEST_DATABASE_URL } from '../helpers/backends.js';
import { tempDir } from '../helpers/channel-server.js';
import { sampleDraft } from './sample-draft.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function freshFile() {
  const { dir, remove } = tempDir('mag-drafts-');
  cleanups.push(remove);
  return join(dir, 'mag.sqlite');
}

type Backend = (typeof BACKENDS)[number];
type Database = { backend: 'sqlite'; db: SqliteDatabase } | { backend: 'postgres'; db: PostgresDatabase };

/** Drops the test's schema and closes the pools on it once the test is over. */
function dropAfterwards(db: PostgresDatabase, ...others: PostgresDatabase[]) {
  cleanups.push(async () => {
    await db.query(`drop schema if exists ${db.schema} cascade`);
    await Promise.all([db, ...others].map((d) => d.close()));
  });
}

async function freshDatabase(backend: Backend): Promise<Database> {
  if (backend === 'sqlite') return { backend, db: openDatabase(freshFile()) };
  const db = await freshPostgres();
  if (!db) throw new Error('PostgreSQL tests need TEST_DATABASE_URL');
  dropAfterwards(db);
  return { backend, db };
}

function draftStore(database: Database, now?: () => Date): DraftStore {
  return database.backend === 'sqlite'
    ? new SqliteDraftStore(database.db, now)
    : new PostgresDraftStore(database.db, now);
}

/** Raw SQL on the database behind a store, what the store itself never does; `?` placeholders. */
async function raw<R>(database: Database, text: string, args: unknown[] = []): Promise<R[]> {
  if (database.backend === 'sqlite') {
    const statement = database.db.prepare(text);
    if (statement.reader) return statement.all(...args) as R[];
    statement.run(...args);
    return [];
  }
  let n = 0;
  const sql = text.replace(/\?/g, () => `$${++n}`);
  const { rows } = await database.db.query(sql, args);
  return rows as R[];
}

async function freshStore(backend: Backend, now?: () => Date): Promise<DraftStore> {
  return draftStore(await freshDatabase(backend), now);
}

function runWorker(path: string, prefix: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'node_modules/.bin/tsx',
      ['test/drafts/create-drafts-worker.ts', path, prefix, String(count)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker ${code}: ${err}`)),
    );
  });
}

/**
 * Four submitters on one database that does not exist yet, each making `count` drafts one after the
 * other: four processes on one SQLite file, or four instances (pools) on one PostgreSQL schema.
 */
async function fourSubmitters(backend: Backend, count: number): Promise<string[][]> {
  const prefixes = ['p1', 'p2', 'p3', 'p4'];
  if (backend === 'sqlite') {
    const path = freshFile();
    return Promise.all(prefixes.map((p) => runWorker(path, p, count)));
  }
  const schema = freshSchema();
  const dbs = await Promise.all(prefixes.map(() => openPostgres({ url: TEST_DATABASE_URL!, schema })));
  dropAfterwards(dbs[0]!, ...dbs.slice(1));
  return Promise.all(
    dbs.map(async (db, i) => {
      const store = new PostgresDraftStore(db);
      const references: string[] = [];
      for (let n = 0; n < count; n++) {
        const { draft } = await store.create(sampleDraft(`${prefixes[i]}-${n}`), `${prefixes[i]}/${n}`, 2026);
        references.push(draft.reference);
      }
      return references;
    }),
  );
}

describe.each(BACKENDS)('on %s', (backend) => {
  describe('draft references', () => {
    it('count up per year from MAG-<year>-000001, and start again in a new year', async () => {
      const store = await freshStore(backend);
      const a = await store.create(sampleDraft('a'), 'a', 2026);
      const b = await store.create(sampleDraft('b'), 'b', 2026);
      const c = await store.create(sampleDraft('c'), 'c', 2027);
      expect([a.draft.reference, b.draft.reference, c.draft.reference]).toEqual([
        'MAG-2026-000001',
        'MAG-2026-000002',
        'MAG-2027-000001',
      ]);
      expect(a.draft.status).toBe('nieuw');
      expect(a.draft.statusHistory).toEqual([{ status: 'nieuw', by: 'assistent', at: a.draft.createdAt }]);
    });

    it('are never reused, also after a draft was deleted', async () => {
      const store = await freshStore(backend);
      const first = await store.create(sampleDraft('a'), 'a', 2026);
      await store.delete(first.draft.id);
      const second = await store.create(sampleDraft('b'), 'b', 2026);
      expect(second.draft.reference).toBe('MAG-2026-000002');
    });

    it('a second submission with the same key returns the first draft and makes no new one', async () => {
      const store = await freshStore(backend);
      const once = await store.create(sampleDraft('a'), 'conversation/session', 2026);
      const twice = await store.create(sampleDraft('a again'), 'conversation/session', 2026);
      expect(once.created).toBe(true);
      expect(twice.created).toBe(false);
      expect(twice.draft).toEqual(once.draft);
      expect(await store.list()).toHaveLength(1);
    });

    it('stay unique and without gaps when four processes submit at the same time', async () => {
      // No database yet: the four also race to create and migrate it.
      const results = await fourSubmitters(backend, 40);
      const all = results.flat();
      expect(new Set(all).size).toBe(160);
      const numbers = all.map((r) => Number(r.slice(-6))).sort((x, y) => x - y);
      expect(numbers).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
      // Within one process, later submissions get later numbers.
      for (const refs of results) expect([...refs].sort()).toEqual(refs);
    }, 60_000);
  });

  describe('the inbox list', () => {
    it('is newest first and filters by status, type and tier', async () => {
      let clock = Date.parse('2026-11-23T09:00:00Z');
      const tick = () => {
        clock += 60_000;
        return new Date(clock);
      };
      const store = await freshStore(backend, tick);
      const a = await store.create(sampleDraft('a'), 'a', 2026);
      const b = await store.create(sampleDraft('b'), 'b', 2026);
      await store.setStatus(a.draft.id, 'in-behandeling', 'consulent');
      expect((await store.list()).map((d) => d.reference)).toEqual([b.draft.reference, a.draft.reference]);
      expect((await store.list({ status: 'in-behandeling' })).map((d) => d.id)).toEqual([a.draft.id]);
      expect(await store.list({ type: 'sport' })).toEqual([]);
      expect(await store.list({ tier: 'tot-1000' })).toHaveLength(2);
      const updated = await store.get(a.draft.id);
      expect(updated?.statusHistory.map((h) => [h.status, h.by])).toEqual([
        ['nieuw', 'assistent'],
        ['in-behandeling', 'consulent'],
      ]);
    });

    it('finds every word in reference, applicant, title or e-mail, case-insensitively; a wildcard is a character', async () => {
      const store = await freshStore(backend);
      await store.create(sampleDraft('Jansen'), 'a', 2026);
      await store.create(sampleDraft('de Vries'), 'b', 2026);
      await store.create(sampleDraft('50%_korting'), 'c', 2026);
      const found = async (q: string) => (await store.list({ q })).map((d) => d.reference).sort();
      expect(await found('JANSEN')).toEqual(['MAG-2026-000001']);
      expect(await found('aanvrager  VRIES')).toEqual(['MAG-2026-000002']);
      expect(await found('mag-2026-000003')).toEqual(['MAG-2026-000003']);
      expect(await found('buurtfeest')).toHaveLength(3);
      expect(await found('%')).toEqual(['MAG-2026-000003']);
      expect(await found('_')).toEqual(['MAG-2026-000003']);
      expect(await found('0%k')).toEqual([]);
      const page = await store.page({ q: 'EXAMPLE.NL' }, { limit: 2, offset: 0 });
      expect([page.drafts.length, page.total]).toEqual([2, 3]);
    });

    it('orders by start date or by last day to apply, soonest first, those without one last', async () => {
      const store = await freshStore(backend);
      const starting = (name: string, startDate: string | undefined) => {
        const draft = sampleDraft(name);
        return { ...draft, input: { ...draft.input, initiative: { ...draft.input.initiative!, startDate } } };
      };
      await store.create(starting('late', '2027-09-01'), 'a', 2026);
      await store.create(starting('none', undefined), 'b', 2026);
      await store.create(starting('early', '2027-03-01'), 'c', 2026);
      const byStart = await store.list({ sort: 'start' });
      expect(byStart.map((d) => [d.reference, d.startDate ?? null])).toEqual([
        ['MAG-2026-000003', '2027-03-01'],
        ['MAG-2026-000001', '2027-09-01'],
        ['MAG-2026-000002', null],
      ]);
      // The same last day for all three (it follows from the assessment): then by reference.
      const bySubmitBy = await store.list({ sort: 'submit-by' });
      expect(new Set(bySubmitBy.map((d) => d.submitBy)).size).toBe(1);
      expect(bySubmitBy.map((d) => d.reference)).toEqual([
        'MAG-2026-000001',
        'MAG-2026-000002',
        'MAG-2026-000003',
      ]);
    });

    it('lists a damaged draft as unreadable, answers it as gone, and makes a missing line once', async () => {
      const database = await freshDatabase(backend);
      const store = draftStore(database);
      const damaged = (await store.create(sampleDraft('damaged'), 'a', 2026)).draft;
      const legacy = (await store.create(sampleDraft('legacy'), 'b', 2026)).draft;
      await raw(database, "update drafts set document = '{not json', summary = null where id = ?", [
        damaged.id,
      ]);
      // A draft stored before drafts had an inbox line.
      await raw(database, 'update drafts set summary = null where id = ?', [legacy.id]);
      const list = await store.list();
      expect(list).toMatchObject([
        { id: legacy.id, applicant: 'Aanvrager legacy', title: 'Buurtfeest legacy' },
        { id: damaged.id, reference: 'MAG-2026-000001', applicant: '', unreadable: true },
      ]);
      expect(list[0]).not.toHaveProperty('unreadable');
      expect(await store.get(damaged.id)).toBeUndefined();
      // The legacy line was written from its document; the damaged one stays without.
      const lines = await raw<{ summary: string | null }>(
        database,
        'select summary from drafts order by reference',
      );
      expect(lines.map((r) => r.summary !== null)).toEqual([false, true]);
      expect((await store.page({ q: 'legacy' }, { limit: 10, offset: 0 })).total).toBe(1);
    });
  });

  describe('a damaged inbox line', () => {
    it('is listed as unreadable; searching and sorting still answer for the others', async () => {
      const database = await freshDatabase(backend);
      const store = draftStore(database);
      const damaged = (await store.create(sampleDraft('damaged'), 'a', 2026)).draft;
      await store.create(sampleDraft('heel'), 'b', 2026);
      await raw(database, "update drafts set document = '{not json', summary = '{not json' where id = ?", [
        damaged.id,
      ]);
      for (const sort of ['received', 'start', 'submit-by'] as const) {
        const { drafts, total } = await store.page({ sort }, { limit: 10, offset: 0 });
        expect(total).toBe(2);
        expect(drafts.find((d) => d.id === damaged.id)).toMatchObject({ unreadable: true });
      }
      const found = await store.page({ q: 'heel' }, { limit: 10, offset: 0 });
      expect(found.drafts.map((d) => d.applicant)).toEqual(['Aanvrager heel']);
    });
  });

  describe('retention', () => {
    it('deletes drafts older than the period when the clean-up runs, keeps newer ones, logs references only', async () => {
      const database = await freshDatabase(backend);
      // The conversations live in SQLite here, on the drafts' file or beside the PostgreSQL drafts.
      const sqlite = database.backend === 'sqlite' ? database.db : openDatabase(':memory:');
      if (sqlite !== database.db) cleanups.push(() => sqlite.close());
      const day = 86_400_000;
      const old = draftStore(database, () => new Date(Date.now() - 400 * day));
      const store = draftStore(database);
      const stale = await old.create(sampleDraft('old'), 'old', 2025);
      const fresh = await store.create(sampleDraft('new'), 'new', 2026);
      const logged: unknown[] = [];
      const expiry = startExpiry({
        storage: new SqliteStorage(sqlite),
        log: new SqliteConversationLog(sqlite),
        ttlMs: 7 * day,
        drafts: store,
        draftRetentionMs: 365 * day,
        onDraftsDeleted: (deleted) => logged.push(deleted),
      });
      try {
        await expiry.runOnce();
      } finally {
        expiry.stop();
      }
      expect(await store.get(stale.draft.id)).toBeUndefined();
      expect(await store.get(fresh.draft.id)).toBeDefined();
      expect(logged).toEqual([[{ id: stale.draft.id, reference: stale.draft.reference }]]);
      expect(JSON.stringify(logged)).not.toContain('Aanvrager');
    });
  });
});

describe.runIf(BACKENDS.includes('postgres'))('two instances on one PostgreSQL schema', () => {
  async function twoInstances() {
    const first = (await freshPostgres())!;
    const second = await openPostgres({ url: TEST_DATABASE_URL!, schema: first.schema });
    dropAfterwards(first, second);
    return { first, second, a: new PostgresDraftStore(first), b: new PostgresDraftStore(second) };
  }

  const references = (count: number, year = 2026) =>
    Array.from({ length: count }, (_, i) => `MAG-${year}-${String(i + 1).padStart(6, '0')}`);

  it('get distinct consecutive references when they create 20 drafts at once', async () => {
    const { a, b } = await twoInstances();
    const made = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).create(sampleDraft(`${i}`), `k/${i}`, 2026)),
    );
    expect(made.every((m) => m.created)).toBe(true);
    expect(made.map((m) => m.draft.reference).sort()).toEqual(references(20));
    expect(await a.list()).toHaveLength(20);
  });

  it('make one draft of a key both create at once, and skip no reference for it', async () => {
    const { a, b } = await twoInstances();
    const pairs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        Promise.all([a, b].map((s) => s.create(sampleDraft(`${i}`), `same/${i}`, 2026))),
      ),
    );
    for (const [x, y] of pairs) {
      expect([x!.created, y!.created].sort()).toEqual([false, true]);
      expect(y!.draft).toEqual(x!.draft);
    }
    expect((await b.list()).map((d) => d.reference).sort()).toEqual(references(10));
  });

  it('hand back the number when the other commits the same key while one waits for it', async () => {
    const { first, a, b } = await twoInstances();
    /** Until both statements on the other pool wait for a lock that `pid` holds. */
    const blockedBy = async (pid: number) => {
      for (let i = 0; i < 500; i++) {
        const { rows } = await first.query<{ n: number }>(
          'select count(*) as n from pg_stat_activity where $1 = any(pg_blocking_pids(pid))',
          [pid],
        );
        if (rows[0]!.n >= 2) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('the other instance never waited');
    };
    let sameYear: ReturnType<DraftStore['create']> | undefined;
    let otherYear: ReturnType<DraftStore['create']> | undefined;
    const held = await first.transaction(async (client) => {
      const made = await a.createIn(client, sampleDraft('a'), 'race', 2026);
      await a.createIn(client, sampleDraft('a'), 'race 2027', 2026);
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      // One waits for the year's number, the other (a year of its own) for the key's insert.
      sameYear = b.create(sampleDraft('b'), 'race', 2026);
      otherYear = b.create(sampleDraft('b'), 'race 2027', 2027);
      await blockedBy(rows[0]!.pid);
      return made.draft;
    });
    expect(await sameYear).toEqual({ draft: held, created: false });
    expect((await otherYear)?.created).toBe(false);
    expect((await b.create(sampleDraft('c'), 'next', 2026)).draft.reference).toBe('MAG-2026-000003');
    expect((await b.create(sampleDraft('d'), 'next 2027', 2027)).draft.reference).toBe('MAG-2027-000001');
  });
});
