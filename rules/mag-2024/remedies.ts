import type { CalendarDate } from '../calendar-date.js';
import { dayOf, daysInMonth, makeDate, monthOf, yearOf } from '../calendar-date.js';
import type { RuleId } from '../codes.js';
import type { Facts } from '../facts.js';
import { subsidyYear } from '../facts.js';
import type { Cents } from '../money.js';
import type { RuleContext } from '../rule.js';
import type { Remedy } from '../ruleset.js';
import { nextOpenYearAboveMiddle } from './application-deadlines.js';
import { FINDING_RULES } from './findings/index.js';
import { PARAMETERS as P } from './parameters.js';
import { budgetLineOf } from './route.js';

function refusalsOf(f: Facts, ctx: RuleContext): RuleId[] {
  const out: RuleId[] = [];
  for (const rule of FINDING_RULES) {
    const hit = rule.check(f, ctx);
    if (hit && (hit.severity ?? rule.severity) === 'refusal') out.push(rule.id);
  }
  return out;
}

/** The same day in another year (29 February becomes 28 February). */
function inYear(date: CalendarDate, year: number): CalendarDate {
  const month = monthOf(date);
  return makeDate(year, month, Math.min(dayOf(date), daysInMonth(year, month)));
}

/** The highest amount each amount refusal allows: art. 7 and art. 4 stop at € 10.000, art. 3 sub b at the budget left. */
function highestAmount(f: Facts, ctx: RuleContext, refused: readonly RuleId[]): Cents | undefined {
  const limits: Cents[] = [];
  if (
    refused.some((r) => r === 'non-core-cap' || r === 'applicant-above-10000' || r === 'deadline-above-10000')
  )
    limits.push(P.middleMax);
  if (refused.includes('budget-ceiling') && f.initiative.type !== undefined) {
    const left = ctx.remaining(budgetLineOf(f.initiative.type), subsidyYear(f));
    if (left !== undefined) limits.push(left);
  }
  return limits.length === 0 ? undefined : Math.min(...limits);
}

/** The subsidy year a late application can still be made for. */
function laterYear(f: Facts, refused: readonly RuleId[]): number | undefined {
  const year = subsidyYear(f);
  if (year === undefined) return undefined;
  if (refused.includes('deadline-above-10000')) return nextOpenYearAboveMiddle(year, f.today).year;
  if (refused.includes('kern-deadline')) return year + 1;
  return undefined;
}

/**
 * The ways out of the refusals these facts give, each checked: with the remedy applied and every other
 * answer kept, no refusal is left (a remedy that fixes one ground while another remains is not offered).
 */
export function remediesOf(f: Facts, ctx: RuleContext): Remedy[] {
  const refused = refusalsOf(f, ctx);
  if (refused.length === 0) return [];
  const remedies: Remedy[] = [];
  const clears = (changed: Facts) => refusalsOf(changed, ctx).length === 0;

  const amount = highestAmount(f, ctx, refused);
  if (amount !== undefined && amount > 0 && clears({ ...f, money: { ...f.money, requested: amount } }))
    remedies.push({ kind: 'lower-amount', amount });

  const year = laterYear(f, refused);
  const { startDate, endDate } = f.initiative;
  if (year !== undefined && startDate !== undefined) {
    const shift = year - yearOf(startDate);
    const moved: Facts = {
      ...f,
      initiative: {
        ...f.initiative,
        startDate: inYear(startDate, year),
        ...(endDate !== undefined && { endDate: inYear(endDate, yearOf(endDate) + shift) }),
      },
    };
    if (clears(moved)) remedies.push({ kind: 'later-year', year });
  }

  // A recurring initiative that is already running can apply for its next round: a new start date.
  if (refused.includes('already-started')) {
    const again: Facts = {
      ...f,
      initiative: { ...f.initiative, startDate: undefined, alreadyStarted: undefined, endDate: undefined },
    };
    if (clears(again)) remedies.push({ kind: 'next-round' });
  }
  return remedies;
}
