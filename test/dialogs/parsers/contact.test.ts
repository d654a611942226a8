import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDutchPhone, parseEmail, parseText } from '../../../dialogs/parsers/index.js';
import type { ParseError } from '../../../dialogs/parsers/result.js';
import { anyText, assertFastOnPathological, assertNeverThrows, expectWellFormed } from './arbitraries.js';

describe('parseEmail', () => {
  it.each<[string, string]>([
    ['jan@example.nl', 'jan@example.nl'],
    ['  jan@example.nl  ', 'jan@example.nl'],
    ['Jan.Jansen@Example.NL', 'Jan.Jansen@example.nl'],
    ['jan+mag@hardinxveld-giessendam.nl', 'jan+mag@hardinxveld-giessendam.nl'],
    ['j_o-h.n@mail.co.uk', 'j_o-h.n@mail.co.uk'],
    ['info@buurt.vereniging.nl', 'info@buurt.vereniging.nl'],
    ['mailto:jan@example.nl', 'jan@example.nl'],
    ['<jan@example.nl>', 'jan@example.nl'],
    ['jan@example.nl.', 'jan@example.nl'],
    ['jan@café.nl', 'jan@café.nl'],
    ['jan@xn--caf-dma.nl', 'jan@xn--caf-dma.nl'],
    ['\u200ejan@example.nl', 'jan@example.nl'],
  ])('%j → %j', (input, value) => {
    expect(parseEmail(input)).toEqual({ ok: true, value });
  });

  it.each<[string, ParseError]>([
    ['', 'empty'],
    ['jan', 'invalid-email'],
    ['jan@', 'invalid-email'],
    ['@example.nl', 'invalid-email'],
    ['jan@example', 'invalid-email'],
    ['jan@@example.nl', 'invalid-email'],
    ['jan@ex@ample.nl', 'invalid-email'],
    ['jan..jansen@example.nl', 'invalid-email'],
    ['.jan@example.nl', 'invalid-email'],
    ['jan.@example.nl', 'invalid-email'],
    ['jan jansen@example.nl', 'invalid-email'],
    ['jan@exa mple.nl', 'invalid-email'],
    ['jan@-example.nl', 'invalid-email'],
    ['jan@example-.nl', 'invalid-email'],
    ['jan@example..nl', 'invalid-email'],
    ['jan@example.n', 'invalid-email'],
    ['jan@example.123', 'invalid-email'],
    ['jan@[127.0.0.1]', 'invalid-email'],
    ['"jan"@example.nl', 'invalid-email'],
    ['mijn e-mail is jan@example.nl', 'invalid-email'],
    [`${'a'.repeat(65)}@example.nl`, 'invalid-email'],
    [`jan@${'a'.repeat(64)}.nl`, 'invalid-email'],
    [`jan@${'abcdefghi.'.repeat(25)}nl`, 'too-long'],
    ['x'.repeat(2001), 'too-long'],
  ])('%j → %s', (input, error) => {
    expect(parseEmail(input)).toEqual({ ok: false, error });
  });

  it('accepts generated addresses, lower-casing only the domain', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (address) => {
        const at = address.lastIndexOf('@');
        const expected = `${address.slice(0, at)}@${address.slice(at + 1).toLowerCase()}`;
        const result = parseEmail(address);
        // fc.emailAddress also produces quoted-free RFC forms we deliberately refuse (e.g. numeric TLDs);
        // whatever we accept must be the address itself.
        if (result.ok) expect(result.value).toBe(expected);
        else expect(result.error).toBe('invalid-email');
      }),
      { numRuns: 500 },
    );
  });

  it('accepts ordinary addresses', () => {
    const word = fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')),
      minLength: 1,
      maxLength: 12,
    });
    const tld = fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')),
      minLength: 2,
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 3 }),
        fc.array(word, { minLength: 1, maxLength: 3 }),
        tld,
        (local, domain, top) => {
          const address = `${local.join('.')}@${domain.join('.')}.${top}`;
          expect(parseEmail(address.toUpperCase())).toEqual({
            ok: true,
            value: `${local.join('.').toUpperCase()}@${domain.join('.')}.${top}`,
          });
        },
      ),
    );
  });

  it('never throws and returns a known error code, whatever the input', () => {
    assertNeverThrows(parseEmail);
  });

  it('stays fast on long pathological input', () => {
    assertFastOnPathological(parseEmail);
  });
});

