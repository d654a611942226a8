import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TokenService } from '../../bot/directline/tokens.js';
import type { ChannelServer, RecordedRequest } from '../helpers/channel-server.js';
import { recordRequests, startServer, TODAY } from '../helpers/channel-server.js';
import {
  CONDITION_SLOTS,
  choiceCodes,
  expectGroupedMultiSelect,
  expectNoInternalNames,
  expectSettlingChoice,
  HISTORY_SLOTS,
} from '../helpers/contract.js';
import {
  ClientHarness,
  ConnectionStatus,
  clientAnswer,
  clientRunToVerdict,
  eventually,
  firstQuestion,
} from '../helpers/directline-client.js';
import type { Http } from '../helpers/directline-rest.js';
import {
  answerUntilVerdict,
  httpViaFetch,
  RestConversation,
  webchatToken,
} from '../helpers/directline-rest.js';
import type { AnswerMap, Asked, Assessment, BotActivity } from '../helpers/intake-answers.js';
import {
  askOf,
  assessInputFor,
  CORE_ACTIVITY_TOO_HIGH,
  lastQuestion,
  RESIDENT_STREET_PARTY,
} from '../helpers/intake-answers.js';

/**
 * The official `botframework-directlinejs` client (what Web Chat runs) against our own Direct Line, over
 * real HTTP and WebSocket: polling, the stream, resuming at a watermark, token refresh and expiry.
 */
const SIGNING_KEY = 'directline-client-test-signing-key-0123456789';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** `<conversation>|0000012` → 12: the sequence number the watermark counts. */
const seqOf = (a: BotActivity) => Number(a.id!.split('|')[1]);

let server: ChannelServer;
let http: Http;
let domain: string;
const requests: RecordedRequest[] = [];
const harnesses: ClientHarness[] = [];

const client = (options: ConstructorParameters<typeof ClientHarness>[0]) => {
  const h = new ClientHarness({ domain, ...options });
  harnesses.push(h);
  return h;
};

beforeAll(async () => {
  server = await startServer({ TOKEN_SIGNING_KEY: SIGNING_KEY }, { setup: recordRequests(requests) });
  http = httpViaFetch(server.base);
  domain = `${server.base}/v3/directline`;
});
afterEach(() => {
  vi.useRealTimers();
  for (const h of harnesses.splice(0)) h.end();
});
afterAll(async () => {
  await server.close();
});

async function assessed(asked: readonly Asked[], answers?: AnswerMap, partial = false): Promise<Assessment> {
  const body = { ...assessInputFor(asked, TODAY, answers), ...(partial && { partial: true }) };
  const res = await http('POST', '/api/assess', { body });
  expect(res.status).toBe(200);
  return res.body;
}

