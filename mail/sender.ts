import type { SendMailOptions, SMTPTransportOptions, Transporter } from 'nodemailer';
import nodemailer from 'nodemailer';
import type { Backoff } from './backoff.js';
import { DEFAULT_BACKOFF, retryDecision } from './backoff.js';
import type { ClaimedMail, MailOutbox, OutgoingMail, RenderAttachment } from './outbox.js';

/** Pino's (and Fastify's) logger shape: an object of fields, then the message. */
export interface MailLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface MailSenderOptions {
  outbox: MailOutbox;
  /** `smtp://host:port`, `smtps://…` for TLS from the start; credentials and options as nodemailer reads them. */
  smtpUrl: string;
  /** The `From` of every mail (`MAG-assistent <mag@example.nl>`); its domain names the Message-IDs. */
  from: string;
  /** Makes an attachment from its reference at send time; without it, mails go without attachments. */
  renderAttachment?: RenderAttachment;
  log?: MailLog;
  now?: () => number;
  backoff?: Backoff;
  /**
   * How long a claimed row is this sender's. Longer than one delivery can take (rendering the PDF, at
   * most `sendTimeoutMs` of SMTP), so no other sender takes a row that is still being sent.
   */
  leaseMs?: number;
  /** One delivery is aborted (and retried later) after this long. */
  sendTimeoutMs?: number;
  /** How often to look for mail queued by another process, or due again. */
  pollMs?: number;
  /** Rows claimed at a time. */
  batchSize?: number;
  /** Sent and failed rows (already without recipients or text) are deleted this long after. */
  keepFinishedMs?: number;
  /** `stop()` lets a delivery in progress finish for this long, then aborts it and releases its row. */
  stopGraceMs?: number;
  /** Extra nodemailer SMTP options (timeouts, TLS); the URL's own win over none of these. */
  smtp?: Partial<SMTPTransportOptions>;
}

export interface RunReport {
  sent: number;
  retried: number;
  failed: number;
  /** Claimed but not attempted: the sender stopped, or the server was down for an earlier row. */
  released: number;
}

type Outcome = keyof RunReport;

const SILENT: MailLog = { info() {}, warn() {}, error() {} };

