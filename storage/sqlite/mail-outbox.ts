import { randomUUID } from 'node:crypto';
import type { ClaimedMail, OutboxStatus, OutgoingMail, TransactionalMailOutbox } from '../../mail/outbox.js';
import { type ClaimRow, claimsOf } from '../outbox-rows.js';
import type { SqliteDatabase } from './database.js';

/**
 * The mail outbox in SQLite (`mail_outbox`). A row is claimed by one `update … returning` statement, which
 * SQLite runs under its write lock: two processes on the same file, or two timers in one, never get the
 * same row while its lease lasts. Sent and failed rows keep only what the logs keep (kind, reference,
 * attempts, times, an error code): recipients, subject and text are erased when a row is finished.
 */
export class SqliteMailOutbox implements TransactionalMailOutbox {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  enqueueNow(mail: OutgoingMail): string {
    const id = randomUUID();
    const at = this.now();
    this.db
      .prepare(
        'insert into mail_outbox (id, kind, reference, message, created_at, next_attempt_at) values (?, ?, ?, ?, ?, ?)',
      )
      .run(id, mail.kind, mail.reference ?? null, JSON.stringify(mail), at, at);
    // Inside a transaction the row is not committed yet: the listeners run after the current synchronous
    // work, when it is (or, rolled back, find nothing).
    if (this.listeners.size > 0) setImmediate(() => this.notify());
    return id;
  }

  async enqueue(mail: OutgoingMail): Promise<string> {
    return this.enqueueNow(mail);
  }

  onEnqueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  async claim(now: number, leaseMs: number, limit: number): Promise<ClaimedMail[]> {
    const token = randomUUID();
    const lockedUntil = now + leaseMs;
    const rows = this.db
      .prepare<[number, string, number, number, number], ClaimRow>(
        `update mail_outbox set locked_until = ?, claim_token = ?, attempts = attempts + 1
         where id in (
           select id from mail_outbox
           where status = 'pending' and next_attempt_at <= ? and (locked_until is null or locked_until <= ?)
           order by next_attempt_at, created_at limit ?
         )
         returning id, message, attempts, created_at, locked_until`,
      )
      .all(lockedUntil, token, now, now, limit);
    const { claimed, unreadable } = claimsOf(rows, token);
    // A row whose message cannot be read is never sendable: failed at once, not retried for days.
    for (const id of unreadable) this.finish(id, 'failed', now, 'unreadable');
    return claimed;
  }

  async markSent(id: string, now: number): Promise<boolean> {
    return this.finish(id, 'sent', now, null);
  }

  async reschedule(id: string, token: string, at: number, error: string): Promise<boolean> {
    const { changes } = this.db
      .prepare(
        `update mail_outbox set next_attempt_at = ?, last_error = ?, locked_until = null, claim_token = null
         where id = ? and claim_token = ? and status = 'pending'`,
      )
      .run(at, error, id, token);
    return changes === 1;
  }

  async markFailed(id: string, token: string, now: number, error: string): Promise<boolean> {
    return this.finish(id, 'failed', now, error, token);
  }

  async release(id: string, token: string, at?: number): Promise<boolean> {
    const { changes } = this.db
      .prepare(
        `update mail_outbox set attempts = max(attempts - 1, 0), locked_until = null, claim_token = null,
           next_attempt_at = coalesce(?, next_attempt_at)
         where id = ? and claim_token = ? and status = 'pending'`,
      )
      .run(at ?? null, id, token);
    return changes === 1;
  }

  async nextDueAt(): Promise<number | undefined> {
    const row = this.db
      .prepare<[], { due: number | null }>(
        `select min(max(next_attempt_at, coalesce(locked_until, 0))) as due
         from mail_outbox where status = 'pending'`,
      )
      .get();
    return row?.due ?? undefined;
  }

  async purgeFinished(before: number): Promise<number> {
    return this.db
      .prepare("delete from mail_outbox where status in ('sent', 'failed') and finished_at < ?")
      .run(before).changes;
  }

  /** Rows per status (tests, a health page). */
  counts(): Record<OutboxStatus, number> {
    const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0 };
    const rows = this.db
      .prepare<[], { status: OutboxStatus; n: number }>(
        'select status, count(*) as n from mail_outbox group by status',
      )
      .all();
    for (const { status, n } of rows) counts[status] = n;
    return counts;
  }

  private finish(
    id: string,
    status: 'sent' | 'failed',
    now: number,
    error: string | null,
    token?: string,
  ): boolean {
    const { changes } = this.db
      .prepare(
        `update mail_outbox set status = ?, finished_at = ?, last_error = coalesce(?, last_error),
           message = null, locked_until = null, claim_token = null
         where id = ? and status = 'pending' ${token === undefined ? '' : 'and claim_token = ?'}`,
      )
      .run(status, now, error, id, ...(token === undefined ? [] : [token]));
    return changes === 1;
  }
}
