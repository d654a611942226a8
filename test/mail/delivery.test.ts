import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PdfRenderer } from '../../drafts/pdf-renderer.js';
import type { Mail } from '../../mail/index.js';
import { createMail, draftInboxUrl, messageIdOf } from '../../mail/index.js';
import { formatDate } from '../../rules/index.js';
import { SqliteMailOutbox } from '../../storage/sqlite/mail-outbox.js';
import { READING_PROJECT } from '../drafts/fixtures.js';
import { readPdf } from '../drafts/pdf-text.js';
import type { Received, TestSmtp } from './helpers.js';
import {
  CONSULENT,
  FROM,
  outboxRows,
  PUBLIC_URL,
  queueDraftMails,
  recordingLog,
  settingsFor,
  startSmtp,
  testClock,
  testDatabase,
} from './helpers.js';

const pdf = new PdfRenderer();
afterAll(() => pdf.close());

let smtp: TestSmtp;
let env: ReturnType<typeof testDatabase>;
let mail: Mail;
const clock = testClock();
let log: ReturnType<typeof recordingLog>;

beforeEach(async () => {
  smtp = await startSmtp();
  env = testDatabase(clock.now);
  log = recordingLog();
  mail = createMail(settingsFor(smtp.url), {
    outbox: new SqliteMailOutbox(env.db, clock.now),
    drafts: env.drafts,
    pdf,
    log,
    now: clock.now,
  });
});
afterEach(async () => {
  await mail.stop();
  await smtp.close();
  env.close();
});

