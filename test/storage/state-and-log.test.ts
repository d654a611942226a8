import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startExpiry } from '../../bot/expiry.js';
import type { ConversationLog, ConversationStateStore } from '../../storage/interfaces.js';
import { PostgresConversationLog } from '../../storage/postgres/conversation-log.js';
import type { PostgresDatabase } from '../../storage/postgres/database.js';
import { PostgresStateStore } from '../../storage/postgres/state-store.js';
import { SqliteConversationLog } from '../../storage/sqlite/conversation-log.js';
import type { SqliteDatabase } from '../../storage/sqlite/database.js';
import { openDatabase } from '../../storage/sqlite/database.js';
import { SqliteSettingsStore } from '../../storage/sqlite/settings-store.js';
import { ETagConflictError, SqliteStorage } from '../../storage/sqlite/sqlite-storage.js';
import { BACKENDS, freshPostgres } from '../helpers/backends.js';
import { startServer, tempDir } from '../helpers/channel-server.js';
import { httpViaInject, RestConversation } from '../helpers/directline-rest.js';
import { rawSql, storesAt } from '../helpers/stores.js';

const temp = tempDir('mag-storage-');
afterAll(() => temp.remove());
let fileCount = 0;
const freshFile = () => join(temp.dir, `db-${++fileCount}`, 'mag.sqlite');

/** A clock the test moves. */
function clock(start = 1_800_000_000_000) {
  let now = start;
  return { now: () => now, set: (t: number) => (now = t), advance: (ms: number) => (now += ms) };
}

const message = (text: string): Partial<Activity> => ({ type: 'message', text });

let db: SqliteDatabase;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => {
  if (db.open) db.close();
});

/** The state store and the log on one backend, and the raw reads a test needs beside them. */
interface Backend {
  state(now?: () => number): ConversationStateStore;
  log(now?: () => number): ConversationLog;
  /** The stored JSON of a state item, as the database holds it. */
  rawState(key: string): Promise<string | undefined>;
  activityRows(): Promise<number>;
}

let pg: PostgresDatabase | undefined;
afterEach(async () => {
  await pg?.close();
  pg = undefined;
});

async function backend(kind: 'sqlite' | 'postgres'): Promise<Backend> {
  if (kind === 'sqlite') {
    return {
      state: (now) => new SqliteStorage(db, now),
      log: (now) => new SqliteConversationLog(db, now),
      rawState: async (key) =>
        db.prepare<[string], { value: string }>('select value from state where key = ?').get(key)?.value,
      activityRows: async () =>
        db.prepare<[], { n: number }>('select count(*) as n from dl_activities').get()!.n,
    };
  }
  const opened = (await freshPostgres())!;
  pg = opened;
  return {
    state: (now) => new PostgresStateStore(opened, now),
    log: (now) => new PostgresConversationLog(opened, now),
    rawState: async (key) =>
      (await opened.query<{ value: string }>('select value from state where key = $1', [key])).rows[0]?.value,
    activityRows: async () =>
      (await opened.query<{ n: number }>('select count(*)::int as n from dl_activities')).rows[0]!.n,
  };
}

