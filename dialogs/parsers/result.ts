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
  /** Fails the IBAN's mod-97 check, or is no IBAN at all. */
  'invalid-iban',
  /** Not the eight digits of a KvK number. */
  'invalid-kvk',
  /** No Dutch postcode in it, or nothing but a postcode. */
  'invalid-address',
  /** Neither a phone number nor an e-mail address (`parseContact`). */
  'invalid-contact',
  /**
   * The person says they do not know (`weet ik niet`, `geen idee`, `no idea`, `not sure`, `ik twijfel`, 🤷):
   * not a wrong answer but a request for help in finding out. Returned instead of not-yes-no,
   * not-a-number, not-a-date or unknown-choice.
   */
  'dont-know',
] as const;

export type ParseError = (typeof PARSE_ERRORS)[number];

/**
 * What a parser assumed to get its value, for the dialog to say ("I took 15"). A value without a note was
 * typed as it is. Amounts in a note are cents, as the value; `said` is the folded text (lower case, no
 * diacritics) the parser read.
 */
export type ParseNote =
  /** An amount given as an estimate (`ongeveer 400 euro`, `about 700`, `ca. 350`): `said` is the estimate word. */
  | { kind: 'approximate'; said: string }
  /** A range (`15 à 20`, `50-60`, `tussen 15 en 20`, `350 of 400`): the lower end `from` was taken. */
  | { kind: 'range-lower'; from: number; to: number }
  /**
   * A number for one period or one unit (`20 per maand`, `around 20 per month`, `€ 50 per keer`,
   * `10 euro per persoon`): the value is that number, not a total.
   */
  | { kind: 'per-period'; per: 'day' | 'week' | 'month' | 'year' | 'time' | 'person' }
  /**
   * A month without a day (`juni 2027`, `begin juni`, `volgende maand`): the first day of the month was
   * taken, so a deadline counted from it is never later than the real one. `yearAssumed`: no year was
   * typed; it is this year, or next year for a month that has passed.
   */
  | { kind: 'first-of-month'; month: number; year: number; yearAssumed: boolean }
  /** A day and month without a year (`zaterdag 12 juni`, `1-3`): the next such day on or after today, in `year`. */
  | { kind: 'year-assumed'; year: number }
  /** Counted from today (`over 7 weken`, `in 3 weeks`, `aanstaande zaterdag`): `days` after today. */
  | { kind: 'relative'; days: number }
  /** A choice read despite a typo (`stichtng`, `inwonner`): `said` as typed (folded), `meant` the option's code. */
  | { kind: 'typo'; said: string; meant: string }
  /**
   * The value was picked out of a longer sentence (`ik ben bewoner`, `de buren betalen zelf 150`,
   * `2 maart 2027, de eerste dinsdag`): `said` is the part that was taken.
   */
  | { kind: 'in-sentence'; said: string };

export type ParseNoteKind = ParseNote['kind'];

export type ParseResult<T> = { ok: true; value: T; note?: ParseNote } | { ok: false; error: ParseError };

/** A value; with a note when the parser assumed something to get it. */
export const ok = <T>(value: T, note?: ParseNote): ParseResult<T> =>
  note === undefined ? { ok: true, value } : { ok: true, value, note };
export const fail = <T = never>(error: ParseError): ParseResult<T> => ({ ok: false, error });

/** Longest answer any parser except parseText looks at; longer input is refused before any other work. */
export const MAX_INPUT_LENGTH = 2000;
