import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmountForInput, MAX_INPUT_LENGTH, parseAmount } from '../../../dialogs/parsers/index.js';
import type { ParseError, ParseNote } from '../../../dialogs/parsers/result.js';
import { formatEuros, MAX_EUROS } from '../../../rules/index.js';
import { assertFastOnPathological, assertNeverThrows } from './arbitraries.js';

const MAX_CENTS = MAX_EUROS * 100;

describe('parseAmount accepts', () => {
  it.each<[string, number]>([
    // Dutch
    ['350', 35_000],
    ['€ 350', 35_000],
    ['€350', 35_000],
    ['€350,-', 35_000],
    ['€ 350,-', 35_000],
    ['€ 350,--', 35_000],
    ['350,=', 35_000],
    ['€ 1.250,50', 125_050],
    ['1250 euro', 125_000],
    ["1250 euro's", 125_000],
    ['1.250', 125_000],
    ['1.250,-', 125_000],
    ['1.250,- euro', 125_000],
    ['500,5', 50_050],
    ['500,05', 50_005],
    ['0,50', 50],
    ['1.250.000', 125_000_000],
    ['1.250.000,99', 125_000_099],
    ['1 250', 125_000],
    ['1 250,50', 125_050],
    ['700 euro', 70_000],
    ['700 EURO', 70_000],
    ['geen', 0],
    ['nul', 0],
    // English
    ['1,250', 125_000],
    ['€1,250.50', 125_050],
    ['1,250.5', 125_050],
    ['500.01', 50_001],
    ['500.1', 50_010],
    ['1,250,000', 125_000_000],
    ['1,250,000.50', 125_000_050],
    ['EUR 700', 70_000],
    ['eur700', 70_000],
    ['700 EUR', 70_000],
    ['700 euros', 70_000],
    ['700€', 70_000],
    ['none', 0],
    ['zero', 0],
    // Edges
    ['0', 0],
    ['0350', 35_000],
    ['+350', 35_000],
    ['-0', 0],
    ['  € 350  ', 35_000],
    ['€\u00a0350', 35_000],
    ['\u200e€ 350\u200f', 35_000],
    ['１２３', 12_300],
    ['€ 100.000.000', MAX_CENTS],
    ['100,000,000.00', MAX_CENTS],
    ['€ 99.999.999,99', MAX_CENTS - 1],
  ])('%j → %i cents', (input, cents) => {
    expect(parseAmount(input)).toEqual({ ok: true, value: cents });
  });
});

describe('parseAmount refuses', () => {
  it.each<[string, ParseError]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u200b\u00a0', 'empty'],
    ['-350', 'negative'],
    ['- € 350', 'negative'],
    ['-€ 350', 'negative'],
    ['€ -350', 'negative'],
    ['−350', 'negative'],
    ['-1.250,50', 'negative'],
    ['1.2345', 'too-many-decimals'],
    ['12,3456', 'too-many-decimals'],
    ['0,125', 'too-many-decimals'],
    ['0.001', 'too-many-decimals'],
    ['1.250,505', 'too-many-decimals'],
    ['1,250.500', 'too-many-decimals'],
    ['100.000.000,01', 'too-large'],
    ['100000001', 'too-large'],
    ['1.000.000.000', 'too-large'],
    ['9'.repeat(MAX_INPUT_LENGTH), 'too-large'],
    ['abc', 'not-a-number'],
    ['€', 'not-a-number'],
    ['euro', 'not-a-number'],
    ['350 dollar', 'not-a-number'],
    ['$350', 'not-a-number'],
    ['3e5', 'not-a-number'],
    ['1.250.50', 'not-a-number'],
    ['1,250,50', 'not-a-number'],
    ['1.25.0', 'not-a-number'],
    ['12 50', 'not-a-number'],
    ['1,,250', 'not-a-number'],
    ['.50', 'not-a-number'],
    ['350.', 'not-a-number'],
    ['1.2.3.4', 'not-a-number'],
    ['1234.567', 'too-many-decimals'],
    ['€ 350 € 400', 'not-a-number'],
    ['1'.repeat(MAX_INPUT_LENGTH + 1), 'too-long'],
    ['x'.repeat(100_000), 'too-long'],
  ])('%j → %s', (input, error) => {
    expect(parseAmount(input)).toEqual({ ok: false, error });
  });
});

