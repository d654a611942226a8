import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateForInput, parseDate } from '../../../dialogs/parsers/index.js';
import type { ParseError, ParseNote } from '../../../dialogs/parsers/result.js';
import { addDays, daysInMonth, makeDate } from '../../../rules/index.js';
import { assertFastOnPathological, assertNeverThrows, randomCase } from './arbitraries.js';

const TODAY = '2026-11-23';
const parse = (text: string) => parseDate(text, TODAY);

/** Any valid calendar date from 1900 to 2999. */
const calendarDate = fc
  .record({ year: fc.integer({ min: 1900, max: 2999 }), month: fc.integer({ min: 1, max: 12 }) })
  .chain(({ year, month }) =>
    fc.integer({ min: 1, max: daysInMonth(year, month) }).map((day) => ({ year, month, day })),
  );

describe('parseDate accepts', () => {
  it.each<[string, string]>([
    // numeric, day first
    ['2027-03-01', '2027-03-01'],
    ['2027-3-1', '2027-03-01'],
    ['2027/03/01', '2027-03-01'],
    ['1-3-2027', '2027-03-01'],
    ['01-03-2027', '2027-03-01'],
    ['1/3/2027', '2027-03-01'],
    ['1.3.2027', '2027-03-01'],
    ['1 - 3 - 2027', '2027-03-01'],
    ['13-12-2027', '2027-12-13'],
    ['1-3-27', '2027-03-01'],
    ['29-2-2028', '2028-02-29'],
    // Dutch words
    ['1 maart 2027', '2027-03-01'],
    ['1 Maart 2027', '2027-03-01'],
    ['1 mrt 2027', '2027-03-01'],
    ['1 mrt. 2027', '2027-03-01'],
    ['1e maart 2027', '2027-03-01'],
    ['21ste juni 2027', '2027-06-21'],
    ['15 okt 2027', '2027-10-15'],
    ['op 1 maart 2027', '2027-03-01'],
    ['vanaf 1 maart 2027', '2027-03-01'],
    ['zaterdag 6 maart 2027', '2027-03-06'],
    ['za 6 maart 2027', '2027-03-06'],
    ['maandag 1 maart 2027.', '2027-03-01'],
    ['1 mei 2027', '2027-05-01'],
    // English words
    ['1 March 2027', '2027-03-01'],
    ['1 march 2027', '2027-03-01'],
    ['March 1, 2027', '2027-03-01'],
    ['March 1 2027', '2027-03-01'],
    ['Mar 1, 2027', '2027-03-01'],
    ['1st of March 2027', '2027-03-01'],
    ['the 1st of March, 2027', '2027-03-01'],
    ['March 22nd, 2027', '2027-03-22'],
    ['Saturday, March 6, 2027', '2027-03-06'],
    ['Sat 6 March 2027', '2027-03-06'],
    ['on 1 May 2027', '2027-05-01'],
    ['October 3rd 2027', '2027-10-03'],
    // relative
    ['vandaag', TODAY],
    ['Today', TODAY],
    ['morgen', '2026-11-24'],
    ['tomorrow!', '2026-11-24'],
    ['overmorgen', '2026-11-25'],
    // clean-up
    ['  1 maart 2027  ', '2027-03-01'],
    ['1\u00a0maart\u00a02027', '2027-03-01'],
    ['\u200f1 maart 2027\u200e', '2027-03-01'],
    ['１-３-２０２７', '2027-03-01'],
  ])('%j → %s', (input, expected) => {
    expect(parse(input)).toEqual({ ok: true, value: expected });
  });
});

describe('parseDate without a year takes the next such day on or after today (2026-11-23) and says so', () => {
  // These were read before too; the note that says which year was taken is new.
  it.each<[string, string]>([
    ['1 maart', '2027-03-01'],
    ['1 March', '2027-03-01'],
    ['March 1', '2027-03-01'],
    ['1-3', '2027-03-01'],
    ['23 november', '2026-11-23'],
    ['22 november', '2027-11-22'],
    ['31 december', '2026-12-31'],
    ['29 februari', '2028-02-29'],
    ['zaterdag 12 juni', '2027-06-12'],
    ['Sat 12 June', '2027-06-12'],
  ])('%j → %s', (input, expected) => {
    expect(parse(input)).toEqual({
      ok: true,
      value: expected,
      note: { kind: 'year-assumed', year: Number(expected.slice(0, 4)) },
    });
  });

  it('checks the weekday against the year it took', () => {
    expect(parse('vrijdag 12 juni')).toEqual({ ok: false, error: 'weekday-mismatch' });
  });
});

