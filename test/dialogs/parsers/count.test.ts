import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmountForInput, MAX_COUNT, parseCount } from '../../../dialogs/parsers/index.js';
import type { ParseError, ParseNote } from '../../../dialogs/parsers/result.js';
import { assertFastOnPathological, assertNeverThrows } from './arbitraries.js';

describe('parseCount accepts', () => {
  it.each<[string, number]>([
    ['60', 60],
    ['0', 0],
    ['060', 60],
    ['1.000', 1000],
    ['1,000', 1000],
    ['1 000', 1000],
    ['1.000.000', 1_000_000],
    ['60,00', 60],
    // Dutch
    ['ongeveer 60', 60],
    ['Ongeveer 60.', 60],
    ['ca. 60', 60],
    ['ca 60', 60],
    ['circa 60', 60],
    ["zo'n 60", 60],
    ['zo’n 60 mensen', 60],
    ['een stuk of 60', 60],
    ['rond de 60', 60],
    ['maximaal 60 deelnemers', 60],
    ['60 personen', 60],
    ['60 mensen ongeveer', 60],
    ['geen', 0],
    ['nul', 0],
    ['niemand', 0],
    ['een', 1],
    ['één', 1],
    ['twaalf', 12],
    ['twintig', 20],
    ['honderd', 100],
    // English
    ['about 60', 60],
    ['around 60 people', 60],
    ['approximately 1,500', 1500],
    ['roughly 60', 60],
    ['at least 60', 60],
    ['up to 60 participants', 60],
    ['none', 0],
    ['zero', 0],
    ['nobody', 0],
    ['twelve', 12],
    ['a hundred', 100],
    // signs
    ['~60', 60],
    ['± 60', 60],
    ['+60', 60],
    ['60+', 60],
    ['60+ mensen', 60],
    ['-0', 0],
    ['１２', 12],
  ])('%j → %i', (input, value) => {
    expect(parseCount(input)).toEqual({ ok: true, value });
  });
});

describe('parseCount refuses', () => {
  it.each<[string, ParseError]>([
    ['', 'empty'],
    ['  ', 'empty'],
    ['2,5', 'not-a-whole-number'],
    ['2.5', 'not-a-whole-number'],
    ['ongeveer 2,5', 'not-a-whole-number'],
    ['0,125', 'not-a-whole-number'],
    ['-3', 'negative'],
    ['− 3', 'negative'],
    ['1000001', 'too-large'],
    ['1.000.001', 'too-large'],
    ['99999999999999999999', 'too-large'],
    ['veel', 'not-a-number'],
    ['a lot', 'not-a-number'],
    ['ongeveer', 'not-a-number'],
    ['mensen', 'not-a-number'],
    ['3e5', 'not-a-number'],
    ['constructor', 'not-a-number'],
    ['1'.repeat(2001), 'too-long'],
  ])('%j → %s', (input, error) => {
    expect(parseCount(input)).toEqual({ ok: false, error });
  });
});

describe('parseCount reads counts in what people write, and says what it assumed', () => {
  it.each<[string, number, ParseNote | undefined]>([
    // ranges: the lower end ('50-60', '50 tot 60' and '60 of 70' were 'not-a-number')
    ['50-60', 50, { kind: 'range-lower', from: 50, to: 60 }],
    ['50 tot 60', 50, { kind: 'range-lower', from: 50, to: 60 }],
    ['60 of 70', 60, { kind: 'range-lower', from: 60, to: 70 }],
    ['15 à 20', 15, { kind: 'range-lower', from: 15, to: 20 }],
    ['tussen de 40 en 60 mensen', 40, { kind: 'range-lower', from: 40, to: 60 }],
    // per period
    ['around 20 per month', 20, { kind: 'per-period', per: 'month' }],
    ['elke week 12 kinderen', 12, { kind: 'per-period', per: 'week' }],
    // in a sentence, written out, never
    ['we verwachten er 60, de hele straat', 60, { kind: 'in-sentence', said: '60' }],
    ['we verwachten twintig mensen', 20, undefined],
    ['twenty-five people', 25, undefined],
    ['nog nooit', 0, undefined],
    ['never', 0, undefined],
    ['nooit', 0, undefined],
    ['1x', 1, undefined],
    ['2 à 3 duizend bezoekers', 2_000, { kind: 'range-lower', from: 2_000, to: 3_000 }],
  ])('%j → %i', (input, value, note) => {
    expect(parseCount(input)).toEqual(note === undefined ? { ok: true, value } : { ok: true, value, note });
  });

  it.each<[string, ParseError]>([
    ['weet ik niet', 'dont-know'],
    ['geen idee', 'dont-know'],
    ["I don't know yet", 'dont-know'],
    ['15 à 20,5', 'not-a-whole-number'],
    ['we verwachten 2 miljoen bezoekers', 'too-large'],
    ['twee of drie miljoen', 'too-large'],
  ])('%j → %s', (input, error) => {
    expect(parseCount(input)).toEqual({ ok: false, error });
  });
});

describe('parseCount properties', () => {
  it('reads every count 0..MAX_COUNT, plain or grouped in either language', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_COUNT }),
        fc.constantFrom('nl' as const, 'en' as const),
        fc.constantFrom('', 'ongeveer ', 'about ', 'ca. '),
        (n, lang, prefix) => {
          expect(parseCount(`${prefix}${n}`)).toEqual({ ok: true, value: n });
          expect(parseCount(`${prefix}${formatAmountForInput(n * 100, lang)}`)).toEqual({
            ok: true,
            value: n,
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws and returns a known error code, whatever the input', () => {
    assertNeverThrows(parseCount);
  });

  it('stays fast on long pathological input', () => {
    assertFastOnPathological(parseCount);
  });
});
