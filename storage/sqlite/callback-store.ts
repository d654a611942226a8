import type { CallbackRequest, CallbackStatus, NewCallback } from '../../callbacks/callback.js';
import { CALLBACK_STATUSES, formatCallbackReference, summarizeCallback } from '../../callbacks/callback.js';
import { storedCallback, withCallbackStatus } from '../../callbacks/callback-changes.js';
import type { CallbackLineRow } from '../document-rows.js';
import {
  CALLBACK_ROW_COLUMNS,
  callbackLineOf,
  callbackRowValues,
  countPerStatus,
  documentOf,
  LINE_COLUMNS,
} from '../document-rows.js';
import type { CallbackFilter, CallbackStore } from '../interfaces.js';
import { callbackEqualities } from '../list-filters.js';
import type { SqliteDatabase } from './database.js';
import { countKeysWithPrefix, hasKey, nextNumber } from './keyed-rows.js';

/** Callback requests in SQLite: a row per request (its document and its list line), references per year. */
export class SqliteCallbackStore implements CallbackStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(request: NewCallback, idempotencyKey: string, year: number) {
    // IMMEDIATE: the write lock before the first read (see SqliteDraftStore.create).
    return this.db.transaction(() => this.createNow(request, idempotencyKey, year)).immediate();
  }

  /** Whether a request was made under exactly this idempotency key. */
  hasKey(idempotencyKey: string): boolean {
    return hasKey(this.db, 'callbacks', idempotencyKey);
  }

  /** How many requests were made under idempotency keys that start with `prefix` (one conversation's). */
  countWithKeyPrefix(prefix: string): number {
    return countKeysWithPrefix(this.db, 'callbacks', prefix);
  }

  /** `create` inside the caller's transaction (`SqliteTurnStore`). */
  createNow(
    request: NewCallback,
    idempotencyKey: string,
    year: number,
  ): { callback: CallbackRequest; created: boolean } {
    return this.db.transaction(() => {
      const existing = this.db
        .prepare<[string], { document: string }>('select document from callbacks where idempotency_key = ?')
        .get(idempotencyKey);
      if (existing) return { callback: JSON.parse(existing.document) as CallbackRequest, created: false };
      const last = nextNumber(this.db, 'callback_sequences', year);
      const stored = storedCallback(request, formatCallbackReference(year, last), this.now().toISOString());
      this.db
        .prepare(`insert into callbacks (${CALLBACK_ROW_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(...callbackRowValues(stored, idempotencyKey));
      return { callback: stored, created: true };
    })();
  }

  async get(id: string): Promise<CallbackRequest | undefined> {
    const row = this.db
      .prepare<[string], { document: string }>('select document from callbacks where id = ?')
      .get(id);
    // A damaged row: listed as unreadable; its pages answer as for a request that is gone.
    return documentOf<CallbackRequest>(row);
  }

  async page(filter: CallbackFilter, { limit, offset }: { limit: number; offset: number }) {
    const { where, args } = whereOf(filter);
    const rows = this.db
      .prepare<(string | number)[], CallbackLineRow>(
        `select ${LINE_COLUMNS} from callbacks ${where} order by created_at desc, reference desc limit ? offset ?`,
      )
      .all(...args, limit, offset);
    const { n } = this.db
      .prepare<string[], { n: number }>(`select count(*) as n from callbacks ${where}`)
      .get(...args)!;
    return { callbacks: rows.map(callbackLineOf), total: n };
  }

  async countByStatus(): Promise<Record<CallbackStatus, number>> {
    const rows = this.db
      .prepare<[], { status: CallbackStatus; n: number }>(
        'select status, count(*) as n from callbacks group by status',
      )
      .all();
    return countPerStatus(CALLBACK_STATUSES, rows);
  }

  async setStatus(id: string, status: CallbackStatus, by: string): Promise<CallbackRequest | undefined> {
    return this.db
      .transaction(() => {
        const row = this.db
          .prepare<[string], { document: string }>('select document from callbacks where id = ?')
          .get(id);
        if (!row) return undefined;
        const current = JSON.parse(row.document) as CallbackRequest;
        const at = this.now().toISOString();
        const updated = withCallbackStatus(current, at, status, by);
        this.db
          .prepare('update callbacks set status = ?, updated_at = ?, document = ?, summary = ? where id = ?')
          .run(status, at, JSON.stringify(updated), JSON.stringify(summarizeCallback(updated)), id);
        return updated;
      })
      .immediate();
  }

  async delete(id: string) {
    return this.db
      .prepare<[string], { id: string; reference: string }>(
        'delete from callbacks where id = ? returning id, reference',
      )
      .get(id);
  }

  async deleteCreatedBefore(before: string) {
    return this.db
      .prepare<[string], { id: string; reference: string }>(
        'delete from callbacks where created_at < ? returning id, reference',
      )
      .all(before);
  }
}

/** The filter as a `where` clause with its arguments (the columns are fixed names, the values bound). */
function whereOf(filter: CallbackFilter): { where: string; args: string[] } {
  const clauses: string[] = [];
  const args: string[] = [];
  for (const [column, value] of callbackEqualities(filter)) {
    clauses.push(`${column} = ?`);
    args.push(value);
  }
  return { where: clauses.length ? `where ${clauses.join(' and ')}` : '', args };
}