describe('parseDate reads dates as people write them, and says what it assumed', () => {
  it.each<[string, string, ParseNote]>([
    // a month without a day: its first day ('maart 2027' and 'maart' were 'not-a-date')
    ['maart 2027', '2027-03-01', { kind: 'first-of-month', month: 3, year: 2027, yearAssumed: false }],
    ['juni 2027', '2027-06-01', { kind: 'first-of-month', month: 6, year: 2027, yearAssumed: false }],
    ['begin juni 2027', '2027-06-01', { kind: 'first-of-month', month: 6, year: 2027, yearAssumed: false }],
    ['June 2027', '2027-06-01', { kind: 'first-of-month', month: 6, year: 2027, yearAssumed: false }],
    ['06-2027', '2027-06-01', { kind: 'first-of-month', month: 6, year: 2027, yearAssumed: false }],
    ['maart', '2027-03-01', { kind: 'first-of-month', month: 3, year: 2027, yearAssumed: true }],
    ['in december', '2026-12-01', { kind: 'first-of-month', month: 12, year: 2026, yearAssumed: true }],
    ['november', '2026-11-01', { kind: 'first-of-month', month: 11, year: 2026, yearAssumed: true }],
    ['volgende maand', '2026-12-01', { kind: 'first-of-month', month: 12, year: 2026, yearAssumed: false }],
    // counted from today
    ['over 7 weken', '2027-01-11', { kind: 'relative', days: 49 }],
    ['over twee weken', '2026-12-07', { kind: 'relative', days: 14 }],
    ['over een maand', '2026-12-23', { kind: 'relative', days: 30 }],
    ['in 3 weeks', '2026-12-14', { kind: 'relative', days: 21 }],
    ['10 days from now', '2026-12-03', { kind: 'relative', days: 10 }],
    ['aanstaande zaterdag', '2026-11-28', { kind: 'relative', days: 5 }],
    ['aanstaande maandag', '2026-11-30', { kind: 'relative', days: 7 }],
    // a date among other words
    ['2 maart 2027, de eerste dinsdag', '2027-03-02', { kind: 'in-sentence', said: '2 maart 2027' }],
    ['we beginnen op 1-3-2027 in het buurthuis', '2027-03-01', { kind: 'in-sentence', said: '1-3-2027' }],
    ['zaterdag 12 juni, in de speeltuin', '2027-06-12', { kind: 'year-assumed', year: 2027 }],
  ])('%j → %s', (input, expected, note) => {
    expect(parse(input)).toEqual({ ok: true, value: expected, note });
  });

  it.each<[string, ParseError]>([
    ['2 maart 2027, een woensdag', 'weekday-mismatch'],
    ['op 30 februari 2027 in de speeltuin', 'impossible-date'],
    ['juni 3000', 'year-out-of-range'],
    ['weet ik nog niet', 'dont-know'],
    ['geen idee', 'dont-know'],
    ['ergens volgend jaar', 'not-a-date'],
    ['1 maart of 8 maart', 'not-a-date'],
    ['we may start soon', 'not-a-date'],
  ])('%j → %s', (input, error) => {
    expect(parse(input)).toEqual({ ok: false, error });
  });
});

describe('parseDate refuses', () => {
  it.each<[string, ParseError]>([
    ['', 'empty'],
    [' \u200b ', 'empty'],
    ['30 februari 2027', 'impossible-date'],
    ['29 februari 2027', 'impossible-date'],
    ['2027-02-30', 'impossible-date'],
    ['2027-13-01', 'impossible-date'],
    ['31-04-2027', 'impossible-date'],
    ['0-3-2027', 'impossible-date'],
    ['32 maart 2027', 'impossible-date'],
    ['31 april', 'impossible-date'],
    ['30 February', 'impossible-date'],
    ['1-3-1850', 'year-out-of-range'],
    ['1 maart 3000', 'year-out-of-range'],
    ['0999-03-01', 'year-out-of-range'],
    ['zaterdag 1 maart 2027', 'weekday-mismatch'],
    ['Friday, March 1, 2027', 'weekday-mismatch'],
    ['hello', 'not-a-date'],
    ['2027', 'not-a-date'],
    ['1', 'not-a-date'],
    ['1 maart 2027 tot 5 maart 2027', 'not-a-date'],
    ['1-3-202', 'not-a-date'],
    ['1-3/2027', 'not-a-date'],
    ['20270301', 'not-a-date'],
    ['1 maart 2027 13:00', 'not-a-date'],
    ['constructor', 'not-a-date'],
    ['1 constructor 2027', 'not-a-date'],
    ['gisteren', 'not-a-date'],
    ['x'.repeat(2001), 'too-long'],
  ])('%j → %s', (input, error) => {
    expect(parse(input)).toEqual({ ok: false, error });
  });
});

