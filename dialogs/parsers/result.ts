/**
 * What every free-text parser returns: a value, or an error code the dialog turns into a localized
 * explanation before asking the same question again. Parsers never throw.
 */

/** Every error code a parser can return; the dialog needs a localized text for each. */
export const PARSE_ERRORS = [
  /** Nothing but whitespace (or invisible characters). */
  'empty',
  /** Longer than the parser accepts (MAX_INPUT_LENGTH, or `max` of parseText). */
  'too-long',
  /** Shorter than `min` of parseText. */
  'too-short',
  /** Not a number at all, or a number in a shape we do not understand (`1.25.0`, `350 of 400`, `50-60`). */
  'not-a-number',
  /** A minus sign in front of an amount or count. */
  'negative',
  /** An amount with three or more decimals that cannot be a thousands group (`12,3456`, `0,125`). */
  'too-many-decimals',
  /** Above MAX_EUROS (amounts) or MAX_COUNT (counts). */
  'too-large',
  /** A count with a fraction (`2,5`). */
  'not-a-whole-number',
  /** Not recognisable as a date. */
  'not-a-date',
  /** Looks like a date but does not exist (`30 februari 2027`, `2027-13-01`, `31 april`). */
  'impossible-date',
  /** A date whose year is outside 1900–2999. */
  'year-out-of-range',
  /** A weekday that does not match the date (`zaterdag 1 maart 2027`: that is a Monday). */
  'weekday-mismatch',
  /** Not a recognisable yes or no. */
  'not-yes-no',
  /** No option matches (or, in a list, one of the items matches none). */
  'unknown-choice',
  /** More than one option matches (a prefix shared by two titles, say). */
  'ambiguous-choice',
  'invalid-email',
  'invalid-phone',
] as const;

export type ParseError = (typeof PARSE_ERRORS)[number];

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ParseError };

export const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
export const fail = <T = never>(error: ParseError): ParseResult<T> => ({ ok: false, error });

/** Longest answer any parser except parseText looks at; longer input is refused before any other work. */
export const MAX_INPUT_LENGTH = 2000;