describe('a whole conversation with botframework-directlinejs', () => {
  it('over polling (webSocket: false), choices answered by clicking the suggested actions and card buttons', async () => {
    const t = await webchatToken(http);
    const h = client({ token: t.token, webSocket: false });
    const run = await clientRunToVerdict(h, { click: true });

    expect(run.assessment.verdict).toBe('eligible');
    // channelData.assessment is exactly what POST /api/assess returns for the same answers and date.
    expect(run.assessment).toEqual(await assessed(run.answered));
    expect(run.asked[0]).toBe('applicant.kind');
    expect(askOf(run.questions.at(-1))).toBe('next');
    // Only what still matters is asked: a start in the future has not begun, and whether it is an
    // activity is a box of the conditions, not a question of its own.
    expect(run.asked).not.toContain('initiative.alreadyStarted');
    expect(run.asked).not.toContain('initiative.isActivity');
    expect(run.asked).not.toContain('draft.description');

    // The grouped questions: boxes named by slot path, channelData.slots lists what they settle, and
    // "Geen van deze" (clicked here) submits an empty list without the boxes.
    const conditions = run.answered.find((q) => askOf(q) === 'help.conditions')!;
    const boxes = expectGroupedMultiSelect(conditions);
    // A one-off initiative: every condition can still matter.
    expect(boxes).toEqual(expect.arrayContaining([...CONDITION_SLOTS]));
    expect(conditions.channelData!.slots).toEqual(expect.arrayContaining([...CONDITION_SLOTS]));
    const history = run.answered.find((q) => askOf(q) === 'help.history')!;
    expect(expectGroupedMultiSelect(history)).toContain('help.appliedBefore');
    expect(history.channelData!.slots).toEqual(expect.arrayContaining(HISTORY_SLOTS));
    // No question leaves a slot to be settled silently: each eligibility slot of the input was asked under
    // its own name or listed by the grouped question that set it (or follows from the others).
    const input = assessInputFor(run.answered, TODAY) as Record<string, Record<string, unknown>>;
    const listed = new Set(run.answered.flatMap((q) => [askOf(q)!, ...(q.channelData?.slots ?? [])]));
    const impliedSlots = ['initiative.alreadyStarted', 'history.amountGrantedThisYear'];
    for (const [group, fields] of Object.entries(input)) {
      if (group === 'today') continue;
      for (const field of Object.keys(fields)) {
        const slot = `${group}.${field}`;
        if (!impliedSlots.includes(slot)) expect(listed, slot).toContain(slot);
      }
    }
    // Nothing a person reads is an internal value: no slot path in any text, button title or card.
    expectNoInternalNames(h.botActivities);

    // Every question carries channelData.ask; its choices are messageBack actions `{ <slot>: code }`.
    for (const q of run.questions) expect(askOf(q)).toBeTruthy();
    const withChoices = h.botActivities.filter((a) => a.suggestedActions);
    expect(withChoices.length).toBeGreaterThanOrEqual(5);
    for (const q of withChoices) {
      const slot = askOf(q);
      expect(slot).toBeTruthy();
      for (const action of q.suggestedActions!.actions) {
        expect(action.type).toBe('messageBack');
        expect(action.value).toEqual({ [slot!]: action.text });
        expect(action.title).toBeTruthy();
      }
    }
    const kind = h.botActivities.find((a) => askOf(a) === 'applicant.kind')!;
    expect(kind.suggestedActions!.actions.map((a) => a.text)).toEqual([
      'resident',
      'organisation',
      'kvk-professional',
    ]);

    // The user's messages are echoed with an id, as the token's user; every reply names what it answers.
    const mine = h.activities.filter((a) => a.from?.role !== 'bot');
    expect(mine).toHaveLength(run.asked.length);
    for (const a of mine) expect(a.from!.id).toBe(t.userId);
    // The grouped questions were answered with the card's "Geen van deze": it names its question and sends
    // the (unticked) boxes with it, no text.
    const submits = mine.filter((a) => a.text === undefined).map((a) => (a as { value?: unknown }).value);
    expect(submits).toEqual(
      expect.arrayContaining([
        { none: 'help.conditions', 'help.conditions': '' },
        { none: 'help.history', 'help.history': '' },
      ]),
    );
    const userIds = new Set(mine.map((a) => a.id));
    const replies = h.botActivities.filter((a) => a.replyToId !== undefined);
    expect(replies.length).toBeGreaterThan(run.asked.length);
    for (const r of replies) expect(userIds.has(r.replyToId)).toBe(true);
    // Nothing arrives twice.
    expect(new Set(h.activities.map((a) => a.id)).size).toBe(h.activities.length);
    expect(h.errors).toEqual([]);
  });

  it('over the WebSocket stream (webSocket: true), answers typed', async () => {
    const t = await webchatToken(http);
    const before = requests.length;
    const h = client({ token: t.token, webSocket: true });
    const run = await clientRunToVerdict(h);

    const expected = await assessed(run.answered);
    expect(run.assessment.verdict).toBe('eligible');
    expect(run.assessment.route).toEqual(expected.route);
    expect(run.assessment.checklist!.map((c) => c.id)).toEqual(expected.checklist!.map((c) => c.id));
    expect(run.assessment.deadlines).toEqual(expected.deadlines);
    expect(run.assessment).toEqual(expected);

    // The activities came over the stream: the client never polled this conversation.
    const mine = requests.slice(before).filter((r) => r.url.includes(t.conversationId));
    expect(mine.some((r) => r.url.includes('/stream?t='))).toBe(true);
    expect(mine.filter((r) => r.method === 'GET' && r.url.includes('/activities'))).toEqual([]);
    expect(new Set(h.activities.map((a) => a.id)).size).toBe(h.activities.length);
    expect(h.errors).toEqual([]);
  });
});