describe('parseDate relative to today', () => {
  it.each<[string, string, string]>([
    ['1 maart', '2027-03-01', '2027-03-01'],
    ['1 maart', '2027-03-02', '2028-03-01'],
    ['29 februari', '2028-03-01', '2032-02-29'],
    ['29 februari', '2096-03-01', '2104-02-29'],
  ])('%j on %s → %s', (input, today, expected) => {
    expect(parseDate(input, today)).toEqual({
      ok: true,
      value: expected,
      note: { kind: 'year-assumed', year: Number(expected.slice(0, 4)) },
    });
  });

  it.each<[string, string, string]>([
    ['morgen', '2026-12-31', '2027-01-01'],
    ['tomorrow', '2028-02-28', '2028-02-29'],
  ])('%j on %s → %s', (input, today, expected) => {
    expect(parseDate(input, today)).toEqual({ ok: true, value: expected });
  });

  it('refuses a relative date that would leave 1900–2999', () => {
    expect(parseDate('tomorrow', '2999-12-31')).toEqual({ ok: false, error: 'year-out-of-range' });
    expect(parseDate('1 januari', '2999-12-31')).toEqual({ ok: false, error: 'year-out-of-range' });
  });

  it('cannot place a date without a year when today is not a date, but still reads full dates', () => {
    expect(parseDate('1 maart', 'garbage')).toEqual({ ok: false, error: 'not-a-date' });
    expect(parseDate('vandaag', '')).toEqual({ ok: false, error: 'not-a-date' });
    expect(parseDate('1 maart 2027', 'garbage')).toEqual({ ok: true, value: '2027-03-01' });
  });

  it('puts a date without a year on or after today, within the next eight years, on that day', () => {
    fc.assert(
      fc.property(
        calendarDate,
        fc
          .integer({ min: 1900, max: 2990 })
          .chain((year) =>
            fc.integer({ min: 0, max: 364 }).map((days) => addDays(makeDate(year, 1, 1), days)),
          ),
        fc.constantFrom('nl' as const, 'en' as const),
        ({ month, day }, today, lang) => {
          const text = formatDateForInput(makeDate(2000, month, day), lang).replace(/ 2000$/, '');
          const result = parseDate(text, today);
          if (!result.ok) throw new Error(`${text} on ${today}: ${result.error}`);
          expect(result.value >= today).toBe(true);
          expect(Number(result.value.slice(0, 4)) - Number(today.slice(0, 4))).toBeLessThanOrEqual(8);
          expect(result.value.slice(5)).toBe(makeDate(2000, month, day).slice(5));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('formatDateForInput', () => {
  it.each<[string, string, string]>([
    ['2027-03-01', '1 maart 2027', '1 March 2027'],
    ['2027-05-31', '31 mei 2027', '31 May 2027'],
    ['1900-01-01', '1 januari 1900', '1 January 1900'],
    ['2999-12-31', '31 december 2999', '31 December 2999'],
  ])('%s → %j (nl), %j (en)', (date, nl, en) => {
    expect(formatDateForInput(date, 'nl')).toBe(nl);
    expect(formatDateForInput(date, 'en')).toBe(en);
  });

  it('leaves something that is not a date alone', () => {
    expect(formatDateForInput('2027-02-30', 'nl')).toBe('2027-02-30');
  });

  it('reads back every date 1900–2999 written as ISO, d-m-yyyy, or in words in both languages', () => {
    fc.assert(
      fc.property(calendarDate, fc.array(fc.boolean(), { maxLength: 8 }), ({ year, month, day }, casing) => {
        const iso = makeDate(year, month, day);
        const padded = `${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-${year}`;
        const forms = [
          iso,
          `${day}-${month}-${year}`,
          padded,
          `${day}/${month}/${year}`,
          `${day}.${month}.${year}`,
          formatDateForInput(iso, 'nl'),
          formatDateForInput(iso, 'en'),
          randomCase(formatDateForInput(iso, 'nl'), casing),
          randomCase(formatDateForInput(iso, 'en'), casing),
        ];
        for (const form of forms) expect(parse(form), form).toEqual({ ok: true, value: iso });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseDate robustness', () => {
  it('never throws and returns a known error code, whatever the input', () => {
    assertNeverThrows(parse);
  });

  it('never throws whatever `today` is', () => {
    fc.assert(
      fc.property(fc.constantFrom('1 maart', 'morgen', '29 februari', '1-3'), fc.string(), (text, today) => {
        const result = parseDate(text, today);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });

  it('stays fast on long pathological input', () => {
    assertFastOnPathological(parse);
  });

  it('only ever returns valid calendar dates', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789-/. '.split(''), 'maart', 'feb'), maxLength: 8 }),
        (text) => {
          const result = parse(text);
          if (result.ok) {
            expect(result.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            const [y, m, d] = result.value.split('-').map(Number) as [number, number, number];
            expect(d).toBeLessThanOrEqual(daysInMonth(y, m));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
