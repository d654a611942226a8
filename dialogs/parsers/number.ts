/**
 * Numbers as people type them, Dutch or English, by the contract's rule: a dot or comma followed by one or
 * two final digits is the decimal separator; followed by exactly three digits it groups thousands.
 * `1.250` = `1,250` = 1250; `1.250,50` = `1,250.50` = 1250.5; `500.01`; `500,5`; `1.250.000`; `1 250`.
 * A hand-written scanner, no regular expressions: linear in the input whatever it holds.
 */
import { isDigit, stripLeadingZeros } from './normalize.js';
import type { ParseError } from './result.js';

export interface DecimalDigits {
  /** Digits of the whole part, without leading zeros (`'0'` for zero). */
  integer: string;
  /** Zero, one or two digits after the decimal separator, as typed. */
  fraction: string;
}

export type NumberResult = { ok: true; value: DecimalDigits } | { ok: false; error: ParseError };

/** Characters that may separate digit groups. Space and apostrophe only ever group thousands. */
const SEPARATORS = new Set(['.', ',', ' ', "'", '’']);
const DECIMAL_SEPARATORS = new Set(['.', ',']);

/**
 * Parses a string made only of digits and separators (the caller strips currency signs and words).
 * Errors: 'not-a-number' for any other shape; 'too-many-decimals' for three or more digits after a final
 * dot or comma that cannot be a thousands group (`12,3456`, `0,125`, `1.250,505`).
 */
export function parseDecimal(s: string): NumberResult {
  const groups: string[] = [];
  const seps: string[] = [];
  let current = '';
  for (const c of s) {
    if (isDigit(c)) {
      current += c;
    } else if (SEPARATORS.has(c)) {
      if (current === '') return { ok: false, error: 'not-a-number' };
      groups.push(current);
      seps.push(c);
      current = '';
    } else {
      return { ok: false, error: 'not-a-number' };
    }
  }
  if (current === '') return { ok: false, error: 'not-a-number' };
  groups.push(current);

  const last = groups[groups.length - 1]!;
  if (seps.length === 0) return done(last, '');

  const lastSep = seps[seps.length - 1]!;
  const isDecimalSep = DECIMAL_SEPARATORS.has(lastSep);

  // Everything a thousands group: 1.250 / 1,250 / 1 250 / 1.250.000.
  if (last.length === 3 && isGrouping(groups, seps)) return done(groups.join(''), '');

  const head = groups.slice(0, -1);
  const headSeps = seps.slice(0, -1);
  const headIsNumber = headSeps.length === 0 || (isGrouping(head, headSeps) && !headSeps.includes(lastSep));
  if (!isDecimalSep || !headIsNumber) return { ok: false, error: 'not-a-number' };
  if (last.length <= 2) return done(head.join(''), last);
  return { ok: false, error: 'too-many-decimals' };
}

/** One separator character throughout, a first group of 1–3 digits without a leading zero, then groups of 3. */
function isGrouping(groups: readonly string[], seps: readonly string[]): boolean {
  const sep = seps[0];
  if (sep === undefined) return true;
  if (seps.some((s) => s !== sep)) return false;
  const first = groups[0]!;
  if (first.length > 3 || first.startsWith('0')) return false;
  return groups.slice(1).every((g) => g.length === 3);
}

function done(integer: string, fraction: string): NumberResult {
  return { ok: true, value: { integer: stripLeadingZeros(integer), fraction } };
}
