import { BUDGET_COLUMNS, type BudgetRow, figuresOf } from '../budget-rows.js';
import type { BudgetFigures, BudgetStore } from '../interfaces.js';
import type { SqliteDatabase } from './database.js';

/** Budget figures as an append-only history: a change never overwrites the one before it. */
export class SqliteBudgetStore implements BudgetStore {
  /** Read for every turn (`BudgetBook.refresh`): prepared once, not per call. */
  private readonly currentStatement;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.currentStatement = db.prepare<[], BudgetRow>(
      `select ${BUDGET_COLUMNS} from budget_changes c
       where id = (select max(id) from budget_changes where year = c.year and line = c.line)
       order by year, line`,
    );
  }

  async current(): Promise<BudgetFigures[]> {
    return this.currentStatement.all().map(figuresOf);
  }

  async set(change: Omit<BudgetFigures, 'at'>): Promise<BudgetFigures> {
    const row = this.db
      .prepare<[number, string, number | null, number | null, string, string], BudgetRow>(
        `insert into budget_changes (${BUDGET_COLUMNS}) values (?, ?, ?, ?, ?, ?) returning ${BUDGET_COLUMNS}`,
      )
      .get(change.year, change.line, change.ceiling, change.remaining, change.by, this.now().toISOString())!;
    return figuresOf(row);
  }

  async history(year?: number): Promise<BudgetFigures[]> {
    const rows =
      year === undefined
        ? this.db
            .prepare<[], BudgetRow>(`select ${BUDGET_COLUMNS} from budget_changes order by id desc`)
            .all()
        : this.db
            .prepare<[number], BudgetRow>(
              `select ${BUDGET_COLUMNS} from budget_changes where year = ? order by id desc`,
            )
            .all(year);
    return rows.map(figuresOf);
  }
}
