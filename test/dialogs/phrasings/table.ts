/**
 * The phrasing table: what residents (in the chat) and buurtwerkers (in Teams, for a resident) really type
 * as an answer, and what the parser must make of it. Each group is one input kind; each row names its
 * language and audience, the text as typed (capitals, typos, emoji and extra spaces kept), and either the
 * value with the note the parser must give (or none), or the error the dialog explains before asking
 * again. The choice rows use the option lists the dialog builds (choiceOptions), so they test the real
 * titles and synonyms of the catalogues.
 */
import type { ParseError, ParseNote, ParseNoteKind } from '../../../dialogs/parsers/result.js';

export type Lang = 'nl' | 'en';
/** Who types it: a resident in the chat, or a buurtwerker doing the intake for a resident in Teams. */
export type Who = 'resident' | 'buurtwerker';

/** The value (with the note, as a kind or in full, when the parser must say what it assumed), or an error. */
export type Expected<T> = { value: T; note?: ParseNoteKind | ParseNote } | { error: ParseError };

export interface Row<T> {
  lang: Lang;
  who: Who;
  text: string;
  expected: Expected<T>;
}

/** A row's expectation, written short: a value, `[value, note]`, or `{ error }`. */
export type Short<T> = T | readonly [T, ParseNoteKind | ParseNote] | { error: ParseError };

const isError = (x: unknown): x is { error: ParseError } =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && 'error' in x;

const NOTE_KINDS: ReadonlySet<string> = new Set<ParseNoteKind>([
  'approximate',
  'range-lower',
  'per-period',
  'first-of-month',
  'year-assumed',
  'relative',
  'typo',
  'in-sentence',
]);
/** `[value, note]`: a pair whose second item is a note (a kind, or an object with a kind). */
const isNoted = (x: unknown): x is readonly [unknown, ParseNoteKind | ParseNote] =>
  Array.isArray(x) &&
  x.length === 2 &&
  ((typeof x[1] === 'string' && NOTE_KINDS.has(x[1])) ||
    (typeof x[1] === 'object' && x[1] !== null && 'kind' in x[1]));

/**
 * Rows for one language and audience: `[text, expected]` pairs, where expected is the value, `[value,
 * note]` (the note's kind, or the whole note), or `err(…)`. A list value (multi-choice) is a plain list;
 * `[list, note]` has the note.
 */
export function rows<T>(lang: Lang, who: Who, pairs: readonly (readonly [string, Short<T>])[]): Row<T>[] {
  return pairs.map(([text, short]) => {
    let expected: Expected<T>;
    if (isError(short)) expected = short;
    else if (isNoted(short)) expected = { value: short[0] as T, note: short[1] };
    else expected = { value: short as T };
    return { lang, who, text, expected };
  });
}

export const err = (error: ParseError) => ({ error }) as const;
