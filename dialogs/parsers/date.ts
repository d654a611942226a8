/**
 * Calendar dates typed in Dutch or English, to `YYYY-MM-DD`.
 * Accepts `2027-03-01`, `1-3-2027`, `01-03-2027`, `1/3/2027`, `1.3.2027`, `1-3-27`, `1 maart 2027`,
 * `1 mrt 2027`, `1 March 2027`, `March 1, 2027`, `1st of March 2027`, a leading weekday (`za 6 maart 2027`,
 * checked), and without a year (`1 maart`, `1-3`: the next such day on or after `today`, with a
 * 'year-assumed' note), `vandaag`/`today`, `morgen`/`tomorrow`, `overmorgen`. Numeric forms are day first
 * (Dutch convention).
 *
 * When the whole answer is none of these, a date is looked for inside it (readInSentence): a date among
 * other words (`2 maart 2027, de eerste dinsdag`: 'in-sentence'; a weekday named elsewhere is checked), a
 * month without a day (`juni 2027`, `begin juni`, `volgende maand`: its first day, 'first-of-month'),
 * counted from today (`over 7 weken`, `in 3 weeks`, `over een maand`, `aanstaande zaterdag`: 'relative').
 * An answer with two dates, or with other digits beside the date (`1 maart 2027 13:00`), is no date.
 * Past or future is not judged here: the rules do that.
 */
import { addDays, daysBetween, daysInMonth, isCalendarDate, makeDate } from '../../rules/index.js';
import { dontKnow } from './dont-know.js';
import { fold, isAllDigits, prepare } from './normalize.js';
import { dutchNumber, englishNumber } from './number-words.js';
import { fail, ok, type ParseNote, type ParseResult } from './result.js';

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
/** `6-2027`, `06/2027`: a month and a year. */
const MONTH_YEAR = /^(\d{1,2})([-/.])(\d{4})$/;

interface DateParts {
  day: number;
  month: number;
  /** Absent: the next occurrence on or after today. */
  year?: number;
}

export function parseDate(text: string, today: string): ParseResult<string> {
  const prepared = prepare(text);
  if (!prepared.ok) return prepared;
  const whole = trimEndPunctuation(fold(prepared.value));
  let s = whole;

  const relative = RELATIVE.get(s);
  if (relative !== undefined) return fromToday(relative, today);

  let weekday: number | undefined;
  const leading = LEADING_WORD.exec(s);
  if (leading) {
    weekday = WEEKDAYS.get(leading[1]!);
    if (weekday !== undefined) s = s.slice(leading[0].length);
  }

  const parts = numericParts(s) ?? textualParts(s);
  if (parts === undefined) return readInSentence(prepared.value, whole, today);
  return fromParts(parts, weekday, today);
}

/** `today` plus `days`, as long as both are dates within 1900–2999. */
function fromToday(days: number, today: string, note?: ParseNote): ParseResult<string> {
  if (!isCalendarDate(today)) return fail('not-a-date');
  const date = addDays(today, days);
  return isCalendarDate(date) ? ok(date, note) : fail('year-out-of-range');
}

