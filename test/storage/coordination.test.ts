import { afterEach, describe, expect, it } from 'vitest';
import type { Exclusive, TurnOrder } from '../../storage/interfaces.js';
import { LocalExclusive, LocalTurnOrder } from '../../storage/local-coordination.js';
import {
  PostgresActivitySignal,
  PostgresExclusive,
  PostgresTurnOrder,
} from '../../storage/postgres/coordination.js';
import { openPostgres, type PostgresDatabase } from '../../storage/postgres/database.js';
import { freshSchema, TEST_DATABASE_URL } from '../helpers/backends.js';

/**
 * What instances on one database coordinate through: the turn order per conversation, the job that one
 * instance runs at a time, and the signal that a conversation has new activities. "Two instances" are two
 * sets of connections here; `two-instances.test.ts` runs two real server processes.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

/** Runs `work` for each of `ids` at once through the orders given; returns the intervals each took. */
async function intervals(orders: TurnOrder[], ids: string[]) {
  const spans: { id: string; start: number; end: number }[] = [];
  await Promise.all(
    ids.map((id, i) =>
      orders[i % orders.length]!.run(id, async () => {
        const start = performance.now();
        await sleep(60);
        spans.push({ id, start, end: performance.now() });
      }),
    ),
  );
  return spans;
}
const overlap = (x: { start: number; end: number }, y: { start: number; end: number }) =>
  x.start < y.end && y.start < x.end;

async function twoDatabases(): Promise<[PostgresDatabase, PostgresDatabase]> {
  const schema = freshSchema();
  const first = await openPostgres({ url: TEST_DATABASE_URL!, schema });
  const second = await openPostgres({ url: TEST_DATABASE_URL!, schema });
  closing.push(
    () => first.close(),
    () => second.close(),
  );
  return [first, second];
}

/** Two started signals, one on each database; closed after the test. */
async function signals(
  one: PostgresDatabase,
  two: PostgresDatabase,
  onError?: (error: unknown) => void,
): Promise<[PostgresActivitySignal, PostgresActivitySignal]> {
  const here = new PostgresActivitySignal(one, TEST_DATABASE_URL!);
  const there = new PostgresActivitySignal(two, TEST_DATABASE_URL!, onError);
  await Promise.all([here.start(), there.start()]);
  closing.push(
    () => here.close(),
    () => there.close(),
  );
  return [here, there];
}

describe('in one process (SQLite)', () => {
  it('turns of one conversation never overlap; those of two conversations do', async () => {
    const order = new LocalTurnOrder();
    const spans = await intervals([order], ['c1', 'c1', 'c2']);
    const [x, y] = spans.filter((s) => s.id === 'c1');
    expect(overlap(x!, y!)).toBe(false);
    expect(spans.some((s) => s.id === 'c2' && overlap(s, x!))).toBe(true);
  });

  it('a job that runs is not started a second time meanwhile', async () => {
    const exclusive: Exclusive = new LocalExclusive();
    const [first, second] = await Promise.all([
      exclusive.run('expiry', () => sleep(30).then(() => 'ran')),
      exclusive.run('expiry', async () => 'ran too'),
    ]);
    expect([first, second]).toEqual(['ran', undefined]);
    expect(await exclusive.run('expiry', async () => 'again')).toBe('again');
  });
});

