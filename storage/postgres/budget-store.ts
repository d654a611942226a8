import { BUDGET_COLUMNS, type BudgetRow, figuresOf } from '../budget-rows.js';
import type { BudgetFigures, BudgetStore } from '../interfaces.js';
import type { PostgresDatabase } from './database.js';

/** Budget figures as an append-only history: a change never overwrites the one before it. */
export class PostgresBudgetStore implements BudgetStore {
  constructor(
    private readonly db: PostgresDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async current(): Promise<BudgetFigures[]> {
    // The line's name in byte order, as SQLite sorts it, whatever collation the database was created with.
    const { rows } = await this.db.query<BudgetRow>(
      `select ${BUDGET_COLUMNS} from budget_changes c
       where id = (select max(id) from budget_changes where year = c.year and line = c.line)
       order by year, line collate "C"`,
    );
    return rows.map(figuresOf);
  }

  async set(change: Omit<BudgetFigures, 'at'>): Promise<BudgetFigures> {
    const { rows } = await this.db.query<BudgetRow>(
      `insert into budget_changes (${BUDGET_COLUMNS}) values ($1, $2, $3, $4, $5, $6) returning ${BUDGET_COLUMNS}`,
      [change.year, change.line, change.ceiling, change.remaining, change.by, this.now().toISOString()],
    );
    return figuresOf(rows[0]!);
  }

  async history(year?: number): Promise<BudgetFigures[]> {
    const { rows } =
      year === undefined
        ? await this.db.query<BudgetRow>(`select ${BUDGET_COLUMNS} from budget_changes order by id desc`)
        : await this.db.query<BudgetRow>(
            `select ${BUDGET_COLUMNS} from budget_changes where year = $1 order by id desc`,
            [year],
          );
    return rows.map(figuresOf);
  }
}
