/**
 * Contact details and free text for the draft application: e-mail address, Dutch phone number, and
 * free text such as a title or description.
 */
import { fold, prepare, wellFormed } from './normalize.js';
import { fail, ok, type ParseResult } from './result.js';

// E-mail ------------------------------------------------------------------------------------------------

export const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
const MAX_LABEL_LENGTH = 63;
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+$/u;
const LABEL = /^[\p{L}\p{N}-]+$/u;
const TOP_LEVEL = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;

/**
 * An e-mail address: trimmed, `mailto:` and surrounding `<…>` dropped, a closing full stop dropped, the
 * domain lower-cased (the part before `@` is kept as typed). A sensible shape, not RFC 5322: one `@`, a
 * dot-separated local part of the usual characters, a domain of at least two labels ending in a
 * top-level domain of letters. Longer than 254 characters: 'too-long'.
 */
export function parseEmail(text: string): ParseResult<string> {
  const prepared = prepare(text);
  if (!prepared.ok) return prepared;
  let s = prepared.value;
  if (s.slice(0, 7).toLowerCase() === 'mailto:') s = s.slice(7).trim();
  if (s.startsWith('<') && s.endsWith('>')) s = s.slice(1, -1).trim();
  if (s.endsWith('.')) s = s.slice(0, -1);
  if (s.length > MAX_EMAIL_LENGTH) return fail('too-long');

  const at = s.indexOf('@');
  if (at <= 0 || at !== s.lastIndexOf('@')) return fail('invalid-email');
  const local = s.slice(0, at);
  const domain = s
    .slice(at + 1)
    .normalize('NFC')
    .toLowerCase();

  if (local.length > MAX_LOCAL_LENGTH || !local.split('.').every((part) => LOCAL_PART.test(part))) {
    return fail('invalid-email');
  }
  const labels = domain.split('.');
  const validLabels = labels.every(
    (label) =>
      label.length <= MAX_LABEL_LENGTH && LABEL.test(label) && !label.startsWith('-') && !label.endsWith('-'),
  );
  if (labels.length < 2 || !validLabels || !TOP_LEVEL.test(labels[labels.length - 1]!)) {
    return fail('invalid-email');
  }
  return ok(`${local}@${domain}`);
}

// Phone -------------------------------------------------------------------------------------------------

/** Spaces, dashes, dots, slashes and brackets people put between digits. */
const PHONE_PUNCTUATION = /[ \-./()]/g;
const PHONE_LABEL = /^(?:tel|telefoon|telefoonnummer|mobiel|mob|phone|mobile)(?: ?[.:])? ?/;
/** Special Dutch numbers with 4 (0800-1234) or 7 (0800-1234567) digits after the prefix. */
const SPECIAL_PREFIXES = ['800', '900', '906', '909'];

/**
 * A phone number. Dutch numbers with 10 digits (`06 12345678`, `06-12345678`, `0184 123456`,
 * `+31 6 12345678`, `+31 (0)6 12345678`, `0031612345678`) become E.164 (`+31612345678`); free and paid
 * service numbers (`0800-1234`) too. The municipal short number `14 0184` (14 followed by the area code)
 * is kept as `140184`. International numbers (`+32 …`, `0032 …`) are kept in E.164 when they have
 * 8 to 15 digits.
 */
export function parseDutchPhone(text: string): ParseResult<string> {
  const prepared = prepare(text);
  if (!prepared.ok) return prepared;
  const s = fold(prepared.value).replace(PHONE_LABEL, '').replace('(0)', '').replace(PHONE_PUNCTUATION, '');

  let international: string | undefined;
  if (s.startsWith('+')) international = s.slice(1);
  else if (s.startsWith('00')) international = s.slice(2);
  if (international !== undefined) {
    if (!/^[1-9]\d*$/.test(international)) return fail('invalid-phone');
    if (international.startsWith('31')) {
      const national = dutchNational(international.slice(2).replace(/^0/, ''));
      return national === undefined ? fail('invalid-phone') : ok(`+31${national}`);
    }
    return international.length >= 8 && international.length <= 15
      ? ok(`+${international}`)
      : fail('invalid-phone');
  }
  if (/^140\d{2,3}$/.test(s)) return ok(s);
  if (s.startsWith('0')) {
    const national = dutchNational(s.slice(1));
    if (national !== undefined) return ok(`+31${national}`);
  }
  return fail('invalid-phone');
}

