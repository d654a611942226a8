import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { loadConfig } from '../../bot/config.js';
import { BOUNDS, nestsDeeperThan } from '../../bot/directline/routes.js';
import type { ChannelServer } from '../helpers/channel-server.js';
import { startServer } from '../helpers/channel-server.js';
import { httpViaInject, RestConversation } from '../helpers/directline-rest.js';
import type { BotActivity } from '../helpers/intake-answers.js';
import { answerText, askOf, DRAFT_ANSWERS, ELIGIBLE_ORGANISATION } from '../helpers/intake-answers.js';

/**
 * What one website conversation, one token or one address can make the server hold or do: bounded, with
 * an answer that says why (400, 413, 429 with Retry-After), and the conversation still works afterwards.
 */
const POSTS_PER_MINUTE = 40;
const PER_HOUR = 6;
let server: ChannelServer;
let addressCount = 0;
const freshClient = () => httpViaInject(server.app, `10.2.0.${++addressCount}`);

beforeAll(async () => {
  server = await startServer({
    DIRECTLINE_POSTS_PER_MINUTE: String(POSTS_PER_MINUTE),
    CONVERSATIONS_PER_HOUR: String(PER_HOUR),
    RATE_LIMIT_PER_MINUTE: '1000',
  });
});
afterAll(async () => {
  await server.close();
});

/** Every page of the log. */
async function everything(c: RestConversation): Promise<BotActivity[]> {
  const all: BotActivity[] = [];
  for (let watermark = '0'; ; ) {
    const page = await c.get(watermark);
    if (page.body.activities.length === 0) return all;
    all.push(...page.body.activities);
    watermark = page.body.watermark;
  }
}

const nested = (levels: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = { v: value };
  return value;
};

describe('one activity', () => {
  it('nesting deeper than the bound is a 400; the conversation reads and answers as before', async () => {
    const c = await RestConversation.start(freshClient());
    const deep = await c.post({ type: 'message', from: { id: 'u' }, value: nested(4_110) });
    expect(deep.status).toBe(400);
    expect((await c.get('0')).status).toBe(200);
    const replies = await c.answer('organisatie');
    expect(replies.length).toBeGreaterThan(0);
    // Just inside the bound is an activity like any other.
    expect(
      (await c.post({ type: 'message', from: { id: 'u' }, value: nested(BOUNDS.depth - 2) })).status,
    ).toBe(200);
  });

  it('counts depth without recursion, exactly', () => {
    expect(nestsDeeperThan(nested(3), 3)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3)).toBe(true);
    expect(nestsDeeperThan([[[['x']]]], 3)).toBe(true);
    expect(nestsDeeperThan(nested(200_000), 16)).toBe(true);
  });

  it('larger than the bound is a 413, and nothing of it is stored', async () => {
    const c = await RestConversation.start(freshClient());
    await c.fetchNew();
    const big = await c.post({
      type: 'message',
      from: { id: 'u' },
      text: 'a',
      value: { note: 'x'.repeat(BOUNDS.activityBytes) },
    });
    expect(big.status).toBe(413);
    expect(await c.fetchNew()).toEqual([]);
  });

  it('a locale that is not a text is a 400, when the conversation starts and in an activity', async () => {
    const c = await RestConversation.start(freshClient());
    const start = await c.http('POST', '/v3/directline/conversations', {
      headers: c.auth,
      body: { locale: { en: 1 } },
    });
    expect(start.status).toBe(400);
    const activity = await c.post({ type: 'message', from: { id: 'u' }, text: 'hallo', locale: 42 });
    expect(activity.status).toBe(400);
  });
});

