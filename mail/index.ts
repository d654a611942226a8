import type { DraftApplication } from '../drafts/draft.js';
import type { Lang } from '../rules/index.js';
import type { CallbackContact } from './compose.js';
import {
  callbackRequested,
  draftConfirmation,
  draftInboxUrl,
  draftPdfFilename,
  draftReceived,
  inboxUrl,
  statusChanged,
} from './compose.js';
import type { MailOutbox, OutgoingMail, RenderAttachment } from './outbox.js';
import type { MailLog, MailSenderOptions } from './sender.js';
import { MailSender } from './sender.js';

export type { Backoff } from './backoff.js';
export { DEFAULT_BACKOFF, delayAfter, retryDecision } from './backoff.js';
export type { CallbackContact } from './compose.js';
export {
  callbackRequested,
  draftConfirmation,
  draftInboxUrl,
  draftPdfFilename,
  draftReceived,
  inboxUrl,
  statusChanged,
} from './compose.js';
export type * from './outbox.js';
export type { MailLog, MailSenderOptions, RunReport } from './sender.js';
export { MailSender, messageIdOf } from './sender.js';
export { mailText } from './texts.js';

/** The configuration fields mail reads (`bot/config.ts`). */
export interface MailConfig {
  SMTP_URL?: string;
  MAIL_FROM?: string;
  CONSULENT_EMAIL?: string;
  PUBLIC_URL?: string;
  PORT: number;
}

export type MailSettings =
  | { enabled: false }
  | {
      enabled: true;
      smtpUrl: string;
      from: string;
      /** Where new drafts and callback requests are announced; empty: they are not. */
      consulentEmail: string[];
      /** The origin of links in mails (`PUBLIC_URL`, or a loopback origin on this machine). */
      publicUrl: string;
    };

const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

/**
 * Mail on or off, from the configuration: on with `SMTP_URL`, which then needs `MAIL_FROM`. A wrong value
 * stops the server at start-up with a message for the operator, as every other setting does.
 */
