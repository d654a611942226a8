import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ConversationLog,
  ConversationStateStore,
  DraftStore,
  TurnStore,
} from '../../storage/interfaces.js';
import { PostgresCallbackStore } from '../../storage/postgres/callback-store.js';
import { PostgresConversationLog } from '../../storage/postgres/conversation-log.js';
import type { PostgresDatabase } from '../../storage/postgres/database.js';
import { PostgresDraftStore } from '../../storage/postgres/draft-store.js';
import { PostgresStateStore } from '../../storage/postgres/state-store.js';
import { PostgresTurnStore } from '../../storage/postgres/turn-store.js';
import { SqliteConversationLog } from '../../storage/sqlite/conversation-log.js';
import type { SqliteDatabase } from '../../storage/sqlite/database.js';
import { openDatabase } from '../../storage/sqlite/database.js';
import { SqliteDraftStore } from '../../storage/sqlite/draft-store.js';
import { ETagConflictError, SqliteStorage } from '../../storage/sqlite/sqlite-storage.js';
import { SqliteTurnStore } from '../../storage/sqlite/turn-store.js';
import { sampleDraft } from '../drafts/sample-draft.js';
import { BACKENDS, freshPostgres } from '../helpers/backends.js';

/** One turn, one transaction: everything of it is written, or nothing. On each backend. */
let state: ConversationStateStore;
let drafts: DraftStore;
let log: ConversationLog;
let turns: TurnStore;
let pg: PostgresDatabase | undefined;

async function open(kind: 'sqlite' | 'postgres'): Promise<void> {
  if (kind === 'sqlite') {
    const db: SqliteDatabase = openDatabase(':memory:');
    const sqlite = {
      state: new SqliteStorage(db),
      drafts: new SqliteDraftStore(db),
      log: new SqliteConversationLog(db),
    };
    ({ state, drafts, log } = sqlite);
    turns = new SqliteTurnStore(db, sqlite);
  } else {
    pg = (await freshPostgres())!;
    const postgres = {
      state: new PostgresStateStore(pg),
      drafts: new PostgresDraftStore(pg),
      log: new PostgresConversationLog(pg),
      callbacks: new PostgresCallbackStore(pg),
    };
    ({ state, drafts, log } = postgres);
    turns = new PostgresTurnStore(pg, postgres);
  }
  await log.create({ id: 'c', userId: 'dl_u', resumeHash: null });
}

afterEach(async () => {
  await pg?.close();
  pg = undefined;
});

const said = (text: string): Partial<Activity> => ({
  type: 'message',
  text,
  from: { id: 'dl_u', role: 'user' } as Activity['from'],
});
const reply = (text: string): Partial<Activity> => ({ type: 'message', text });
const draftOf = (session: string, limit = 3) => ({
  draft: sampleDraft(session),
  idempotencyKey: `intake/directline/c/${session}`,
  year: 2027,
  conversationKey: 'intake/directline/c',
  limit,
});

