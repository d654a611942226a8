/**
 * Calendar dates as `YYYY-MM-DD` strings. All arithmetic goes through UTC day numbers, so a date never
 * shifts by a time zone: the rules speak of days in Hardinxveld-Giessendam, not of instants.
 */
export type CalendarDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function makeDate(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

export function monthOf(date: CalendarDate): number {
  return Number(date.slice(5, 7));
}

export function dayOf(date: CalendarDate): number {
  return Number(date.slice(8, 10));
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(yearOf(date), monthOf(date) - 1, dayOf(date)) + days * MS_PER_DAY);
  return makeDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const a = Date.UTC(yearOf(from), monthOf(from) - 1, dayOf(from));
  const b = Date.UTC(yearOf(to), monthOf(to) - 1, dayOf(to));
  return Math.round((b - a) / MS_PER_DAY);
}

/** `YYYY-MM-DD` strings compare correctly as text; these names make the intent readable. */
export const isBefore = (a: CalendarDate, b: CalendarDate): boolean => a < b;
export const isAfter = (a: CalendarDate, b: CalendarDate): boolean => a > b;

export function earliest(dates: readonly CalendarDate[]): CalendarDate | undefined {
  let min: CalendarDate | undefined;
  for (const d of dates) if (min === undefined || d < min) min = d;
  return min;
}
