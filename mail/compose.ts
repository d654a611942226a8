import { amsterdamToday } from '../bot/today.js';
import type { DraftApplication, DraftStatus } from '../drafts/draft.js';
import type { ApplicantKind, Lang } from '../rules/index.js';
import { formatDate, hasMessage, message } from '../rules/index.js';
import type { OutgoingMail } from './outbox.js';
import { mailText } from './texts.js';

/**
 * The mails the assistant sends, as plain text in the reader's language. Each carries only what its reader
 * needs: the consulent's announcement has no name and no answers (those are behind the inbox login), the
 * resident's confirmation goes to the address they gave, a callback request names a way to reach the
 * person and their question, nothing else.
 */

/** The consulent's page of a draft: `<PUBLIC_URL>/consulent/drafts/<id>`. */
export function draftInboxUrl(publicUrl: string, draftId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/consulent/drafts/${encodeURIComponent(draftId)}`;
}

/** The consulent's inbox: `<PUBLIC_URL>/consulent`. */
export function inboxUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/consulent`;
}

/** A new draft, for the consulent's mailbox: reference, type of subsidy, the date it came in, the link. */
export function draftReceived({
  to,
  draft,
  inboxUrl,
  lang = 'nl',
}: {
  to: string[];
  draft: DraftApplication;
  /** The draft's page in the inbox ({@link draftInboxUrl}). */
  inboxUrl: string;
  lang?: Lang;
}): OutgoingMail {
  const t = (key: string, params?: Record<string, string>) => mailText(lang, `draftReceived.${key}`, params);
  const type = draft.assessment.route?.type ?? draft.input.initiative?.type;
  const typeLabel =
    type && hasMessage(lang, `codes.types.${type}`) ? message(lang, `codes.types.${type}`) : t('typeUnknown');
  return {
    kind: 'draft-received',
    to,
    reference: draft.reference,
    subject: t('subject', { reference: draft.reference }),
    text: paragraphs(
      t('intro'),
      lines(
        t('reference', { reference: draft.reference }),
        t('type', { type: typeLabel }),
        t('received', { date: formatDate(amsterdamToday(new Date(draft.createdAt)), lang) }),
      ),
      t('link', { url: inboxUrl }),
      t('privacy'),
      mailText(lang, 'automatic'),
    ),
  };
}

/**
 * The resident's confirmation, in the conversation's language: the reference, that it is a draft and not
 * the application yet, what to send and by when, and their PDF (rendered when the mail is sent). Nothing
 * when the draft has no e-mail address.
 */
export function draftConfirmation({ draft }: { draft: DraftApplication }): OutgoingMail | undefined {
  const to = addressOf(draft);
  if (!to) return undefined;
  const lang = draft.lang;
  const t = (key: string, params?: Record<string, string>) =>
    mailText(lang, `draftConfirmation.${key}`, params);
  const { checklist = [], deadlines = [] } = draft.assessment;
  const toSend = checklist.filter((c) => c.required).map((c) => c.label);
  const submitBy = deadlines.find((d) => d.id === 'submit-by');
  const date = submitBy && formatDate(submitBy.date, lang);
  return {
    kind: 'draft-confirmation',
    to: [to],
    reference: draft.reference,
    subject: t('subject', { reference: draft.reference }),
    text: paragraphs(
      greeting(lang, draft),
      t('thanks'),
      t('reference', { reference: draft.reference }),
      t('notTheApplication'),
      toSend.length > 0 && `${t('send')}\n${bullets(toSend)}`,
      submitBy &&
        date &&
        (submitBy.date < draft.assessedOn ? t('submitByPast', { date }) : t('submitBy', { date })),
      t('attachment'),
      t('next'),
      mailText(lang, 'questions', { reference: draft.reference }),
      mailText(lang, 'signature'),
      mailText(lang, 'automatic'),
    ),
    attachments: [{ kind: 'draft-pdf', draftId: draft.id, lang }],
    ifAttachmentMissing: t('attachmentMissing'),
  };
}

