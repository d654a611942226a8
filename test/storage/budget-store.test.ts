import { describe, expect, it } from 'vitest';
import { SqliteBudgetStore } from '../../storage/sqlite/budget-store.js';
import { openDatabase } from '../../storage/sqlite/database.js';

/** A store on a throwaway database whose clock moves a minute per change. */
function store() {
  let clock = Date.parse('2026-11-23T09:00:00Z');
  return new SqliteBudgetStore(openDatabase(':memory:'), () => {
    clock += 60_000;
    return new Date(clock);
  });
}

describe('SqliteBudgetStore', () => {
  it('starts empty', async () => {
    const s = store();
    expect(await s.current()).toEqual([]);
    expect(await s.history()).toEqual([]);
  });

  it('keeps every change as history, newest first, and the latest of a year and line in force', async () => {
    const s = store();
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
    const s = store();
    await s.set({ year: 2027, line: 'sport-en-bewegen', ceiling: 10_00, remaining: 5_00, by: 'marieke' });
    await s.set({ year: 2027, line: 'sport-en-bewegen', ceiling: null, remaining: null, by: 'marieke' });
    expect(await s.current()).toEqual([expect.objectContaining({ ceiling: null, remaining: null })]);
    expect(await s.history()).toHaveLength(2);
  });
});
