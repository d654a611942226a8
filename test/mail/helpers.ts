import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { DraftApplication } from '../../drafts/draft.js';
import type { Mail, MailLog, MailSettings } from '../../mail/index.js';
import { mailSettingsOf } from '../../mail/index.js';
import type { SqliteDatabase } from '../../storage/sqlite/database.js';
import { openDatabase } from '../../storage/sqlite/database.js';
import { SqliteDraftStore } from '../../storage/sqlite/draft-store.js';
import { SqliteMailOutbox } from '../../storage/sqlite/mail-outbox.js';
import type { DraftParts } from '../drafts/fixtures.js';
import { newDraft } from '../drafts/fixtures.js';

/**
 * Queues a new draft's mails inside the current SQLite transaction, as the turn store does for a draft it
 * makes (`TurnMails`); returns the rows queued.
 */
export function queueDraftMails(mail: Mail, draft: DraftApplication): string[] {
  const mails = mail.draftSubmittedMails(draft);
  if (mails.length === 0) return [];
  const { outbox } = mail;
  if (!(outbox instanceof SqliteMailOutbox)) throw new Error('these tests queue on a SQLite outbox');
  return mails.map((m) => outbox.enqueueNow(m));
}

export const FROM = 'MAG-assistent <mag@hardinxveld-giessendam.nl>';
export const CONSULENT = 'consulent@hardinxveld-giessendam.nl';
export const PUBLIC_URL = 'https://mag.hardinxveld-giessendam.nl';

export interface Received {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

/** A real SMTP server on loopback (the `smtp-server` package): what it accepted, and how it answers. */
export interface TestSmtp {
  port: number;
  url: string;
  /** Messages the server accepted (answered 250 after DATA). */
  received: Received[];
  /** Connections it got. */
  connections: number;
  /** `accept` (the default); a 4xx/5xx for every DATA; or `hold`: read the message, answer nothing. */
  mode: 'accept' | 'hold' | { code: number };
  /** Resolves when `count` messages were accepted (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startSmtp(port = 0): Promise<TestSmtp> {
  const waiters: { count: number; resolve: () => void }[] = [];
  const held: (() => void)[] = [];
  const smtp: TestSmtp = {
    port: 0,
    url: '',
    received: [],
    connections: 0,
    mode: 'accept',
    waitFor(count, timeoutMs = 5000) {
      if (smtp.received.length >= count) return Promise.resolve(smtp.received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${smtp.received.length} of ${count} messages arrived`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(smtp.received);
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const release of held) release();
        server.close(() => resolve());
      }),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 100,
    disableReverseLookup: true,
    onConnect(_session, callback) {
      smtp.connections++;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mode = smtp.mode;
        if (mode === 'hold') {
          held.push(() => callback(Object.assign(new Error('held'), { responseCode: 451 })));
          return;
        }
        if (typeof mode === 'object') {
          const message = mode.code >= 500 ? 'Refused' : 'Try again later';
          return callback(Object.assign(new Error(message), { responseCode: mode.code }));
        }
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((parsed) => {
          smtp.received.push({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            raw,
            parsed,
          });
          callback();
          for (const waiter of [...waiters]) {
            if (smtp.received.length >= waiter.count) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve();
            }
          }
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  smtp.port = typeof address === 'object' && address ? address.port : port;
  smtp.url = `smtp://127.0.0.1:${smtp.port}`;
  return smtp;
}

/** A loopback port where nothing listens (a mail server that is down). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Log lines as the sender wrote them. */
export interface LogLine {
  level: 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

export function recordingLog(): MailLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (fields: object, message: string) =>
    lines.push({ level, fields: fields as Record<string, unknown>, message });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** A clock the test moves. */
export function testClock(start = Date.parse('2026-11-23T10:00:00.000Z')) {
  let now = start;
  return {
    now: () => now,
    set: (at: number) => {
      now = at;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/**
 * A fresh temporary directory (as `test/helpers/channel-server.ts` makes one, without importing the whole
 * app for it); removed by the returned function.
 */
function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A database file in a temporary directory, with its draft store on the test's clock. */
export function testDatabase(now: () => number) {
  const { dir, remove } = tempDir('mag-mail-');
  const path = join(dir, 'mag.sqlite');
  const db = openDatabase(path);
  const drafts = new SqliteDraftStore(db, () => new Date(now()));
  let next = 0;
  return {
    path,
    db,
    drafts,
    /** Stores a draft the way a turn does (`createNow`), running `also` in the same transaction. */
    draft(parts: DraftParts = {}, also?: (draft: DraftApplication) => void): DraftApplication {
      return db.transaction(() => {
        const { draft } = drafts.createNow(newDraft(parts), `test/${next++}`, 2026);
        also?.(draft);
        return draft;
      })();
    },
    close: () => {
      if (db.open) db.close();
      remove();
    },
  };
}

export function settingsFor(smtpUrl: string, extra: { CONSULENT_EMAIL?: string } = {}): MailSettings {
  return mailSettingsOf({
    SMTP_URL: smtpUrl,
    MAIL_FROM: FROM,
    CONSULENT_EMAIL: CONSULENT,
    PUBLIC_URL,
    PORT: 3978,
    ...extra,
  });
}

/** The outbox rows as stored. */
export function outboxRows(db: SqliteDatabase) {
  return db
    .prepare<
      [],
      {
        id: string;
        kind: string;
        reference: string | null;
        message: string | null;
        status: string;
        attempts: number;
        next_attempt_at: number;
        locked_until: number | null;
        last_error: string | null;
      }
    >('select * from mail_outbox order by created_at, rowid')
    .all();
}
