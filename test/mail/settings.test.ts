import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.js';
import type { DraftApplication } from '../../drafts/draft.js';
import type { Backoff } from '../../mail/index.js';
import {
  createMail,
  DEFAULT_BACKOFF,
  delayAfter,
  mailSettingsOf,
  mailStartupLine,
  retryDecision,
} from '../../mail/index.js';
import { SqliteMailOutbox } from '../../storage/sqlite/mail-outbox.js';
import type { TestSmtp } from './helpers.js';
import {
  CONSULENT,
  FROM,
  outboxRows,
  queueDraftMails,
  startSmtp,
  testClock,
  testDatabase,
} from './helpers.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const noPdf = {
  render: async (_draft: DraftApplication): Promise<Buffer> => {
    throw new Error('no PDF is rendered with mail off');
  },
};

describe('without SMTP_URL', () => {
  it('mail is off: the start-up says so, nothing is queued and nothing is attempted', async () => {
    const smtp: TestSmtp = await startSmtp();
    cleanups.push(() => smtp.close());
    const config = loadConfig({
      MAIL_FROM: FROM,
      CONSULENT_EMAIL: CONSULENT,
      PUBLIC_URL: 'https://mag.example.nl',
      LOG_LEVEL: 'silent',
    });
    const settings = mailSettingsOf(config);
    expect(settings).toEqual({ enabled: false });
    expect(mailStartupLine(settings)).toEqual({
      level: 'warn',
      fields: { mail: 'off' },
      message: 'mail off: SMTP_URL is not set, no mail is sent',
    });

    const clock = testClock();
    const env = testDatabase(clock.now);
    cleanups.push(() => env.close());
    const mail = createMail(settings, {
      outbox: new SqliteMailOutbox(env.db, clock.now),
      drafts: env.drafts,
      pdf: noPdf,
      now: clock.now,
    });
    expect([mail.enabled, mail.outbox, mail.sender]).toEqual([false, undefined, undefined]);
    mail.start();
    const draft = env.draft({}, (d) => expect(queueDraftMails(mail, d)).toEqual([]));
    expect(await mail.statusChanged(draft, 'Een bericht')).toBeUndefined();
    expect(await mail.callbackRequested({ contact: { phone: '06 1' }, question: 'Vraag?' })).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await mail.stop();
    expect(outboxRows(env.db)).toEqual([]);
    expect(smtp.connections).toBe(0);
  });
});

describe('with SMTP_URL', () => {
  const base = { PORT: 3978, MAIL_FROM: FROM, CONSULENT_EMAIL: CONSULENT };

  it('needs MAIL_FROM, and valid addresses', () => {
    expect(() => mailSettingsOf({ PORT: 3978, SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(/MAIL_FROM/);
    expect(() => mailSettingsOf({ ...base, SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'MAG' })).toThrow(
      /MAIL_FROM/,
    );
    expect(() =>
      mailSettingsOf({ ...base, SMTP_URL: 'smtp://127.0.0.1:2525', CONSULENT_EMAIL: 'a@b.nl, nope' }),
    ).toThrow(/CONSULENT_EMAIL/);
    expect(
      mailSettingsOf({
        ...base,
        SMTP_URL: 'smtp://127.0.0.1:2525',
        MAIL_FROM: 'mag@hardinxveld-giessendam.nl',
        CONSULENT_EMAIL: ' a@example.nl , b@example.nl ',
      }),
    ).toEqual({
      enabled: true,
      smtpUrl: 'smtp://127.0.0.1:2525',
      from: 'mag@hardinxveld-giessendam.nl',
      consulentEmail: ['a@example.nl', 'b@example.nl'],
      publicUrl: 'http://127.0.0.1:3978',
    });
  });

  it('is refused by the configuration unless it is an smtp:// or smtps:// URL', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).SMTP_URL).toBe('smtp://127.0.0.1:2525');
    expect(loadConfig({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
    expect(() => loadConfig({ SMTP_URL: 'https://mail.example.nl' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: 'mail.example.nl' })).toThrow(/SMTP_URL/);
  });

  it('says at start-up where mail goes, without the password in the URL', () => {
    const line = mailStartupLine(
      mailSettingsOf({
        ...base,
        SMTP_URL: 'smtp://mag-user:s3cret-pass@mail.example.nl:587?requireTLS=true',
      }),
    );
    expect(line).toEqual({
      level: 'info',
      fields: { mail: 'on', smtp: 'smtp://mail.example.nl:587', consulentMail: true },
      message: 'mail on through smtp://mail.example.nl:587',
    });
    expect(JSON.stringify(line)).not.toMatch(/s3cret|mag-user|requireTLS/);
    const withoutConsulent = mailStartupLine(
      mailSettingsOf({ ...base, SMTP_URL: 'smtps://mail.example.nl', CONSULENT_EMAIL: undefined }),
    );
    expect(withoutConsulent.level).toBe('warn');
    expect(withoutConsulent.message).toContain('CONSULENT_EMAIL is not set');
  });
});

describe('the backoff', () => {
  const created = Date.parse('2026-11-23T10:00:00.000Z');
  const SECOND = 1000;
  const MINUTE = 60 * SECOND;
  const HOUR = 60 * MINUTE;

  it('waits 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, then 3 h after each failed attempt', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => delayAfter(DEFAULT_BACKOFF, n))).toEqual([
      10 * SECOND,
      30 * SECOND,
      2 * MINUTE,
      10 * MINUTE,
      30 * MINUTE,
      HOUR,
      3 * HOUR,
      3 * HOUR,
      3 * HOUR,
    ]);
  });

  it('counts from the failure, moves a retry past three days to the end, and gives up from the end on', () => {
    const now = created + 10 * SECOND;
    expect(retryDecision(DEFAULT_BACKOFF, { attempts: 2, createdAt: created, now })).toEqual({
      retryAt: now + 30 * SECOND,
    });
    const late = created + 72 * HOUR - 1 * HOUR;
    expect(retryDecision(DEFAULT_BACKOFF, { attempts: 25, createdAt: created, now: late })).toEqual({
      retryAt: created + 72 * HOUR,
    });
    expect(
      retryDecision(DEFAULT_BACKOFF, { attempts: 26, createdAt: created, now: created + 72 * HOUR }),
    ).toEqual({
      giveUp: true,
    });
  });

  it('takes another schedule (tests, an operator in a hurry)', () => {
    const quick: Backoff = { delaysMs: [5], thenEveryMs: 7, giveUpAfterMs: 100 };
    expect(retryDecision(quick, { attempts: 1, createdAt: 0, now: 0 })).toEqual({ retryAt: 5 });
    expect(retryDecision(quick, { attempts: 2, createdAt: 0, now: 5 })).toEqual({ retryAt: 12 });
    expect(retryDecision(quick, { attempts: 9, createdAt: 0, now: 99 })).toEqual({ retryAt: 100 });
    expect(retryDecision(quick, { attempts: 10, createdAt: 0, now: 100 })).toEqual({ giveUp: true });
  });
});
