import type { AuthStore } from '../interfaces.js';
import type { PostgresDatabase } from './database.js';

/** Sign-in attempts and revoked sessions in PostgreSQL: every instance sees the same counts. */
export class PostgresAuthStore implements AuthStore {
  constructor(private readonly db: PostgresDatabase) {}

  async reserveAttempt(key: string, now: number, limit: number, windowMs: number) {
    return this.db.transaction(async (client) => {
      // The row is made first and then locked: two requests never both take the last attempt.
      await client.query(
        'insert into login_attempts (key, window_start, attempts, blocked_until) values ($1, $2, 0, 0) on conflict (key) do nothing',
        [key, now],
      );
      const { rows } = await client.query<{ window_start: number; attempts: number; blocked_until: number }>(
        'select window_start, attempts, blocked_until from login_attempts where key = $1 for update',
        [key],
      );
      const row = rows[0]!;
      if (row.blocked_until > now) {
        return { allowed: false, retryAfterMs: row.blocked_until - now, remaining: 0 };
      }
      const fresh = now - row.window_start > windowMs;
      const attempts = (fresh ? 0 : row.attempts) + 1;
      const windowStart = fresh ? now : row.window_start;
      const blockedUntil = attempts > limit ? now + windowMs : 0;
      await client.query(
        'update login_attempts set window_start = $2, attempts = $3, blocked_until = $4 where key = $1',
        [key, windowStart, attempts, blockedUntil],
      );
      return blockedUntil > 0
        ? { allowed: false, retryAfterMs: windowMs, remaining: 0 }
        : { allowed: true, retryAfterMs: 0, remaining: limit - attempts };
    });
  }

  async clearAttempts(key: string): Promise<void> {
    await this.db.query('delete from login_attempts where key = $1', [key]);
  }

  async revokeSession(id: string, expires: number): Promise<void> {
    await this.db.query(
      'insert into revoked_sessions (id, expires) values ($1, $2) on conflict (id) do update set expires = excluded.expires',
      [id, expires],
    );
  }

  async isRevoked(id: string, now: number): Promise<boolean> {
    const { rows } = await this.db.query('select 1 from revoked_sessions where id = $1 and expires > $2', [
      id,
      now,
    ]);
    return rows.length > 0;
  }

  async purge(now: number, windowMs: number): Promise<void> {
    await this.db.query('delete from revoked_sessions where expires <= $1', [now]);
    await this.db.query('delete from login_attempts where blocked_until <= $1 and window_start <= $2', [
      now,
      now - windowMs,
    ]);
  }
}
