import type { BudgetCeilings, BudgetLine, CalendarDate, Cents, RemainingBudget } from '../rules/index.js';
import { BUDGET_LINES, budgetCeilingsFor, NoFiguresForYearError, toCents, yearOf } from '../rules/index.js';
import type { BudgetFigures, BudgetStore } from '../storage/interfaces.js';
import type { Config } from './config.js';

/**
 * `BUDGET_REMAINING_*` of the environment: what was left of each line when the server started, for the year
 * it started in. Only a first default for that year: what a consulent sets on `/consulent/budget` wins.
 */
export interface EnvironmentBudget {
  year: number;
  remaining: RemainingBudget;
}

export const ENVIRONMENT_VARIABLES: Record<BudgetLine, string> = {
  'sport-en-bewegen': 'BUDGET_REMAINING_SPORT_EN_BEWEGEN',
  'overige-initiatieven': 'BUDGET_REMAINING_OVERIGE_INITIATIEVEN',
};

export function environmentBudget(config: Config, today: CalendarDate): EnvironmentBudget {
  return {
    year: yearOf(today),
    remaining: {
      ...(config.BUDGET_REMAINING_SPORT_EN_BEWEGEN !== undefined && {
        'sport-en-bewegen': toCents(config.BUDGET_REMAINING_SPORT_EN_BEWEGEN),
      }),
      ...(config.BUDGET_REMAINING_OVERIGE_INITIATIEVEN !== undefined && {
        'overige-initiatieven': toCents(config.BUDGET_REMAINING_OVERIGE_INITIATIEVEN),
      }),
    },
  };
}

/** The environment's figures as the rules take them (the terminal chat, which has no store). */
export const environmentRemaining =
  (env: EnvironmentBudget) =>
  (year: number): RemainingBudget =>
    year === env.year ? env.remaining : {};

/** Where a figure on the budget page comes from. */
export type Origin =
  | { kind: 'consulent'; by: string; at: string }
  | { kind: 'ruleset'; source: string }
  | { kind: 'environment'; variable: string }
  | { kind: 'ceiling' }
  | { kind: 'none' };

/** One line of one subsidy year: its ceiling and what is left, each with its origin (`none`: no figure). */
export interface LineFigures {
  line: BudgetLine;
  ceiling: { amount?: Cents; origin: Origin };
  remaining: { amount?: Cents; origin: Origin };
  /** What the consulent set (`null`: not set), for the form. */
  set: { ceiling: Cents | null; remaining: Cents | null };
  /** The ruleset's ceiling of the year, what an empty ceiling falls back to (`undefined`: it has none). */
  rulesetCeiling?: Cents;
}

const keyOf = (year: number, line: BudgetLine) => `${year}:${line}`;

/**
 * The budget figures of every subsidy year: what the consulent set (the store), the environment's figure
 * for the year the server started in, and the ruleset's ceilings by year. `refresh()` reads the store again;
 * the server calls it for every turn and every `/api/assess` request, so a change counts at once, on every
 * instance. `remainingBudgetFor(year)` is what the rules get.
 */
export class BudgetBook {
  private figures = new Map<string, BudgetFigures>();

  constructor(
    private readonly store: BudgetStore,
    private readonly env: EnvironmentBudget,
    private readonly today: () => CalendarDate,
  ) {}

  async refresh(): Promise<void> {
    const current = await this.store.current();
    this.figures = new Map(current.map((f) => [keyOf(f.year, f.line), f]));
  }

  /** Years the consulent set figures for. */
  get yearsSet(): number[] {
    return [...new Set([...this.figures.values()].map((f) => f.year))];
  }

  /**
   * What is left per line in `year`, for the rules. A line the consulent set: what is left as set, else the
   * ceiling as set. A line never set: the environment's figure (its own year only). A line with none of
   * these is left out, so the rules use the ruleset's ceiling of that year (and report a year with none).
   */
  readonly remainingBudgetFor = (year: number): RemainingBudget => {
    const out: RemainingBudget = {};
    for (const line of BUDGET_LINES) {
      const set = this.figures.get(keyOf(year, line));
      const left = set ? (set.remaining ?? set.ceiling) : this.fromEnvironment(year, line);
      if (left !== undefined && left !== null) out[line] = left;
    }
    return out;
  };

  private fromEnvironment(year: number, line: BudgetLine): Cents | undefined {
    return year === this.env.year ? this.env.remaining[line] : undefined;
  }

  /** The ruleset's ceilings of `year` (in force today), or `undefined` when it has none for that year. */
  rulesetCeilings(year: number): BudgetCeilings | undefined {
    try {
      return budgetCeilingsFor(year, this.today());
    } catch (error) {
      if (error instanceof NoFiguresForYearError) return undefined;
      throw error;
    }
  }

  /** Every line of `year` as the budget page shows it: the same figures `remainingBudgetFor` gives the rules. */
  figuresOf(year: number): LineFigures[] {
    const ruleset = this.rulesetCeilings(year);
    return BUDGET_LINES.map((line) => {
      const set = this.figures.get(keyOf(year, line));
      const by: Origin | undefined = set && { kind: 'consulent', by: set.by, at: set.at };
      const ceiling: LineFigures['ceiling'] =
        set?.ceiling != null
          ? { amount: set.ceiling, origin: by! }
          : ruleset
            ? { amount: ruleset.values[line], origin: { kind: 'ruleset', source: ruleset.source } }
            : { origin: { kind: 'none' } };
      // The environment is a first default: once a consulent set the line, it no longer counts.
      const fromEnv = set ? undefined : this.fromEnvironment(year, line);
      const remaining: LineFigures['remaining'] =
        set?.remaining != null
          ? { amount: set.remaining, origin: by! }
          : fromEnv !== undefined
            ? { amount: fromEnv, origin: { kind: 'environment', variable: ENVIRONMENT_VARIABLES[line] } }
            : ceiling.amount !== undefined
              ? { amount: ceiling.amount, origin: { kind: 'ceiling' } }
              : { origin: { kind: 'none' } };
      return {
        line,
        ceiling,
        remaining,
        set: { ceiling: set?.ceiling ?? null, remaining: set?.remaining ?? null },
        ...(ruleset && { rulesetCeiling: ruleset.values[line] }),
      };
    });
  }

  /** Records a consulent's change and reads the figures again. */
  async set(change: Omit<BudgetFigures, 'at'>): Promise<BudgetFigures> {
    const stored = await this.store.set(change);
    await this.refresh();
    return stored;
  }

  history(year?: number): Promise<BudgetFigures[]> {
    return this.store.history(year);
  }
}