describe('one conversation', () => {
  it(`at most ${POSTS_PER_MINUTE} posts a minute: then 429 with Retry-After, and nothing stored`, async () => {
    const c = await RestConversation.start(freshClient());
    const statuses: number[] = [];
    for (let i = 0; i < POSTS_PER_MINUTE + 5; i++) {
      statuses.push((await c.post({ type: 'message', from: { id: 'u' }, text: 'help' })).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(POSTS_PER_MINUTE);
    const refused = await c.post({ type: 'message', from: { id: 'u' }, text: 'help' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    const log = await everything(c);
    const fromUser = log.filter((a) => a.from?.role === 'user');
    expect(fromUser).toHaveLength(POSTS_PER_MINUTE);
  });

  it('the limit counts every post, sent at once or not, answered or not (an event the bot ignores)', async () => {
    const c = await RestConversation.start(freshClient());
    const posts = Array.from({ length: POSTS_PER_MINUTE + 10 }, (_, i) =>
      i % 3 === 0
        ? { type: 'event', name: 'webchat/join', from: { id: 'u' } }
        : { type: 'message', from: { id: 'u' }, text: 'help' },
    );
    const statuses = (await Promise.all(posts.map((p) => c.post(p)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(POSTS_PER_MINUTE);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect((await c.post({ type: 'message', from: { id: 'u' }, text: 'help' })).status).toBe(429);
  });

  it('GET activities is paged: at most a page, and the watermark leads to the rest', async () => {
    const c = await RestConversation.start(freshClient());
    // Each "help" is stored with its answer: two activities a post.
    for (let i = 0; i < POSTS_PER_MINUTE; i++)
      await c.post({ type: 'message', from: { id: 'u' }, text: 'help' });
    const first = await c.get('0');
    expect(first.body.activities).toHaveLength(BOUNDS.page);
    const rest = await c.get(first.body.watermark);
    expect(rest.body.activities.length).toBeGreaterThan(0);
    expect(rest.body.activities.length).toBeLessThan(BOUNDS.page);
    const ids = [...first.body.activities, ...rest.body.activities].map((a: { id: string }) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Greeting(s) and 2 per post, all there.
    expect(ids.length).toBeGreaterThanOrEqual(2 * POSTS_PER_MINUTE);
  });

  it(`at most ${BOUNDS.sockets} streams: a newer one closes the oldest`, async () => {
    const c = await RestConversation.start(freshClient());
    const ws = server.base.replace('http', 'ws');
    const url = `${ws}${c.path}/stream?t=${encodeURIComponent(c.token)}`;
    const sockets = await Promise.all(
      Array.from({ length: BOUNDS.sockets + 2 }, async (_, i) => {
        await new Promise((r) => setTimeout(r, i * 30));
        const socket = new WebSocket(url);
        await new Promise((resolve, reject) => {
          socket.once('open', resolve);
          socket.once('error', reject);
        });
        return socket;
      }),
    );
    await new Promise((r) => setTimeout(r, 200));
    const open = sockets.filter((s) => s.readyState === WebSocket.OPEN);
    expect(open).toHaveLength(BOUNDS.sockets);
    // The newest are the ones kept.
    expect(sockets.slice(-BOUNDS.sockets).every((s) => s.readyState === WebSocket.OPEN)).toBe(true);
    for (const s of sockets) s.close();
  });
});

describe('one address', () => {
  it(`at most ${PER_HOUR} new conversations an hour; a resume of its own conversation is still fine`, async () => {
    const client = freshClient();
    const made: { conversationId: string; resume: string }[] = [];
    for (let i = 0; i < PER_HOUR; i++) {
      const res = await client('POST', '/api/webchat/token', { body: {} });
      expect(res.status).toBe(200);
      made.push(res.body);
    }
    const refused = await client('POST', '/api/webchat/token', { body: {} });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60);
    const { conversationId, resume } = made[0]!;
    const resumed = await client('POST', '/api/webchat/token', { body: { conversationId, resume } });
    expect(resumed.status).toBe(200);
    expect(resumed.body.resumed).toBe(true);
    // Another address is not affected.
    expect((await freshClient()('POST', '/api/webchat/token', { body: {} })).status).toBe(200);
  });
});

describe('the link to the PDF', () => {
  it("never takes its host from the request: a forged Host header is nowhere in the bot's replies", async () => {
    const inner = freshClient();
    const forged: typeof inner = (method, path, opts = {}) =>
      inner(method, path, { ...opts, headers: { ...opts.headers, host: 'phish.example' } });
    const c = await RestConversation.start(forged);
    await c.fetchNew();
    for (let turn = 0; turn < 60 && !c.seen.some((a) => a.channelData?.draft); turn++) {
      await c.answer(answerText(askOf(c.currentQuestion())!, { ...ELIGIBLE_ORGANISATION, ...DRAFT_ANSWERS }));
    }
    // Without PUBLIC_URL and from a host that is not this machine: the draft is stored, without a link.
    const draft = c.seen.find((a) => a.channelData?.draft);
    expect(draft?.text).toContain(draft!.channelData!.draft!.reference);
    expect(draft?.text).not.toContain('document.pdf');
    const fromBot = c.seen.filter((a) => a.from?.role === 'bot');
    expect(JSON.stringify(fromBot)).not.toContain('phish.example');
  });
});

describe('the configuration', () => {
  it('refuses a short signing key or Direct Line secret, and production without PUBLIC_URL', () => {
    expect(() => loadConfig({ TOKEN_SIGNING_KEY: 'geheim' })).toThrow(/TOKEN_SIGNING_KEY.*32/);
    expect(() => loadConfig({ DIRECTLINE_SECRET: 'x'.repeat(31) })).toThrow(/DIRECTLINE_SECRET.*32/);
    expect(loadConfig({ DIRECTLINE_SECRET: 'x'.repeat(32) }).DIRECTLINE_SECRET).toHaveLength(32);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://mag.example.nl' }).PUBLIC_URL).toBe(
      'https://mag.example.nl',
    );
  });
});
