/**
 * Shared clean-up for one-line answers. Everything here is linear in the input: single quantifiers only,
 * and callers refuse input over MAX_INPUT_LENGTH before they get here.
 */
import { fail, MAX_INPUT_LENGTH, ok, type ParseResult } from './result.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Controls and every kind of space (NBSP, thin space, …) become a plain space. */
const CONTROL_OR_SPACE = /[\p{Cc}\p{Zs}\u2028\u2029]/gu;
/** Invisible format characters: bidi marks and overrides, zero-width (non-)joiners, BOM, soft hyphen. */
const FORMAT = /\p{Cf}/gu;
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085]/g;
const SPACES = / {2,}/g;

/** Replaces unpaired UTF-16 surrogates (which JSON and databases choke on) by U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

export interface PrepareOptions {
  /** Keep line breaks (as `\n`) instead of turning them into spaces: list answers use them as separators. */
  keepNewlines?: boolean;
}

/**
 * The first step of every one-line parser: refuse non-strings as empty, refuse long input before any work,
 * drop invisible characters, turn controls and odd spaces into spaces, collapse runs of spaces, trim.
 */
export function prepare(text: unknown, options: PrepareOptions = {}): ParseResult<string> {
  if (typeof text !== 'string') return fail('empty');
  if (text.length > MAX_INPUT_LENGTH) return fail('too-long');
  let s = wellFormed(text);
  if (options.keepNewlines) s = s.replace(LINE_BREAK, '\n');
  s = s.replace(FORMAT, '');
  s = options.keepNewlines
    ? s.replace(CONTROL_OR_SPACE, (c) => (c === '\n' ? '\n' : ' '))
    : s.replace(CONTROL_OR_SPACE, ' ');
  s = s.replace(SPACES, ' ').trim();
  return s === '' ? fail('empty') : ok(s);
}

/**
 * Lower case without diacritics, compatibility forms folded (`１２` → `12`, `ﬁ` → `fi`): the form in which
 * answers are compared. `één` → `een`, `Café` → `cafe`.
 */
export function fold(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
}

export const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

export function isAllDigits(s: string): boolean {
  if (s === '') return false;
  for (const c of s) if (!isDigit(c)) return false;
  return true;
}

/** `007` → `7`, `000` → `0`. */
export function stripLeadingZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits[i] === '0') i++;
  return digits.slice(i);
}
