import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PdfRenderer } from '../../drafts/pdf-renderer.js';
import type { MailOutbox } from '../../mail/index.js';
import { createMail, MailSender } from '../../mail/index.js';
import { openDatabase } from '../../storage/sqlite/database.js';
import { SqliteDraftStore } from '../../storage/sqlite/draft-store.js';
import { SqliteMailOutbox } from '../../storage/sqlite/mail-outbox.js';
import { newDraft } from '../drafts/fixtures.js';
import type { TestSmtp } from './helpers.js';
import {
  FROM,
  outboxRows,
  queueDraftMails,
  settingsFor,
  startSmtp,
  testClock,
  testDatabase,
} from './helpers.js';

const pdf = new PdfRenderer();
afterAll(() => pdf.close());

const LEASE = 3 * 60_000;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function smtpServer(): Promise<TestSmtp> {
  const smtp = await startSmtp();
  cleanups.push(() => smtp.close());
  return smtp;
}

/** A process on the database file: its own connection, outbox and sender. */
function processOn(path: string, smtpUrl: string, now: () => number, outbox?: (o: MailOutbox) => MailOutbox) {
  const db = openDatabase(path);
  const drafts = new SqliteDraftStore(db, () => new Date(now()));
  const mail = createMail(settingsFor(smtpUrl), {
    outbox: new SqliteMailOutbox(db, now),
    drafts,
    pdf,
    now,
    sender: { leaseMs: LEASE, stopGraceMs: 200 },
  });
  const own = mail.outbox!;
  const sender = outbox
    ? new MailSender({ outbox: outbox(own), smtpUrl, from: FROM, now, leaseMs: LEASE })
    : mail.sender!;
  let key = 0;
  const process = {
    db,
    mail,
    outbox: own,
    sender,
    /** A draft stored as a turn stores it, its mails queued in the same transaction. */
    draft: () =>
      db.transaction(() => {
        const { draft } = drafts.createNow(newDraft(), `${path}/${key++}`, 2026);
        queueDraftMails(mail, draft);
        return draft;
      })(),
  };
  cleanups.push(async () => {
    await sender.stop();
    await mail.stop();
    if (db.open) db.close();
  });
  return process;
}