/** The filename of a draft's PDF in the resident's mail. */
export function draftPdfFilename(reference: string, lang: Lang): string {
  return mailText(lang, 'draftConfirmation.filename', { reference });
}

/**
 * A status change the consulent chose to tell the applicant: the new status in words and the consulent's
 * note, in the conversation's language. Nothing when the draft has no e-mail address.
 */
export function statusChanged({
  draft,
  status = draft.status,
  note,
}: {
  draft: DraftApplication;
  /** The new status; the draft's own by default (the draft as `setStatus` returned it). */
  status?: DraftStatus;
  /** The consulent's words to the applicant, as typed. */
  note?: string;
}): OutgoingMail | undefined {
  const to = addressOf(draft);
  if (!to) return undefined;
  const lang = draft.lang;
  const t = (key: string, params?: Record<string, string>) => mailText(lang, `statusChanged.${key}`, params);
  const trimmed = note?.trim();
  return {
    kind: 'status-changed',
    to: [to],
    reference: draft.reference,
    subject: t('subject', { reference: draft.reference }),
    text: paragraphs(
      greeting(lang, draft),
      t('changed', { reference: draft.reference }),
      lines(t('status', { status: t(`statuses.${status}`) }), t(`explanations.${status}`)),
      trimmed && `${t('note')}\n${trimmed}`,
      mailText(lang, 'questions', { reference: draft.reference }),
      mailText(lang, 'signature'),
      mailText(lang, 'automatic'),
    ),
  };
}

/** How to reach the person who asked to be called back, and who they are. */
export interface CallbackContact {
  /** Resident, organisation, business (the rules' applicant kinds), when known. */
  kind?: ApplicantKind;
  phone?: string;
  email?: string;
  /** The language the person spoke in the conversation. */
  lang?: Lang;
}

/**
 * A callback request, for whoever must call: the kind of applicant, the phone number or e-mail address,
 * the short question and the inbox link. No reference, no answers.
 */
export function callbackRequested({
  to,
  lang,
  contact,
  question,
  inboxUrl,
}: {
  to: string[];
  /** The language of the mail (of its reader). */
  lang: Lang;
  contact: CallbackContact;
  question: string;
  inboxUrl: string;
}): OutgoingMail {
  const t = (key: string, params?: Record<string, string>) =>
    mailText(lang, `callbackRequested.${key}`, params);
  const kind =
    contact.kind && hasMessage(lang, `codes.applicantKinds.${contact.kind}`)
      ? message(lang, `codes.applicantKinds.${contact.kind}`)
      : t('kindUnknown');
  const phone = contact.phone?.trim();
  const email = contact.email?.trim();
  return {
    kind: 'callback-requested',
    to,
    subject: t('subject'),
    text: paragraphs(
      t('intro'),
      lines(
        t('kind', { kind }),
        phone && t('phone', { phone }),
        email && t('email', { email }),
        contact.lang && t('language', { language: t(`languages.${contact.lang}`) }),
      ),
      question.trim() && `${t('question')}\n${question.trim()}`,
      t('link', { url: inboxUrl }),
      t('privacy'),
      mailText(lang, 'automatic'),
    ),
  };
}

/** The address a draft's applicant gave, when it looks like one. */
function addressOf(draft: DraftApplication): string | undefined {
  const email = draft.contact.email?.trim();
  return email && /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/.test(email) ? email : undefined;
}

function greeting(lang: Lang, draft: DraftApplication): string {
  const name = draft.contact.name?.trim();
  return name ? mailText(lang, 'greeting', { name }) : mailText(lang, 'greetingNoName');
}

type Part = string | false | undefined | null | 0;

const paragraphs = (...parts: Part[]): string => parts.filter(Boolean).join('\n\n');
const lines = (...parts: Part[]): string => parts.filter(Boolean).join('\n');
const bullets = (items: string[]): string => items.map((item) => `- ${item}`).join('\n');