export function mailSettingsOf(config: MailConfig): MailSettings {
  if (!config.SMTP_URL) return { enabled: false };
  if (!/^smtps?:\/\/[^/?#]+/.test(config.SMTP_URL)) {
    throw new Error('SMTP_URL must look like smtp://host:port or smtps://host:port'); // operator-facing
  }
  const from = config.MAIL_FROM?.trim();
  const fromAddress = from && (/<([^<>]+)>\s*$/.exec(from)?.[1] ?? from);
  if (!from || !fromAddress || !ADDRESS.test(fromAddress)) {
    throw new Error('MAIL_FROM must be set with SMTP_URL, e.g. MAG-assistent <mag@example.nl>'); // operator-facing
  }
  const consulentEmail = (config.CONSULENT_EMAIL ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const wrong = consulentEmail.filter((a) => !ADDRESS.test(a));
  if (wrong.length > 0) {
    throw new Error('CONSULENT_EMAIL must be one or more e-mail addresses, comma-separated'); // operator-facing
  }
  return {
    enabled: true,
    smtpUrl: config.SMTP_URL,
    from,
    consulentEmail,
    publicUrl: config.PUBLIC_URL ?? `http://127.0.0.1:${config.PORT}`,
  };
}

/**
 * What the server says about mail at start-up: off (and why), or where it goes; never a password from the
 * URL or an address.
 */
export function mailStartupLine(settings: MailSettings): {
  level: 'info' | 'warn';
  fields: Record<string, unknown>;
  message: string;
} {
  if (!settings.enabled) {
    return {
      level: 'warn',
      fields: { mail: 'off' },
      message: 'mail off: SMTP_URL is not set, no mail is sent',
    };
  }
  const url = new URL(settings.smtpUrl);
  const smtp = `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`;
  const consulent = settings.consulentEmail.length > 0;
  return {
    level: consulent ? 'info' : 'warn',
    fields: { mail: 'on', smtp, consulentMail: consulent },
    message: consulent
      ? `mail on through ${smtp}`
      : `mail on through ${smtp}; CONSULENT_EMAIL is not set, so new drafts are not announced by mail`,
  };
}

/** Renders a draft's PDF at send time from its id; `undefined` when the draft was deleted meanwhile. */
export function draftPdfAttachments(
  drafts: { get(id: string): Promise<DraftApplication | undefined> },
  pdf: { render(draft: DraftApplication, lang: Lang): Promise<Buffer> },
): RenderAttachment {
  return async (ref) => {
    if (ref.kind !== 'draft-pdf') return undefined;
    const draft = await drafts.get(ref.draftId);
    if (!draft) return undefined;
    return {
      filename: draftPdfFilename(draft.reference, ref.lang),
      content: await pdf.render(draft, ref.lang),
      contentType: 'application/pdf',
    };
  };
}

export interface MailDependencies {
  /** The outbox in the server's database (`storage/`): mail is queued where the drafts are. */
  outbox: MailOutbox;
  drafts: { get(id: string): Promise<DraftApplication | undefined> };
  pdf: { render(draft: DraftApplication, lang: Lang): Promise<Buffer> };
  log?: MailLog;
  now?: () => number;
  /** Sender settings (backoff, lease, timeouts), for tests. */
  sender?: Partial<
    Omit<MailSenderOptions, 'outbox' | 'smtpUrl' | 'from' | 'renderAttachment' | 'log' | 'now'>
  >;
}

export interface CallbackMailRequest {
  contact: CallbackContact;
  question: string;
  to?: string[];
  lang?: Lang;
}

/**
 * The server's mail: what to queue when (every method is a no-op with mail off) and the sender that
 * delivers it. Build it once with {@link createMail}; `start()` when the server is ready, `stop()` on close.
 */
export class Mail {
  constructor(
    readonly settings: MailSettings,
    readonly outbox: MailOutbox | undefined,
    readonly sender: MailSender | undefined,
  ) {}

  get enabled(): boolean {
    return this.settings.enabled;
  }

  /**
   * The mails a new draft brings: the consulent's announcement and the resident's confirmation. The turn
   * store queues them in the transaction that stores the draft, so they exist exactly when the draft does.
   */
  draftSubmittedMails(draft: DraftApplication): OutgoingMail[] {
    const { settings } = this;
    if (!settings.enabled || !this.outbox) return [];
    const mails: (OutgoingMail | undefined)[] = [
      settings.consulentEmail.length > 0
        ? draftReceived({
            to: settings.consulentEmail,
            draft,
            inboxUrl: draftInboxUrl(settings.publicUrl, draft.id),
          })
        : undefined,
      draftConfirmation({ draft }),
    ];
    return mails.filter((m) => m !== undefined);
  }

  /**
   * A status change the consulent chose to tell the applicant: the draft as `setStatus` returned it, and
   * the note (by default the one of its latest status change).
   */
  async statusChanged(
    draft: DraftApplication,
    note: string | undefined = (draft.statusHistory.at(-1) as { note?: string } | undefined)?.note,
  ): Promise<string | undefined> {
    if (!this.settings.enabled || !this.outbox) return undefined;
    const mail = statusChanged({ draft, note });
    return mail && this.outbox.enqueue(mail);
  }

  /** A callback request, to the consulent's mailbox unless `to` says whom; in Dutch unless `lang` says. */
  async callbackRequested(request: CallbackMailRequest): Promise<string | undefined> {
    const [mail] = this.callbackRequestedMails(request);
    return mail && this.outbox?.enqueue(mail);
  }

  /** The mail a callback request brings; the turn store queues it in the transaction that stores it. */
  callbackRequestedMails(request: CallbackMailRequest): OutgoingMail[] {
    const { settings } = this;
    if (!settings.enabled || !this.outbox) return [];
    const to = request.to ?? settings.consulentEmail;
    if (to.length === 0) return [];
    return [
      callbackRequested({
        to,
        lang: request.lang ?? 'nl',
        contact: request.contact,
        question: request.question,
        inboxUrl: inboxUrl(settings.publicUrl),
      }),
    ];
  }

  start(): void {
    this.sender?.start();
  }

  async stop(): Promise<void> {
    await this.sender?.stop();
  }
}

/** The outbox on the server's database and, with mail on, the sender; with mail off nothing is queued or sent. */
export function createMail(settings: MailSettings, deps: MailDependencies): Mail {
  if (!settings.enabled) return new Mail(settings, undefined, undefined);
  const { outbox } = deps;
  const sender = new MailSender({
    ...deps.sender,
    outbox,
    smtpUrl: settings.smtpUrl,
    from: settings.from,
    renderAttachment: draftPdfAttachments(deps.drafts, deps.pdf),
    ...(deps.log && { log: deps.log }),
    ...(deps.now && { now: deps.now }),
  });
  return new Mail(settings, outbox, sender);
}
