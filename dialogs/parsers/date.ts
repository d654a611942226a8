/**
 * Calendar dates typed in Dutch or English, to `YYYY-MM-DD`.
 * Accepts `2027-03-01`, `1-3-2027`, `01-03-2027`, `1/3/2027`, `1.3.2027`, `1-3-27`, `1 maart 2027`,
 * `1 mrt 2027`, `1 March 2027`, `March 1, 2027`, `1st of March 2027`, a leading weekday (`za 6 maart 2027`,
 * checked), and without a year (`1 maart`, `1-3`: the next such day on or after `today`), `vandaag`/`today`,
 * `morgen`/`tomorrow`, `overmorgen`. Numeric forms are day first (Dutch convention).
 * Past or future is not judged here: the rules do that.
 */
import { addDays, daysInMonth, isCalendarDate, makeDate } from '../../rules/index.js';
import { fold, isAllDigits, prepare } from './normalize.js';
import { fail, ok, type ParseResult } from './result.js';

const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

const MONTH_NAMES_NL = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
] as const;
const MONTH_NAMES_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const MONTH_ABBREVIATIONS: readonly (readonly string[])[] = [
  ['jan'],
  ['feb', 'febr'],
  ['mrt', 'mar'],
  ['apr'],
  [],
  ['jun'],
  ['jul'],
  ['aug'],
  ['sep', 'sept'],
  ['okt', 'oct'],
  ['nov'],
  ['dec'],
];

/** Month name or abbreviation (folded) → 1–12. A Map, so `constructor` and friends are not months. */
const MONTHS = new Map<string, number>();
for (let i = 0; i < 12; i++) {
  for (const name of [MONTH_NAMES_NL[i]!, MONTH_NAMES_EN[i]!.toLowerCase(), ...MONTH_ABBREVIATIONS[i]!]) {
    MONTHS.set(name, i + 1);
  }
}

/** Weekday (folded, Dutch and English, with common abbreviations) → 0 (Sunday) … 6 (Saturday). */
const WEEKDAYS = new Map<string, number>(
  (
    [
      [0, ['zondag', 'zo', 'sunday', 'sun']],
      [1, ['maandag', 'ma', 'monday', 'mon']],
      [2, ['dinsdag', 'di', 'tuesday', 'tue', 'tues']],
      [3, ['woensdag', 'wo', 'wednesday', 'wed']],
      [4, ['donderdag', 'do', 'thursday', 'thu', 'thur', 'thurs']],
      [5, ['vrijdag', 'vr', 'friday', 'fri']],
      [6, ['zaterdag', 'za', 'saturday', 'sat']],
    ] as const
  ).flatMap(([day, names]) => names.map((name) => [name, day] as const)),
);

/** Days after `today`. */
const RELATIVE = new Map<string, number>([
  ['vandaag', 0],
  ['today', 0],
  ['morgen', 1],
  ['tomorrow', 1],
  ['overmorgen', 2],
  ['day after tomorrow', 2],
  ['the day after tomorrow', 2],
]);

/** Words around a date that change nothing: `op 1 maart`, `vanaf 1 maart`, `on the 1st of March`. */
const FILLERS = new Set(['the', 'of', 'on', 'op', 'per', 'vanaf', 'from', 'tot', 'until', 'till']);
const ORDINAL_SUFFIXES = ['ste', 'st', 'nd', 'rd', 'th', 'de', 'e'] as const;

const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const DAY_FIRST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/;
const DAY_MONTH = /^(\d{1,2})([-/.])(\d{1,2})$/;
const SPACED_SEPARATOR = / ?([-/.]) ?/g;
const LEADING_WORD = /^([a-z]+)[,.]? /;

interface DateParts {
  day: number;
  month: number;
  /** Absent: the next occurrence on or after today. */
  year?: number;
}

export function parseDate(text: string, today: string): ParseResult<string> {
  const prepared = prepare(text);
  if (!prepared.ok) return prepared;
  let s = trimEndPunctuation(fold(prepared.value));

  const relative = RELATIVE.get(s);
  if (relative !== undefined) {
    if (!isCalendarDate(today)) return fail('not-a-date');
    const date = addDays(today, relative);
    return isCalendarDate(date) ? ok(date) : fail('year-out-of-range');
  }

  let weekday: number | undefined;
  const leading = LEADING_WORD.exec(s);
  if (leading) {
    weekday = WEEKDAYS.get(leading[1]!);
    if (weekday !== undefined) s = s.slice(leading[0].length);
  }

  const parts = numericParts(s) ?? textualParts(s);
  if (parts === undefined) return fail('not-a-date');
  const { day, month, year } = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31) return fail('impossible-date');

  let date: string;
  if (year === undefined) {
    if (day > daysInMonth(2000, month)) return fail('impossible-date'); // 2000 is a leap year: 29 February exists
    if (!isCalendarDate(today)) return fail('not-a-date');
    const next = nextOccurrence(day, month, today);
    if (next === undefined) return fail('year-out-of-range');
    date = next;
  } else {
    if (year < MIN_YEAR || year > MAX_YEAR) return fail('year-out-of-range');
    if (day > daysInMonth(year, month)) return fail('impossible-date');
    date = makeDate(year, month, day);
  }
  if (weekday !== undefined && weekdayOf(date) !== weekday) return fail('weekday-mismatch');
  return ok(date);
}

