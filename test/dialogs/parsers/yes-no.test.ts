import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYesNo } from '../../../dialogs/parsers/index.js';
import type { ParseError } from '../../../dialogs/parsers/result.js';
import { assertFastOnPathological, assertNeverThrows, randomCase } from './arbitraries.js';

const YES_WORDS = [
  'ja',
  'j',
  'jazeker',
  'zeker',
  'klopt',
  'correct',
  'ja hoor',
  'ja graag',
  'ja, dat klopt',
  'natuurlijk',
  'yes',
  'y',
  'yep',
  'yeah',
  'sure',
  'true',
  'of course',
  'yes please',
];
const NO_WORDS = [
  'nee',
  'n',
  'neen',
  'niet',
  'nee hoor',
  'nee, dank je',
  'zeker niet',
  'klopt niet',
  'no',
  'nope',
  'false',
  'no thanks',
  'not at all',
];

describe('parseYesNo accepts', () => {
  it.each(YES_WORDS)('%j → yes', (input) => {
    expect(parseYesNo(input)).toEqual({ ok: true, value: true });
  });

  it.each(NO_WORDS)('%j → no', (input) => {
    expect(parseYesNo(input)).toEqual({ ok: true, value: false });
  });

  it.each<[string, boolean]>([
    ['Ja!', true],
    ['JA', true],
    ['  ja.  ', true],
    ['Ja hoor!', true],
    ['ja,graag', true],
    ['Jaaa', true],
    ['YESSS', true],
    ['👍', true],
    ['👍🏽', true],
    ['✅', true],
    ['\u200eja\u200f', true],
    ['Nee!', false],
    ['NEE HOOR', false],
    ['nee...', false],
    ['Neeee', false],
    ['Nooo', false],
    ['👎', false],
    ['❌', false],
    // the choice codes a card or suggested action sends
    ['yes', true],
    ['no', false],
  ])('%j → %s', (input, value) => {
    expect(parseYesNo(input)).toEqual({ ok: true, value });
  });

  it('ignores case and surrounding punctuation and spaces', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          ...YES_WORDS.map((w) => [w, true] as const),
          ...NO_WORDS.map((w) => [w, false] as const),
        ),
        fc.array(fc.boolean(), { maxLength: 6 }),
        fc.constantFrom('', ' ', '  ', '\t', '\u00a0'),
        fc.constantFrom('', '.', '!', '!!', '?', ' .', '...'),
        ([word, value], casing, space, punctuation) => {
          expect(parseYesNo(`${space}${randomCase(word, casing)}${punctuation}${space}`)).toEqual({
            ok: true,
            value,
          });
        },
      ),
    );
  });
});

describe('parseYesNo refuses', () => {
  it.each<[string, ParseError]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['misschien', 'not-yes-no'],
    ['maybe', 'not-yes-no'],
    // "I don't know" is not a wrong answer: the dialog helps to find out (it was 'not-yes-no').
    ['weet ik niet', 'dont-know'],
    ["I don't know", 'dont-know'],
    ['ja en nee', 'not-yes-no'],
    ['ja nee', 'not-yes-no'],
    ['yes no', 'not-yes-no'],
    ['jan', 'not-yes-no'],
    ['noord', 'not-yes-no'],
    ['1', 'not-yes-no'],
    ['ok', 'not-yes-no'],
    ['🤷', 'dont-know'],
    ['constructor', 'not-yes-no'],
    ['ja'.repeat(1001), 'too-long'],
  ])('%j → %s', (input, error) => {
    expect(parseYesNo(input)).toEqual({ ok: false, error });
  });
});

describe('parseYesNo robustness', () => {
  it('never throws and returns a known error code, whatever the input', () => {
    assertNeverThrows(parseYesNo);
  });

  it('stays fast on long pathological input', () => {
    assertFastOnPathological(parseYesNo);
  });
});
