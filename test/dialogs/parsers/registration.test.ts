import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAddress, parseIban, parseKvk } from '../../../dialogs/parsers/index.js';

/** Real IBANs from the banks' own examples and the ISO registry (check digits valid). */
const VALID = [
  ['NL91 ABNA 0417 1643 00', 'NL91 ABNA 0417 1643 00'],
  ['nl91abna0417164300', 'NL91 ABNA 0417 1643 00'],
  ['NL91-ABNA-0417-1643-00', 'NL91 ABNA 0417 1643 00'],
  ['IBAN: GB82 WEST 1234 5698 7654 32', 'GB82 WEST 1234 5698 7654 32'],
  ['BE68 5390 0754 7034', 'BE68 5390 0754 7034'],
  ['DE89 3704 0044 0532 0130 00', 'DE89 3704 0044 0532 0130 00'],
] as const;

describe('parseIban', () => {
  it.each(VALID)('%s → %s', (typed, value) => {
    expect(parseIban(typed)).toEqual({ ok: true, value });
  });

  it.each([
    'NL91 ABNA 0417 1643 01', // one digit wrong
    'NL19 ABNA 0417 1643 00', // check digits swapped
    'NL91 ABNA 0417 1643', // too short for a Dutch IBAN
    '0417164300', // an old account number without the country
    'mijn rekening',
  ])('refuses %s', (typed) => {
    expect(parseIban(typed)).toEqual({ ok: false, error: 'invalid-iban' });
  });

  it('catches every change of one character in a valid IBAN (mod-97)', () => {
    const compact = 'NL91ABNA0417164300';
    fc.assert(
      fc.property(fc.integer({ min: 4, max: compact.length - 1 }), fc.integer({ min: 0, max: 9 }), (i, d) => {
        const changed =
          compact.slice(0, i) + (/\d/.test(compact[i]!) ? String(d) : 'Z') + compact.slice(i + 1);
        fc.pre(changed !== compact);
        expect(parseIban(changed).ok).toBe(false);
      }),
    );
  });

  it('never throws and always says why on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const result = parseIban(text);
        expect(result.ok || typeof (result as { error?: string }).error === 'string').toBe(true);
      }),
    );
  });
});

describe('parseKvk', () => {
  it.each([
    ['12345678', '12345678'],
    ['1234 5678', '12345678'],
    ['KvK 40831234', '40831234'],
    ['kvk-nummer: 4083.1234', '40831234'],
  ])('%s → %s', (typed, value) => expect(parseKvk(typed)).toEqual({ ok: true, value }));
  it.each(['1234567', '123456789', 'geen idee', 'NL12345678'])('refuses %s', (typed) =>
    expect(parseKvk(typed)).toEqual({ ok: false, error: 'invalid-kvk' }),
  );
});

describe('parseAddress', () => {
  it.each([
    ['Kerkstraat 1, 3371ab Hardinxveld-Giessendam', 'Kerkstraat 1, 3371 AB Hardinxveld-Giessendam'],
    ['Peulenstraat 12  3371 AB  Hardinxveld', 'Peulenstraat 12 3371 AB Hardinxveld'],
    ['Postbus 100, 3370 AA Hardinxveld-Giessendam', 'Postbus 100, 3370 AA Hardinxveld-Giessendam'],
  ])('%s → %s', (typed, value) => expect(parseAddress(typed)).toEqual({ ok: true, value }));
  it.each(['Kerkstraat 1', '3371 AB', 'ik woon in Hardinxveld', '0371 AB Hardinxveld'])(
    'refuses %s',
    (typed) => expect(parseAddress(typed)).toEqual({ ok: false, error: 'invalid-address' }),
  );
});
