import type { CalendarDate } from '../calendar-date.js';
import { addDays, makeDate } from '../calendar-date.js';
import { PARAMETERS as P } from './parameters.js';

/**
 * When an application above € 10.000 for subsidy year Y must be in. The two sources differ
 * (art. 5: before 16 August of Y−1; Bijlage 2: at the latest 15 September of Y−1), so there are two dates:
 * the last day both sources accept, and the last day Bijlage 2 still accepts.
 */
export function aboveMiddleDeadlines(year: number): {
  art5LastDay: CalendarDate;
  bijlage2LastDay: CalendarDate;
} {
  const exception = P.aboveMiddleDeadline.firstYearExceptions[year];
  if (exception) return exception;
  const { art5LastDay, bijlage2LastDay } = P.aboveMiddleDeadline;
  return {
    art5LastDay: makeDate(year - 1, art5LastDay.month, art5LastDay.day),
    bijlage2LastDay: makeDate(year - 1, bijlage2LastDay.month, bijlage2LastDay.day),
  };
}

/** The first subsidy year after `year` whose art. 5 deadline has not passed on `today`. */
export function nextOpenYearAboveMiddle(
  year: number,
  today: CalendarDate,
): { year: number; lastDay: CalendarDate } {
  let next = year + 1;
  while (aboveMiddleDeadlines(next).art5LastDay < today) next += 1;
  return { year: next, lastDay: aboveMiddleDeadlines(next).art5LastDay };
}

export const kernDeadline = (year: number): CalendarDate =>
  makeDate(year, P.kernDeadline.month, P.kernDeadline.day);

export const latestTimelyApplication = (startDate: CalendarDate): CalendarDate =>
  addDays(startDate, -P.applyDaysBeforeStart);
