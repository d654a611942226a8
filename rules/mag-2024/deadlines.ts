import type { CalendarDate } from '../calendar-date.js';
import { addDays, makeDate } from '../calendar-date.js';
import type { DeadlineId } from '../codes.js';
import type { Facts } from '../facts.js';
import { subsidyYear } from '../facts.js';
import type { Accountability } from './accountability.js';
import { aboveMiddleDeadlines, kernDeadline, latestTimelyApplication } from './application-deadlines.js';
import { PARAMETERS as P, SOURCES as S } from './parameters.js';
import type { Route } from './route.js';

export interface DeadlineEntry {
  id: DeadlineId;
  date: CalendarDate;
  source: string;
}

/** The earliest of the dates by which the application must be in, with the source of that date. */
function submitBy(f: Facts, route: Route, year: number, startDate: CalendarDate): DeadlineEntry {
  const candidates: DeadlineEntry[] = [
    { id: 'submit-by', date: latestTimelyApplication(startDate), source: S.bijlage2Aanvraagproces },
  ];
  if (route.tier === 'boven-10000') {
    const source = year === 2024 ? `${S.art5} lid 2` : `${S.art5} lid 1`;
    candidates.push({ id: 'submit-by', date: aboveMiddleDeadlines(year).art5LastDay, source });
  } else if (f.initiative.type === 'kernactiviteit') {
    candidates.push({ id: 'submit-by', date: kernDeadline(year), source: S.bijlage2KernTermijn });
  }
  return candidates.reduce((a, b) => (b.date < a.date ? b : a));
}

export function deadlinesOf(
  f: Facts,
  route: Route,
  accountability: Accountability | undefined,
): DeadlineEntry[] {
  const year = subsidyYear(f);
  const { startDate, endDate } = f.initiative;
  if (year === undefined || startDate === undefined) return [];
  const list: DeadlineEntry[] = [];
  if (route.tier !== 'buurt-500') list.push(submitBy(f, route, year, startDate));
  if (route.tier === 'boven-10000' && year >= 2025) {
    const d = P.aboveMiddleDeadline;
    const source = S.bijlage2KernBoven10000;
    list.push(
      { id: 'concept-by', date: makeDate(year - 1, d.conceptBy.month, d.conceptBy.day), source },
      {
        id: 'concept-discussed-by',
        date: makeDate(year - 1, d.conceptDiscussedBy.month, d.conceptDiscussedBy.day),
        source,
      },
      {
        id: 'provisional-grant-by',
        date: makeDate(year - 1, d.provisionalGrantBy.month, d.provisionalGrantBy.day),
        source,
      },
    );
  }
  if (route.tier === 'tot-1000' || route.tier === 'tot-10000') {
    list.push(
      // Assumes the application is complete today; the 8 weeks start when it is.
      { id: 'decision-expected', date: addDays(f.today, P.decisionDays), source: S.bijlage2Beslistermijn },
      {
        id: 'decision-latest',
        date: addDays(f.today, P.decisionDays + P.decisionExtensionDays),
        source: S.bijlage2Beslistermijn,
      },
    );
  }
  const accountabilityBy = accountabilityDeadline(f, route, year, endDate, accountability);
  if (accountabilityBy) list.push(accountabilityBy);
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function accountabilityDeadline(
  f: Facts,
  route: Route,
  year: number,
  endDate: CalendarDate | undefined,
  accountability: Accountability | undefined,
): DeadlineEntry | undefined {
  if (!accountability || accountability.level === 'direct') return undefined;
  if (accountability.level === 'report') {
    return endDate
      ? { id: 'accountability-by', date: addDays(endDate, P.reportDaysAfterEnd), source: S.art12 }
      : undefined;
  }
  // Art. 13: a kernactiviteit is granted per calendar year (sub a); anything else 12 weeks after the end (sub c).
  if (f.initiative.type === 'kernactiviteit' && route.type === 'kernactiviteit') {
    const { month, day } = P.accountability.auditKernBy;
    return { id: 'accountability-by', date: makeDate(year + 1, month, day), source: S.art13a };
  }
  return endDate
    ? { id: 'accountability-by', date: addDays(endDate, P.auditDaysAfterEnd), source: S.art13c }
    : undefined;
}
