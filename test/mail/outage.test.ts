import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PdfRenderer } from '../../drafts/pdf-renderer.js';
import type { Mail } from '../../mail/index.js';
import { createMail, DEFAULT_BACKOFF } from '../../mail/index.js';
import { SqliteMailOutbox } from '../../storage/sqlite/mail-outbox.js';
import type { TestSmtp } from './helpers.js';
import {
  freePort,
  outboxRows,
  queueDraftMails,
  recordingLog,
  settingsFor,
  startSmtp,
  testClock,
  testDatabase,
} from './helpers.js';

const pdf = new PdfRenderer();
afterAll(() => pdf.close());

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(smtpUrl: string, sender: Parameters<typeof createMail>[1]['sender'] = {}) {
  const clock = testClock();
  const env = testDatabase(clock.now);
  const log = recordingLog();
  const mail = createMail(settingsFor(smtpUrl), {
    outbox: new SqliteMailOutbox(env.db, clock.now),
    drafts: env.drafts,
    pdf,
    log,
    now: clock.now,
    sender,
  });
  cleanups.push(
    () => env.close(),
    () => mail.stop(),
  );
  return { clock, env, log, mail };
}

async function smtpOn(port = 0): Promise<TestSmtp> {
  const smtp = await startSmtp(port);
  cleanups.push(() => smtp.close());
  return smtp;
}

/** Three mails: the consulent's and the resident's for a draft, and a callback request. */
async function queueThree(mail: Mail, env: ReturnType<typeof testDatabase>) {
  const draft = env.draft({}, (d) => queueDraftMails(mail, d));
  await mail.callbackRequested({ contact: { phone: '06 12345678' }, question: 'Kunt u mij bellen?' });
  return draft;
}

/** Log lines must not carry addresses, names, phone numbers or texts. */
function expectNoPersonalData(lines: unknown) {
  const logged = JSON.stringify(lines);
  for (const personal of ['@', 'Anneke', 'Leesplezier', '06 12345678', 'bellen', 'conceptaanvraag'])
    expect(logged).not.toContain(personal);
}

