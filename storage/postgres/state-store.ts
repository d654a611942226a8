import type { StoreItem, StoreItems } from 'botbuilder';
import type { ConversationStateStore } from '../interfaces.js';
import { ETagConflictError, firstETag } from '../interfaces.js';
import type { PostgresDatabase, Queryable } from './database.js';

/**
 * Conversation state in PostgreSQL, with the same optimistic concurrency as SQLite's: an item written with
 * the eTag it was read with succeeds only if nobody wrote in between; `*` or no eTag overwrites.
 */
export class PostgresStateStore implements ConversationStateStore {
  constructor(
    private readonly db: PostgresDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const { rows } = await this.db.query<{ key: string; value: string; etag: number }>(
      'select key, value, etag from state where key = any($1)',
      [keys],
    );
    for (const row of rows) items[row.key] = { ...JSON.parse(row.value), eTag: String(row.etag) };
    return items;
  }

  async readUnlessCurrent(key: string, eTag: string): Promise<StoreItem | undefined | 'current'> {
    const etag = Number(eTag);
    const { rows } = await this.db.query<{ value: string | null; etag: number }>(
      'select case when etag = $1 then null else value end as value, etag from state where key = $2',
      [Number.isSafeInteger(etag) ? etag : -1, key],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.value === null) return 'current';
    return { ...JSON.parse(row.value), eTag: String(row.etag) };
  }

  // All or nothing: one conflicting item leaves every item of the batch unwritten.
  async write(changes: StoreItems): Promise<void> {
    await this.db.transaction((client) => this.writeIn(client, changes));
  }

  /** `write` inside the caller's transaction (`PostgresTurnStore`); gives the new eTags. */
  async writeIn(q: Queryable, changes: StoreItems): Promise<Record<string, string>> {
    const eTags: Record<string, string> = {};
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as { eTag?: string };
      const json = JSON.stringify(value);
      if (eTag === undefined || eTag === '*') {
        const { rows } = await q.query<{ etag: string }>(
          `insert into state (key, etag, value, updated_at) values ($1, $4, $2, $3)
           on conflict (key) do update set etag = state.etag + 1, value = excluded.value, updated_at = excluded.updated_at
           returning etag`,
          [key, json, this.now(), firstETag()],
        );
        eTags[key] = String(rows[0]!.etag);
        continue;
      }
      const etag = Number(eTag);
      if (!Number.isSafeInteger(etag)) throw new ETagConflictError(key);
      const result = await q.query(
        'update state set etag = etag + 1, value = $1, updated_at = $2 where key = $3 and etag = $4',
        [json, this.now(), key, etag],
      );
      if (result.rowCount === 0) throw new ETagConflictError(key);
      eTags[key] = String(etag + 1);
    }
    return eTags;
  }

  async delete(keys: string[]): Promise<void> {
    await this.deleteIn(this.db, keys);
  }

  /** `delete` inside the caller's transaction. */
  async deleteIn(q: Queryable, keys: string[]): Promise<void> {
    if (keys.length > 0) await q.query('delete from state where key = any($1)', [keys]);
  }

  async ping(): Promise<void> {
    await this.db.query('select 1 from state limit 1');
  }

  async purgeIdle(before: number): Promise<number> {
    return (await this.db.query('delete from state where updated_at < $1', [before])).rowCount ?? 0;
  }
}