/** The national significant number (without the leading 0), or undefined when it cannot be one. */
function dutchNational(digits: string): string | undefined {
  if (!/^[1-9]\d*$/.test(digits)) return undefined;
  if (digits.length === 9) return digits;
  const special = SPECIAL_PREFIXES.some((p) => digits.startsWith(p));
  return special && (digits.length === 7 || digits.length === 10) ? digits : undefined;
}

// Phone or e-mail ---------------------------------------------------------------------------------------

/** Brackets, quotes and punctuation around an e-mail address in a sentence (`(anna@example.nl),`). */
const AROUND_WORD = /^[<([{"'“‘]+|[>)\]}"'”’,;:!?]+$/g;
/**
 * Something that looks like a phone number inside a sentence: `+` or `0` and digits with the usual
 * separators, or the municipal short number (`14 0184`). Bounded, so it stays linear in the input.
 */
const PHONE_IN_TEXT = /(?:\+|\b0)[\d \-./()]{7,22}\d|\b14 ?0\d{2,3}\b/;

/**
 * How to reach someone: an e-mail address or a phone number (`parseEmail`, `parseDutchPhone`), typed alone
 * or in a sentence ("bel mij op 06 12345678", "mail naar anna@example.nl graag"). The value is the e-mail
 * address as `parseEmail` gives it, or the number in E.164; neither: 'invalid-contact'.
 */
export function parseContact(text: string): ParseResult<string> {
  const prepared = prepare(text);
  if (!prepared.ok) return prepared;
  const s = prepared.value;
  const email = parseEmail(s);
  if (email.ok) return email;
  const phone = parseDutchPhone(s);
  if (phone.ok) return phone;
  // `prepare` leaves single spaces: the word with the `@` is the address.
  const emailInText = s
    .split(' ')
    .find((word) => word.includes('@'))
    ?.replace(AROUND_WORD, '');
  if (emailInText !== undefined) {
    const found = parseEmail(emailInText);
    if (found.ok) return found;
  }
  const phoneInText = PHONE_IN_TEXT.exec(s)?.[0];
  if (phoneInText !== undefined) {
    const found = parseDutchPhone(phoneInText);
    if (found.ok) return found;
  }
  return fail('invalid-contact');
}

// Free text ---------------------------------------------------------------------------------------------

export interface TextLimits {
  /** Fewest characters (Unicode code points) after clean-up. */
  min: number;
  /** Most characters (Unicode code points) after clean-up. */
  max: number;
}

const LINE_BREAKS = /\r\n|[\r\u2028\u2029\u0085]/g;
/** Controls other than the line feed: they become spaces. */
const CONTROLS = /\p{Cc}/gu;
/**
 * Invisible characters that only cause trouble in stored text: BOM, zero-width space, bidi overrides and
 * isolates. Joiners (emoji sequences) and the LRM/RLM marks (right-to-left text) stay.
 */
const INVISIBLE = /[\uFEFF\u200B\u202A-\u202E\u2066-\u2069]/g;
const HORIZONTAL_SPACE = /[\t\p{Zs}]+/gu;
const SPACED_NEWLINE = / ?\n ?/g;
const NEWLINES = /\n{2,}/g;

/**
 * Free text (a title, a description, a name): unpaired surrogates replaced, Unicode NFC, controls and
 * invisible formatting dropped, runs of spaces (of any kind) collapsed to one space, line breaks kept but
 * runs of them (blank lines) collapsed to one, trimmed. Empty after that: 'empty'; fewer than `min`
 * characters: 'too-short'; more than `max`: 'too-long'. Input of more than ten times `max` (plus a
 * margin) is refused as 'too-long' before any of that work.
 */
export function parseText(text: string, limits: TextLimits): ParseResult<string> {
  if (typeof text !== 'string') return fail('empty');
  if (text.length > limits.max * 10 + 1000) return fail('too-long');
  const s = wellFormed(text)
    .normalize('NFC')
    .replace(LINE_BREAKS, '\n')
    .replace(CONTROLS, (c) => (c === '\n' ? c : ' '))
    .replace(INVISIBLE, '')
    .replace(HORIZONTAL_SPACE, ' ')
    .replace(SPACED_NEWLINE, '\n')
    .replace(NEWLINES, '\n')
    .trim();
  if (s === '') return fail('empty');
  const length = codePointLength(s);
  if (length > limits.max) return fail('too-long');
  if (length < limits.min) return fail('too-short');
  return ok(s);
}

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