/** The Message-ID of an outbox row: the same on every attempt, so a resend is recognisable as one. */
export function messageIdOf(rowId: string, from: string): string {
  const domain = /@([^\s<>@]+?)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<${rowId}.outbox@${domain}>`;
}

/**
 * Delivers the outbox: claims due rows with a lease, renders their attachments, hands each to the SMTP
 * server and marks it sent the moment the server accepted it. A failure is retried with backoff (see
 * `backoff.ts`); a permanent rejection (5xx) or three days without success is failed and logged. Logs name
 * the row, its kind, the draft's reference and an error code: never an address, a subject or a text.
 *
 * `start()` runs it on a timer (woken at once by a mail queued in this process); `runOnce()` is one pass.
 */
export class MailSender {
  private readonly transport: Transporter;
  private readonly log: MailLog;
  private readonly now: () => number;
  private readonly backoff: Backoff;
  private readonly leaseMs: number;
  private readonly sendTimeoutMs: number;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly keepFinishedMs: number;
  private readonly stopGraceMs: number;
  private readonly stopping = new AbortController();
  private chain: Promise<unknown> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private started = false;
  private lastPurge = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: MailSenderOptions) {
    this.log = options.log ?? SILENT;
    this.now = options.now ?? Date.now;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 60_000;
    this.leaseMs = options.leaseMs ?? 3 * 60_000;
    this.pollMs = options.pollMs ?? 15_000;
    this.batchSize = options.batchSize ?? 10;
    this.keepFinishedMs = options.keepFinishedMs ?? 30 * 86_400_000;
    this.stopGraceMs = options.stopGraceMs ?? 10_000;
    this.transport = nodemailer.createTransport({
      url: options.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      dnsTimeout: 10_000,
      ...options.smtp,
    });
  }

  /** Sends what is due now and from now on; a mail queued in this process wakes it at once. */
  start(): void {
    if (this.started || this.stopping.signal.aborted) return;
    this.started = true;
    this.unsubscribe = this.options.outbox.onEnqueued?.(() => this.wake());
    this.schedule(0);
  }

  /** Looks for due mail now (after the current pass, if one runs). */
  wake(): void {
    if (this.started && !this.stopping.signal.aborted) this.schedule(0);
  }

  /**
   * Stops the timer, lets a delivery in progress finish for `stopGraceMs`, then aborts it; rows claimed but
   * not sent are released, so the next start sends them without waiting for their lease.
   */
  async stop(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    let graceTimer: NodeJS.Timeout | undefined;
    const grace = new Promise<false>((resolve) => {
      graceTimer = setTimeout(() => resolve(false), this.stopGraceMs);
    });
    const finished = this.chain.then(
      () => true,
      () => true,
    );
    const inTime = await Promise.race([finished, grace]);
    clearTimeout(graceTimer);
    this.stopping.abort(new Error('the mail sender stops'));
    // A pass that ended just before may have set the next timer: it would find the sender stopped anyway.
    clearTimeout(this.timer);
    if (!inTime) await finished;
    this.transport.close();
  }

  /** One pass: every row due now, claimed in batches; passes never overlap. */
  runOnce(): Promise<RunReport> {
    const run = this.chain.then(() => this.drain());
    this.chain = run.catch(() => undefined);
    return run;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.stopping.signal.aborted) return;
    this.timer = setTimeout(() => void this.tick(), Math.max(0, delayMs));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.runOnce();
    } catch (error) {
      this.log.error({ error: codeOf(error) }, 'mail run failed; the next run tries again');
    }
    if (this.stopping.signal.aborted) return;
    const due = await this.options.outbox.nextDueAt().catch(() => undefined);
    const wait = due === undefined ? this.pollMs : Math.min(Math.max(due - this.now(), 0), this.pollMs);
    this.schedule(wait);
  }

  private async drain(): Promise<RunReport> {
    const report: RunReport = { sent: 0, retried: 0, failed: 0, released: 0 };
    const { outbox } = this.options;
    if (this.stopping.signal.aborted) return report;
    if (this.now() - this.lastPurge >= 3_600_000) {
      this.lastPurge = this.now();
      await outbox.purgeFinished(this.now() - this.keepFinishedMs);
    }
    for (;;) {
      const claimed = await outbox.claim(this.now(), this.leaseMs, this.batchSize);
      let serverDown: number | undefined;
      for (const row of claimed) {
        if (this.stopping.signal.aborted || serverDown !== undefined) {
          // Not attempted: its attempt is not counted. After a server that could not be reached, the rest
          // wait as long as the row that found it down, instead of each trying it again at once.
          await outbox.release(row.id, row.token, serverDown);
          report.released++;
          continue;
        }
        const { outcome, retryAt, unreachable } = await this.deliver(row);
        report[outcome]++;
        if (unreachable) serverDown = retryAt;
      }
      if (claimed.length < this.batchSize || serverDown !== undefined || this.stopping.signal.aborted) break;
    }
    return report;
  }

  private async deliver(
    row: ClaimedMail,
  ): Promise<{ outcome: Outcome; retryAt?: number; unreachable?: boolean }> {
    const { outbox } = this.options;
    const fields = {
      mail: row.id,
      kind: row.mail.kind,
      reference: row.mail.reference,
      attempts: row.attempts,
    };
    let accepted: { rejected?: unknown[] };
    try {
      const message = await this.messageOf(row);
      accepted = await this.transport.sendMail({
        ...message,
        signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.sendTimeoutMs)]),
      });
    } catch (error) {
      if (this.stopping.signal.aborted) {
        await outbox.release(row.id, row.token);
        return { outcome: 'released' };
      }
      const code = codeOf(error);
      if (isPermanent(error)) {
        await outbox.markFailed(row.id, row.token, this.now(), code);
        this.log.error({ ...fields, error: code }, 'mail refused by the mail server; not sent');
        return { outcome: 'failed' };
      }
      const decision = retryDecision(this.backoff, {
        attempts: row.attempts,
        createdAt: row.createdAt,
        now: this.now(),
      });
      if ('giveUp' in decision) {
        await outbox.markFailed(row.id, row.token, this.now(), code);
        this.log.error({ ...fields, error: code }, 'mail could not be sent in time; given up');
        return { outcome: 'failed' };
      }
      await outbox.reschedule(row.id, row.token, decision.retryAt, code);
      this.log.warn(
        { ...fields, error: code, retryInMs: decision.retryAt - this.now() },
        'mail not sent yet; tries again',
      );
      return { outcome: 'retried', retryAt: decision.retryAt, unreachable: isUnreachable(error) };
    }
    // Accepted: marked at once. Should the process die right here, the row is sent again after its lease,
    // with the same Message-ID.
    try {
      await outbox.markSent(row.id, this.now());
    } catch (error) {
      this.log.error({ ...fields, error: codeOf(error) }, 'mail sent but not marked; it may be sent again');
      throw error;
    }
    const rejected = accepted.rejected?.length ?? 0;
    this.log.info({ ...fields, ...(rejected > 0 && { rejectedRecipients: rejected }) }, 'mail sent');
    return { outcome: 'sent' };
  }

  private async messageOf(row: ClaimedMail): Promise<SendMailOptions> {
    const { mail } = row;
    const attachments = await this.attachmentsOf(mail);
    const missing = attachments.length < (mail.attachments?.length ?? 0);
    return {
      from: this.options.from,
      to: mail.to,
      subject: mail.subject,
      text: missing && mail.ifAttachmentMissing ? `${mail.text}\n\n${mail.ifAttachmentMissing}` : mail.text,
      messageId: messageIdOf(row.id, this.options.from),
      date: new Date(row.createdAt),
      headers: {
        // An automatic message (RFC 3834): no out-of-office replies back to the assistant.
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'All',
      },
      attachments,
    };
  }

  private async attachmentsOf(mail: OutgoingMail) {
    const refs = mail.attachments ?? [];
    if (refs.length === 0 || !this.options.renderAttachment) return [];
    const rendered = [];
    for (const ref of refs) {
      let attachment: Awaited<ReturnType<RenderAttachment>>;
      try {
        attachment = await this.options.renderAttachment(ref);
      } catch (error) {
        throw Object.assign(new Error('the attachment could not be made'), {
          code: 'EATTACHMENT',
          cause: error,
        });
      }
      if (attachment) rendered.push(attachment);
    }
    return rendered;
  }
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
  permanent?: boolean;
}

/** An error as a code without personal data: `ECONNECTION`, `EENVELOPE 550 RCPT TO`; never the reply text. */
function codeOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'unknown';
  const { code, responseCode, command } = error as SmtpError;
  return [code ?? (error as Error).name ?? 'Error', responseCode, command]
    .filter((part) => part !== undefined && part !== '')
    .join(' ');
}

/** The server refused this message for good (5xx except 503), or it has no valid recipient. */
function isPermanent(error: unknown): boolean {
  const e = error as SmtpError;
  if (e.permanent === true) return true;
  return e.code === 'EENVELOPE' && e.responseCode === undefined;
}

/**
 * No SMTP reply at all, or 421 (the service is closing): the server is down or unreachable, not unhappy
 * with this one message.
 */
function isUnreachable(error: unknown): boolean {
  const e = error as SmtpError;
  return (e.responseCode === undefined || e.responseCode === 421) && e.code !== 'EATTACHMENT';
}
