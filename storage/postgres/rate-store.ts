import type { RateHit, RateStore } from '../interfaces.js';
import type { PostgresDatabase } from './database.js';

/** Fixed windows in PostgreSQL: every instance counts together. */
export class PostgresRateStore implements RateStore {
  constructor(private readonly db: PostgresDatabase) {}

  async hit(key: string, limit: number, windowMs: number, now: number): Promise<RateHit> {
    return this.db.transaction(async (client) => {
      // The row is made first and then locked: instances counting the same key take turns.
      await client.query(
        'insert into rate_windows (key, window_start, count) values ($1, $2, 0) on conflict (key) do nothing',
        [key, now],
      );
      const { rows } = await client.query<{ window_start: number; count: number }>(
        'select window_start, count from rate_windows where key = $1 for update',
        [key],
      );
      const row = rows[0]!;
      const current = now - row.window_start < windowMs ? row : { window_start: now, count: 0 };
      if (current.count >= limit) {
        const resetMs = current.window_start + windowMs - now;
        return { allowed: false, retryAfterMs: resetMs, count: current.count, resetMs };
      }
      await client.query('update rate_windows set window_start = $2, count = $3 where key = $1', [
        key,
        current.window_start,
        current.count + 1,
      ]);
      return {
        allowed: true,
        retryAfterMs: 0,
        count: current.count + 1,
        resetMs: current.window_start + windowMs - now,
      };
    });
  }

  async purge(before: number): Promise<void> {
    await this.db.query('delete from rate_windows where window_start < $1', [before]);
  }
}
