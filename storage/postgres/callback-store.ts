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
import type { PostgresDatabase, Queryable } from './database.js';
import { countKeysWithPrefix, giveBackNumber, hasKey, nextNumber } from './keyed-rows.js';

/** Callback requests in PostgreSQL: a row per request (its document and its list line), references per year. */
export class PostgresCallbackStore implements CallbackStore {
  constructor(
    private readonly db: PostgresDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(request: NewCallback, idempotencyKey: string, year: number) {
    return this.db.transaction((client) => this.createIn(client, request, idempotencyKey, year));
  }

  /** Whether a request was made under exactly this idempotency key. */
  hasKeyIn(q: Queryable, idempotencyKey: string): Promise<boolean> {
    return hasKey(q, 'callbacks', idempotencyKey);
  }

  /** How many requests were made under idempotency keys that start with `prefix` (one conversation's). */
  countWithKeyPrefixIn(q: Queryable, prefix: string): Promise<number> {
    return countKeysWithPrefix(q, 'callbacks', prefix);
  }

  /** `create` inside the caller's transaction `q` (the turn store's); see `PostgresDraftStore.createIn`. */
  async createIn(
    q: Queryable,
    request: NewCallback,
    idempotencyKey: string,
    year: number,
  ): Promise<{ callback: CallbackRequest; created: boolean }> {
    const existing = await q.query<{ document: string }>(
      'select document from callbacks where idempotency_key = $1',
      [idempotencyKey],
    );
    if (existing.rows[0]) {
      return { callback: JSON.parse(existing.rows[0].document) as CallbackRequest, created: false };
    }
    const last = await nextNumber(q, 'callback_sequences', year);
    const stored = storedCallback(request, formatCallbackReference(year, last), this.now().toISOString());
    const { rowCount } = await q.query(
      `insert into callbacks (${CALLBACK_ROW_COLUMNS})
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (idempotency_key) do nothing`,
      callbackRowValues(stored, idempotencyKey),
    );
    if (rowCount === 1) return { callback: stored, created: true };
    // Another instance stored this key meanwhile: its request is the one, and our number goes back.
    await giveBackNumber(q, 'callback_sequences', year);
    return this.createIn(q, request, idempotencyKey, year);
  }

  async get(id: string): Promise<CallbackRequest | undefined> {
    const { rows } = await this.db.query<{ document: string }>(
      'select document from callbacks where id = $1',
      [id],
    );
    // A damaged row: listed as unreadable; its pages answer as for a request that is gone.
    return documentOf<CallbackRequest>(rows[0]);
  }

  async page(filter: CallbackFilter, { limit, offset }: { limit: number; offset: number }) {
    const { where, args } = whereOf(filter);
    const n = args.length;
    // Text is compared byte by byte, as SQLite does, whatever collation the database was created with.
    const [{ rows }, count] = await Promise.all([
      this.db.query<CallbackLineRow>(
        `select ${LINE_COLUMNS} from callbacks ${where}
         order by created_at collate "C" desc, reference collate "C" desc limit $${n + 1} offset $${n + 2}`,
        [...args, limit, offset],
      ),
      this.db.query<{ n: number }>(`select count(*) as n from callbacks ${where}`, args),
    ]);
    return { callbacks: rows.map(callbackLineOf), total: count.rows[0]!.n };
  }

  async countByStatus(): Promise<Record<CallbackStatus, number>> {
    const { rows } = await this.db.query<{ status: CallbackStatus; n: number }>(
      'select status, count(*) as n from callbacks group by status',
    );
    return countPerStatus(CALLBACK_STATUSES, rows);
  }

  async setStatus(id: string, status: CallbackStatus, by: string): Promise<CallbackRequest | undefined> {
    // The row is locked when read: two changes at once are both kept in its history.
    return this.db.transaction(async (client) => {
      const { rows } = await client.query<{ document: string }>(
        'select document from callbacks where id = $1 for update',
        [id],
      );
      if (!rows[0]) return undefined;
      const current = JSON.parse(rows[0].document) as CallbackRequest;
      const at = this.now().toISOString();
      const updated = withCallbackStatus(current, at, status, by);
      await client.query(
        'update callbacks set status = $1, updated_at = $2, document = $3, summary = $4 where id = $5',
        [status, at, JSON.stringify(updated), JSON.stringify(summarizeCallback(updated)), id],
      );
      return updated;
    });
  }

  async delete(id: string) {
    const { rows } = await this.db.query<{ id: string; reference: string }>(
      'delete from callbacks where id = $1 returning id, reference',
      [id],
    );
    return rows[0];
  }

  async deleteCreatedBefore(before: string) {
    const { rows } = await this.db.query<{ id: string; reference: string }>(
      'delete from callbacks where created_at < $1 collate "C" returning id, reference',
      [before],
    );
    return rows;
  }
}

/** The filter as a `where` clause with its arguments (the columns are fixed names, the values bound). */
function whereOf(filter: CallbackFilter): { where: string; args: string[] } {
  const clauses: string[] = [];
  const args: string[] = [];
  for (const [column, value] of callbackEqualities(filter)) clauses.push(`${column} = $${args.push(value)}`);
  return { where: clauses.length ? `where ${clauses.join(' and ')}` : '', args };
}