describe.skipIf(!TEST_DATABASE_URL)('across instances (PostgreSQL)', () => {
  it('turns of one conversation never overlap across instances; those of two conversations do', async () => {
    const [one, two] = await twoDatabases();
    const orders = [
      new PostgresTurnOrder(one, TEST_DATABASE_URL!),
      new PostgresTurnOrder(two, TEST_DATABASE_URL!),
    ];
    closing.push(...orders.map((o) => () => o.close()));
    const spans = await intervals(orders, ['c1', 'c1', 'c1', 'c1', 'c2', 'c3']);
    const same = spans.filter((s) => s.id === 'c1');
    for (const x of same) for (const y of same) if (x !== y) expect(overlap(x, y)).toBe(false);
    expect(spans.filter((s) => s.id !== 'c1').some((s) => same.some((x) => overlap(s, x)))).toBe(true);
  });

  it('a turn that throws gives the lock back: the next turn runs', async () => {
    const [one, two] = await twoDatabases();
    const first = new PostgresTurnOrder(one, TEST_DATABASE_URL!);
    const second = new PostgresTurnOrder(two, TEST_DATABASE_URL!);
    closing.push(
      () => first.close(),
      () => second.close(),
    );
    await expect(first.run('c', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await second.run('c', async () => 'ran')).toBe('ran');
  });

  it('the expiry job runs on one instance at a time; the other skips its run', async () => {
    const [one, two] = await twoDatabases();
    const [first, second] = [new PostgresExclusive(one), new PostgresExclusive(two)];
    const running = first.run('expiry', () => sleep(200).then(() => 'first'));
    await sleep(50);
    expect(await second.run('expiry', async () => 'second')).toBeUndefined();
    expect(await running).toBe('first');
    expect(await second.run('expiry', async () => 'second')).toBe('second');
  });

  it("one schema's locks are not another's", async () => {
    const one = await openPostgres({ url: TEST_DATABASE_URL!, schema: freshSchema() });
    const other = await openPostgres({ url: TEST_DATABASE_URL!, schema: freshSchema() });
    closing.push(
      () => one.close(),
      () => other.close(),
    );
    const running = new PostgresExclusive(one).run('expiry', () => sleep(200).then(() => 'one'));
    await sleep(50);
    expect(await new PostgresExclusive(other).run('expiry', async () => 'other')).toBe('other');
    await running;
  });

  it("a conversation's new activities reach the other instance's subscribers, once", async () => {
    const [one, two] = await twoDatabases();
    const [here, there] = await signals(one, two);
    const heard = { here: 0, there: 0, elsewhere: 0 };
    here.subscribe('c1', () => heard.here++);
    there.subscribe('c1', () => heard.there++);
    there.subscribe('c2', () => heard.elsewhere++);
    here.notify('c1');
    for (let i = 0; i < 50 && heard.there === 0; i++) await sleep(20);
    await sleep(100);
    expect(heard).toEqual({ here: 1, there: 1, elsewhere: 0 });
  });

  it('after its connection is cut, the listener comes back, wakes every stream once and hears again', async () => {
    const [one, two] = await twoDatabases();
    const errors: unknown[] = [];
    const [here, there] = await signals(one, two, (error) => errors.push(error));
    let heard = 0;
    there.subscribe('c1', () => heard++);
    // The server ends every connection that listens on the channel (a restart or a failover does that).
    const channel = two.channel('activities');
    const { rows } = await one.query<{ cut: boolean }>(
      "select pg_terminate_backend(pid) as cut from pg_stat_activity where query = 'listen ' || $1",
      [channel],
    );
    // Both instances listen on the schema's channel: both connections are cut.
    expect(rows.filter((r) => r.cut)).toHaveLength(2);
    for (let i = 0; i < 150 && heard === 0; i++) await sleep(20);
    // Woken once on its return: what was notified meanwhile is read from the watermark.
    expect(heard).toBe(1);
    here.notify('c1');
    for (let i = 0; i < 50 && heard === 1; i++) await sleep(20);
    expect(heard).toBe(2);
    expect(errors.length).toBeGreaterThan(0);
  });

  it("another schema's notifications are not heard", async () => {
    const one = await openPostgres({ url: TEST_DATABASE_URL!, schema: freshSchema() });
    const other = await openPostgres({ url: TEST_DATABASE_URL!, schema: freshSchema() });
    closing.push(
      () => one.close(),
      () => other.close(),
    );
    const [here, there] = await signals(one, other);
    let heard = 0;
    there.subscribe('c1', () => heard++);
    here.notify('c1');
    await sleep(300);
    expect(heard).toBe(0);
  });
});
