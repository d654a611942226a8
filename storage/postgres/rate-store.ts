import type { RateHit, RateStore } from '../interfaces.js';
import type { PostgresDatabase } from './database.js';

/** Fixed windows in PostgreSQL: every instance counts together. */
export class PostgresRateStore implements RateStore {
  constructor(private readonly db: PostgresDatabase) {}

  async hit(key: string, limit: number, windowMs: number, now: number): Promise<RateHit> {
    // One statement under the row's lock (a turn pays one round trip for it): a new window, or the next
    // count in the current one. A refused hit leaves the count at `limit + 1`, which says it was refused.
    const { rows } = await this.db.query<{ window_start: number; count: number }>(
      `insert into rate_windows as w (key, window_start, count) values ($1, $2, 1)
       on conflict (key) do update set
         window_start = case when $2 - w.window_start >= $3 then $2 else w.window_start end,
         count = case when $2 - w.window_start >= $3 then 1 else least(w.count + 1, $4 + 1) end
       returning window_start, count`,
      [key, now, windowMs, limit],
    );
    const row = rows[0]!;
    const resetMs = row.window_start + windowMs - now;
    return row.count <= limit
      ? { allowed: true, retryAfterMs: 0, count: row.count, resetMs }
      : { allowed: false, retryAfterMs: resetMs, count: limit, resetMs };
  }

  async purge(before: number): Promise<void> {
    await this.db.query('delete from rate_windows where window_start < $1', [before]);
  }
}
