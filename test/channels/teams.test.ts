import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChannelServer } from '../helpers/channel-server.js';
import { startServer, TODAY } from '../helpers/channel-server.js';
import {
  CONDITION_SLOTS,
  expectGroupedMultiSelect,
  expectNoInternalNames,
  HISTORY_SLOTS,
} from '../helpers/contract.js';
import type { CapturedReply } from '../helpers/fake-teams.js';
import { FakeTeamsService } from '../helpers/fake-teams.js';
import type { BotActivity } from '../helpers/intake-answers.js';
import {
  answerFor,
  askOf,
  assessInputFor,
  clickFor,
  ELIGIBLE_ORGANISATION,
} from '../helpers/intake-answers.js';

/**
 * `POST /api/messages` with activities shaped as Microsoft Teams sends them (personal chat of a
 * buurtwerker), replies captured at a local stand-in for the Teams serviceUrl.
 */
const TENANT = '8f2d3c1a-5b6e-4f70-9a81-0c2d3e4f5a6b';
const BOT = { id: '28:0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9', name: 'MAG-assistent' };
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

let server: ChannelServer;
let teams: FakeTeamsService;
let seq = 1_700_000_000_000;

beforeAll(async () => {
  teams = await new FakeTeamsService().start();
  server = await startServer({}, { listen: false });
});
afterAll(async () => {
  await server?.close();
  await teams?.close();
});

/** One buurtwerker in one personal chat with the bot. */
function buurtwerker(name = 'Bea Buurtwerker') {
  const aadObjectId = randomUUID();
  const user = { id: `29:1${randomUUID().replace(/-/g, '')}`, name, aadObjectId };
  const conversation = {
    conversationType: 'personal',
    tenantId: TENANT,
    id: `a:1${randomUUID().replace(/-/g, '')}`,
  };
  const base = (type: string, id: string) => ({
    type,
    id,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString().replace('Z', '+01:00'),
    channelId: 'msteams',
    serviceUrl: teams.serviceUrl,
    from: user,
    conversation,
    recipient: BOT,
    channelData: { tenant: { id: TENANT } },
    locale: 'nl-NL',
    localTimezone: 'Europe/Amsterdam',
  });
  const clientInfo = {
    type: 'clientInfo',
    locale: 'nl-NL',
    country: 'NL',
    platform: 'Web',
    timezone: 'Europe/Amsterdam',
  };
  return {
    user,
    conversation,
    conversationUpdate: (membersAdded: object[] = [{ id: user.id, aadObjectId }]) => ({
      ...base('conversationUpdate', `f:${++seq}`),
      membersAdded,
    }),
    /** A typed message; `mention` puts `<at>MAG-assistent</at>` in front, with its mention entity. */
    message: (text: string, { mention = false } = {}) => ({
      ...base('message', String(++seq)),
      text: mention ? `<at>${BOT.name}</at> ${text}` : text,
      textFormat: 'plain',
      entities: [
        ...(mention ? [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }] : []),
        clientInfo,
      ],
    }),
    /** An Adaptive Card Action.Submit: a message with the card's data (and inputs) as `value`, no text. */
    submit: (value: Record<string, unknown>, replyToId?: string) => ({
      ...base('message', String(++seq)),
      value,
      ...(replyToId && { replyToId }),
      entities: [clientInfo],
    }),
  };
}

async function send(activity: { id: string }) {
  const res = await server.app.inject({ method: 'POST', url: '/api/messages', payload: activity });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return teams.repliesTo(activity.id);
}

const question = (replies: CapturedReply[]) =>
  replies.findLast((r) => askOf(r.activity) !== undefined)?.activity;
// biome-ignore lint/suspicious/noExplicitAny: an Adaptive Card from a reply
const cardOf = (activity: any) =>
  activity?.attachments?.find((a: { contentType: string }) => a.contentType === ADAPTIVE)?.content;

