import { afterEach, describe, expect, it } from 'vitest';
import type { BudgetStore } from '../../storage/interfaces.js';
import { PostgresBudgetStore } from '../../storage/postgres/budget-store.js';
import type { PostgresDatabase } from '../../storage/postgres/database.js';
import { SqliteBudgetStore } from '../../storage/sqlite/budget-store.js';
import { openDatabase } from '../../storage/sqlite/database.js';
import { BACKENDS, freshPostgres } from '../helpers/backends.js';

const opened: PostgresDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    await db.query(`drop schema if exists ${db.schema} cascade`);
    await db.close();
  }
});

/** A store on a throwaway database (a PostgreSQL schema of its own) whose clock moves a minute per change. */
async function freshStore(backend: (typeof BACKENDS)[number]): Promise<BudgetStore> {
  let clock = Date.parse('2026-11-23T09:00:00Z');
  const now = () => {
    clock += 60_000;
    return new Date(clock);
  };
  if (backend === 'sqlite') return new SqliteBudgetStore(openDatabase(':memory:'), now);
  const db = await freshPostgres();
  if (!db) throw new Error('PostgreSQL tests need TEST_DATABASE_URL');
  opened.push(db);
  return new PostgresBudgetStore(db, now);
}

describe.each(BACKENDS)('the budget store on %s', (backend) => {
  const store = () => freshStore(backend);

  it('starts empty', async () => {
    const s = await store();
    expect(await s.current()).toEqual([]);
    expect(await s.history()).toEqual([]);
  });

  it('keeps every change as history, newest first, and the latest of a year and line in force', async () => {
    const s = await store();
    const first = await s.set({
      year: 2027,
      line: 'sport-en-bewegen',
      ceiling: 27_484_00,
      remaining: null,
      by: 'marieke',
    });
    expect(first).toEqual({
      year: 2027,
      line: 'sport-en-bewegen',
      ceiling: 27_484_00,
      remaining: null,
      by: 'marieke',
      at: '2026-11-23T09:01:00.000Z',
    });
    await s.set({
      year: 2027,
      line: 'overige-initiatieven',
      ceiling: null,
      remaining: 80_000_00,
      by: 'joost',
    });
    await s.set({
      year: 2027,
      line: 'sport-en-bewegen',
      ceiling: 27_484_00,
      remaining: 20_000_00,
      by: 'joost',
    });
    await s.set({ year: 2026, line: 'sport-en-bewegen', ceiling: null, remaining: 1_000_00, by: 'marieke' });

    expect(await s.current()).toEqual([
      expect.objectContaining({ year: 2026, line: 'sport-en-bewegen', remaining: 1_000_00, by: 'marieke' }),
      expect.objectContaining({
        year: 2027,
        line: 'overige-initiatieven',
        remaining: 80_000_00,
        by: 'joost',
      }),
      expect.objectContaining({
        year: 2027,
        line: 'sport-en-bewegen',
        ceiling: 27_484_00,
        remaining: 20_000_00,
        by: 'joost',
        at: '2026-11-23T09:03:00.000Z',
      }),
    ]);
    // Nothing is overwritten: the first change is still there, after the later ones.
    const history = await s.history();
    expect(history.map((c) => [c.year, c.line, c.by])).toEqual([
      [2026, 'sport-en-bewegen', 'marieke'],
      [2027, 'sport-en-bewegen', 'joost'],
      [2027, 'overige-initiatieven', 'joost'],
      [2027, 'sport-en-bewegen', 'marieke'],
    ]);
    expect(history.at(-1)).toEqual(first);
    expect((await s.history(2027)).map((c) => c.by)).toEqual(['joost', 'joost', 'marieke']);
    expect(await s.history(2028)).toEqual([]);
  });

  it('a change back to the defaults (both empty) is a change too, and is in force', async () => {
    const s = await store();
    await s.set({ year: 2027, line: 'sport-en-bewegen', ceiling: 10_00, remaining: 5_00, by: 'marieke' });
    await s.set({ year: 2027, line: 'sport-en-bewegen', ceiling: null, remaining: null, by: 'marieke' });
    expect(await s.current()).toEqual([expect.objectContaining({ ceiling: null, remaining: null })]);
    expect(await s.history()).toHaveLength(2);
  });
});