describe('parseDutchPhone', () => {
  it.each<[string, string]>([
    ['06 12345678', '+31612345678'],
    ['06-12345678', '+31612345678'],
    ['0612345678', '+31612345678'],
    ['06 1234 5678', '+31612345678'],
    ['06 - 123 456 78', '+31612345678'],
    ['+31 6 12345678', '+31612345678'],
    ['+31612345678', '+31612345678'],
    ['+31 (0)6 12345678', '+31612345678'],
    ['+31 06 12345678', '+31612345678'],
    ['0031612345678', '+31612345678'],
    ['0031 6 12345678', '+31612345678'],
    ['0184 123456', '+31184123456'],
    ['(0184) 123456', '+31184123456'],
    ['0184-123456', '+31184123456'],
    ['010 1234567', '+31101234567'],
    ['tel: 0184 123456', '+31184123456'],
    ['Tel. 06 12345678', '+31612345678'],
    ['14 0184', '140184'],
    ['140184', '140184'],
    ['14 010', '14010'],
    ['0800-1234', '+318001234'],
    ['0900 1234567', '+319001234567'],
    ['+32 470 12 34 56', '+32470123456'],
    ['0049 30 1234567', '+49301234567'],
    ['０６１２３４５６７８', '+31612345678'],
  ])('%j → %j', (input, value) => {
    expect(parseDutchPhone(input)).toEqual({ ok: true, value });
  });

  it.each<[string, ParseError]>([
    ['', 'empty'],
    ['123', 'invalid-phone'],
    ['06 1234567', 'invalid-phone'],
    ['06 123456789', 'invalid-phone'],
    ['6 12345678', 'invalid-phone'],
    ['00 1234', 'invalid-phone'],
    ['0012', 'invalid-phone'],
    ['+31 6 1234567', 'invalid-phone'],
    ['+31 6 123456789', 'invalid-phone'],
    ['+0 12345678', 'invalid-phone'],
    ['+1234', 'invalid-phone'],
    ['+1234567890123456', 'invalid-phone'],
    ['06-CALLME', 'invalid-phone'],
    ['06 12345678 of 0184 123456', 'invalid-phone'],
    ['14', 'invalid-phone'],
    ['14 184', 'invalid-phone'],
    ['112', 'invalid-phone'],
    ['jan@example.nl', 'invalid-phone'],
    ['0'.repeat(2001), 'too-long'],
  ])('%j → %s', (input, error) => {
    expect(parseDutchPhone(input)).toEqual({ ok: false, error });
  });

  it('normalizes every 10-digit Dutch number, however it is written, to E.164', () => {
    const national = fc
      .tuple(
        fc.integer({ min: 1, max: 9 }),
        fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 8, maxLength: 8 }),
      )
      .map(([first, rest]) => `${first}${rest}`);
    fc.assert(
      fc.property(
        national,
        fc.constantFrom('0', '+31 ', '+31', '0031 ', '0031', '+31 (0)'),
        fc.constantFrom(' ', '-', '', '.'),
        (digits, prefix, separator) => {
          const text = `${prefix}${digits.slice(0, 2)}${separator}${digits.slice(2, 5)}${separator}${digits.slice(5)}`;
          expect(parseDutchPhone(text), text).toEqual({ ok: true, value: `+31${digits}` });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws and returns a known error code, whatever the input', () => {
    assertNeverThrows(parseDutchPhone);
  });

  it('stays fast on long pathological input', () => {
    assertFastOnPathological(parseDutchPhone);
  });
});

describe('parseText', () => {
  const limits = { min: 3, max: 40 };

  it.each<[string, string]>([
    ['Buurtbarbecue', 'Buurtbarbecue'],
    ['  Buurtbarbecue  ', 'Buurtbarbecue'],
    ['Buurt   barbecue', 'Buurt barbecue'],
    ['Buurt\tbarbecue', 'Buurt barbecue'],
    ['Buurt\u00a0\u2003barbecue', 'Buurt barbecue'],
    ['Eerste regel\nTweede regel', 'Eerste regel\nTweede regel'],
    ['Eerste regel  \n  Tweede regel', 'Eerste regel\nTweede regel'],
    ['Eerste regel\r\nTweede regel', 'Eerste regel\nTweede regel'],
    ['Eerste\n\n\n\nTweede', 'Eerste\nTweede'],
    ['Eerste\n \n \nTweede', 'Eerste\nTweede'],
    ['\n\nEerste\n\n', 'Eerste'],
    ['Café de Vriendschap', 'Café de Vriendschap'],
    ['Cafe\u0301', 'Café'],
    ['Feest 🎉👨‍👩‍👧', 'Feest 🎉👨‍👩‍👧'],
    ['\uFEFFBuurt\u200Bbarbecue', 'Buurtbarbecue'],
    ['Buurt\u0000barbecue', 'Buurt barbecue'],
    ['Buurt\u202Ebarbecue', 'Buurtbarbecue'],
    ['עברית\u200F', 'עברית\u200F'],
    ['Buurt\uD800barbecue', 'Buurt\uFFFDbarbecue'],
    ['a'.repeat(40), 'a'.repeat(40)],
    [`${'a'.repeat(20)}${' '.repeat(1000)}${'b'.repeat(19)}`, `${'a'.repeat(20)} ${'b'.repeat(19)}`],
    ['😀😀😀', '😀😀😀'],
  ])('%j → %j', (input, value) => {
    expect(parseText(input, limits)).toEqual({ ok: true, value });
  });

  it.each<[string, ParseError]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\n\n\t', 'empty'],
    ['\u200B\uFEFF', 'empty'],
    ['ab', 'too-short'],
    ['  a  ', 'too-short'],
    ['ab\n\n', 'too-short'],
    ['a'.repeat(41), 'too-long'],
    ['😀'.repeat(41), 'too-long'],
    ['x'.repeat(100_000), 'too-long'],
  ])('%j → %s', (input, error) => {
    expect(parseText(input, limits)).toEqual({ ok: false, error });
  });

  it('uses its own maximum, not the 2000-character limit of the other parsers', () => {
    const long = 'Een beschrijving. '.repeat(300).trim();
    expect(parseText(long, { min: 1, max: 10_000 })).toEqual({ ok: true, value: long });
  });

  it('returns clean text within the limits, and cleaning twice changes nothing', () => {
    fc.assert(
      fc.property(
        anyText,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 80 }),
        (text, min, max) => {
          const result = parseText(text, { min, max });
          expectWellFormed(result);
          if (!result.ok) return;
          const length = [...result.value].length;
          expect(length).toBeGreaterThanOrEqual(Math.max(1, min));
          expect(length).toBeLessThanOrEqual(max);
          expect(result.value).not.toMatch(/ {2}|\n{2}|^\s|\s$/);
          expect(result.value.replaceAll('\n', '')).not.toMatch(/\p{Cc}/u);
          expect(result.value).toBe(result.value.normalize('NFC'));
          expect(parseText(result.value, { min, max })).toEqual(result);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws and returns a known error code, whatever the input', () => {
    assertNeverThrows((text) => parseText(text, limits));
  });

  it('stays fast on long pathological input, also with a large maximum', () => {
    assertFastOnPathological((text) => parseText(text, limits));
    assertFastOnPathological((text) => parseText(text, { min: 1, max: 200_000 }));
  });
});
