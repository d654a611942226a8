import { afterEach, describe, expect, it } from 'vitest';
import type { OutgoingMail } from '../../mail/index.js';
import { openDatabase } from '../../storage/sqlite/database.js';
import { SqliteMailOutbox } from '../../storage/sqlite/mail-outbox.js';
import { outboxRows, testClock, testDatabase } from './helpers.js';

const MAIL: OutgoingMail = {
  kind: 'draft-confirmation',
  to: ['anneke@example.org'],
  subject: 'Uw conceptaanvraag MAG-2026-000001',
  text: 'Beste Anneke,',
  reference: 'MAG-2026-000001',
  attachments: [{ kind: 'draft-pdf', draftId: 'd1', lang: 'nl' }],
};

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function store() {
  const clock = testClock();
  const env = testDatabase(clock.now);
  cleanups.push(env.close);
  return { clock, env, outbox: new SqliteMailOutbox(env.db, clock.now) };
}

describe('SqliteMailOutbox', () => {
  it('gives a claimed row to nobody else while its lease lasts; only the claim token reschedules it', async () => {
    const { clock, env, outbox } = store();
    const id = await outbox.enqueue(MAIL);
    const t0 = clock.now();
    const [claim] = await outbox.claim(t0, 60_000, 10);
    expect(claim).toMatchObject({ id, mail: MAIL, attempts: 1, createdAt: t0, lockedUntil: t0 + 60_000 });
    expect(await outbox.claim(t0 + 59_999, 60_000, 10)).toEqual([]);
    expect(await outbox.nextDueAt()).toBe(t0 + 60_000);

    expect(await outbox.reschedule(id, 'not-the-token', t0 + 10_000, 'ESOCKET')).toBe(false);
    expect(await outbox.reschedule(id, claim!.token, t0 + 10_000, 'ESOCKET')).toBe(true);
    expect(outboxRows(env.db)[0]).toMatchObject({ locked_until: null, last_error: 'ESOCKET' });
    expect(await outbox.claim(t0 + 9_999, 60_000, 10)).toEqual([]);
    const [again] = await outbox.claim(t0 + 10_000, 60_000, 10);
    expect(again!.attempts).toBe(2);
    expect(again!.token).not.toBe(claim!.token);
    // The old claim cannot fail or release the row that is someone else's now.
    expect(await outbox.markFailed(id, claim!.token, t0, 'x')).toBe(false);
    expect(await outbox.release(id, claim!.token)).toBe(false);
  });

  it('erases recipients, subject and text when a row is finished, and purges finished rows later', async () => {
    const { clock, env, outbox } = store();
    const sent = await outbox.enqueue(MAIL);
    const failed = await outbox.enqueue({ ...MAIL, kind: 'status-changed' });
    const claims = await outbox.claim(clock.now(), 60_000, 10);
    expect(await outbox.markSent(sent, clock.now())).toBe(true);
    expect(await outbox.markSent(sent, clock.now())).toBe(false);
    expect(await outbox.markFailed(failed, claims[1]!.token, clock.now(), 'EENVELOPE 550 RCPT TO')).toBe(
      true,
    );
    expect(outboxRows(env.db).map((r) => [r.kind, r.reference, r.status, r.message])).toEqual([
      ['draft-confirmation', 'MAG-2026-000001', 'sent', null],
      ['status-changed', 'MAG-2026-000001', 'failed', null],
    ]);
    expect(JSON.stringify(outboxRows(env.db))).not.toMatch(/anneke|Beste|Uw conceptaanvraag/);
    expect(await outbox.nextDueAt()).toBeUndefined();
    expect(outbox.counts()).toEqual({ pending: 0, sent: 1, failed: 1 });

    expect(await outbox.purgeFinished(clock.now())).toBe(0);
    expect(await outbox.purgeFinished(clock.now() + 1)).toBe(2);
    expect(outboxRows(env.db)).toEqual([]);
  });

  it('releases a claim without counting it, due at once or when told', async () => {
    const { clock, outbox } = store();
    const id = await outbox.enqueue(MAIL);
    const t0 = clock.now();
    const [claim] = await outbox.claim(t0, 60_000, 10);
    expect(await outbox.release(id, claim!.token)).toBe(true);
    const [next] = await outbox.claim(t0, 60_000, 10);
    expect(next!.attempts).toBe(1);
    expect(await outbox.release(id, next!.token, t0 + 5_000)).toBe(true);
    expect(await outbox.claim(t0 + 4_999, 60_000, 10)).toEqual([]);
    expect(await outbox.claim(t0 + 5_000, 60_000, 10)).toHaveLength(1);
  });

  it('claims the oldest first, at most `limit`, and fails a row that cannot be read instead of retrying it', async () => {
    const { clock, env, outbox } = store();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await outbox.enqueue({ ...MAIL, subject: `${i}` }));
      clock.advance(1);
    }
    env.db.prepare("update mail_outbox set message = '{not json' where id = ?").run(ids[1]);
    const first = await outbox.claim(clock.now(), 60_000, 3);
    expect(first.map((c) => c.mail.subject)).toEqual(['0', '2']);
    expect(outboxRows(env.db)[1]).toMatchObject({ status: 'failed', last_error: 'unreadable' });
    expect((await outbox.claim(clock.now(), 60_000, 3)).map((c) => c.mail.subject)).toEqual(['3', '4']);
  });

  it('wakes its listeners after a mail was queued, also from inside a transaction once it commits', async () => {
    const { env, outbox } = store();
    let woken = 0;
    const stop = outbox.onEnqueued(() => woken++);
    env.db.transaction(() => {
      outbox.enqueueNow(MAIL);
      expect(woken).toBe(0);
    })();
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toBe(1);
    stop();
    await outbox.enqueue(MAIL);
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toBe(1);
  });

  it('is a table of the database: a second connection to the file sees what the first queued', async () => {
    const { env, outbox } = store();
    await outbox.enqueue(MAIL);
    const other = openDatabase(env.path);
    try {
      expect(new SqliteMailOutbox(other).counts()).toEqual({ pending: 1, sent: 0, failed: 0 });
    } finally {
      other.close();
    }
  });
});