describe('a mail server that is down', () => {
  it('loses nothing: the mails wait, are retried after 10 s and 30 s, and arrive once when it is back', async () => {
    const port = await freePort();
    const { clock, env, log, mail } = setup(`smtp://127.0.0.1:${port}`);
    const t0 = clock.now();
    await queueThree(mail, env);

    // Down: the first row finds it so; the other two wait as long, without an attempt of their own.
    expect(await mail.sender!.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0, released: 2 });
    let rows = outboxRows(env.db);
    expect(rows.map((r) => [r.status, r.attempts, r.next_attempt_at - t0])).toEqual([
      ['pending', 1, 10 * SECOND],
      ['pending', 0, 10 * SECOND],
      ['pending', 0, 10 * SECOND],
    ]);
    expect(rows[0]!.last_error).toMatch(/^ESOCKET|^ECONNECTION/);

    clock.advance(5 * SECOND);
    expect(await mail.sender!.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0, released: 0 });

    clock.advance(5 * SECOND); // 10 s: the second attempt, still down; the next in 30 s
    expect(await mail.sender!.runOnce()).toMatchObject({ retried: 1, released: 2 });
    rows = outboxRows(env.db);
    expect(rows.map((r) => r.next_attempt_at - t0)).toEqual([40 * SECOND, 40 * SECOND, 40 * SECOND]);

    const smtp = await smtpOn(port); // back
    clock.advance(29 * SECOND);
    expect(await mail.sender!.runOnce()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(0);
    clock.advance(1 * SECOND);
    expect(await mail.sender!.runOnce()).toEqual({ sent: 3, retried: 0, failed: 0, released: 0 });
    expect(smtp.received).toHaveLength(3);

    // Later passes send nothing again.
    for (const later of [1 * MINUTE, 1 * HOUR, 3 * DAY]) {
      clock.set(t0 + later);
      expect(await mail.sender!.runOnce()).toMatchObject({ sent: 0 });
    }
    expect(smtp.received).toHaveLength(3);
    expect(new Set(smtp.received.map((r) => r.parsed.messageId)).size).toBe(3);
    expect(outboxRows(env.db).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);

    expect(log.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'mail not sent yet; tries again',
      'mail not sent yet; tries again',
    ]);
    expectNoPersonalData(log.lines);
  });

  it('answering 451 (try again later): each mail is retried, then delivered exactly once', async () => {
    const smtp = await smtpOn();
    smtp.mode = { code: 451 };
    const { clock, env, log, mail } = setup(smtp.url);
    const t0 = clock.now();
    await queueThree(mail, env);

    expect(await mail.sender!.runOnce()).toEqual({ sent: 0, retried: 3, failed: 0, released: 0 });
    expect(smtp.received).toHaveLength(0);
    expect(outboxRows(env.db).map((r) => [r.attempts, r.next_attempt_at - t0, r.last_error])).toEqual([
      [1, 10 * SECOND, 'EMESSAGE 451 DATA'],
      [1, 10 * SECOND, 'EMESSAGE 451 DATA'],
      [1, 10 * SECOND, 'EMESSAGE 451 DATA'],
    ]);

    smtp.mode = 'accept';
    clock.advance(10 * SECOND);
    expect(await mail.sender!.runOnce()).toMatchObject({ sent: 3 });
    clock.advance(DAY);
    expect(await mail.sender!.runOnce()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(3);
    expect(smtp.received.every((r) => r.parsed.headers.get('date'))).toBe(true);
    expectNoPersonalData(log.lines);
  });

  it('refusing for good (550): not retried, failed at once and logged without personal data', async () => {
    const smtp = await smtpOn();
    smtp.mode = { code: 550 };
    const { env, log, mail } = setup(smtp.url);
    await queueThree(mail, env);
    expect(await mail.sender!.runOnce()).toEqual({ sent: 0, retried: 0, failed: 3, released: 0 });
    const rows = outboxRows(env.db);
    expect(rows.map((r) => [r.status, r.message, r.last_error])).toEqual([
      ['failed', null, 'EMESSAGE 550 DATA'],
      ['failed', null, 'EMESSAGE 550 DATA'],
      ['failed', null, 'EMESSAGE 550 DATA'],
    ]);
    expect(log.lines.map((l) => [l.level, l.message])).toEqual(
      Array(3).fill(['error', 'mail refused by the mail server; not sent']),
    );
    expect(log.lines[0]!.fields).toMatchObject({ kind: 'draft-received', reference: 'MAG-2026-000001' });
    expectNoPersonalData(log.lines);
  });

  it('for three days: tried on the schedule (10 s, 30 s, 2 min, 10 min, 30 min, 1 h, then every 3 h), then given up', async () => {
    const port = await freePort();
    const { clock, env, log, mail } = setup(`smtp://127.0.0.1:${port}`);
    const t0 = clock.now();
    await mail.callbackRequested({ contact: { phone: '06 12345678' }, question: 'Kunt u mij bellen?' });
    const attemptsAt: number[] = [];
    for (let pass = 0; pass < 100; pass++) {
      const report = await mail.sender!.runOnce();
      if (report.retried + report.failed > 0) attemptsAt.push(clock.now() - t0);
      if (report.failed > 0) break;
      const due = await mail.outbox!.nextDueAt();
      if (due === undefined) break;
      clock.set(due);
    }
    const gaps = attemptsAt.slice(1).map((at, i) => at - attemptsAt[i]!);
    expect(gaps.slice(0, 8)).toEqual([
      10 * SECOND,
      30 * SECOND,
      2 * MINUTE,
      10 * MINUTE,
      30 * MINUTE,
      1 * HOUR,
      3 * HOUR,
      3 * HOUR,
    ]);
    // The last attempt falls on the end of the three days exactly, and gives up.
    expect(attemptsAt.at(-1)).toBe(3 * DAY);
    expect(attemptsAt.slice(0, -1).every((at) => at < 3 * DAY)).toBe(true);
    expect(attemptsAt).toHaveLength(31);
    const [row] = outboxRows(env.db);
    expect([row!.status, row!.attempts, row!.message]).toEqual(['failed', 31, null]);
    expect(log.lines.at(-1)).toMatchObject({
      level: 'error',
      message: 'mail could not be sent in time; given up',
      fields: { kind: 'callback-requested', attempts: 31 },
    });
    expectNoPersonalData(log.lines);
  });
});

describe('the sender on its own timer', () => {
  it('sends a queued mail at once, retries a server that is down, and delivers once when it is back', async () => {
    const port = await freePort();
    const backoff = { delaysMs: [100, 200], thenEveryMs: 200, giveUpAfterMs: 60 * SECOND };
    const env = testDatabase(Date.now);
    const mail = createMail(settingsFor(`smtp://127.0.0.1:${port}`), {
      outbox: new SqliteMailOutbox(env.db),
      drafts: env.drafts,
      pdf,
      // A poll far longer than the test: only the wake-up on enqueue and the backoff move it.
      sender: { backoff, pollMs: 60 * SECOND },
    });
    cleanups.push(
      () => env.close(),
      () => mail.stop(),
    );
    mail.start();
    await mail.callbackRequested({ contact: { phone: '06 12345678' }, question: 'Eerste vraag' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(outboxRows(env.db)[0]!.attempts).toBeGreaterThanOrEqual(2);

    const smtp = await smtpOn(port);
    const [arrived] = await smtp.waitFor(1, 3000);
    expect(arrived!.parsed.text).toContain('Eerste vraag');

    // Up: a new mail goes at once, woken by its enqueue (the poll would take a minute).
    const queued = performance.now();
    await mail.callbackRequested({ contact: { phone: '06 12345678' }, question: 'Tweede vraag' });
    await smtp.waitFor(2, 3000);
    const latencyMs = performance.now() - queued;
    expect(latencyMs).toBeLessThan(1000);
    console.log(`mail queued to accepted by the SMTP server: ${latencyMs.toFixed(0)} ms`);

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received).toHaveLength(2);
    expect(outboxRows(env.db).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('uses the default schedule unless told otherwise', () => {
    expect(DEFAULT_BACKOFF.delaysMs).toEqual([10_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000]);
  });
});