describe.each(BACKENDS)('%s conversation state: botbuilder Storage semantics', (kind) => {
  it('reads nothing for missing keys, and only the keys that exist', async () => {
    const b = await backend(kind);
    const storage = b.state();
    expect(await storage.read([])).toEqual({});
    expect(await storage.read(['nope', 'intake/directline/x'])).toEqual({});
    await storage.write({ a: { n: 1 } });
    expect(await storage.read(['nope', 'a'])).toEqual({ a: { n: 1, eTag: expect.any(String) } });
  });

  it('round-trips values with a fresh eTag on every write', async () => {
    const b = await backend(kind);
    const storage = b.state();
    const value = {
      snapshot: { context: { answers: { 'applicant.kind': 'organisation' }, list: [1, 'twee', null] } },
      text: 'één € ✓',
    };
    await storage.write({ k: value });
    const first = (await storage.read(['k'])).k!;
    expect(first).toEqual({ ...value, eTag: expect.stringMatching(/^\d+$/) });
    await storage.write({ k: { ...value, more: true, eTag: first.eTag } });
    const second = (await storage.read(['k'])).k!;
    expect(second).toEqual({ ...value, more: true, eTag: String(Number(first.eTag) + 1) });
    // The eTag is not part of the stored value.
    expect(JSON.parse((await b.rawState('k'))!)).not.toHaveProperty('eTag');
  });

  it('a write with a stale eTag throws ETagConflictError and writes nothing of the batch', async () => {
    const b = await backend(kind);
    const storage = b.state();
    await storage.write({ a: { v: 1 }, c: { v: 1 } });
    const read = await storage.read(['a', 'c']);
    await storage.write({ a: { v: 2, eTag: read.a!.eTag } }); // someone else wrote a in between
    const stale = { v: 3, eTag: read.a!.eTag };

    for (const batch of [
      { b: { v: 'new' }, a: stale, c: { v: 'changed', eTag: read.c!.eTag } },
      { a: stale, b: { v: 'new' }, c: { v: 'changed', eTag: '*' } },
    ]) {
      const error = await storage.write(batch).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ETagConflictError);
      expect((error as ETagConflictError).key).toBe('a');
      expect(await storage.read(['a', 'b', 'c'])).toEqual({
        a: { v: 2, eTag: String(Number(read.a!.eTag) + 1) },
        c: { v: 1, eTag: read.c!.eTag },
      });
    }
    // An eTag that was never issued conflicts too.
    await expect(storage.write({ a: { v: 4, eTag: 'not-a-number' } })).rejects.toBeInstanceOf(
      ETagConflictError,
    );
    await expect(
      storage.write({ a: { v: 4, eTag: String(Number(read.a!.eTag) + 99) } }),
    ).rejects.toBeInstanceOf(ETagConflictError);
  });

  it("'*' and a missing eTag overwrite whatever is stored", async () => {
    const b = await backend(kind);
    const storage = b.state();
    await storage.write({ a: { v: 1 } });
    const { eTag } = (await storage.read(['a'])).a!;
    await storage.write({ a: { v: 2 } });
    await storage.write({ a: { v: 3, eTag: '*' } });
    expect(await storage.read(['a'])).toEqual({ a: { v: 3, eTag: String(Number(eTag) + 2) } });
    // '*' creates a missing item as well.
    await storage.write({ fresh: { v: 1, eTag: '*' } });
    expect((await storage.read(['fresh'])).fresh).toEqual({ v: 1, eTag: expect.any(String) });
  });

  it('a write with an eTag for an item deleted in between is a conflict (a stopped conversation stays deleted)', async () => {
    const b = await backend(kind);
    const storage = b.state();
    await storage.write({ a: { v: 1 } });
    const { eTag } = (await storage.read(['a'])).a!;
    await storage.delete(['a']);
    await expect(storage.write({ a: { v: 2, eTag } })).rejects.toBeInstanceOf(ETagConflictError);
    expect(await storage.read(['a'])).toEqual({});
  });

  it('readUnlessCurrent: `current` while the eTag is the stored one, else the item as read gives it', async () => {
    const b = await backend(kind);
    const storage = b.state();
    expect(await storage.readUnlessCurrent('a', '1')).toBeUndefined();
    await storage.write({ a: { v: 1 } });
    const { eTag } = (await storage.read(['a'])).a!;
    expect(await storage.readUnlessCurrent('a', eTag!)).toBe('current');
    // Someone else wrote: the newer item, with its eTag.
    await storage.write({ a: { v: 2, eTag } });
    const newer = { v: 2, eTag: String(Number(eTag) + 1) };
    expect(await storage.readUnlessCurrent('a', eTag!)).toEqual(newer);
    expect(await storage.readUnlessCurrent('a', 'not-a-number')).toEqual(newer);
    await storage.delete(['a']);
    expect(await storage.readUnlessCurrent('a', newer.eTag)).toBeUndefined();
  });

  it('an item deleted and written again never has an eTag it had before (a kept session is not current)', async () => {
    const b = await backend(kind);
    const storage = b.state();
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      await storage.write({ a: { v: i } });
      const { eTag } = (await storage.read(['a'])).a!;
      expect(seen.has(eTag!)).toBe(false);
      seen.add(eTag!);
      await storage.delete(['a']);
    }
  });

  it('deletes the given keys; deleting a missing key is no error', async () => {
    const b = await backend(kind);
    const storage = b.state();
    await storage.write({ a: { v: 1 }, b: { v: 2 }, c: { v: 3 } });
    const before = await storage.read(['b']);
    await storage.delete(['a', 'c', 'never-there']);
    expect(await storage.read(['a', 'b', 'c'])).toEqual(before);
    await storage.delete([]);
    // A new item under a deleted key starts afresh.
    await storage.write({ a: { v: 9 } });
    expect(await storage.read(['a'])).toEqual({ a: { v: 9, eTag: expect.any(String) } });
  });
});

