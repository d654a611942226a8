import { randomUUID } from 'node:crypto';
import type { ClaimedMail, MailOutbox, OutboxStatus, OutgoingMail } from '../../mail/outbox.js';
import { type ClaimRow, claimsOf } from '../outbox-rows.js';
import type { PostgresDatabase, Queryable } from './database.js';

/**
 * The mail outbox in PostgreSQL (`mail_outbox`), shared by every instance. A row is claimed by one
 * `update … returning` whose rows are picked `for update skip locked`: two instances claiming at once
 * never get the same row (one skips what the other is taking, and a row taken meanwhile is re-checked
 * against its new lease). Sent and failed rows keep only what the logs keep (kind, reference, attempts,
 * times, an error code): recipients, subject and text are erased when a row is finished.
 */
export class PostgresMailOutbox implements MailOutbox {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly db: PostgresDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Queues `mail` in the caller's transaction `q`: the row exists exactly when that transaction commits.
   * The listeners are not called (the row is not visible yet): after the commit, call `notifyEnqueued()`.
   */
  async enqueueIn(q: Queryable, mail: OutgoingMail): Promise<string> {
    const id = randomUUID();
    const at = this.now();
    await q.query(
      `insert into mail_outbox (id, kind, reference, message, created_at, next_attempt_at)
       values ($1, $2, $3, $4, $5, $6)`,
      [id, mail.kind, mail.reference ?? null, JSON.stringify(mail), at, at],
    );
    return id;
  }

  async enqueue(mail: OutgoingMail): Promise<string> {
    const id = await this.enqueueIn(this.db, mail);
    // Committed already (a statement on its own); the listeners run once the caller has its id.
    if (this.listeners.size > 0) setImmediate(() => this.notifyEnqueued());
    return id;
  }

  onEnqueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Wakes this process's listeners (its sender). For rows queued with `enqueueIn`: call it after the
   * transaction committed (calling it after a rollback is harmless: the sender finds nothing).
   */
  notifyEnqueued(): void {
    for (const listener of this.listeners) listener();
  }

  async claim(now: number, leaseMs: number, limit: number): Promise<ClaimedMail[]> {
    const token = randomUUID();
    const lockedUntil = now + leaseMs;
    const { rows } = await this.db.query<ClaimRow>(
      `update mail_outbox set locked_until = $1, claim_token = $2, attempts = attempts + 1
       where id in (
         select id from mail_outbox
         where status = 'pending' and next_attempt_at <= $3 and (locked_until is null or locked_until <= $3)
         order by next_attempt_at, created_at limit $4
         for update skip locked
       )
       returning id, message, attempts, created_at, locked_until`,
      [lockedUntil, token, now, limit],
    );
    const { claimed, unreadable } = claimsOf(rows, token);
    // A row whose message cannot be read is never sendable: failed at once, not retried for days.
    for (const id of unreadable) await this.finish(id, 'failed', now, 'unreadable');
    return claimed;
  }

  async markSent(id: string, now: number): Promise<boolean> {
    return this.finish(id, 'sent', now, null);
  }

  async reschedule(id: string, token: string, at: number, error: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `update mail_outbox set next_attempt_at = $1, last_error = $2, locked_until = null, claim_token = null
       where id = $3 and claim_token = $4 and status = 'pending'`,
      [at, error, id, token],
    );
    return rowCount === 1;
  }

  async markFailed(id: string, token: string, now: number, error: string): Promise<boolean> {
    return this.finish(id, 'failed', now, error, token);
  }

  async release(id: string, token: string, at?: number): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `update mail_outbox set attempts = greatest(attempts - 1, 0), locked_until = null, claim_token = null,
         next_attempt_at = coalesce($1, next_attempt_at)
       where id = $2 and claim_token = $3 and status = 'pending'`,
      [at ?? null, id, token],
    );
    return rowCount === 1;
  }

  async nextDueAt(): Promise<number | undefined> {
    const { rows } = await this.db.query<{ due: number | null }>(
      `select min(greatest(next_attempt_at, coalesce(locked_until, 0))) as due
       from mail_outbox where status = 'pending'`,
    );
    return rows[0]?.due ?? undefined;
  }

  async purgeFinished(before: number): Promise<number> {
    const { rowCount } = await this.db.query(
      "delete from mail_outbox where status in ('sent', 'failed') and finished_at < $1",
      [before],
    );
    return rowCount ?? 0;
  }

  /** Rows per status (tests, a health page). */
  async counts(): Promise<Record<OutboxStatus, number>> {
    const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0 };
    const { rows } = await this.db.query<{ status: OutboxStatus; n: number }>(
      'select status, count(*) as n from mail_outbox group by status',
    );
    for (const { status, n } of rows) counts[status] = n;
    return counts;
  }

  private async finish(
    id: string,
    status: 'sent' | 'failed',
    now: number,
    error: string | null,
    token?: string,
  ): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `update mail_outbox set status = $1, finished_at = $2, last_error = coalesce($3, last_error),
         message = null, locked_until = null, claim_token = null
       where id = $4 and status = 'pending' ${token === undefined ? '' : 'and claim_token = $5'}`,
      [status, now, error, id, ...(token === undefined ? [] : [token])],
    );
    return rowCount === 1;
  }
}
