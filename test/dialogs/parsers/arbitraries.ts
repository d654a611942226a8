/**
 * Shared generators and assertions for the parser tests: hostile strings, and long inputs built to make a
 * backtracking regular expression blow up.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { PARSE_ERRORS, type ParseResult } from '../../../dialogs/parsers/index.js';

/** Characters that break naive parsers: controls, invisible marks, odd spaces, emoji, compatibility forms. */
const NASTY = [
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u00A0',
  '\u00AD',
  '\u200B',
  '\u200D',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202E',
  '\u2066',
  '\u2069',
  '\u2028',
  '\u2029',
  '\uFEFF',
  '\uFFFD',
  '\uFFFF',
  '\r',
  '\n',
  '\t',
  '😀',
  '👍',
  '🏽',
  '👨‍👩‍👧',
  'e\u0301',
  'İ',
  'ß',
  'ﷺ',
  '𝟙',
  '１',
  '٣',
  '€',
  '−',
  '–',
  '.',
  ',',
  ' ',
  '-',
  '/',
  '@',
  '+',
  '&',
  "'",
  '’',
  '(',
  ')',
  '~',
];
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
/** Characters the parsers look at, so generated strings get past the first checks. */
const parserAlphabet = fc.constantFrom(
  ...'0123456789.,., €-/+@ enjarmotsi'.split(''),
  'euro',
  'maart',
  'March',
  'en',
  ' en ',
  ', ',
);
/** Words the parsers know, in random order. */
const knownWords = fc.constantFrom(
  'ja',
  'nee',
  'yes',
  'no',
  'en',
  'and',
  'maart',
  'March',
  'euro',
  'EUR',
  '€',
  'geen',
  'none',
  'ongeveer',
  'ca.',
  '1',
  '12',
  '2027',
  '1.250',
  ',50',
  ',-',
  '@',
  '.nl',
  '+31',
  '06',
  '14',
  '0184',
  'vandaag',
  'the',
  'de',
  'optie',
  "zo'n",
  'zaterdag',
  'levendigheid',
  'samen bouwen',
  '-',
  // what the readers of whole sentences look for
  'weet',
  'niet',
  'geen idee',
  'ik ben',
  'bewoner',
  'stichtng',
  'voetbalvereniging',
  'over',
  'weken',
  'juni',
  'à',
  'tussen',
  'per',
  'maand',
  'dus',
  '?',
  'duizend',
  'twintig',
  'aanstaande',
);

/** Any string at all, weighted towards strings that reach deep into a parser. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }),
  fc.string({ unit: fc.oneof(fc.constantFrom(...NASTY), loneSurrogate), maxLength: 40 }),
  fc.string({ unit: parserAlphabet, maxLength: 30 }),
  fc.array(knownWords, { maxLength: 8 }).map((words) => words.join(' ')),
  fc.array(fc.oneof(knownWords, fc.constantFrom(...NASTY)), { maxLength: 12 }).map((parts) => parts.join('')),
);

/** The result is a ParseResult and, when it is an error, a known error code. */
export function expectWellFormed(result: ParseResult<unknown>): void {
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) expect(PARSE_ERRORS).toContain(result.error);
}

/** Properties over anyText: enough runs to hit the odd cases, few enough to stay quick. */
export const PROPERTY_RUNS = 1000;

export function assertNeverThrows(parse: (text: string) => ParseResult<unknown>): void {
  fc.assert(
    fc.property(anyText, (text) => expectWellFormed(parse(text))),
    { numRuns: PROPERTY_RUNS },
  );
}

const PATHOLOGICAL_PATTERNS = [
  '1',
  '1.',
  '1,',
  '12.',
  '1 ',
  ' ',
  '.',
  ',',
  '-',
  '€',
  '€ ',
  'a',
  'a ',
  'en ',
  ', ',
  ',\n',
  'a@',
  '@',
  'a.',
  'a-',
  '0',
  '00',
  '+31',
  'ja ',
  'j',
  'n',
  'maart ',
  '1 maart ',
  '1-',
  '1/',
  '\n',
  '\n ',
  '\u200E',
  '\u0000',
  '😀',
  'e\u0301',
  'ﷺ',
  'samen bouwen en ',
  'weet niet ',
  'ik ben bewoner ',
  'stichtng ',
  'voetbalvereniging',
  'over 7 weken ',
  'juni 2027 ',
  '15 à 20 ',
  'ongeveer 5 euro ',
  'nee, ',
  'ja ',
  'ja? ',
  'twintig',
  'a',
  'verbinding, want ',
];
const PATHOLOGICAL_LENGTHS = [1999, 2000, 2001, 100_000];
const PATHOLOGICAL_ENDINGS = ['', 'x', '!', '@', '-', ',5', ' en x', '\u0000'];

/** Long repetitive inputs at and beyond the length limit, ending in something that makes a match fail. */
export const pathological: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...PATHOLOGICAL_PATTERNS),
    fc.constantFrom(...PATHOLOGICAL_LENGTHS),
    fc.constantFrom(...PATHOLOGICAL_ENDINGS),
  )
  .map(([pattern, length, ending]) => {
    const body = pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length - ending.length);
    return body + ending;
  });

/**
 * Runs `parse` on PATHOLOGICAL_RUNS pathological inputs and fails unless all of them finish within
 * PATHOLOGICAL_RUNS × 25 ms: an average well under 100 ms an input. Catastrophic backtracking takes
 * seconds to hours on such inputs, so the budget is generous against slow machines and still catches it.
 */
export const PATHOLOGICAL_RUNS = 200;

export function assertFastOnPathological(parse: (text: string) => ParseResult<unknown>): void {
  fc.assert(
    fc.property(pathological, (text) => expectWellFormed(parse(text))),
    {
      numRuns: PATHOLOGICAL_RUNS,
      plugins: [fc.interruptAfterTimeLimit(PATHOLOGICAL_RUNS * 25, { failOnInterrupt: true })],
    },
  );
}

/** Random upper/lower case, the way people (and phones) type. */
export function randomCase(text: string, pattern: readonly boolean[]): string {
  return [...text].map((c, i) => (pattern[i % Math.max(1, pattern.length)] ? c.toUpperCase() : c)).join('');
}