describe.each(BACKENDS)('%s conversation log', (kind) => {
  it('appends with the next sequence number; since(watermark) returns what came after', async () => {
    const b = await backend(kind);
    const log = b.log();
    await log.create({ id: 'c1', userId: 'dl_u1', resumeHash: 'h' });
    await log.create({ id: 'c2', userId: 'dl_u2', resumeHash: null });
    expect(await log.get('c1')).toMatchObject({ id: 'c1', userId: 'dl_u1', resumeHash: 'h' });
    expect(await log.get('missing')).toBeUndefined();
    expect(await log.since('c1', 0)).toEqual({ activities: [], watermark: 0, more: false });

    const stored = await log.append('c1', message('een'));
    expect(stored).toMatchObject({ id: 'c1|0000001', text: 'een' });
    await log.append('c2', message('other'));
    await log.append('c1', message('twee'));
    await log.append('c1', message('drie'));

    const all = await log.since('c1', 0);
    expect(all.watermark).toBe(3);
    expect(all.activities.map((a) => [a.id, a.text])).toEqual([
      ['c1|0000001', 'een'],
      ['c1|0000002', 'twee'],
      ['c1|0000003', 'drie'],
    ]);
    expect((await log.since('c1', 2)).activities.map((a) => a.text)).toEqual(['drie']);
    expect(await log.since('c1', 3)).toEqual({ activities: [], watermark: 3, more: false });
    expect(await log.since('c1', 99)).toEqual({ activities: [], watermark: 99, more: false });
    expect((await log.since('c2', 0)).activities.map((a) => a.id)).toEqual(['c2|0000001']);
    await expect(log.append('missing', message('x'))).rejects.toThrow();
  });

  it('clear deletes the activities but keeps the conversation and its sequence', async () => {
    const b = await backend(kind);
    const log = b.log();
    await log.create({ id: 'c', userId: 'dl_u', resumeHash: null });
    await log.append('c', message('a'));
    await log.append('c', message('b'));
    await log.clear('c');
    expect(await log.since('c', 0)).toEqual({ activities: [], watermark: 0, more: false });
    expect(await log.get('c')).toBeDefined();
    // A client that read up to 2 still sees what comes next.
    const next = await log.append('c', message('after'));
    expect(next.id).toBe('c|0000003');
    expect((await log.since('c', 2)).activities.map((a) => a.text)).toEqual(['after']);
  });

  it('since pages: at most `limit`, `more` while another page follows; size counts what clear empties', async () => {
    const b = await backend(kind);
    const log = b.log();
    await log.create({ id: 'p', userId: 'dl_u', resumeHash: null });
    for (const text of ['1', '2', '3', '4', '5']) await log.append('p', message(text));
    const first = await log.since('p', 0, 2);
    expect(first.activities.map((a) => a.text)).toEqual(['1', '2']);
    expect(first).toMatchObject({ watermark: 2, more: true });
    const second = await log.since('p', first.watermark, 2);
    expect(second.activities.map((a) => a.text)).toEqual(['3', '4']);
    expect(second.more).toBe(true);
    const last = await log.since('p', second.watermark, 2);
    expect(last).toMatchObject({ watermark: 5, more: false });
    expect(last.activities.map((a) => a.text)).toEqual(['5']);
    const size = (await log.size('p'))!;
    expect(size.count).toBe(5);
    expect(size.bytes).toBeGreaterThan(5 * JSON.stringify(message('1')).length);
    await log.clear('p');
    expect(await log.size('p')).toEqual({ count: 0, bytes: 0 });
    expect(await log.size('never-there')).toBeUndefined();
  });

  it('delete removes the conversation and its activities', async () => {
    const b = await backend(kind);
    const log = b.log();
    await log.create({ id: 'c', userId: 'dl_u', resumeHash: null });
    await log.append('c', message('a'));
    await log.delete('c');
    expect(await log.get('c')).toBeUndefined();
    expect(await b.activityRows()).toBe(0);
    await log.delete('never-there');
  });

  it('idleSince lists conversations untouched since the time given; appending touches', async () => {
    const t = clock();
    const log = (await backend(kind)).log(t.now);
    await log.create({ id: 'old', userId: 'dl_a', resumeHash: null });
    await log.create({ id: 'touched', userId: 'dl_b', resumeHash: null });
    t.advance(60_000);
    await log.append('touched', message('hoi'));
    t.advance(60_000);
    await log.create({ id: 'new', userId: 'dl_c', resumeHash: null });
    expect((await log.idleSince(t.now() - 90_000)).sort()).toEqual(['old']);
    expect((await log.idleSince(t.now() - 30_000)).sort()).toEqual(['old', 'touched']);
    expect((await log.idleSince(t.now() + 1)).sort()).toEqual(['new', 'old', 'touched']);
  });
});