/** `1-3-2027`, `01/03/2027`, `1.3.27`, `2027-03-01`, `1-3`. */
function numericParts(s: string): DateParts | undefined {
  const compact = s.replace(SPACED_SEPARATOR, '$1');
  const iso = YEAR_FIRST.exec(compact);
  if (iso) return { year: Number(iso[1]), month: Number(iso[3]), day: Number(iso[4]) };
  const dmy = DAY_FIRST.exec(compact);
  if (dmy) return { day: Number(dmy[1]), month: Number(dmy[3]), year: fullYear(dmy[4]!) };
  const dm = DAY_MONTH.exec(compact);
  if (dm) return { day: Number(dm[1]), month: Number(dm[3]) };
  return undefined;
}

type Token = { kind: 'month'; month: number } | { kind: 'number'; digits: string; ordinal: boolean };

/** `1 maart 2027`, `1 mrt. 2027`, `March 1, 2027`, `1st of March`, `maart 1`. */
function textualParts(s: string): DateParts | undefined {
  const tokens: Token[] = [];
  for (const word of s.replace(/[,.]/g, ' ').split(' ')) {
    if (word === '' || FILLERS.has(word)) continue;
    const token = classify(word);
    if (token === undefined) return undefined;
    tokens.push(token);
  }
  const [a, b, c, extra] = tokens;
  if (a === undefined || b === undefined || extra !== undefined) return undefined;
  let dayToken: Token;
  let monthToken: Token;
  if (a.kind === 'number' && b.kind === 'month') [dayToken, monthToken] = [a, b];
  else if (a.kind === 'month' && b.kind === 'number') [dayToken, monthToken] = [b, a];
  else return undefined;
  if (dayToken.kind !== 'number' || monthToken.kind !== 'month' || dayToken.digits.length > 2)
    return undefined;
  const parts: DateParts = { day: Number(dayToken.digits), month: monthToken.month };
  if (c === undefined) return parts;
  if (c.kind !== 'number' || c.ordinal || (c.digits.length !== 4 && c.digits.length !== 2)) return undefined;
  return { ...parts, year: fullYear(c.digits) };
}

function classify(word: string): Token | undefined {
  const month = MONTHS.get(word);
  if (month !== undefined) return { kind: 'month', month };
  if (isAllDigits(word) && word.length <= 4) return { kind: 'number', digits: word, ordinal: false };
  for (const suffix of ORDINAL_SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    const digits = word.slice(0, -suffix.length);
    if (isAllDigits(digits) && digits.length <= 2) return { kind: 'number', digits, ordinal: true };
  }
  return undefined;
}

/** Two-digit years are this century's: `1-3-27` is 1 March 2027. */
function fullYear(digits: string): number {
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

/** The first `day month` on or after `today`; 29 February waits for a leap year. */
function nextOccurrence(day: number, month: number, today: string): string | undefined {
  const thisYear = Number(today.slice(0, 4));
  for (let year = thisYear; year <= thisYear + 8 && year <= MAX_YEAR; year++) {
    const candidate = makeDate(year, month, day);
    if (isCalendarDate(candidate) && candidate >= today) return candidate;
  }
  return undefined;
}

function weekdayOf(date: string): number {
  return new Date(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))),
  ).getUTCDay();
}

/** Drops a closing `.`, `!` or `?` (`1 maart 2027.`) without a backtracking regular expression. */
function trimEndPunctuation(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === '.' || s[end - 1] === '!' || s[end - 1] === '?' || s[end - 1] === ' '))
    end--;
  return s.slice(0, end);
}

/** `1 maart 2027` (nl), `1 March 2027` (en): what a person would type; parseDate reads it back. */
export function formatDateForInput(date: string, lang: 'nl' | 'en'): string {
  if (!isCalendarDate(date)) return date;
  const month = Number(date.slice(5, 7)) - 1;
  const name = lang === 'nl' ? MONTH_NAMES_NL[month] : MONTH_NAMES_EN[month];
  return `${Number(date.slice(8, 10))} ${name} ${Number(date.slice(0, 4))}`;
}
