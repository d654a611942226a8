import type { CallbackFilter, DraftFilter } from './interfaces.js';

// What a list's filter asks for, the same in every backend; each store words it in its own SQL.

/** The filter's fields that are set, as (column, value): the columns are fixed names, the values bound. */
export function draftEqualities(filter: DraftFilter): [column: string, value: string][] {
  return setOnly([
    ['status', filter.status],
    ['type', filter.type],
    ['tier', filter.tier],
  ]);
}

export function callbackEqualities(filter: CallbackFilter): [column: string, value: string][] {
  return setOnly([
    ['status', filter.status],
    ['caller', filter.caller],
  ]);
}

const setOnly = (pairs: [string, string | undefined][]) =>
  pairs.filter((pair): pair is [string, string] => Boolean(pair[1]));

/**
 * The words of a search (at most eight, lower-cased) as `like … escape '\'` patterns: each matches the word
 * anywhere, its `%`, `_` and `\` taken literally.
 */
export function searchPatterns(q: string | undefined): string[] {
  return (q ?? '')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8)
    .map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}