describe.each(BACKENDS)('%s: expiry of idle conversations', (kind) => {
  it('purgeIdle forgets state not written since the time given', async () => {
    const t = clock();
    const storage = (await backend(kind)).state(t.now);
    await storage.write({ 'intake/directline/old': { v: 1 }, 'intake/msteams/old': { v: 1 } });
    t.advance(3_600_000);
    await storage.write({ 'intake/directline/fresh': { v: 1 } });
    expect(await storage.purgeIdle(t.now() - 60_000)).toBe(2);
    expect(
      Object.keys(
        await storage.read(['intake/directline/old', 'intake/msteams/old', 'intake/directline/fresh']),
      ),
    ).toEqual(['intake/directline/fresh']);
    expect(await storage.purgeIdle(t.now() - 60_000)).toBe(0);
  });

  it('startExpiry(...).runOnce() removes idle state and logs and keeps fresh ones', async () => {
    const twoHoursAgo = Date.now() - 2 * 3_600_000;
    const b = await backend(kind);
    const oldStorage = b.state(() => twoHoursAgo);
    const oldLog = b.log(() => twoHoursAgo);
    const storage = b.state();
    const log = b.log();
    await oldLog.create({ id: 'idle', userId: 'dl_a', resumeHash: null });
    await oldLog.append('idle', message('long ago'));
    await oldStorage.write({ 'intake/directline/idle': { v: 1 } });
    await log.create({ id: 'busy', userId: 'dl_b', resumeHash: null });
    await log.append('busy', message('now'));
    await storage.write({ 'intake/directline/busy': { v: 1 } });

    const onExpired = vi.fn();
    const expiry = startExpiry({ storage, log, ttlMs: 3_600_000, onExpired });
    try {
      expect(await expiry.runOnce()).toBe(2);
      expect(onExpired).toHaveBeenCalledWith(2);
      expect(await log.get('idle')).toBeUndefined();
      expect(await storage.read(['intake/directline/idle'])).toEqual({});
      expect(await log.get('busy')).toBeDefined();
      expect((await log.since('busy', 0)).activities).toHaveLength(1);
      expect(Object.keys(await storage.read(['intake/directline/busy']))).toEqual(['intake/directline/busy']);
      // Nothing left to expire: no report.
      expect(await expiry.runOnce()).toBe(0);
      expect(onExpired).toHaveBeenCalledTimes(1);
    } finally {
      expiry.stop();
    }
  });

  it('app.expiry forgets a Direct Line conversation idle past CONVERSATION_TTL_HOURS; its token then finds nothing', async () => {
    const server = await startServer({ CONVERSATION_TTL_HOURS: '1' }, { listen: false });
    try {
      const http = httpViaInject(server.app);
      const idle = await RestConversation.start(http);
      await idle.say('organisation');
      const busy = await RestConversation.start(http);
      await busy.say('organisation');
      // Make the first conversation two hours old, in the database itself.
      const twoHours = 2 * 3_600_000;
      const stateKey = `intake/directline/${idle.conversationId}`;
      await rawSql(server.databasePath, {
        sqlite: (raw) => {
          raw
            .prepare('update dl_conversations set updated_at = updated_at - ? where id = ?')
            .run(twoHours, idle.conversationId);
          raw.prepare('update state set updated_at = updated_at - ? where key = ?').run(twoHours, stateKey);
        },
        postgres: [
          {
            text: 'update dl_conversations set updated_at = updated_at - $1 where id = $2',
            values: [twoHours, idle.conversationId],
          },
          {
            text: 'update state set updated_at = updated_at - $1 where key = $2',
            values: [twoHours, stateKey],
          },
        ],
      });

      const expiry = (server.app as unknown as { expiry: { runOnce: () => Promise<number> } }).expiry;
      expect(await expiry.runOnce()).toBe(2);
      expect((await idle.get('0')).status).toBe(404);
      expect((await busy.get('0')).status).toBe(200);
      const stores = await storesAt(server.databasePath);
      try {
        const busyKey = `intake/directline/${busy.conversationId}`;
        expect(Object.keys(await stores.state.read([stateKey, busyKey]))).toEqual([busyKey]);
      } finally {
        await stores.close();
      }
    } finally {
      await server.close();
    }
  });
});

