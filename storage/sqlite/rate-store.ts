import type { RateHit, RateStore } from '../interfaces.js';
import type { SqliteDatabase } from './database.js';

/** Fixed windows in SQLite: every process on the same file counts together. */
export class SqliteRateStore implements RateStore {
  private readonly hitTransaction;
  private readonly purgeStatement;

  constructor(db: SqliteDatabase) {
    const select = db.prepare<[string], { window_start: number; count: number }>(
      'select window_start, count from rate_windows where key = ?',
    );
    const upsert = db.prepare(
      'insert into rate_windows (key, window_start, count) values (?, ?, ?) on conflict (key) do update set window_start = excluded.window_start, count = excluded.count',
    );
    this.hitTransaction = db.transaction(
      (key: string, limit: number, windowMs: number, now: number): RateHit => {
        const row = select.get(key);
        const current = row && now - row.window_start < windowMs ? row : { window_start: now, count: 0 };
        if (current.count >= limit) {
          const resetMs = current.window_start + windowMs - now;
          return { allowed: false, retryAfterMs: resetMs, count: current.count, resetMs };
        }
        upsert.run(key, current.window_start, current.count + 1);
        return {
          allowed: true,
          retryAfterMs: 0,
          count: current.count + 1,
          resetMs: current.window_start + windowMs - now,
        };
      },
    );
    this.purgeStatement = db.prepare('delete from rate_windows where window_start < ?');
  }

  async hit(key: string, limit: number, windowMs: number, now: number): Promise<RateHit> {
    return this.hitTransaction.immediate(key, limit, windowMs, now);
  }

  async purge(before: number): Promise<void> {
    this.purgeStatement.run(before);
  }
}
