import type { AuthStore } from '../interfaces.js';
import type { SqliteDatabase } from './database.js';

/** Sign-in attempts and revoked sessions in SQLite: every process on the file sees the same counts. */
export class SqliteAuthStore implements AuthStore {
  private readonly reserve;
  private readonly statements;

  constructor(db: SqliteDatabase) {
    this.statements = {
      get: db.prepare<[string], { window_start: number; attempts: number; blocked_until: number }>(
        'select window_start, attempts, blocked_until from login_attempts where key = ?',
      ),
      put: db.prepare(
        `insert into login_attempts (key, window_start, attempts, blocked_until) values (?, ?, ?, ?)
         on conflict (key) do update set window_start = excluded.window_start, attempts = excluded.attempts,
           blocked_until = excluded.blocked_until`,
      ),
      clear: db.prepare('delete from login_attempts where key = ?'),
      revoke: db.prepare('insert or replace into revoked_sessions (id, expires) values (?, ?)'),
      revoked: db.prepare<[string, number], { id: string }>(
        'select id from revoked_sessions where id = ? and expires > ?',
      ),
      purgeRevoked: db.prepare('delete from revoked_sessions where expires <= ?'),
      purgeAttempts: db.prepare('delete from login_attempts where blocked_until <= ? and window_start <= ?'),
    };
    const s = this.statements;
    // Read and write in one immediate transaction: two requests never both take the last attempt.
    this.reserve = db.transaction((key: string, now: number, limit: number, windowMs: number) => {
      const row = s.get.get(key);
      if (row && row.blocked_until > now) {
        return { allowed: false, retryAfterMs: row.blocked_until - now, remaining: 0 };
      }
      const fresh = !row || now - row.window_start > windowMs;
      const attempts = (fresh ? 0 : row.attempts) + 1;
      const windowStart = fresh ? now : row.window_start;
      const blockedUntil = attempts > limit ? now + windowMs : 0;
      s.put.run(key, windowStart, attempts, blockedUntil);
      return blockedUntil > 0
        ? { allowed: false, retryAfterMs: windowMs, remaining: 0 }
        : { allowed: true, retryAfterMs: 0, remaining: limit - attempts };
    });
  }

  async reserveAttempt(key: string, now: number, limit: number, windowMs: number) {
    return this.reserve.immediate(key, now, limit, windowMs);
  }

  async clearAttempts(key: string): Promise<void> {
    this.statements.clear.run(key);
  }

  async revokeSession(id: string, expires: number): Promise<void> {
    this.statements.revoke.run(id, expires);
  }

  async isRevoked(id: string, now: number): Promise<boolean> {
    return this.statements.revoked.get(id, now) !== undefined;
  }

  async purge(now: number, windowMs: number): Promise<void> {
    this.statements.purgeRevoked.run(now);
    this.statements.purgeAttempts.run(now, now - windowMs);
  }
}
