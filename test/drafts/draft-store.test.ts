import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startExpiry } from '../../bot/expiry.js';
import { SqliteConversationLog } from '../../storage/sqlite/conversation-log.js';
import { openDatabase } from '../../storage/sqlite/database.js';
import { SqliteDraftStore } from '../../storage/sqlite/draft-store.js';
import { SqliteStorage } from '../../storage/sqlite/sqlite-storage.js';
import { tempDir } from '../helpers/channel-server.js';
import { sampleDraft } from './sample-draft.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function freshFile() {
  const { dir, remove } = tempDir('mag-drafts-');
  cleanups.push(remove);
  return join(dir, 'mag.sqlite');
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

describe('draft references', () => {
  it('count up per year from MAG-<year>-000001, and start again in a new year', async () => {
    const store = new SqliteDraftStore(openDatabase(freshFile()));
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
    const store = new SqliteDraftStore(openDatabase(freshFile()));
    const first = await store.create(sampleDraft('a'), 'a', 2026);
    await store.delete(first.draft.id);
    const second = await store.create(sampleDraft('b'), 'b', 2026);
    expect(second.draft.reference).toBe('MAG-2026-000002');
  });

  it('a second submission with the same key returns the first draft and makes no new one', async () => {
    const store = new SqliteDraftStore(openDatabase(freshFile()));
    const once = await store.create(sampleDraft('a'), 'conversation/session', 2026);
    const twice = await store.create(sampleDraft('a again'), 'conversation/session', 2026);
    expect(once.created).toBe(true);
    expect(twice.created).toBe(false);
    expect(twice.draft).toEqual(once.draft);
    expect(await store.list()).toHaveLength(1);
  });

  it('stay unique and without gaps when four processes submit at the same time', async () => {
    const path = freshFile();
    // No file yet: the four processes also race to create and migrate it.
    const results = await Promise.all(['p1', 'p2', 'p3', 'p4'].map((p) => runWorker(path, p, 40)));
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
    const store = new SqliteDraftStore(openDatabase(freshFile()), tick);
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
});

describe('retention', () => {
  it('deletes drafts older than the period when the clean-up runs, keeps newer ones, logs references only', async () => {
    const db = openDatabase(freshFile());
    const day = 86_400_000;
    const old = new SqliteDraftStore(db, () => new Date(Date.now() - 400 * day));
    const store = new SqliteDraftStore(db);
    const stale = await old.create(sampleDraft('old'), 'old', 2025);
    const fresh = await store.create(sampleDraft('new'), 'new', 2026);
    const logged: unknown[] = [];
    const expiry = startExpiry({
      storage: new SqliteStorage(db),
      log: new SqliteConversationLog(db),
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