describe.each(BACKENDS)('%s turn store', (kind) => {
  beforeEach(() => open(kind));

  it('stores the person’s activity, the state, the draft and the replies together; replies name the activity and the reference', async () => {
    const outcome = await turns.commit({
      state: { key: 'k', value: { step: 1 }, eTag: '*' },
      draft: draftOf('s1'),
      log: { conversationId: 'c', incoming: said('ja') },
      replies: (draft) => [reply(`klaar ${draft !== 'limit' ? draft?.reference : ''}`)],
    });
    const page = await log.since('c', 0);
    expect(page.activities.map((a) => a.text)).toEqual([
      'ja',
      `klaar ${(await drafts.list())[0]!.reference}`,
    ]);
    expect(page.activities[1]!.replyToId).toBe(page.activities[0]!.id);
    expect(outcome.incoming?.id).toBe(page.activities[0]!.id);
    expect((await state.read(['k'])).k).toMatchObject({ step: 1 });
  });

  it('a turn that writes the state says the eTag it has now; one that deletes it says none', async () => {
    const first = await turns.commit({
      state: { key: 'k', value: { step: 1 }, eTag: '*' },
      replies: () => [],
    });
    expect(first.stateETag).toBe((await state.read(['k'])).k!.eTag);
    const second = await turns.commit({
      state: { key: 'k', value: { step: 2 }, eTag: first.stateETag },
      replies: () => [],
    });
    expect(second.stateETag).toBe((await state.read(['k'])).k!.eTag);
    expect(second.stateETag).not.toBe(first.stateETag);
    expect(await state.readUnlessCurrent('k', second.stateETag!)).toBe('current');
    const again = await turns.commit({
      state: { key: 'k', value: { step: 3 }, eTag: '*' },
      replies: () => [],
    });
    expect(again.stateETag).toBe((await state.read(['k'])).k!.eTag);
    const deleted = await turns.commit({ state: { key: 'k', value: null }, replies: () => [] });
    expect(deleted.stateETag).toBeUndefined();
    expect((await turns.commit({ replies: () => [] })).stateETag).toBeUndefined();
  });

  it('an eTag conflict writes nothing at all: no state, no draft, no message, no reference used', async () => {
    await state.write({ k: { step: 1 } });
    const [read] = Object.values(await state.read(['k']));
    await state.write({ k: { step: 2, eTag: read!.eTag } });
    await expect(
      turns.commit({
        state: { key: 'k', value: { step: 3 }, eTag: read!.eTag },
        draft: draftOf('s1'),
        log: { conversationId: 'c', incoming: said('ja') },
        replies: () => [reply('klaar')],
      }),
    ).rejects.toBeInstanceOf(ETagConflictError);
    expect((await state.read(['k'])).k).toMatchObject({ step: 2 });
    expect(await drafts.list()).toEqual([]);
    expect((await log.since('c', 0)).activities).toEqual([]);
    // The next draft still gets the first reference of the year.
    const next = await drafts.create(sampleDraft('s2'), 'other', 2027);
    expect(next.draft.reference).toMatch(/-0*1$/);
  });

  it('a failure while making the replies undoes the whole turn', async () => {
    await expect(
      turns.commit({
        state: { key: 'k', value: { step: 1 }, eTag: '*' },
        draft: draftOf('s1'),
        log: { conversationId: 'c', incoming: said('ja') },
        replies: () => {
          throw new Error('boom');
        },
      }),
    ).rejects.toThrow('boom');
    expect(await state.read(['k'])).toEqual({});
    expect(await drafts.list()).toEqual([]);
    expect((await log.since('c', 0)).activities).toEqual([]);
  });

  it('one draft per session (the same again on a retry); past the limit per conversation, none', async () => {
    const first = await turns.commit({ draft: draftOf('s1', 2), replies: () => [] });
    const again = await turns.commit({ draft: draftOf('s1', 2), replies: () => [] });
    expect(again.draft).toEqual(first.draft);
    await turns.commit({ draft: draftOf('s2', 2), replies: () => [] });
    const third = await turns.commit({ draft: draftOf('s3', 2), replies: (d) => [reply(String(d))] });
    expect(third.draft).toBe('limit');
    expect(third.replies.map((r) => r.text)).toEqual(['limit']);
    expect(await drafts.list()).toHaveLength(2);
    // A retry of a session that has its draft still gets it at the limit.
    expect((await turns.commit({ draft: draftOf('s1', 2), replies: () => [] })).draft).toEqual(first.draft);
  });

  it('stop: the log is emptied first, then the stop and its answer are kept; the state is deleted', async () => {
    await log.append('c', said('mijn geheime idee'));
    await state.write({ k: { step: 1 } });
    await turns.commit({
      state: { key: 'k', value: null },
      log: { conversationId: 'c', incoming: said('stop'), clear: { forgetResume: true } },
      replies: () => [reply('gestopt')],
    });
    expect((await log.since('c', 0)).activities.map((a) => a.text)).toEqual(['stop', 'gestopt']);
    expect(await state.read(['k'])).toEqual({});
  });
});

/**
 * SQLite commits the turns handed over together in one transaction, each under a savepoint of its own:
 * one BEGIN … COMMIT for many turns, and a failing turn undone alone.
 */
