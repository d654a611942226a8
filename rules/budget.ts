import type { CalendarDate } from './calendar-date.js';
import type { BudgetLine } from './codes.js';
import type { DatedValue } from './dated.js';
import { NoFiguresForYearError, valueForYear } from './dated.js';
import type { Cents } from './money.js';
import type { RuleContext } from './rule.js';
import { rulesetFor } from './rulesets.js';

/** What is left of each budget line (cents); a line left out falls back to the ceiling of the year. */
export type RemainingBudget = Partial<Record<BudgetLine, Cents>>;

/**
 * What the caller says is left: the same for every subsidy year (a record), or per subsidy year (a function
 * the rules call with the year they determine, the calendar year in which the initiative starts).
 */
export type RemainingBudgetOption = RemainingBudget | ((year: number) => RemainingBudget);

export type BudgetCeilings = DatedValue<Record<BudgetLine, Cents>>;

/**
 * The ceilings of the budget lines for subsidy year `year` under the ruleset in force on `today`, with the
 * source that sets them. A year without figures throws `NoFiguresForYearError`.
 */
export function budgetCeilingsFor(year: number, today: CalendarDate): BudgetCeilings {
  return valueForYear(rulesetFor(today).budgetCeilings, year, 'budgetCeilings');
}

/**
 * The rules' view of the budget: what the caller says is left, else the ceiling of the subsidy year from
 * the ruleset's dated values. A year for which neither gives a figure has none (`undefined`): the
 * `budget-ceiling` rule reports that instead of borrowing another year's figures.
 */
export function budgetContext(
  table: readonly BudgetCeilings[],
  option: RemainingBudgetOption | undefined,
): RuleContext {
  const ceilings = (year: number): Record<BudgetLine, Cents> | undefined => {
    try {
      return valueForYear(table, year, 'budgetCeilings').values;
    } catch (error) {
      if (error instanceof NoFiguresForYearError) return undefined;
      throw error;
    }
  };
  if (typeof option === 'function') {
    const given = new Map<number, RemainingBudget>();
    return {
      // Per year, so an unknown year has no figure yet: it can only be told once the start date is known.
      remaining(line, year) {
        if (year === undefined) return undefined;
        if (!given.has(year)) given.set(year, option(year));
        return given.get(year)![line] ?? ceilings(year)?.[line];
      },
    };
  }
  const given = option ?? {};
  return {
    remaining(line, year) {
      if (year !== undefined) return given[line] ?? ceilings(year)?.[line];
      // An unknown year: the most any year the figures cover can have. A year before the first figures
      // lies before the first ruleset, so an initiative starting then has already started.
      if (given[line] !== undefined) return given[line];
      return table.length === 0 ? undefined : Math.max(...table.map((entry) => entry.values[line]));
    },
  };
}
