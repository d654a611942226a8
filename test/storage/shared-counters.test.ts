import { afterEach, describe, expect, it } from 'vitest';
import type { AuthStore, RateStore, SettingsStore } from '../../storage/interfaces.js';
import { PostgresAuthStore } from '../../storage/postgres/auth-store.js';
import { openPostgres, type PostgresDatabase } from '../../storage/postgres/database.js';
import { PostgresRateStore } from '../../storage/postgres/rate-store.js';
import { PostgresSettingsStore } from '../../storage/postgres/settings-store.js';
import { SqliteAuthStore } from '../../storage/sqlite/auth-store.js';
import { openDatabase } from '../../storage/sqlite/database.js';
import { SqliteRateStore } from '../../storage/sqlite/rate-store.js';
import { SqliteSettingsStore } from '../../storage/sqlite/settings-store.js';
import { BACKENDS, freshSchema, TEST_DATABASE_URL } from '../helpers/backends.js';

/**
 * What every instance counts together: rate windows, sign-in attempts, the settings made once. Each
 * backend gets two "instances" (two connections to one database), hit at the same time.
 */
const closing: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

interface Instance {
  rates: RateStore;
  auth: AuthStore;
  settings: SettingsStore;
}

async function twoInstances(kind: 'sqlite' | 'postgres'): Promise<[Instance, Instance]> {
  if (kind === 'sqlite') {
    const db = openDatabase(':memory:');
    closing.push(() => db.close());
    const one = {
      rates: new SqliteRateStore(db),
      auth: new SqliteAuthStore(db),
      settings: new SqliteSettingsStore(db),
    };
    return [one, one];
  }
  const schema = freshSchema();
  const dbs: PostgresDatabase[] = [];
  for (let i = 0; i < 2; i++) dbs.push(await openPostgres({ url: TEST_DATABASE_URL!, schema }));
  closing.push(...dbs.map((db) => () => db.close()));
  const of = (db: PostgresDatabase) => ({
    rates: new PostgresRateStore(db),
    auth: new PostgresAuthStore(db),
    settings: new PostgresSettingsStore(db),
  });
  return [of(dbs[0]!), of(dbs[1]!)];
}

describe.each(BACKENDS)('%s: counted together', (kind) => {
  it('a rate window lets exactly `limit` through, however the hits are spread over the instances', async () => {
    const [one, two] = await twoInstances(kind);
    const now = 1_800_000_000_000;
    const hits = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).rates.hit('conversation c', 10, 60_000, now)),
    );
    expect(hits.filter((h) => h.allowed)).toHaveLength(10);
    const refused = hits.find((h) => !h.allowed)!;
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    // A new window starts afresh; another key is counted apart.
    expect((await one.rates.hit('conversation c', 10, 60_000, now + 60_000)).allowed).toBe(true);
    expect((await two.rates.hit('conversation d', 10, 60_000, now)).allowed).toBe(true);
    await one.rates.purge(now + 120_000);
    expect((await two.rates.hit('conversation c', 1, 60_000, now + 120_001)).allowed).toBe(true);
  });

  it('parallel sign-in guesses from one address get exactly `limit` checks, then the address waits', async () => {
    const [one, two] = await twoInstances(kind);
    const now = 1_800_000_000_000;
    const attempts = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? one : two).auth.reserveAttempt('10.0.0.1', now, 5, 900_000),
      ),
    );
    expect(attempts.filter((a) => a.allowed)).toHaveLength(5);
    expect((await one.auth.reserveAttempt('10.0.0.1', now + 1000, 5, 900_000)).allowed).toBe(false);
    await two.auth.clearAttempts('10.0.0.1');
    expect((await one.auth.reserveAttempt('10.0.0.1', now + 2000, 5, 900_000)).allowed).toBe(true);
  });

  it('a logout on one instance is a logout on the other, until the session would have expired', async () => {
    const [one, two] = await twoInstances(kind);
    await one.auth.revokeSession('s1', 2_000);
    expect(await two.auth.isRevoked('s1', 1_000)).toBe(true);
    expect(await two.auth.isRevoked('s2', 1_000)).toBe(false);
    await two.auth.purge(3_000, 1_000);
    expect(await one.auth.isRevoked('s1', 1_000)).toBe(false);
  });

  it('a setting made at once by both instances is the same for both', async () => {
    const [one, two] = await twoInstances(kind);
    const [a, b] = await Promise.all([
      one.settings.setIfAbsent('token-signing-key', 'from one'),
      two.settings.setIfAbsent('token-signing-key', 'from two'),
    ]);
    expect(a).toBe(b);
    expect(await two.settings.get('token-signing-key')).toBe(a);
  });
});