describe('a restart', () => {
  it('sends a row that a process claimed before it died, after its lease, and only once', async () => {
    const smtp = await smtpServer();
    const clock = testClock();
    const env = testDatabase(clock.now);
    cleanups.push(() => env.close());

    // The first process queues a draft's mails, claims them, and dies before it sends.
    const first = processOn(env.path, smtp.url, clock.now);
    first.draft();
    const claimed = await first.outbox.claim(clock.now(), LEASE, 10);
    expect(claimed).toHaveLength(2);
    first.db.close();

    const second = processOn(env.path, smtp.url, clock.now);
    clock.advance(LEASE - 1000);
    expect(await second.sender.runOnce()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(0);

    clock.advance(1000); // the lease is over: the rows are the next process's
    expect(await second.sender.runOnce()).toMatchObject({ sent: 2 });
    clock.advance(24 * 3_600_000);
    expect(await second.sender.runOnce()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(2);
    // The claim that died counted as an attempt.
    expect(outboxRows(env.db).map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 2],
      ['sent', 2],
    ]);

    // And a third start sends nothing of it again.
    const third = processOn(env.path, smtp.url, clock.now);
    expect(await third.sender.runOnce()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(2);
  });

  it('sends what was queued but never claimed, at once', async () => {
    const smtp = await smtpServer();
    const clock = testClock();
    const env = testDatabase(clock.now);
    cleanups.push(() => env.close());
    const first = processOn(env.path, smtp.url, clock.now);
    first.draft();
    first.db.close();

    const second = processOn(env.path, smtp.url, clock.now);
    expect(await second.sender.runOnce()).toMatchObject({ sent: 2 });
    expect(smtp.received).toHaveLength(2);
  });

  it('after a graceful stop during a delivery: the row is released, and the next start sends it at once', async () => {
    const smtp = await smtpServer();
    smtp.mode = 'hold'; // reads the message, never answers
    const clock = testClock();
    const env = testDatabase(clock.now);
    cleanups.push(() => env.close());
    const first = processOn(env.path, smtp.url, clock.now);
    await first.mail.callbackRequested({ contact: { phone: '06 12345678' }, question: 'Bellen?' });
    const run = first.sender.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await first.sender.stop(); // 200 ms of grace, then the delivery is aborted
    expect(await run).toMatchObject({ sent: 0, released: 1 });
    expect(outboxRows(env.db).map((r) => [r.status, r.attempts, r.locked_until])).toEqual([
      ['pending', 0, null],
    ]);

    smtp.mode = 'accept';
    const second = processOn(env.path, smtp.url, clock.now);
    expect(await second.sender.runOnce()).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it('after a crash between "accepted" and "marked sent": sent again with the same Message-ID, then never again', async () => {
    const smtp = await smtpServer();
    const clock = testClock();
    const env = testDatabase(clock.now);
    cleanups.push(() => env.close());
    // The process dies the moment the server has accepted: its mark never reaches the database.
    const crashing = processOn(env.path, smtp.url, clock.now, (outbox) =>
      Object.assign(Object.create(outbox) as MailOutbox, {
        markSent: () => Promise.reject(new Error('killed')),
      }),
    );
    await crashing.mail.callbackRequested({ contact: { phone: '06 12345678' }, question: 'Bellen?' });
    await expect(crashing.sender.runOnce()).rejects.toThrow('killed');
    expect(smtp.received).toHaveLength(1);
    crashing.db.close();

    const next = processOn(env.path, smtp.url, clock.now);
    clock.advance(LEASE);
    expect(await next.sender.runOnce()).toMatchObject({ sent: 1 });
    clock.advance(3_600_000);
    expect(await next.sender.runOnce()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(2);
    const [first, again] = smtp.received.map((r) => r.parsed.messageId);
    expect(first).toMatch(/^<[0-9a-f-]{36}\.outbox@hardinxveld-giessendam\.nl>$/);
    expect(again).toBe(first);
  });
});

describe('two senders on one database file', () => {
  it('never send the same row: 30 mails, two processes draining at once, 30 messages', async () => {
    const smtp = await smtpServer();
    const clock = testClock();
    const env = testDatabase(clock.now);
    cleanups.push(() => env.close());
    const queuer = new SqliteMailOutbox(env.db, clock.now);
    for (let i = 0; i < 30; i++) {
      await queuer.enqueue({
        kind: 'callback-requested',
        to: [`person${i}@example.org`],
        subject: `Vraag ${i}`,
        text: `Vraag nummer ${i}`,
      });
    }
    const a = processOn(env.path, smtp.url, clock.now);
    const b = processOn(env.path, smtp.url, clock.now);
    // Small batches, so the two interleave their claims while the other is sending.
    const senders = [a, b].map(
      (p) =>
        new MailSender({ outbox: p.outbox, smtpUrl: smtp.url, from: FROM, now: clock.now, batchSize: 2 }),
    );
    cleanups.push(() => Promise.all(senders.map((s) => s.stop())));
    // Two timers of the same sender as well: its passes do not overlap.
    const reports = await Promise.all([senders[0]!.runOnce(), senders[1]!.runOnce(), senders[0]!.runOnce()]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(30);
    expect(reports[0]!.sent).toBeGreaterThan(0);
    expect(reports[1]!.sent).toBeGreaterThan(0);
    expect(smtp.received).toHaveLength(30);
    expect(new Set(smtp.received.map((r) => r.parsed.subject)).size).toBe(30);
    expect(new Set(smtp.received.map((r) => r.parsed.messageId)).size).toBe(30);
    console.log(`two senders: ${reports[0]!.sent} and ${reports[1]!.sent} of 30 mails, none twice`);
  });
});