/** A day and month (and year) checked: the month exists, the day is in it, the weekday matches. */
function fromParts(parts: DateParts, weekday: number | undefined, today: string): ParseResult<string> {
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
  return year === undefined ? ok(date, { kind: 'year-assumed', year: Number(date.slice(0, 4)) }) : ok(date);
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

// A date inside a sentence ------------------------------------------------------------------------------

/** More words than this is a letter, not an answer with a date in it. */
const MAX_SENTENCE_WORDS = 40;
/** Months that are also ordinary words: a month only next to a number (`may 2027`, not `we may start`). */
const MONTH_WORDS_ONLY_WITH_NUMBER = new Set([
  'may',
  'mar',
  'jan',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'okt',
  'oct',
  'nov',
  'dec',
  'feb',
  'febr',
  'mrt',
  'apr',
]);
/** Weekdays in full: named anywhere in the answer, they are checked against the date. */
const FULL_WEEKDAYS = new Map<string, number>(
  [...WEEKDAYS].filter(
    ([name]) => name.length > 4 || name === 'sun' || name === 'mon' || name === 'fri' || name === 'sat',
  ),
);
/** Before a weekday: the coming one (`aanstaande zaterdag`, `this Saturday`). */
const COMING = new Set(['aanstaande', 'komende', 'deze', 'this', 'coming']);
/** Before a number of days, weeks, months or years from today: `over 7 weken`, `in 3 weeks`, `na 2 maanden`. */
const AFTER_WORDS = new Set(['over', 'in', 'na', 'after']);
/** After a number of weeks: `7 weken vanaf nu`, `3 weeks from now`. */
const FROM_NOW: readonly (readonly string[])[] = [
  ['vanaf', 'nu'],
  ['van', 'nu'],
  ['from', 'now'],
  ['from', 'today'],
  ['vanaf', 'vandaag'],
];
/** Estimates between `over` and the number: `over ongeveer 7 weken`, `in about 3 weeks`. */
const ABOUT = new Set([
  'ongeveer',
  'zon',
  'ca',
  'circa',
  'ruim',
  'bijna',
  'about',
  'around',
  'roughly',
  'some',
  'nearly',
]);
const UNITS = new Map<string, { days?: number; months?: number }>([
  ['dag', { days: 1 }],
  ['dagen', { days: 1 }],
  ['day', { days: 1 }],
  ['days', { days: 1 }],
  ['week', { days: 7 }],
  ['weken', { days: 7 }],
  ['weeks', { days: 7 }],
  ['maand', { months: 1 }],
  ['maanden', { months: 1 }],
  ['month', { months: 1 }],
  ['months', { months: 1 }],
  ['jaar', { months: 12 }],
  ['jaren', { months: 12 }],
  ['year', { months: 12 }],
  ['years', { months: 12 }],
]);
/** `volgende maand`, `next month`: the first day of next month. */
const NEXT_MONTH: readonly (readonly string[])[] = [
  ['volgende', 'maand'],
  ['komende', 'maand'],
  ['next', 'month'],
];
/** Most days, weeks or months counted from today that we read. */
const MAX_RELATIVE = 999;
const HAS_DIGIT = /\d/;
const LETTER = /\p{L}/u;
/** Before a weekday that repeats: `elke zaterdag`, `every Saturday`. */
const EVERY = new Set(['elke', 'iedere', 'ieder', 'every', 'each']);
const SENTENCE_PUNCTUATION = /[,;:!?()[\]"“”]/g;
/** Words around a date that do not make it one picked out of a sentence. */
const QUIET = new Set([
  ...FILLERS,
  'het',
  'is',
  'we',
  'wij',
  'ik',
  'it',
  's',
  'de',
  'begint',
  'beginnen',
  'start',
  'starts',
  'starten',
]);

/** What a piece of the answer says about the date. */
type Mention =
  | { from: number; to: number; kind: 'day'; parts: DateParts; weekday?: number }
  | { from: number; to: number; kind: 'month'; month: number; year?: number }
  | { from: number; to: number; kind: 'relative'; days?: number; months?: number; note: boolean }
  | { from: number; to: number; kind: 'next-month' }
  | { from: number; to: number; kind: 'coming'; weekday: number };

function readInSentence(text: string, whole: string, today: string): ParseResult<string> {
  const unsure = dontKnow(text);
  if (unsure === 'leading') return fail('dont-know');
  const words = whole
    .replace(SENTENCE_PUNCTUATION, ' ')
    .split(' ')
    .map((w) => w.replace(/^['‘’]+|['‘’.]+$/g, ''))
    .filter((w) => w !== '');
  const notADate = fail<string>(unsure === 'inside' ? 'dont-know' : 'not-a-date');
  if (words.length > MAX_SENTENCE_WORDS) return notADate;
  const found = mentions(words);
  if (found.length !== 1) return found.length === 0 ? notADate : fail('not-a-date');
  const mention = found[0]!;
  const rest = words.filter((_, i) => i < mention.from || i >= mention.to);
  if (rest.some((w) => HAS_DIGIT.test(w))) return fail('not-a-date');

  const result = dateOf(mention, today);
  if (!result.ok) return result;
  if (mention.kind === 'day') {
    // A weekday named beside the date must be its weekday (`2 maart 2027, de eerste dinsdag`); one that
    // repeats (`elke zaterdag`) says when it comes back.
    const named = words
      .map((w, i) =>
        (i < mention.from || i >= mention.to) && !EVERY.has(words[i - 1] ?? '')
          ? FULL_WEEKDAYS.get(w)
          : undefined,
      )
      .filter((d) => d !== undefined);
    if (named.some((d) => d !== weekdayOf(result.value))) return fail('weekday-mismatch');
  }
  if (result.note !== undefined) return result;
  const chatter = rest.some((w) => LETTER.test(w) && !QUIET.has(w) && !FULL_WEEKDAYS.has(w));
  return chatter
    ? ok(result.value, { kind: 'in-sentence', said: words.slice(mention.from, mention.to).join(' ') })
    : result;
}

function dateOf(mention: Mention, today: string): ParseResult<string> {
  switch (mention.kind) {
    case 'day':
      return fromParts(mention.parts, mention.weekday, today);
    case 'month':
      return firstOfMonth(mention.month, mention.year, today);
    case 'next-month': {
      if (!isCalendarDate(today)) return fail('not-a-date');
      const first = addMonths(`${today.slice(0, 8)}01`, 1);
      if (!isCalendarDate(first)) return fail('year-out-of-range');
      const [year, month] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
      return ok(first, { kind: 'first-of-month', month, year, yearAssumed: false });
    }
    case 'coming': {
      // The first such weekday after today: `aanstaande zaterdag` on a Saturday is next week's.
      if (!isCalendarDate(today)) return fail('not-a-date');
      const days = ((mention.weekday - weekdayOf(today) + 6) % 7) + 1;
      return fromToday(days, today, { kind: 'relative', days });
    }
    case 'relative': {
      if (!isCalendarDate(today)) return fail('not-a-date');
      const date =
        mention.months === undefined ? addDays(today, mention.days ?? 0) : addMonths(today, mention.months);
      if (!isCalendarDate(date)) return fail('year-out-of-range');
      return mention.note ? ok(date, { kind: 'relative', days: daysBetween(today, date) }) : ok(date);
    }
  }
}

/** The first day of `month` in `year`, or (no year) this year, or next year when the month has passed. */
function firstOfMonth(month: number, year: number | undefined, today: string): ParseResult<string> {
  if (year !== undefined) {
    if (year < MIN_YEAR || year > MAX_YEAR) return fail('year-out-of-range');
    return ok(makeDate(year, month, 1), { kind: 'first-of-month', month, year, yearAssumed: false });
  }
  if (!isCalendarDate(today)) return fail('not-a-date');
  const thisYear = Number(today.slice(0, 4));
  const assumed = month >= Number(today.slice(5, 7)) ? thisYear : thisYear + 1;
  if (assumed > MAX_YEAR) return fail('year-out-of-range');
  return ok(makeDate(assumed, month, 1), { kind: 'first-of-month', month, year: assumed, yearAssumed: true });
}

/** `date` plus whole months; a day that the month lacks becomes its last day (31 januari + 1 maand: 28/29 februari). */
function addMonths(date: string, months: number): string {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  if (year > MAX_YEAR) return makeDate(MAX_YEAR + 1, 1, 1);
  return makeDate(year, month, Math.min(Number(date.slice(8, 10)), daysInMonth(year, month)));
}

const startsWith = (words: readonly string[], at: number, phrase: readonly string[]) =>
  phrase.every((w, k) => words[at + k] === w);

/** A small number as digits or one word: `7`, `zeven`, `een`, `a`, `two`. */
function smallNumber(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  if (isAllDigits(word)) return word.length <= 3 ? Number(word) : undefined;
  if (word === 'a' || word === 'an') return 1;
  if (word.length > 20) return undefined;
  return dutchNumber(word) ?? englishNumber([word]);
}

const isDayWord = (word: string | undefined): boolean => {
  const token = word === undefined ? undefined : classify(word);
  return token?.kind === 'number' && token.digits.length <= 2;
};
const isYearWord = (word: string | undefined): boolean =>
  word !== undefined && isAllDigits(word) && word.length === 4;

/** Every piece of the answer that names a date, from left to right. */
function mentions(words: readonly string[]): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < words.length; i++) {
    const found = mentionAt(words, i, out.length === 0 ? 0 : out[out.length - 1]!.to);
    if (found === undefined) continue;
    out.push(found);
    i = found.to - 1;
  }
  return out;
}