describe('parseAmount reads amounts in what people write, and says what it assumed', () => {
  it.each<[string, number, ParseNote | undefined]>([
    // estimates ('ongeveer 700' and 'about 700' were 'not-a-number')
    ['ongeveer 700', 70_000, { kind: 'approximate', said: 'ongeveer' }],
    ['about 700', 70_000, { kind: 'approximate', said: 'about' }],
    ['ongeveer 400 euro', 40_000, { kind: 'approximate', said: 'ongeveer' }],
    ['ca. € 1.250,-', 125_000, { kind: 'approximate', said: 'ca' }],
    // ranges: the lower end ('350 of 400' and '350-400' were 'not-a-number')
    ['350 of 400', 35_000, { kind: 'range-lower', from: 35_000, to: 40_000 }],
    ['350-400', 35_000, { kind: 'range-lower', from: 35_000, to: 40_000 }],
    ['tussen de 300 en 400 euro', 30_000, { kind: 'range-lower', from: 30_000, to: 40_000 }],
    ['between €300 and €400', 30_000, { kind: 'range-lower', from: 30_000, to: 40_000 }],
    // per period or person
    ['€ 50 per keer', 5_000, { kind: 'per-period', per: 'time' }],
    ['25 euro per maand', 2_500, { kind: 'per-period', per: 'month' }],
    ['10 euro per persoon', 1_000, { kind: 'per-period', per: 'person' }],
    // picked out of a sentence
    ['de buren betalen zelf 150', 15_000, { kind: 'in-sentence', said: '150' }],
    ['in 2027 vragen we 400 euro', 40_000, { kind: 'in-sentence', said: '400' }],
    // written out, and zero in words
    ['vijfhonderd euro', 50_000, undefined],
    ['twee duizend vijfhonderd euro', 250_000, undefined],
    ['nog niets', 0, undefined],
    ['niks, we betalen alles zelf', 0, { kind: 'in-sentence', said: 'niks' }],
  ])('%j → %i cents', (input, cents, note) => {
    expect(parseAmount(input)).toEqual(
      note === undefined ? { ok: true, value: cents } : { ok: true, value: cents, note },
    );
  });

  it.each<[string, ParseError]>([
    ['weet ik niet', 'dont-know'],
    ['geen idee', 'dont-know'],
    ['no idea yet', 'dont-know'],
    ['350 dollar', 'not-a-number'],
    ['300 of 400 of 500', 'not-a-number'],
    ['ik vraag -350', 'negative'],
    ['ik vraag 0,125 euro', 'too-many-decimals'],
    ['ongeveer 200 miljoen euro', 'too-large'],
  ])('%j → %s', (input, error) => {
    expect(parseAmount(input)).toEqual({ ok: false, error });
  });
});

describe('formatAmountForInput', () => {
  it.each<[number, string, string]>([
    [0, '0', '0'],
    [5, '0,05', '0.05'],
    [50, '0,50', '0.50'],
    [35_000, '350', '350'],
    [125_000, '1.250', '1,250'],
    [125_050, '1.250,50', '1,250.50'],
    [125_000_000, '1.250.000', '1,250,000'],
    [MAX_CENTS, '100.000.000', '100,000,000'],
  ])('%i cents → %j (nl), %j (en)', (cents, nl, en) => {
    expect(formatAmountForInput(cents, 'nl')).toBe(nl);
    expect(formatAmountForInput(cents, 'en')).toBe(en);
  });

  it('reads back to the same cents in both languages, for every amount up to MAX_EUROS', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_CENTS }),
        fc.constantFrom('nl' as const, 'en' as const),
        (cents, lang) => {
          expect(parseAmount(formatAmountForInput(cents, lang))).toEqual({ ok: true, value: cents });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads back small amounts and round hundreds, where separators are most confusable', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 200_000 }),
          fc.integer({ min: 0, max: 1_000_000 }).map((n) => n * 100),
        ),
        (cents) => {
          for (const lang of ['nl', 'en'] as const) {
            expect(parseAmount(formatAmountForInput(cents, lang))).toEqual({ ok: true, value: cents });
          }
        },
      ),
    );
  });

  it('also reads back what the bot itself shows (formatEuros from the rules)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_CENTS }),
        fc.constantFrom('nl' as const, 'en' as const),
        (cents, lang) => {
          expect(parseAmount(formatEuros(cents, lang))).toEqual({ ok: true, value: cents });
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('parseAmount robustness', () => {
  it('never throws and returns a known error code, whatever the input', () => {
    assertNeverThrows(parseAmount);
  });

  it('stays fast on long pathological input', () => {
    assertFastOnPathological(parseAmount);
  });

  it('gives a whole number of cents within range whenever it accepts', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789.,-€ '.split('')), maxLength: 20 }),
        (text) => {
          const result = parseAmount(text);
          if (result.ok) {
            expect(Number.isSafeInteger(result.value)).toBe(true);
            expect(result.value).toBeGreaterThanOrEqual(0);
            expect(result.value).toBeLessThanOrEqual(MAX_CENTS);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