describe('questions that settle several slots, and the ways out of a refusal', () => {
  it('a resident says where in one question whose choices settle two slots; the verdict equals /api/assess', async () => {
    const t = await webchatToken(http);
    const h = client({ token: t.token, webSocket: false });
    const run = await clientRunToVerdict(h, { click: true, answers: RESIDENT_STREET_PARTY });

    // Where: one question instead of "in the municipality?" and "in your own neighbourhood?".
    expect(run.asked.slice(0, 3)).toEqual(['applicant.kind', 'help.idea', 'help.location']);
    expect(run.asked).not.toContain('initiative.inMunicipality');
    expect(run.asked).not.toContain('initiative.ownNeighbourhood');
    const location = run.answered[2]!;
    expect([...location.channelData!.slots!].sort()).toEqual([
      'initiative.inMunicipality',
      'initiative.ownNeighbourhood',
    ]);
    expect(choiceCodes(location)).toEqual(['in-own-neighbourhood', 'in-municipality', 'outside']);
    expectSettlingChoice(location);
    // The click left the title in the bubble, not the code.
    const clicked = h.activities.find((a) => a.from?.role !== 'bot' && a.text === 'in-own-neighbourhood');
    expect((clicked as { channelData?: { messageBack?: { displayText?: string } } })?.channelData).toEqual({
      messageBack: { displayText: expect.not.stringMatching(/in-own-neighbourhood/) },
    });

    expect(run.assessment.verdict).toBe('refer');
    expect(run.assessment).toEqual(await assessed(run.answered, RESIDENT_STREET_PARTY));
    expectGroupedMultiSelect(run.answered.find((q) => askOf(q) === 'help.conditions')!);
    expectNoInternalNames(h.botActivities);
  });

  it('after a refusal with a simple fix, next offers it before restart and done; it goes on to a verdict', async () => {
    const c = await RestConversation.start(http);
    const refused = await answerUntilVerdict(c, CORE_ACTIVITY_TOO_HIGH);
    // The refusal is certain as soon as the amount is known: a partial assessment, exactly as the API gives it.
    expect(refused.asked.at(-1)).toBe('money.requested');
    expect(refused.assessment.verdict).toBe('not-eligible');
    expect(refused.assessment).toEqual(await assessed(refused.answered, CORE_ACTIVITY_TOO_HIGH, true));

    const next = c.currentQuestion()!;
    expect(askOf(next)).toBe('next');
    expect(choiceCodes(next)).toEqual(['lower-amount', 'later-year', 'callback', 'restart', 'done']);
    const titles = next.suggestedActions!.actions.map((a) => a.title!);
    expect(titles[0]).toContain('10.000');
    expect(titles[1]).toContain('2028');
    expectNoInternalNames(c.seen.filter((a) => a.from?.role === 'bot'));

    // The lower amount: the other answers stay, the conversation goes on where it was.
    const lower = next.suggestedActions!.actions[0]!;
    const replies = await c.answer(lower.text!, { value: lower.value });
    const conditions = lastQuestion(replies)!;
    expect(askOf(conditions)).toBe('help.conditions');
    // A core activity is an activity by definition: that box is not offered, the seven others are.
    const boxes = expectGroupedMultiSelect(conditions);
    expect([...boxes].filter((b) => !b.startsWith('help.')).sort()).toEqual(
      CONDITION_SLOTS.filter((s) => s !== 'initiative.isActivity').sort(),
    );
    expect(conditions.channelData!.slots).not.toContain('initiative.isActivity');

    const lowered = { ...CORE_ACTIVITY_TOO_HIGH, 'money.requested': { text: '10000', value: 10_000 } };
    const rest = await answerUntilVerdict(c, lowered);
    expect(rest.assessment.verdict).toBe('eligible');
    const input = assessInputFor([...refused.answered, ...rest.answered], TODAY, lowered);
    expect(input).toMatchObject({ initiative: { isActivity: true }, money: { requested: 10_000 } });
    expect(rest.assessment).toEqual(await assessed([...refused.answered, ...rest.answered], lowered));
  });
});