describe('SQLite group commit', () => {
  let dir: string;
  let db: SqliteDatabase;
  let other: SqliteDatabase;
  let sqlite: { state: SqliteStorage; drafts: SqliteDraftStore; log: SqliteConversationLog };
  let group: SqliteTurnStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mag-group-'));
    db = openDatabase(join(dir, 'mag.sqlite'));
    // A second connection to the same file sees only what is committed.
    other = new Database(join(dir, 'mag.sqlite'), { readonly: true });
    sqlite = {
      state: new SqliteStorage(db),
      drafts: new SqliteDraftStore(db),
      log: new SqliteConversationLog(db),
    };
    group = new SqliteTurnStore(db, sqlite);
    await sqlite.log.create({ id: 'c', userId: 'dl_u', resumeHash: null });
  });
  afterEach(() => {
    other.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const committedState = (key: string) =>
    other.prepare<[string], { value: string }>('select value from state where key = ?').get(key);

  it('turns handed over together share one transaction: none is visible elsewhere before all are committed', async () => {
    const seenDuringSecond: unknown[] = [];
    const outcomes = await Promise.all([
      group.commit({ state: { key: 'a', value: { n: 1 }, eTag: '*' }, replies: () => [] }),
      group.commit({
        state: { key: 'b', value: { n: 2 }, eTag: '*' },
        replies: () => {
          seenDuringSecond.push(committedState('a'));
          return [reply('b')];
        },
      }),
    ]);
    expect(seenDuringSecond).toEqual([undefined]);
    expect(JSON.parse(committedState('a')!.value)).toEqual({ n: 1 });
    expect(JSON.parse(committedState('b')!.value)).toEqual({ n: 2 });
    expect(outcomes.map((o) => o.stateETag)).toEqual([
      (await sqlite.state.read(['a'])).a!.eTag,
      (await sqlite.state.read(['b'])).b!.eTag,
    ]);
  });

  it('a turn that fails in a group is undone alone: its state, draft and messages are not stored, the others are', async () => {
    await sqlite.state.write({ k: { step: 1 } });
    const stale = (await sqlite.state.read(['k'])).k!.eTag!;
    await sqlite.state.write({ k: { step: 2, eTag: stale } });
    const [first, conflict, boom, last] = await Promise.allSettled([
      group.commit({
        state: { key: 'a', value: { n: 1 }, eTag: '*' },
        draft: draftOf('s1'),
        log: { conversationId: 'c', incoming: said('een') },
        replies: () => [reply('eerste')],
      }),
      group.commit({
        state: { key: 'k', value: { step: 3 }, eTag: stale },
        draft: draftOf('s2'),
        log: { conversationId: 'c', incoming: said('twee') },
        replies: () => [reply('tweede')],
      }),
      group.commit({
        state: { key: 'b', value: { n: 3 }, eTag: '*' },
        draft: draftOf('s3'),
        log: { conversationId: 'c', incoming: said('drie') },
        replies: () => {
          throw new Error('boom');
        },
      }),
      group.commit({
        state: { key: 'd', value: { n: 4 }, eTag: '*' },
        draft: draftOf('s4'),
        log: { conversationId: 'c', incoming: said('vier') },
        replies: () => [reply('vierde')],
      }),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(conflict.status === 'rejected' && conflict.reason).toBeInstanceOf(ETagConflictError);
    expect(boom.status === 'rejected' && String(boom.reason)).toMatch(/boom/);
    expect(last.status).toBe('fulfilled');
    expect((await sqlite.log.since('c', 0)).activities.map((a) => a.text)).toEqual([
      'een',
      'eerste',
      'vier',
      'vierde',
    ]);
    expect(committedState('b')).toBeUndefined();
    expect(JSON.parse(committedState('k')!.value)).toEqual({ step: 2 });
    // The two drafts stored have the year's first two references: the undone turns used none.
    const references = (await sqlite.drafts.list()).map((d) => d.reference.slice(-6)).sort();
    expect(references).toEqual(['000001', '000002']);
  });

  it('an error that ends the whole transaction fails every turn of the group; none commits alone', async () => {
    // What a full disk does to SQLite's transaction, done here by hand: it is rolled back mid-group.
    const results = await Promise.allSettled([
      group.commit({ state: { key: 'a', value: { n: 1 }, eTag: '*' }, replies: () => [] }),
      group.commit({
        state: { key: 'b', value: { n: 2 }, eTag: '*' },
        replies: () => {
          db.exec('rollback');
          throw new Error('disk full');
        },
      }),
      group.commit({ state: { key: 'd', value: { n: 3 }, eTag: '*' }, replies: () => [] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(['a', 'b', 'd'].map(committedState)).toEqual([undefined, undefined, undefined]);
    // The store goes on: the next turn commits.
    await group.commit({ state: { key: 'e', value: { n: 4 }, eTag: '*' }, replies: () => [] });
    expect(JSON.parse(committedState('e')!.value)).toEqual({ n: 4 });
  });

  it('two turns of one conversation in one group, both read at the same eTag: the second conflicts', async () => {
    const read = (
      await group.commit({ state: { key: 'k', value: { step: 1 }, eTag: '*' }, replies: () => [] })
    ).stateETag;
    const [first, second] = await Promise.allSettled([
      group.commit({ state: { key: 'k', value: { step: 2 }, eTag: read }, replies: () => [] }),
      group.commit({ state: { key: 'k', value: { step: 3 }, eTag: read }, replies: () => [] }),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' && second.reason).toBeInstanceOf(ETagConflictError);
    expect(JSON.parse(committedState('k')!.value)).toEqual({ step: 2 });
  });
});
