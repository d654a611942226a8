import type { StoreItem, StoreItems } from 'botbuilder';
import type { ConversationStateStore } from '../interfaces.js';
import { ETagConflictError, firstETag } from '../interfaces.js';
import type { SqliteDatabase } from './database.js';

export { ETagConflictError } from '../interfaces.js';

/**
 * botbuilder's `Storage` in SQLite, with optimistic concurrency: an item written with the eTag it was read
 * with succeeds only if nobody wrote in between; `*` or no eTag overwrites (botbuilder's convention).
 */
export class SqliteStorage implements ConversationStateStore {
  private readonly select;
  private readonly selectUnlessCurrent;
  private readonly insert;
  private readonly update;
  private readonly remove;
  private readonly purge;
  private readonly pingStatement;
  private readonly writeTransaction: (changes: StoreItems) => void;

  constructor(
    db: SqliteDatabase,
    private readonly now: () => number = Date.now,
  ) {
    this.select = db.prepare<[string], { value: string; etag: number }>(
      'select value, etag from state where key = ?',
    );
    this.selectUnlessCurrent = db.prepare<[number, string], { value: string | null; etag: number }>(
      'select case when etag = ? then null else value end as value, etag from state where key = ?',
    );
    this.insert = db.prepare<[string, number, string, number], { etag: number }>(
      'insert into state (key, etag, value, updated_at) values (?, ?, ?, ?) on conflict (key) do update set etag = etag + 1, value = excluded.value, updated_at = excluded.updated_at returning etag',
    );
    this.update = db.prepare(
      'update state set etag = etag + 1, value = ?, updated_at = ? where key = ? and etag = ?',
    );
    this.remove = db.prepare('delete from state where key = ?');
    this.purge = db.prepare('delete from state where updated_at < ?');
    this.pingStatement = db.prepare('select 1');
    this.writeTransaction = db.transaction((changes: StoreItems) => this.writeBatch(changes));
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.select.get(key);
      if (row) items[key] = { ...JSON.parse(row.value), eTag: String(row.etag) };
    }
    return items;
  }

  async readUnlessCurrent(key: string, eTag: string): Promise<StoreItem | undefined | 'current'> {
    const row = this.selectUnlessCurrent.get(Number(eTag), key);
    if (!row) return undefined;
    if (row.value === null) return 'current';
    return { ...JSON.parse(row.value), eTag: String(row.etag) };
  }

  async write(changes: StoreItems): Promise<void> {
    this.writeTransaction(changes);
  }

  /**
   * `write` inside the caller's transaction (`SqliteTurnStore`): a conflict throws, and the turn's own
   * savepoint there undoes the whole batch and the rest of the turn; this adds no savepoint of its own.
   */
  writeNow(changes: StoreItems): Record<string, string> {
    return this.writeBatch(changes);
  }

  /** `delete` inside the caller's transaction. */
  deleteNow(keys: string[]): void {
    for (const key of keys) this.remove.run(key);
  }

  // All or nothing: one conflicting item leaves every item of the batch unwritten. Gives the new eTags.
  private writeBatch(changes: StoreItems): Record<string, string> {
    const eTags: Record<string, string> = {};
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as { eTag?: string };
      const json = JSON.stringify(value);
      if (eTag === undefined || eTag === '*') {
        eTags[key] = String(this.insert.get(key, firstETag(), json, this.now())!.etag);
        continue;
      }
      const result = this.update.run(json, this.now(), key, Number(eTag));
      if (result.changes === 0) throw new ETagConflictError(key);
      eTags[key] = String(Number(eTag) + 1);
    }
    return eTags;
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.remove.run(key);
  }

  /** Forgets every item not written since `before` (epoch ms); returns how many. */
  async ping(): Promise<void> {
    this.pingStatement.get();
  }

  async purgeIdle(before: number): Promise<number> {
    return this.purge.run(before).changes;
  }
}