describe('resuming a conversation with conversationId and watermark', () => {
  /** A conversation answered three questions deep by one client, which then goes away. */
  async function halfwayConversation() {
    const t = await webchatToken(http);
    const h1 = client({ token: t.token, webSocket: false });
    let question = await firstQuestion(h1);
    for (let i = 0; i < 3; i++) question = (await clientAnswer(h1, question)).next;
    // The client has read up to (at least) the question it was asked last.
    await eventually(() => (Number(h1.watermark) >= seqOf(question) ? true : undefined), 'the watermark');
    const watermark = h1.watermark;
    h1.end();
    // Meanwhile (another tab, say) the conversation goes on.
    const rest = new RestConversation(http, t.token, t.conversationId);
    const answered = await rest.say('ja');
    const all = (await rest.get('0')).body.activities as BotActivity[];
    return { t, watermark, answered, all, question };
  }

  it('a new client with the watermark (polling) gets only what came after it, and can go on', async () => {
    const { t, watermark, answered, all } = await halfwayConversation();
    const h2 = client({ token: t.token, conversationId: t.conversationId, watermark, webSocket: false });
    const next = await h2.waitFor((a) => a.replyToId === answered && askOf(a) !== undefined, 'the reply');
    await sleep(500); // a few more polls: nothing older may arrive
    const after = all.filter((a) => seqOf(a) > Number(watermark));
    expect(h2.activities.map((a) => a.id)).toEqual(after.map((a) => a.id));
    // No second greeting: reconnecting is not a new conversation.
    expect(h2.activities.filter((a) => askOf(a) === 'applicant.kind')).toEqual([]);

    const { next: following } = await clientAnswer(h2, next);
    expect(askOf(following)).not.toBe(askOf(next));
    expect(h2.errors).toEqual([]);
  });

  it("a new client with watermark '0' gets the whole conversation", async () => {
    const { t, all } = await halfwayConversation();
    const h3 = client({ token: t.token, conversationId: t.conversationId, watermark: '0', webSocket: false });
    await eventually(() => (h3.activities.length >= all.length ? true : undefined), 'every activity');
    await sleep(300);
    expect(h3.activities.map((a) => a.id)).toEqual(all.map((a) => a.id));
    expect(askOf(h3.activities[0]) ?? askOf(h3.activities[1])).toBe('applicant.kind');
  });

  // Was a bug (bot/directline/routes.ts, GET /v3/directline/conversations/:id): the streamUrl it returns
  // drops the `watermark` of the request, so the stream replays the conversation from the start. Direct
  // Line 3.0 ("Reconnect to a conversation") returns `.../stream?watermark=<w>&t=...` and replays from the
  // watermark. The official client reconnects exactly this way after any dropped socket, so Web Chat gets
  // every earlier activity again.
  it('a new client with the watermark over the WebSocket stream gets only what came after it', async () => {
    const { t, watermark, answered, all } = await halfwayConversation();
    const h4 = client({ token: t.token, conversationId: t.conversationId, watermark, webSocket: true });
    await h4.waitFor((a) => a.replyToId === answered && askOf(a) !== undefined, 'the reply');
    await sleep(300);
    const after = all.filter((a) => seqOf(a) > Number(watermark));
    expect(h4.activities.map((a) => a.id)).toEqual(after.map((a) => a.id));
  });
});

