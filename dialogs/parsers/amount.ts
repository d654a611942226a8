/**
 * Amounts in euros, typed in Dutch or English, to whole cents.
 * Accepts `350`, `€ 350`, `€350,-`, `€ 1.250,50`, `1250 euro`, `EUR 700`, `1.250`, `1,250`, `500.01`,
 * `500,5`, `1.250.000`, `1 250`, and `geen`/`nul`/`none`/`zero` for 0: these without a note. An amount in a
 * longer answer is read by quantity.ts and says what was assumed: `ongeveer 400 euro` (approximate),
 * `350 à 400` (range-lower: 350), `€ 50 per keer` (per-period), `de buren betalen zelf 150` (in-sentence),
 * `vijfhonderd euro`, `nog niets` (0). `weet ik niet` and the like: 'dont-know'.
 */
import { MAX_EUROS } from '../../rules/index.js';
import { dontKnow } from './dont-know.js';
import { fold, prepare } from './normalize.js';
import { type DecimalDigits, parseDecimal } from './number.js';
import { readQuantity, worthReading, ZERO_WORDS } from './quantity.js';
import { fail, ok, type ParseNote, type ParseResult } from './result.js';

const MAX_CENTS = MAX_EUROS * 100;
/** Minus signs: ASCII hyphen-minus, U+2212 minus, en dash, em dash. */
const MINUS = new Set(['-', '\u2212', '\u2013', '\u2014']);
const CURRENCY_PREFIX = /^(?:euros|euro|eur|€)/;
const CURRENCY_SUFFIX = /(?:euro's|euro’s|euros|euro|eur|€)$/;
/** `,-` `.-` `,--` `,=`: "and no cents" in Dutch price notation. */
const NO_CENTS_SUFFIX = /[.,] ?[-=\u2013\u2014]{1,2}$/;

export function parseAmount(text: string): ParseResult<number> {
  const prepared = prepare(text);
  if (!prepared.ok) return prepared;
  const strict = strictAmount(prepared.value);
  if (strict.ok || strict.error !== 'not-a-number') return strict;
  // One word that is no amount (`350.`, `abc`) stays one; only a longer answer is read as a sentence.
  if (!prepared.value.includes(' ') && !worthReading(prepared.value))
    return dontKnow(prepared.value) === undefined ? strict : fail('dont-know');
  const read = readQuantity(prepared.value, { units: NO_UNITS, currency: true });
  if (!read.ok) return read;
  const { value, upper, estimate, per, inSentence, said } = read.value;
  const cents = toCents(value);
  if (cents === undefined) return fail('too-large');
  let note: ParseNote | undefined;
  if (per !== undefined) note = { kind: 'per-period', per };
  else if (upper !== undefined)
    note = { kind: 'range-lower', from: cents, to: toCents(upper) ?? MAX_CENTS + 1 };
  else if (estimate !== undefined) note = { kind: 'approximate', said: estimate };
  else if (inSentence) note = { kind: 'in-sentence', said };
  return ok(cents, note);
}

const NO_UNITS: ReadonlySet<string> = new Set();

/** Cents of a decimal, or undefined above MAX_EUROS. */
function toCents({ integer, fraction }: DecimalDigits): number | undefined {
  if (integer.length > String(MAX_EUROS).length) return undefined;
  const cents = Number(integer) * 100 + Number(fraction.padEnd(2, '0'));
  return cents > MAX_CENTS ? undefined : cents;
}

/** The amount as the whole answer: signs, currency and "no cents" marks around one number. */
function strictAmount(text: string): ParseResult<number> {
  let s = fold(text);
  if (ZERO_WORDS.has(s)) return ok(0);

  let negative = false;
  // Signs and currency in any order in front: `-€ 5`, `€ -5`, `EUR 5`, `+5`.
  for (let changed = true; changed; ) {
    changed = false;
    const first = s[0] ?? '';
    if (MINUS.has(first) || first === '+') {
      if (first !== '+') negative = true;
      s = s.slice(1).trimStart();
      changed = true;
    }
    const currency = CURRENCY_PREFIX.exec(s);
    if (currency) {
      s = s.slice(currency[0].length).trimStart();
      changed = true;
    }
  }
  // Currency and "no cents" marks behind: `350 euro`, `350,-`, `350,- euro`, `350€`.
  for (let changed = true; changed; ) {
    changed = false;
    const currency = CURRENCY_SUFFIX.exec(s);
    if (currency) {
      s = s.slice(0, s.length - currency[0].length).trimEnd();
      changed = true;
    }
    const noCents = NO_CENTS_SUFFIX.exec(s);
    if (noCents) {
      s = s.slice(0, s.length - noCents[0].length).trimEnd();
      changed = true;
    }
  }

  const number = parseDecimal(s);
  if (!number.ok) return number;
  const { integer, fraction } = number.value;
  if (integer.length > String(MAX_EUROS).length) return fail('too-large');
  const cents = Number(integer) * 100 + Number(fraction.padEnd(2, '0'));
  if (negative && cents > 0) return fail('negative');
  if (cents > MAX_CENTS) return fail('too-large');
  return ok(cents);
}

/**
 * An amount as a person would type it, for prefilling an input: `1.250,50` (nl), `1,250.50` (en); whole
 * amounts without cents (`1.250`). parseAmount reads it back to the same cents.
 */
export function formatAmountForInput(cents: number, lang: 'nl' | 'en'): string {
  if (!Number.isFinite(cents)) return '';
  const abs = Math.abs(Math.round(cents));
  const whole = String(Math.floor(abs / 100));
  const rest = abs % 100;
  const group = lang === 'nl' ? '.' : ',';
  const decimal = lang === 'nl' ? ',' : '.';
  let grouped = '';
  for (let end = whole.length; end > 0; end -= 3) {
    const part = whole.slice(Math.max(0, end - 3), end);
    grouped = grouped === '' ? part : `${part}${group}${grouped}`;
  }
  const body = rest === 0 ? grouped : `${grouped}${decimal}${String(rest).padStart(2, '0')}`;
  return cents < 0 && abs > 0 ? `-${body}` : body;
}