const to = (r: Received) => r.envelope.to.join(',');
const byRecipient = (received: Received[], address: string) => {
  const found = received.filter((r) => to(r) === address);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('a new draft', () => {
  it('reaches the consulent (reference, type, date, link; no personal data) and the resident (with the PDF)', async () => {
    let ids: string[] = [];
    const draft = env.draft({ lang: 'nl' }, (d) => {
      ids = queueDraftMails(mail, d);
    });
    expect(ids).toHaveLength(2);
    expect(await mail.sender!.runOnce()).toMatchObject({ sent: 2, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(2);

    const consulent = byRecipient(smtp.received, CONSULENT);
    expect(consulent.envelope.from).toBe('mag@hardinxveld-giessendam.nl');
    expect(consulent.parsed.subject).toBe(`Nieuwe conceptaanvraag ${draft.reference}`);
    const note = consulent.parsed.text!;
    expect(note).toContain(`Referentie: ${draft.reference}`);
    expect(note).toContain('Soort subsidie: Eenmalig initiatief');
    expect(note).toContain('Binnengekomen op: 23 november 2026');
    expect(note).toContain(`${PUBLIC_URL}/consulent/drafts/${draft.id}`);
    // No name, organisation, address, phone or answer: those are behind the inbox's login.
    for (const personal of [
      draft.contact.name,
      draft.contact.organisation!,
      draft.contact.email,
      draft.contact.phone!,
      draft.form.title,
      draft.form.description,
      draft.form.location,
      '4000',
      '4.000',
    ]) {
      expect(note).not.toContain(personal);
      expect(consulent.parsed.subject).not.toContain(personal);
    }
    expect(consulent.parsed.attachments).toHaveLength(0);

    const resident = byRecipient(smtp.received, 'anneke@example.org');
    expect(resident.parsed.subject).toBe(`Uw conceptaanvraag ${draft.reference}`);
    const text = resident.parsed.text!;
    expect(text).toContain('Beste Anneke de Vries-Ëlberg,');
    expect(text).toContain(`Uw referentie is ${draft.reference}.`);
    expect(text).toContain('Let op: dit is een concept. Het is nog niet uw officiële aanvraag.');
    const required = draft.assessment.checklist!.filter((c) => c.required);
    expect(required.length).toBeGreaterThan(0);
    for (const item of required) expect(text).toContain(`- ${item.label}`);
    for (const item of draft.assessment.checklist!.filter((c) => !c.required))
      expect(text).not.toContain(item.label);
    // The reading project starts soon: its last day to apply (15 November) has passed on 23 November.
    expect(draft.assessment.deadlines!.find((d) => d.id === 'submit-by')!.date).toBe('2026-11-15');
    expect(text).toContain(
      'Uw aanvraag moest eigenlijk uiterlijk 15 november 2026 bij de gemeente zijn. Stuur hem zo snel mogelijk.',
    );

    expect(resident.parsed.attachments).toHaveLength(1);
    const [attachment] = resident.parsed.attachments;
    expect(attachment!.filename).toBe(`conceptaanvraag-${draft.reference}.pdf`);
    expect(attachment!.contentType).toBe('application/pdf');
    expect(attachment!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await readPdf(attachment!.content)).text).toContain(draft.reference);

    // Message-IDs from the outbox rows; an automatic message.
    const messageIds = smtp.received.map((r) => r.parsed.messageId).sort();
    expect(messageIds).toEqual(ids.map((id) => `<${id}.outbox@hardinxveld-giessendam.nl>`).sort());
    expect(messageIdOf(ids[0]!, FROM)).toBe(`<${ids[0]}.outbox@hardinxveld-giessendam.nl>`);
    expect(resident.parsed.headers.get('auto-submitted')).toBe('auto-generated');

    // Sent, and the rows no longer hold addresses or texts.
    expect(outboxRows(env.db).map((r) => [r.status, r.message])).toEqual([
      ['sent', null],
      ['sent', null],
    ]);
    // The log names rows, kinds and the reference, never a person.
    expect(log.lines.map((l) => l.message)).toEqual(['mail sent', 'mail sent']);
    const logged = JSON.stringify(log.lines);
    expect(logged).toContain(draft.reference);
    for (const personal of ['anneke', 'Anneke', CONSULENT, 'Leesplezier'])
      expect(logged).not.toContain(personal);
  });

  it("writes to the resident in the conversation's language (English), and to the consulent in Dutch", async () => {
    const draft = env.draft({ lang: 'en' }, (d) => queueDraftMails(mail, d));
    await mail.sender!.runOnce();
    const resident = byRecipient(smtp.received, 'anneke@example.org');
    expect(resident.parsed.subject).toBe(`Your draft application ${draft.reference}`);
    const text = resident.parsed.text!;
    expect(text).toContain('Dear Anneke de Vries-Ëlberg,');
    expect(text).toContain('Please note: this is a draft. It is not yet your formal application.');
    expect(text).not.toContain('Let op');
    for (const item of draft.assessment.checklist!.filter((c) => c.required))
      expect(text).toContain(item.label);
    expect(text).toContain('Your application should have reached the municipality by 15 November 2026.');
    const [attachment] = resident.parsed.attachments;
    expect(attachment!.filename).toBe(`draft-application-${draft.reference}.pdf`);
    const content = await readPdf(attachment!.content);
    expect(content.text).toContain(draft.reference);
    expect(content.language).toMatch(/^en/);

    const consulent = byRecipient(smtp.received, CONSULENT);
    expect(consulent.parsed.subject).toBe(`Nieuwe conceptaanvraag ${draft.reference}`);
  });

  it('says by which date the application must be in, when that date is still ahead', async () => {
    const later = {
      ...READING_PROJECT,
      initiative: { ...READING_PROJECT.initiative, startDate: '2027-09-01', endDate: '2027-09-30' },
    };
    const draft = env.draft({ input: later, lang: 'nl' }, (d) => queueDraftMails(mail, d));
    const submitBy = draft.assessment.deadlines!.find((d) => d.id === 'submit-by')!;
    expect(submitBy.date > draft.assessedOn).toBe(true);
    await mail.sender!.runOnce();
    const text = byRecipient(smtp.received, 'anneke@example.org').parsed.text!;
    expect(text).toContain(
      `Uw aanvraag moet uiterlijk ${formatDate(submitBy.date, 'nl')} bij de gemeente zijn.`,
    );
    expect(text).not.toContain('zo snel mogelijk');
  });

  it('is queued in the transaction that stores it: a rolled-back draft sends nothing', async () => {
    expect(() =>
      env.draft({}, (d) => {
        expect(queueDraftMails(mail, d)).toHaveLength(2);
        throw new Error('the turn fails after the draft');
      }),
    ).toThrow('the turn fails');
    expect(outboxRows(env.db)).toEqual([]);
    expect(await mail.sender!.runOnce()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('without an e-mail address only the consulent is told; without CONSULENT_EMAIL only the resident', async () => {
    env.draft({ contact: { email: '' } }, (d) => queueDraftMails(mail, d));
    await mail.sender!.runOnce();
    expect(smtp.received.map(to)).toEqual([CONSULENT]);

    const residentOnly = createMail(settingsFor(smtp.url, { CONSULENT_EMAIL: '' }), {
      outbox: new SqliteMailOutbox(env.db, clock.now),
      drafts: env.drafts,
      pdf,
      now: clock.now,
    });
    env.draft({}, (d) => queueDraftMails(residentOnly, d));
    await residentOnly.sender!.runOnce();
    await residentOnly.stop();
    expect(smtp.received.map(to)).toEqual([CONSULENT, 'anneke@example.org']);
  });

  it('deleted before its mail went: the resident gets the mail without the PDF, and is told why', async () => {
    const draft = env.draft({}, (d) => queueDraftMails(mail, d));
    await env.drafts.delete(draft.id);
    expect(await mail.sender!.runOnce()).toMatchObject({ sent: 2 });
    const resident = byRecipient(smtp.received, 'anneke@example.org');
    expect(resident.parsed.attachments).toHaveLength(0);
    expect(resident.parsed.text).toContain('De pdf van uw conceptaanvraag zit niet bij deze mail.');
  });
});

describe('a status change the consulent tells the applicant', () => {
  it('mails the resident the status in words and the note, in their language', async () => {
    const draft = env.draft({ lang: 'nl' });
    const updated = (await env.drafts.setStatus(draft.id, 'aanvullen-gevraagd', 'consulent'))!;
    await mail.statusChanged(updated, 'Stuur ons nog de begroting.');
    expect(await mail.sender!.runOnce()).toMatchObject({ sent: 1 });
    const [message] = smtp.received;
    expect(to(message!)).toBe('anneke@example.org');
    expect(message!.parsed.subject).toBe(`Nieuws over uw aanvraag ${draft.reference}`);
    expect(message!.parsed.text).toContain('De status is nu: Aanvullen gevraagd.');
    expect(message!.parsed.text).toContain('De MAG-consulent heeft nog iets van u nodig.');
    expect(message!.parsed.text).toContain('Bericht van de MAG-consulent:\nStuur ons nog de begroting.');
  });

  it('in English for an English conversation', async () => {
    const draft = env.draft({ lang: 'en' });
    const updated = (await env.drafts.setStatus(draft.id, 'afgehandeld', 'consulent'))!;
    await mail.statusChanged(updated, '');
    await mail.sender!.runOnce();
    const [message] = smtp.received;
    expect(message!.parsed.subject).toBe(`Update on your application ${draft.reference}`);
    expect(message!.parsed.text).toContain('Its status is now: Completed.');
    expect(message!.parsed.text).not.toContain('Message from the MAG officer');
  });
});

describe('a callback request', () => {
  it('tells whoever must call how to reach the person and what they asked, without a reference', async () => {
    await mail.callbackRequested({
      contact: { kind: 'organisation', phone: '0184 123 456', lang: 'en' },
      question: 'Can our choir apply for a concert in the park?',
    });
    await mail.sender!.runOnce();
    const [message] = smtp.received;
    expect(to(message!)).toBe(CONSULENT);
    expect(message!.parsed.subject).toBe('Verzoek om contact via de MAG-assistent');
    const text = message!.parsed.text!;
    expect(text).toContain('Wie: Organisatie');
    expect(text).toContain('Telefoon: 0184 123 456');
    expect(text).toContain('Taal van het gesprek: Engels');
    expect(text).toContain('De vraag:\nCan our choir apply for a concert in the park?');
    expect(text).toContain(`Inbox: ${PUBLIC_URL}/consulent`);
    expect(text).not.toMatch(/MAG-\d{4}-\d{6}/);
    expect(text).not.toContain('E-mail:');
  });

  it('goes to whom it is given, in the language asked', async () => {
    await mail.callbackRequested({
      to: ['buurtwerk@example.nl'],
      lang: 'en',
      contact: { email: 'piet@example.org' },
      question: 'A street party?',
    });
    await mail.sender!.runOnce();
    const [message] = smtp.received;
    expect(to(message!)).toBe('buurtwerk@example.nl');
    expect(message!.parsed.text).toContain('Email: piet@example.org');
    expect(message!.parsed.text).toContain('Who: not known');
  });
});

it('links to the draft in the inbox under PUBLIC_URL', () => {
  expect(draftInboxUrl('https://mag.example.nl/', 'a b')).toBe(
    'https://mag.example.nl/consulent/drafts/a%20b',
  );
});
