import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CALLBACKS_PER_CONVERSATION } from '../../bot/intake-bot.js';
import type { CallbackRequest } from '../../callbacks/callback.js';
import { consulentUsers, login } from '../consulent/helpers.js';
import { pressCardButton } from '../helpers/cards.js';
import type { ChannelServer } from '../helpers/channel-server.js';
import { startServer } from '../helpers/channel-server.js';
import type { Http } from '../helpers/directline-rest.js';
import {
  answerUntilAsked,
  answerUntilVerdict,
  httpViaInject,
  RestConversation,
} from '../helpers/directline-rest.js';
import type { CapturedReply } from '../helpers/fake-teams.js';
import { FakeTeamsService } from '../helpers/fake-teams.js';
import type { AnswerMap, BotActivity } from '../helpers/intake-answers.js';
import {
  answerText,
  askOf,
  cardOf,
  clickFor,
  ELIGIBLE_ORGANISATION,
  INTERNAL_NAME,
  lastQuestion,
  RESIDENT_STREET_PARTY,
  visibleTexts,
} from '../helpers/intake-answers.js';
import { storesAt } from '../helpers/stores.js';

/**
 * "Ik wil iemand spreken" over the channels: the request is stored in the same transaction as the turn,
 * with a TB- reference, who must call (the buurtwerk for the € 350 street party, the consulent for an
 * organisation's application and in the buurtwerker's intake), the contact, the question, the answers so
 * far and the transcript; the reply says the reference (`channelData.callback`) and the conversation goes
 * on; `stop` afterwards deletes the conversation and keeps the request; the consulent sees it.
 */
type CallbackActivity = BotActivity & { channelData?: { callback?: { id: string; reference: string } } };

let server: ChannelServer;
let http: Http;
let teams: FakeTeamsService;
beforeAll(async () => {
  teams = await new FakeTeamsService().start();
  server = await startServer(
    { TEAMS_LOCAL: 'true', CONSULENT_USERS: await consulentUsers() },
    { listen: false },
  );
  http = httpViaInject(server.app);
});
afterAll(async () => {
  await server?.close();
  await teams?.close();
});

const stored = async (id: string): Promise<CallbackRequest | undefined> => {
  const stores = await storesAt(server.databasePath);
  try {
    return await stores.callbacks.get(id);
  } finally {
    await stores.close();
  }
};
const callbackIn = (replies: BotActivity[]) =>
  (replies as CallbackActivity[]).find((a) => a.channelData?.callback)?.channelData?.callback;

/** The contact, then the question: returns the replies to the question (the request is made). */
async function leaveRequest(c: RestConversation, contact: string, question: string) {
  const asked = lastQuestion(await c.answer(contact));
  expect(askOf(asked)).toBe('help.callbackQuestion');
  return c.answer(question);
}