describe('the database file', () => {
  it('survives closing and reopening: state, log, settings', async () => {
    const path = freshFile();
    const first = openDatabase(path);
    await new SqliteStorage(first).write({ 'intake/directline/c': { answers: { a: 1 } } });
    const log = new SqliteConversationLog(first);
    await log.create({ id: 'c', userId: 'dl_u', resumeHash: 'hash' });
    await log.append('c', message('bewaard'));
    expect(await new SqliteSettingsStore(first).setIfAbsent('token-signing-key', 'k1')).toBe('k1');
    first.close();

    const second = openDatabase(path);
    try {
      expect(await new SqliteStorage(second).read(['intake/directline/c'])).toEqual({
        'intake/directline/c': { answers: { a: 1 }, eTag: expect.any(String) },
      });
      const reopened = new SqliteConversationLog(second);
      expect(await reopened.get('c')).toMatchObject({ userId: 'dl_u', resumeHash: 'hash' });
      expect((await reopened.since('c', 0)).activities.map((a) => a.text)).toEqual(['bewaard']);
      expect((await reopened.append('c', message('verder'))).id).toBe('c|0000002');
      const settings = new SqliteSettingsStore(second);
      expect(await settings.setIfAbsent('token-signing-key', 'k2')).toBe('k1');
      expect(await settings.get('token-signing-key')).toBe('k1');
      expect(await settings.get('missing')).toBeUndefined();
    } finally {
      second.close();
    }
  });

  it('migrations are idempotent: reopening runs none again and keeps the data', async () => {
    const path = freshFile();
    const first = openDatabase(path);
    const version = first.pragma('user_version', { simple: true });
    expect(version).toBeGreaterThanOrEqual(1);
    const schema = () =>
      first
        .prepare<[], { sql: string }>('select sql from sqlite_master where sql is not null order by name')
        .all();
    const before = schema();
    await new SqliteStorage(first).write({ k: { v: 1 } });
    first.close();

    for (let i = 0; i < 3; i++) {
      const again = openDatabase(path);
      expect(again.pragma('user_version', { simple: true })).toBe(version);
      expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(again.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(
        again.prepare('select sql from sqlite_master where sql is not null order by name').all(),
      ).toEqual(before);
      expect(await new SqliteStorage(again).read(['k'])).toEqual({ k: { v: 1, eTag: expect.any(String) } });
      again.close();
    }
    // Two connections to the same file at once (the server and a tool, say) both open fine.
    const a = openDatabase(path);
    const b = openDatabase(path);
    expect(b.pragma('user_version', { simple: true })).toBe(version);
    a.close();
    b.close();
  });

  it('creates the directory of a new database file', () => {
    const path = join(temp.dir, 'nested', 'deeper', 'mag.sqlite');
    const created = openDatabase(path);
    expect(created.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
    created.close();
  });
});
