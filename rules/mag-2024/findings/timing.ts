import { addDays, isAfter, isBefore } from '../../calendar-date.js';
import type { Facts } from '../../facts.js';
import { isKern, requestedAbove, requestedAtMost, subsidyYear } from '../../facts.js';
import type { Outcome, RuleDefinition } from '../../rule.js';
import { holds } from '../../rule.js';
import { and, known, not, or } from '../../tri.js';
import { aboveMiddleDeadlines, kernDeadline, nextOpenYearAboveMiddle } from '../application-deadlines.js';
import { PARAMETERS as P, SOURCES as S } from '../parameters.js';
import { isBuurtInitiative } from '../route.js';

const hasStarted = (f: Facts) =>
  or(
    f.initiative.alreadyStarted,
    known(f.initiative.startDate, (d) => isBefore(d, f.today)),
  );

/** Above € 10.000: a refusal after the last day of Bijlage 2, a risk between the dates of art. 5 and Bijlage 2. */
function deadlineAboveMiddle(f: Facts): Outcome {
  const year = subsidyYear(f);
  const big = requestedAbove(f, P.middleMax);
  if (big === false) return false;
  if (year === undefined) return undefined;
  const { art5LastDay, bijlage2LastDay } = aboveMiddleDeadlines(year);
  if (!isAfter(f.today, art5LastDay)) return false;
  if (big === undefined) return undefined;
  if (!isAfter(f.today, bijlage2LastDay)) {
    return {
      severity: 'risk',
      variant: 'risk',
      params: { year, art5Before: { date: addDays(art5LastDay, 1) } },
    };
  }
  const next = nextOpenYearAboveMiddle(year, f.today);
  // Only a kernactiviteit may ask more than € 10.000 (art. 7): advising another year helps no one else.
  return {
    severity: 'refusal',
    variant: f.initiative.type === 'kernactiviteit' ? 'refusal' : 'refusal-late',
    params: {
      year,
      lastDay: { date: bijlage2LastDay },
      nextYear: next.year,
      nextLastDay: { date: next.lastDay },
    },
  };
}

/** When must the application be in, and has that moment passed? */
export const timingRules: RuleDefinition[] = [
  {
    id: 'already-started',
    severity: 'refusal',
    source: S.art3a,
    check: (f) => holds(hasStarted(f)),
  },
  {
    id: 'kern-deadline',
    severity: 'refusal',
    source: S.bijlage2KernTermijn,
    check: (f) => {
      const year = subsidyYear(f);
      return holds(
        and(
          isKern(f),
          requestedAtMost(f, P.middleMax),
          known(year, (y) => isAfter(f.today, kernDeadline(y))),
        ),
        () => ({ params: { lastDay: { date: kernDeadline(year!) } } }),
      );
    },
  },
  {
    id: 'deadline-above-10000',
    severity: 'refusal',
    source: `${S.art5}; ${S.bijlage2KernTermijn}`,
    check: deadlineAboveMiddle,
  },
  {
    id: 'late-application',
    severity: 'warning',
    source: S.bijlage2Aanvraagproces,
    check: (f) =>
      holds(
        and(
          known(f.initiative.startDate, (d) => isBefore(d, addDays(f.today, P.applyDaysBeforeStart))),
          not(hasStarted(f)),
          not(isBuurtInitiative(f)),
        ),
        () => ({
          params: { startDate: { date: f.initiative.startDate! }, weeks: P.applyDaysBeforeStart / 7 },
        }),
      ),
  },
  {
    id: 'multi-year-possible',
    severity: 'info',
    source: `${S.bijlage2KernMeerjarig}; ${S.bijlage1Financiering}`,
    check: (f) =>
      holds(
        and(
          isKern(f),
          known(f.money.requested, (r) => r < P.multiYearBelow),
        ),
      ),
  },
  {
    id: 'deadline-sources-differ',
    severity: 'info',
    source: `${S.art5}; ${S.bijlage2KernTermijn}`,
    check: (f) => {
      const year = subsidyYear(f);
      return holds(
        and(
          requestedAbove(f, P.middleMax),
          known(year, () => true),
        ),
        () => {
          const { art5LastDay, bijlage2LastDay } = aboveMiddleDeadlines(year!);
          return {
            params: {
              art5Before: { date: addDays(art5LastDay, 1) },
              bijlage2LastDay: { date: bijlage2LastDay },
              advised: { date: art5LastDay },
            },
          };
        },
      );
    },
  },
];
