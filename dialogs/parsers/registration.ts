import { prepare } from './normalize.js';
import { fail, ok, type ParseResult } from './result.js';

/**
 * An IBAN as people type it (`NL91 ABNA 0417 1643 00`, `nl91abna0417164300`, with dots or dashes), checked
 * with ISO 13616's mod-97 check digits: a typo in one character is always caught. Returns it in groups of
 * four, as a bank prints it.
 */
export function parseIban(text: string): ParseResult<string> {
  const prepared = prepare(text);
  if (!prepared.ok) return prepared;
  const compact = prepared.value
    .replace(/^iban[:\s]*/i, '')
    .replace(/[\s.-]/g, '')
    .toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return fail('invalid-iban');
  // A Dutch IBAN is always 18 characters: NL, two check digits, four letters of the bank, ten digits.
  if (compact.startsWith('NL') && !/^NL\d{2}[A-Z]{4}\d{10}$/.test(compact)) return fail('invalid-iban');
  if (mod97(compact) !== 1) return fail('invalid-iban');
  return ok(compact.replace(/(.{4})(?=.)/g, '$1 '));
}

/** The IBAN's remainder: the first four characters moved to the end, letters as 10–35, modulo 97. */
function mod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/** A KvK number: eight digits, as typed with spaces or dots (`1234 5678`, `KvK 12345678`). */
export function parseKvk(text: string): ParseResult<string> {
  const prepared = prepare(text);
  if (!prepared.ok) return prepared;
  const digits = prepared.value.replace(/^(kvk-nummer|kvknummer|kvk)[:\s-]*/i, '').replace(/[\s.]/g, '');
  return /^\d{8}$/.test(digits) ? ok(digits) : fail('invalid-kvk');
}

/**
 * A postal address in the Netherlands: some text and a postcode (`1234 AB`) somewhere in it, so the letter
 * with the decision can be sent. Kept as typed, the postcode written as the post office writes it.
 */
export function parseAddress(text: string, max = 200): ParseResult<string> {
  const prepared = prepare(text);
  if (!prepared.ok) return prepared;
  const value = prepared.value.replace(/\s+/g, ' ').trim();
  if (value.length > max) return fail('too-long');
  const postcode = /\b([1-9]\d{3})\s?([A-Za-z]{2})\b/.exec(value);
  if (!postcode || value.replace(postcode[0], '').trim().length < 3) return fail('invalid-address');
  return ok(value.replace(postcode[0], `${postcode[1]} ${postcode[2]!.toUpperCase()}`));
}
