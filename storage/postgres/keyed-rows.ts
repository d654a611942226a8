import { prefixBounds, type Queryable } from './database.js';

/**
 * What drafts and callback requests share: rows under an idempotency key (one submission, one row) and a
 * reference numbered per year. Table names are fixed by the callers, never taken from input.
 */
type KeyedTable = 'drafts' | 'callbacks';
type SequenceTable = 'draft_sequences' | 'callback_sequences';

/**
 * The next number of `year` in `table` (1 for the first), inside the caller's transaction. The upsert
 * locks the year's row until that transaction ends: whoever numbers the same year next waits, so numbers
 * are handed out in commit order, without gaps.
 */
export async function nextNumber(q: Queryable, table: SequenceTable, year: number): Promise<number> {
  const { rows } = await q.query<{ last: number }>(
    `insert into ${table} (year, last) values ($1, 1)
     on conflict (year) do update set last = ${table}.last + 1 returning last`,
    [year],
  );
  return rows[0]!.last;
}

/**
 * Gives back the number `nextNumber` just handed out, when the row it was for turned out not to be made
 * (another instance stored the same key meanwhile). Only while the caller still holds the year's lock,
 * i.e. in the same transaction: nobody can have taken a later number.
 */
export async function giveBackNumber(q: Queryable, table: SequenceTable, year: number): Promise<void> {
  await q.query(`update ${table} set last = last - 1 where year = $1`, [year]);
}

/** How many rows have an idempotency key that starts with `prefix` (one conversation's). */
export async function countKeysWithPrefix(q: Queryable, table: KeyedTable, prefix: string): Promise<number> {
  // A range rather than LIKE: the unique (C-collated) index on the key answers it.
  const { rows } = await q.query<{ n: number }>(
    `select count(*) as n from ${table} where idempotency_key >= $1 and idempotency_key < $2`,
    prefixBounds(prefix),
  );
  return rows[0]!.n;
}

/** Whether a row was made under exactly this idempotency key. */
export async function hasKey(q: Queryable, table: KeyedTable, key: string): Promise<boolean> {
  const { rowCount } = await q.query(`select 1 from ${table} where idempotency_key = $1`, [key]);
  return rowCount !== null && rowCount > 0;
}