describe('over Direct Line (the website)', () => {
  it('the choice at the buurtwerker verdict: stored with who calls (the buurtwerk), answers and transcript', async () => {
    const c = await RestConversation.start(http);
    const { verdict } = await answerUntilVerdict(c, RESIDENT_STREET_PARTY);
    expect(verdict.channelData?.assessment?.verdict).toBe('refer');
    const next = c.currentQuestion()!;
    expect(askOf(next)).toBe('next');
    const click = clickFor(next, { text: 'Iemand spreken', code: 'callback' });
    expect(click, 'the verdict offers "Iemand spreken"').toBeDefined();
    const contact = lastQuestion(await c.answer(click!.text ?? '', { value: click!.value }));
    expect(askOf(contact)).toBe('help.callbackContact');
    expect(contact!.text).toContain('Typ uw telefoonnummer of uw e-mailadres.');

    const replies = await leaveRequest(c, 'bel mij op 06 12345678', 'Mag het feest ook op het plein?');
    const made = callbackIn(replies);
    expect(made?.reference).toMatch(/^TB-2026-\d{6}$/);
    const confirmation = replies.find((a) => (a as CallbackActivity).channelData?.callback)!;
    expect(confirmation.text).toContain(`Het nummer is ${made!.reference}.`);
    expect(confirmation.text).toContain('Een buurtwerker van het welzijnswerk neemt contact met u op.');
    expect(confirmation.text).toContain('binnen twee werkdagen');
    // The conversation goes on at the next step, without the verdict again.
    expect(askOf(lastQuestion(replies))).toBe('next');
    expect(replies.some((a) => a.channelData?.assessment)).toBe(false);
    for (const a of replies) for (const text of visibleTexts(a)) expect(text).not.toMatch(INTERNAL_NAME);

    const request = (await stored(made!.id))!;
    expect(request).toMatchObject({
      reference: made!.reference,
      caller: 'buurtwerk',
      contact: { kind: 'phone', value: '+31612345678' },
      question: 'Mag het feest ook op het plein?',
      verdict: 'refer',
      lang: 'nl',
      channel: 'website',
      status: 'nieuw',
    });
    // The answers as the review words them, in Dutch.
    expect(request.answers).toEqual(
      expect.arrayContaining([
        { label: 'Aanvrager', answer: 'Inwoner' },
        { label: 'Gevraagd bedrag', answer: '€ 350' },
      ]),
    );
    const said = request.transcript.filter((l) => l.from === 'resident').map((l) => l.text);
    expect(said).toEqual(expect.arrayContaining(['inwoner', 'Iemand spreken', 'bel mij op 06 12345678']));
    expect(said.at(-1)).toBe('Mag het feest ook op het plein?');
    expect(
      request.transcript.some((l) => l.from === 'assistant' && l.text.includes('Typ uw telefoonnummer')),
    ).toBe(true);
  });

  it('the command mid-intake: the consulent, for an organisation; then the same question again', async () => {
    const c = await RestConversation.start(http);
    await answerUntilAsked(c, 'money.requested', ELIGIBLE_ORGANISATION);
    const contact = lastQuestion(await c.answer('Ik wil iemand spreken'));
    expect(askOf(contact)).toBe('help.callbackContact');
    const replies = await leaveRequest(c, 'info@buurtvereniging.example', 'Kunnen we ook een tent huren?');
    expect(askOf(lastQuestion(replies))).toBe('money.requested');
    const request = (await stored(callbackIn(replies)!.id))!;
    expect(request).toMatchObject({
      caller: 'consulent',
      contact: { kind: 'email', value: 'info@buurtvereniging.example' },
      verdict: 'incomplete',
    });
    expect(request.answers.map((a) => a.label)).toContain('Soort subsidie');
    // The intake goes on from there to its verdict.
    const { assessment } = await answerUntilVerdict(c, ELIGIBLE_ORGANISATION);
    expect(assessment.verdict).toBe('eligible');
  });

  it('`back` inside the request stores nothing and asks the open question again', async () => {
    const c = await RestConversation.start(http);
    await c.answer('organisatie');
    await c.answer('iemand spreken');
    const back = await c.answer('terug');
    expect(askOf(lastQuestion(back))).toBe('help.idea');
    expect(callbackIn(back)).toBeUndefined();
  });

  it('`stop` after a request deletes the conversation; the request stays', async () => {
    const c = await RestConversation.start(http);
    await c.answer('inwoner');
    await c.answer('iemand spreken');
    const made = callbackIn(await leaveRequest(c, '0612345678', 'Ik heb een vraag over de subsidie.'))!;
    const stopped = await c.answer('stop');
    expect(stopped.at(-1)?.text).toContain('We zijn gestopt');
    const stores = await storesAt(server.databasePath);
    try {
      const key = `intake/directline/${c.conversationId}`;
      expect((await stores.state.read([key]))[key]).toBeUndefined();
    } finally {
      await stores.close();
    }
    expect((await stored(made.id))?.reference).toBe(made.reference);
  });

  it(`at most ${MAX_CALLBACKS_PER_CONVERSATION} per conversation; then the reply says how to reach the municipality`, async () => {
    const c = await RestConversation.start(http);
    const references: string[] = [];
    for (let i = 0; i < MAX_CALLBACKS_PER_CONVERSATION; i++) {
      await c.answer('bel mij');
      references.push(callbackIn(await leaveRequest(c, '0612345678', `Vraag ${i + 1}`))!.reference);
    }
    expect(new Set(references).size).toBe(MAX_CALLBACKS_PER_CONVERSATION);
    await c.answer('bel mij');
    const replies = await leaveRequest(c, '0612345678', 'Nog een vraag');
    expect(callbackIn(replies)).toBeUndefined();
    expect(replies.map((a) => a.text).join('\n')).toContain('Bel de gemeente op 140184');
    expect(askOf(lastQuestion(replies))).toBe('applicant.kind');
  });

  it('"talk to a person" as the first message of an English chat goes to its questions at once', async () => {
    const c = await RestConversation.start(http);
    await c.answer('english');
    const contact = lastQuestion(await c.answer('talk to a person'));
    expect(contact!.text).toContain('How can we reach you?');
    const replies = await leaveRequest(c, 'emma@example.com', 'Can I apply for a street party?');
    const request = (await stored(callbackIn(replies)!.id))!;
    expect(request).toMatchObject({
      lang: 'en',
      caller: 'consulent',
      question: 'Can I apply for a street party?',
    });
    // The consulent reads the answers in Dutch, whatever the chat spoke.
    expect(replies.find((a) => (a as CallbackActivity).channelData?.callback)?.text).toContain(
      'Your request has been passed on.',
    );
  });

  it('the consulent finds it in the list and opens it', async () => {
    const c = await RestConversation.start(http);
    await answerUntilVerdict(c, RESIDENT_STREET_PARTY);
    await c.answer('Iemand spreken');
    const made = callbackIn(await leaveRequest(c, '0612345678', 'Wie is de buurtwerker?'))!;
    const { cookie } = await login(server.app);
    const list = await server.app.inject({ url: '/consulent/terugbelverzoeken', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(made.reference);
    const detail = await server.app.inject({
      url: `/consulent/terugbelverzoeken/${made.id}`,
      headers: { cookie },
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Wie is de buurtwerker?');
    expect(detail.body).toContain('href="tel:+31612345678"');
    expect(detail.body).toContain('Buurtwerk');
    expect(detail.body).toContain('Gevraagd bedrag');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Teams (a buurtwerker's intake)
// ---------------------------------------------------------------------------------------------------------

const TENANT = '8f2d3c1a-5b6e-4f70-9a81-0c2d3e4f5a6b';
const BOT = { id: '28:0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9', name: 'MAG-assistent' };
let seq = 1_800_000_000_000;

function buurtwerker() {
  const user = {
    id: `29:1${randomUUID().replace(/-/g, '')}`,
    name: 'Bea Buurtwerker',
    aadObjectId: randomUUID(),
  };
  const conversation = {
    conversationType: 'personal',
    tenantId: TENANT,
    id: `a:1${randomUUID().replace(/-/g, '')}`,
  };
  const base = (type: string) => ({
    type,
    id: String(++seq),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: teams.serviceUrl,
    from: user,
    conversation,
    recipient: BOT,
    channelData: { tenant: { id: TENANT } },
    locale: 'nl-NL',
  });
  return {
    conversationUpdate: () => ({ ...base('conversationUpdate'), membersAdded: [{ id: user.id }] }),
    message: (text: string) => ({ ...base('message'), text, textFormat: 'plain' }),
    submit: (value: Record<string, unknown>) => ({ ...base('message'), value }),
  };
}

async function send(activity: { id: string }): Promise<CapturedReply[]> {
  const res = await server.app.inject({ method: 'POST', url: '/api/messages', payload: activity });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return teams.repliesTo(activity.id);
}

/** Types the answer to whatever is asked until a verdict; returns the last replies. */
async function intakeUntilVerdict(b: ReturnType<typeof buurtwerker>, answers: AnswerMap) {
  let replies = await send(b.conversationUpdate());
  for (let turn = 0; turn < 40; turn++) {
    const asked = askOf(lastQuestion(replies.map((r) => r.activity)));
    if (!asked) throw new Error('nothing asked');
    replies = await send(b.message(answerText(asked, answers)));
    if (replies.some((r) => r.activity.channelData?.assessment)) return replies;
  }
  throw new Error('no verdict');
}

describe('over Teams (the buurtwerker’s intake)', () => {
  it.each([
    ['an organisation’s application', ELIGIBLE_ORGANISATION, 'eligible', 'contact op met de organisatie'],
    ['the € 350 street party', RESIDENT_STREET_PARTY, 'refer', 'contact op met de bewoner'],
  ] as const)(
    'at the verdict of %s the consulent calls, and the texts speak about the applicant',
    async (_name, answers, verdict, wording) => {
      const b = buurtwerker();
      const replies = await intakeUntilVerdict(b, answers);
      expect(
        replies.find((r) => r.activity.channelData?.assessment)?.activity.channelData.assessment.verdict,
      ).toBe(verdict);
      const next = lastQuestion(replies.map((r) => r.activity))!;
      const button = cardOf(next)?.actions?.find((a) => a.data?.next === 'callback');
      expect(button?.title).toBe('Terugbelverzoek maken');
      const contact = lastQuestion(
        (await send(b.submit(pressCardButton(cardOf(next)!, button!.title)))).map((r) => r.activity),
      );
      expect(askOf(contact)).toBe('help.callbackContact');
      expect(contact!.text).toMatch(/van de (bewoner|contactpersoon)/);
      await send(b.message('06 12345678'));
      const done = (await send(b.message('De bewoner wil weten of het plein ook mag.'))).map(
        (r) => r.activity,
      );
      const made = callbackIn(done)!;
      expect(made.reference).toMatch(/^TB-2026-\d{6}$/);
      const confirmation = done.find((a) => (a as CallbackActivity).channelData?.callback)!;
      expect(confirmation.text).toContain(wording);
      expect(confirmation.text).not.toMatch(/\bu\b/);
      expect(askOf(lastQuestion(done))).toBe('next');
      const request = (await stored(made.id))!;
      expect(request).toMatchObject({ caller: 'consulent', channel: 'teams', verdict, lang: 'nl' });
      expect(request.answers.length).toBeGreaterThan(5);
      expect(request.transcript.some((l) => l.text === 'Terugbelverzoek maken')).toBe(true);
      expect(teams.unexpected).toEqual([]);
    },
  );
});