describe('Teams (personal chat of a buurtwerker)', () => {
  it('greets on conversationUpdate and asks applicant.kind in intake wording, as an Adaptive Card', async () => {
    const b = buurtwerker();
    const update = b.conversationUpdate();
    const replies = await send(update);
    expect(replies.length).toBeGreaterThanOrEqual(2);
    for (const r of replies) {
      expect(r.path).toBe(`/v3/conversations/${b.conversation.id}/activities/${update.id}`);
      expect(r.activity.replyToId).toBe(update.id);
      expect(r.activity.conversation.id).toBe(b.conversation.id);
      expect(r.activity.recipient.id).toBe(b.user.id);
      // Local mode (no MicrosoftAppId): no credentials are sent.
      expect(r.authorization).toBeUndefined();
    }
    expect(replies[0]!.activity.text).toMatch(/^Intake MAG-subsidie/);
    const q = question(replies);
    expect(q.channelData.ask).toBe('applicant.kind');
    expect(q.text).toContain('de bewoner');
    expect(q.suggestedActions).toBeUndefined();
    const card = cardOf(q);
    expect(card.type).toBe('AdaptiveCard');
    expect(card.actions.map((a: { type: string }) => a.type)).toEqual([
      'Action.Submit',
      'Action.Submit',
      'Action.Submit',
    ]);
    expect(card.actions.map((a: { data: Record<string, unknown> }) => a.data['applicant.kind'])).toEqual([
      'resident',
      'organisation',
      'kvk-professional',
    ]);
    for (const a of card.actions) expect(a.data.msteams).toMatchObject({ type: 'messageBack' });
    expect(teams.unexpected).toEqual([]);
  });

  it('a second conversationUpdate for the same chat does not greet again', async () => {
    const b = buurtwerker();
    await send(b.conversationUpdate());
    expect(await send(b.conversationUpdate())).toEqual([]);
  });

  // Teams' conversationUpdate for a personal install names the bot as the member added; Microsoft's own
  // 1:1 welcome samples greet when `membersAdded` contains the recipient. channels.md: the bot greets on
  // the conversationUpdate Teams sends. (Not marked as a certain bug: whether the user is listed too
  // varies by client and install path.)
  it('greets when the conversationUpdate adds only the bot (personal install)', async () => {
    const b = buurtwerker();
    const replies = await send(b.conversationUpdate([{ id: BOT.id }]));
    expect(question(replies)?.channelData.ask).toBe('applicant.kind');
  });

  it('a first message before any conversationUpdate is greeted the same way', async () => {
    const b = buurtwerker();
    const msg = b.message('hallo');
    const replies = await send(msg);
    expect(replies.every((r) => r.replyToId === msg.id)).toBe(true);
    expect(question(replies)?.channelData.ask).toBe('applicant.kind');
  });

  it('a card submit (value, no text) answers the question; a typed answer with an <at> mention does too', async () => {
    const b = buurtwerker();
    const q0 = question(await send(b.conversationUpdate()));
    const organisation = cardOf(q0).actions.find(
      (a: { data: Record<string, unknown> }) => a.data['applicant.kind'] === 'organisation',
    );
    // The data of the clicked Action.Submit, as the card defines it.
    const click = b.submit(organisation.data);
    const r1 = await send(click);
    expect(r1.every((r) => r.replyToId === click.id)).toBe(true);
    const q1 = question(r1);
    expect(q1.channelData.ask).toBe('help.idea');
    expect(q1.text).toContain('de bewoner');

    const idea = b.message('Een buurtfeest in de Peulenstraat', { mention: true });
    const q2 = question(await send(idea));
    expect(q2.channelData.ask).toBe('initiative.inMunicipality');
    // A yes/no question is a card with two buttons.
    const yesNo = cardOf(q2).actions.map(
      (a: { data: Record<string, unknown> }) => a.data['initiative.inMunicipality'],
    );
    expect(yesNo).toEqual(['yes', 'no']);
    // The same click without the msteams part (as Teams delivers an Action.Submit's own data).
    const q3 = question(await send(b.submit({ 'initiative.inMunicipality': 'yes' })));
    expect(q3.channelData.ask).toBe('initiative.startDate');
    // A date question has an Input.Date named after the slot; its submit carries the date string.
    const dateInput = cardOf(q3).body.find((x: { type: string }) => x.type === 'Input.Date');
    expect(dateInput.id).toBe('initiative.startDate');
    // A start in the future has not begun: the next question is not "has it started already?".
    const q4 = question(await send(b.submit({ 'initiative.startDate': '2027-06-01' })));
    expect(q4.channelData.ask).toBe('help.fit');
  });

  it('multi-select fit list: the card submit of Input.ChoiceSet (comma-separated codes) is understood', async () => {
    const b = buurtwerker();
    let q = question(await send(b.conversationUpdate()));
    for (const text of ['organisation', 'Een buurtfeest', 'ja', '1-6-2027'])
      q = question(await send(b.message(text)));
    expect(q.channelData.ask).toBe('help.fit');
    const choiceSet = cardOf(q).body.find((x: { type: string }) => x.type === 'Input.ChoiceSet');
    expect(choiceSet).toMatchObject({ id: 'help.fit', isMultiSelect: true });
    // Teams sends a multi-select ChoiceSet's value as one comma-separated string: only themes ticked, so the
    // kaders are asked on their own next.
    const next = question(await send(b.submit({ 'help.fit': 'levendigheid,verbinding' })));
    expect(next.channelData.ask).toBe('initiative.kaders');
    // "None of these" names the question and sends the boxes with it; with none ticked it is a valid answer.
    const none = cardOf(next).actions.find(
      (a: { data: Record<string, unknown> }) => a.data.none !== undefined,
    );
    expect(none.data).toEqual({ none: 'initiative.kaders' });
    const refused = await send(b.submit({ none: 'initiative.kaders', 'initiative.kaders': '' }));
    expect(refused.some((r) => (r.activity as BotActivity).channelData?.assessment)).toBe(true);
  });

  it('"none of these" with a box still ticked is not taken as none: the question comes again', async () => {
    const b = buurtwerker();
    await send(b.conversationUpdate());
    for (const text of ['organisation', 'Een buurtfeest', 'ja', '1-6-2027']) await send(b.message(text));
    const again = await send(b.submit({ none: 'help.fit', 'help.fit': 'verbinding,dichtbij' }));
    expect(question(again).channelData.ask).toBe('help.fit');
    expect(again.some((r) => (r.activity as BotActivity).channelData?.assessment)).toBe(false);
    expect(again.map((r) => (r.activity as BotActivity).text ?? '').join(' ')).toContain(
      'nog iets aangevinkt',
    );
  });

  it('a whole intake reaches a verdict whose channelData.assessment equals POST /api/assess', async () => {
    const b = buurtwerker();
    let q = question(await send(b.conversationUpdate()));
    const answered: BotActivity[] = [];
    const seen: BotActivity[] = [q];
    let verdict: { channelData: { assessment: Record<string, unknown> } } | undefined;
    let cardAnswers = 0;
    for (let turn = 0; turn < 60 && !verdict; turn++) {
      const slot: string = q.channelData.ask;
      answered.push(q);
      const answer = answerFor(slot, ELIGIBLE_ORGANISATION);
      // Click the card's button for the answer (ticking its boxes first) when there is one; else type it.
      const click = clickFor(q, answer);
      if (click) cardAnswers++;
      const activity = click ? b.submit(click.value) : b.message(answer.text);
      const replies = await send(activity);
      expect(replies.length, `replies to ${slot}`).toBeGreaterThan(0);
      expect(replies.every((r) => r.activity.replyToId === activity.id)).toBe(true);
      seen.push(...replies.map((r) => r.activity));
      verdict = replies.find((r) => r.activity.channelData?.assessment)?.activity;
      const next = question(replies);
      expect(next.channelData.ask, `after ${slot}`).not.toBe(slot);
      q = next;
    }
    expect(verdict).toBeDefined();
    // Every choice, yes/no and multi-select by card; dates, amounts and the idea typed.
    expect(cardAnswers).toBeGreaterThanOrEqual(6);
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/assess',
      payload: assessInputFor(answered, TODAY),
    });
    expect(verdict!.channelData.assessment).toEqual(res.json());
    expect(verdict!.channelData.assessment.verdict).toBe('eligible');
    expect(q.channelData.ask).toBe('next');

    // The grouped questions are cards with a box per slot path; "Geen van deze" (clicked) submits [] alone.
    const asked = answered.map(askOf);
    expect(asked).not.toContain('initiative.alreadyStarted');
    const conditions = answered.find((a) => askOf(a) === 'help.conditions')!;
    expect(expectGroupedMultiSelect(conditions)).toEqual(expect.arrayContaining([...CONDITION_SLOTS]));
    const history = answered.find((a) => askOf(a) === 'help.history')!;
    expectGroupedMultiSelect(history);
    expect(history.channelData!.slots).toEqual(expect.arrayContaining(HISTORY_SLOTS));
    // In intake wording too, nothing the buurtwerker reads is an internal value.
    expectNoInternalNames(seen);
  });

  it('a card submit for another question than the current one is not taken as this answer', async () => {
    const b = buurtwerker();
    const q0 = question(await send(b.conversationUpdate()));
    expect(q0.channelData.ask).toBe('applicant.kind');
    // A stale button of a later question (say, clicked in an old card) does not fill applicant.kind.
    const stale = question(await send(b.submit({ 'initiative.inMunicipality': 'yes' })));
    expect(stale.channelData.ask).toBe('applicant.kind');
  });
});

describe('Teams with MicrosoftAppId and MicrosoftAppPassword', () => {
  let secured: ChannelServer;
  beforeAll(async () => {
    secured = await startServer(
      { MicrosoftAppId: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9', MicrosoftAppPassword: 'not-a-real-password' },
      { listen: false },
    );
  });
  afterAll(async () => {
    await secured?.close();
  });

  it('refuses an activity without (or with a bogus) Authorization with 401 and sends nothing', async () => {
    // botbuilder prints each refused request with console.error; keep the test output clean.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const b = buurtwerker();
    const before = teams.replies.length;
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ iss: 'https://attacker.example', aud: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9' }),
    ).toString('base64url')}.`;
    for (const headers of [
      {},
      { authorization: 'Bearer not-a-jwt' },
      { authorization: `Bearer ${unsigned}` },
    ]) {
      for (const activity of [b.conversationUpdate(), b.message('organisation')]) {
        const res = await secured.app.inject({
          method: 'POST',
          url: '/api/messages',
          payload: activity,
          headers,
        });
        expect(res.statusCode, JSON.stringify(headers)).toBe(401);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(teams.replies.length).toBe(before);
    quiet.mockRestore();
  });
});
