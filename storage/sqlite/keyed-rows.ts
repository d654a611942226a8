import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database.js';

/**
 * What drafts and callback requests share: rows under an idempotency key (one submission, one row) and a
 * reference numbered per year. Table names are fixed by the callers, never taken from input.
 */
type KeyedTable = 'drafts' | 'callbacks';
type SequenceTable = 'draft_sequences' | 'callback_sequences';

/** Each statement prepared once per database (the SQL is one of a fixed few, never built from input). */
const prepared = new WeakMap<SqliteDatabase, Map<string, Statement>>();
function statement<P extends unknown[], R>(db: SqliteDatabase, sql: string): Statement<P, R> {
  let statements = prepared.get(db);
  if (!statements) {
    statements = new Map();
    prepared.set(db, statements);
  }
  let found = statements.get(sql);
  if (!found) {
    found = db.prepare(sql);
    statements.set(sql, found);
  }
  return found as unknown as Statement<P, R>;
}

/** The next number of `year` in `table` (1 for the first), inside the caller's transaction. */
export function nextNumber(db: SqliteDatabase, table: SequenceTable, year: number): number {
  return statement<[number], { last: number }>(
    db,
    `insert into ${table} (year, last) values (?, 1) on conflict (year) do update set last = last + 1 returning last`,
  ).get(year)!.last;
}

/** How many rows have an idempotency key that starts with `prefix` (one conversation's). */
export function countKeysWithPrefix(db: SqliteDatabase, table: KeyedTable, prefix: string): number {
  // `>= prefix and < prefix + U+FFFF`: the unique index on the key answers it, unlike LIKE.
  return statement<[string, string], { n: number }>(
    db,
    `select count(*) as n from ${table} where idempotency_key >= ? and idempotency_key < ?`,
  ).get(prefix, `${prefix}\uffff`)!.n;
}

/** Whether a row was made under exactly this idempotency key. */
export function hasKey(db: SqliteDatabase, table: KeyedTable, key: string): boolean {
  return (
    statement<[string], { one: number }>(db, `select 1 as one from ${table} where idempotency_key = ?`).get(
      key,
    ) !== undefined
  );
}