describe('tokens', () => {
  it('a token refreshed with POST /tokens/refresh and handed to reconnect() keeps the client working', async () => {
    const t = await webchatToken(http);
    const h = client({ token: t.token, webSocket: false });
    let question = (await clientAnswer(h, await firstQuestion(h))).next;
    await sleep(1100); // tokens carry whole seconds: a second later a refresh gives a different token

    const refreshed = await http('POST', '/v3/directline/tokens/refresh', {
      headers: { authorization: `Bearer ${h.token}` },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(t.conversationId);
    expect(refreshed.body.token).not.toBe(t.token);
    expect(refreshed.body.expires_in).toBeGreaterThan(0);

    h.dl.reconnect({ conversationId: t.conversationId, token: refreshed.body.token });
    const mark = requests.length;
    const answered = await clientAnswer(h, question);
    question = answered.next;
    const posted = requests
      .slice(mark)
      .find((r) => r.method === 'POST' && r.url.endsWith(`${t.conversationId}/activities`));
    expect(posted?.authorization).toBe(`Bearer ${refreshed.body.token}`);
    expect(askOf(question)).toBeTruthy();
  });

  it("the client's own refresh loop (every 15 minutes) gets a new token it then uses", async () => {
    // Only setInterval is faked (rxjs 5 schedules everything, the 15-minute refresh loop too, with it) and
    // its clock follows real time; polling and HTTP stay real. Then the test jumps 15 minutes ahead.
    vi.useFakeTimers({
      toFake: ['setInterval', 'clearInterval'],
      shouldAdvanceTime: true,
      advanceTimeDelta: 5,
    });
    const t = await webchatToken(http);
    const h = client({ token: t.token, webSocket: false });
    const question = await firstQuestion(h);
    await sleep(1100);
    const mark = requests.length;
    vi.advanceTimersByTime(15 * 60_000);
    const refresh = await eventually(
      () => requests.slice(mark).find((r) => r.url === '/v3/directline/tokens/refresh'),
      'the client to refresh its token',
    );
    expect(refresh.authorization).toBe(`Bearer ${t.token}`);
    await eventually(() => (h.token !== t.token ? true : undefined), 'the client to take the new token');

    const after = requests.length;
    const { next } = await clientAnswer(h, question);
    expect(askOf(next)).not.toBe('applicant.kind');
    const posted = requests.slice(after).find((r) => r.method === 'POST' && r.url.endsWith('/activities'));
    expect(posted?.authorization).toBe(`Bearer ${h.token}`);
  });

  it('an expired token puts the client in ExpiredToken; reconnect() with a fresh token resumes', async () => {
    const t = await webchatToken(http);
    const started = new RestConversation(http, t.token, t.conversationId);
    expect((await started.startConversation()).status).toBe(201);
    // The same key the server signs with, one second before the end of a 60-second life.
    const almostExpired = new TokenService(Buffer.from(SIGNING_KEY), 60, () => Date.now() - 59_000).issue(
      t.conversationId,
      t.userId,
    ).token;

    const h = client({ token: almostExpired, conversationId: t.conversationId, webSocket: false });
    const question = await firstQuestion(h);
    await h.waitForStatus(ConnectionStatus.ExpiredToken, 6000);

    const fresh = await webchatToken(http, { conversationId: t.conversationId, resume: t.resume });
    expect(fresh).toMatchObject({ conversationId: t.conversationId, userId: t.userId, resumed: true });
    h.dl.reconnect({ conversationId: t.conversationId, token: fresh.token });
    await h.waitForStatus(ConnectionStatus.Online);
    const { next } = await clientAnswer(h, question);
    expect(askOf(next)).toBe('help.idea');
  });
});