/** A mention that starts at `i` or (a day or weekday before a month) shortly before it, not before `floor`. */
function mentionAt(words: readonly string[], i: number, floor: number): Mention | undefined {
  const word = words[i]!;
  const relative = RELATIVE.get(word);
  if (relative !== undefined) return { from: i, to: i + 1, kind: 'relative', days: relative, note: false };
  const next = NEXT_MONTH.find((p) => startsWith(words, i, p));
  if (next) return { from: i, to: i + next.length, kind: 'next-month' };

  // over 7 weken, in 3 weeks, over een maand, over een half jaar
  if (AFTER_WORDS.has(word)) {
    let j = i + 1;
    if (ABOUT.has(words[j] ?? '')) j++;
    if (words[j] === 'zo' && words[j + 1] === 'n') j += 2;
    if (
      (words[j] === 'een' || words[j] === 'a') &&
      (words[j + 1] === 'half' || words[j + 1] === 'halfjaar')
    ) {
      if (words[j + 1] === 'halfjaar') return { from: i, to: j + 2, kind: 'relative', months: 6, note: true };
      if (UNITS.get(words[j + 2] ?? '')?.months === 12)
        return { from: i, to: j + 3, kind: 'relative', months: 6, note: true };
    }
    const n = smallNumber(words[j]);
    const unit = UNITS.get(words[j + 1] ?? '');
    if (n !== undefined && unit !== undefined && n <= MAX_RELATIVE) return relativeMention(i, j + 2, n, unit);
  }
  // 7 weken vanaf nu, 3 weeks from now
  const n = smallNumber(word);
  const unit = UNITS.get(words[i + 1] ?? '');
  if (n !== undefined && unit !== undefined && n <= MAX_RELATIVE) {
    const from = FROM_NOW.find((p) => startsWith(words, i + 2, p));
    if (from) return relativeMention(i, i + 2 + from.length, n, unit);
  }
  // aanstaande zaterdag, this (coming) Saturday
  if (COMING.has(word)) {
    const at = words[i + 1] === 'coming' ? i + 2 : i + 1;
    const day = WEEKDAYS.get(words[at] ?? '');
    if (day !== undefined) return { from: i, to: at + 1, kind: 'coming', weekday: day };
  }
  // 1-3-2027, 1-3, 6-2027
  const numeric = numericParts(word);
  if (numeric !== undefined) {
    const weekday = WEEKDAYS.get(words[i - 1] ?? '');
    const from = weekday !== undefined && i - 1 >= floor ? i - 1 : i;
    return { from, to: i + 1, kind: 'day', parts: numeric, ...(from < i && { weekday }) };
  }
  const monthYear = MONTH_YEAR.exec(word);
  if (monthYear)
    return { from: i, to: i + 1, kind: 'month', month: Number(monthYear[1]), year: Number(monthYear[3]) };

  const month = MONTHS.get(word);
  if (month === undefined) return undefined;
  // A day before the month (`12 juni`, `1st of March`) or after it (`March 1`), then perhaps a year.
  let from = i;
  let to = i + 1;
  let dayAt: number | undefined;
  if (i - 1 >= floor && isDayWord(words[i - 1])) dayAt = i - 1;
  else if (i - 2 >= floor && words[i - 1] === 'of' && isDayWord(words[i - 2])) dayAt = i - 2;
  else if (isDayWord(words[i + 1]) && !isYearWord(words[i + 1])) dayAt = i + 1;
  if (dayAt === undefined && MONTH_WORDS_ONLY_WITH_NUMBER.has(word) && !isYearWord(words[i + 1]))
    return undefined;
  if (dayAt !== undefined) {
    from = Math.min(from, dayAt);
    to = Math.max(to, dayAt + 1);
  }
  const year = isYearWord(words[to]) ? Number(words[to]) : undefined;
  if (year !== undefined) to++;
  if (dayAt === undefined) return { from, to, kind: 'month', month, ...(year !== undefined && { year }) };
  const token = classify(words[dayAt]!);
  const day = token?.kind === 'number' ? Number(token.digits) : 0;
  const weekday = from - 1 >= floor ? WEEKDAYS.get(words[from - 1]!) : undefined;
  if (weekday !== undefined) from--;
  return {
    from,
    to,
    kind: 'day',
    parts: { day, month, ...(year !== undefined && { year }) },
    ...(weekday !== undefined && { weekday }),
  };
}

function relativeMention(
  from: number,
  to: number,
  n: number,
  unit: { days?: number; months?: number },
): Mention {
  return unit.months === undefined
    ? { from, to, kind: 'relative', days: n * (unit.days ?? 1), note: true }
    : { from, to, kind: 'relative', months: n * unit.months, note: true };
}
