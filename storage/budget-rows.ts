import type { BudgetFigures } from './interfaces.js';

// A `budget_changes` row means the same in SQLite and PostgreSQL: its columns and figures are read here.

export interface BudgetRow {
  year: number;
  line: BudgetFigures['line'];
  ceiling: number | null;
  remaining: number | null;
  changed_by: string;
  changed_at: string;
}

/** The columns of a `BudgetRow`, in the order a change is inserted with. */
export const BUDGET_COLUMNS = 'year, line, ceiling, remaining, changed_by, changed_at';

export const figuresOf = (row: BudgetRow): BudgetFigures => ({
  year: row.year,
  line: row.line,
  ceiling: row.ceiling,
  remaining: row.remaining,
  by: row.changed_by,
  at: row.changed_at,
});
