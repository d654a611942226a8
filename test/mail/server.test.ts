import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consulentUsers, cookieOf, FORM, form, PASSWORD, USER } from '../consulent/helpers.js';
import { readPdf } from '../drafts/pdf-text.js';
import type { ChannelServer } from '../helpers/channel-server.js';
import { startServer } from '../helpers/channel-server.js';
import { httpViaInject, RestConversation } from '../helpers/directline-rest.js';
import { answerText, askOf, DRAFT_ANSWERS, ELIGIBLE_ORGANISATION } from '../helpers/intake-answers.js';
import type { TestSmtp } from './helpers.js';
import { CONSULENT, FROM, PUBLIC_URL, startSmtp } from './helpers.js';

/**
 * The whole server with mail on, against a real SMTP server on loopback: a draft made in the chat mails
 * the consulent (reference and link, no personal data) and the resident (confirmation and PDF); a status
 * change the consulent tells mails the resident; a callback request mails whoever must call.
 */
let smtp: TestSmtp;
let server: ChannelServer;
const ANSWERS = { ...ELIGIBLE_ORGANISATION, ...DRAFT_ANSWERS };

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer(
    {
      SMTP_URL: smtp.url,
      MAIL_FROM: FROM,
      CONSULENT_EMAIL: CONSULENT,
      PUBLIC_URL,
      CONSULENT_USERS: await consulentUsers(),
    },
    { listen: false },
  );
  await server.app.ready();
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

async function draftThroughChat() {
  const c = await RestConversation.start(httpViaInject(server.app));
  await c.fetchNew();
  for (let turn = 0; turn < 60 && !c.seen.some((a) => a.channelData?.draft); turn++) {
    await c.answer(answerText(askOf(c.currentQuestion())!, ANSWERS));
  }
  return { c, draft: c.seen.find((a) => a.channelData?.draft)!.channelData!.draft! };
}

describe('mail from the running server', () => {
  it('a draft: the consulent gets the reference and the link, the resident the confirmation with the PDF', async () => {
    const before = smtp.received.length;
    const { draft } = await draftThroughChat();
    const mails = (await smtp.waitFor(before + 2, 15_000)).slice(before);
    const toConsulent = mails.find((m) => m.envelope.to.includes(CONSULENT))!;
    const toResident = mails.find((m) => m.envelope.to.includes('anna@example.nl'))!;
    expect(toConsulent.parsed.subject).toContain(draft.reference);
    expect(toConsulent.parsed.text).toContain(`${PUBLIC_URL}/consulent/drafts/${draft.id}`);
    // No more personal data than needed: no name, no e-mail address, no answers.
    for (const personal of ['Anna de Vries', 'anna@example.nl', 'Buurtvereniging De Kerkstraat']) {
      expect(toConsulent.raw.toString()).not.toContain(personal);
    }
    expect(toConsulent.parsed.attachments).toHaveLength(0);
    expect(toResident.parsed.subject).toContain(draft.reference);
    expect(toResident.parsed.text).toContain(draft.reference);
    const [pdf] = toResident.parsed.attachments;
    expect(pdf?.contentType).toBe('application/pdf');
    expect((await readPdf(pdf!.content)).text).toContain(draft.reference);
    // Once each: the turn is one transaction with its mails.
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.slice(before)).toHaveLength(2);
  });

  it('a status change the consulent tells mails the resident, with the note; one not told mails nobody', async () => {
    const start = smtp.received.length;
    const { draft } = await draftThroughChat();
    // The draft's own two mails first.
    await smtp.waitFor(start + 2, 15_000);
    const login = await server.app.inject({
      method: 'POST',
      url: '/consulent/login',
      headers: FORM,
      payload: form({ name: USER, password: PASSWORD }),
    });
    const cookie = cookieOf(login);
    const page = await server.app.inject({ url: `/consulent/drafts/${draft.id}`, headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const post = (fields: Record<string, string>) =>
      server.app.inject({
        method: 'POST',
        url: `/consulent/drafts/${draft.id}/status`,
        headers: { ...FORM, cookie },
        payload: form({ _csrf: csrf, ...fields }),
      });
    const before = smtp.received.length;
    expect(
      (await post({ status: 'in-behandeling', note: 'Intern: eerst de begroting bekijken.' })).statusCode,
    ).toBe(303);
    const note = 'Stuur nog de begroting met alle kosten.';
    expect((await post({ status: 'aanvullen-gevraagd', note, tell: 'yes' })).statusCode).toBe(303);
    const [told] = (await smtp.waitFor(before + 1, 15_000)).slice(before);
    expect(told!.envelope.to).toEqual(['anna@example.nl']);
    expect(told!.parsed.text).toContain(note);
    expect(told!.parsed.text).toContain(draft.reference);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.slice(before)).toHaveLength(1);
  });

  it('a callback request mails the consulent with the phone number and the question', async () => {
    const c = await RestConversation.start(httpViaInject(server.app));
    await c.answer('organisatie');
    const before = smtp.received.length;
    await c.answer('ik wil iemand spreken');
    await c.answer('06 12345678');
    await c.answer('Mag een vereniging ook een tweede aanvraag doen?');
    const [mail] = (await smtp.waitFor(before + 1, 15_000)).slice(before);
    expect(mail!.envelope.to).toEqual([CONSULENT]);
    expect(mail!.parsed.text).toContain('Mag een vereniging ook een tweede aanvraag doen?');
    expect(mail!.parsed.text).toMatch(/06\s?12345678|\+31\s?6\s?12345678|\+31612345678/);
  });
});
