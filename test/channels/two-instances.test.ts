import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openPostgres } from '../../storage/postgres/database.js';
import { freshSchema, TEST_DATABASE_URL } from '../helpers/backends.js';
import { TODAY } from '../helpers/channel-server.js';
import { type Http, httpViaFetch, RestConversation } from '../helpers/directline-rest.js';
import type { BotActivity } from '../helpers/intake-answers.js';
import {
  answerText,
  askOf,
  DRAFT_ANSWERS,
  ELIGIBLE_ORGANISATION,
  lastQuestion,
} from '../helpers/intake-answers.js';
import { ServerProcess } from '../helpers/server-process.js';

/**
 * Two server processes behind one "load balancer", on one PostgreSQL database: a conversation goes back
 * and forth between them, its replies reach a WebSocket held by the other one (LISTEN/NOTIFY), two quick
 * messages sent to both at once are answered one after the other, and after one is SIGKILLed mid-turn the
 * other finishes the conversation with nothing lost. The drafts of both take one reference sequence.
 */
const ANSWERS = { ...ELIGIBLE_ORGANISATION, ...DRAFT_ANSWERS };
const schema = freshSchema();
const env = {
  DATABASE_URL: TEST_DATABASE_URL ?? '',
  DATABASE_SCHEMA: schema,
  MAG_TODAY: TODAY,
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '10000',
  DIRECTLINE_POSTS_PER_MINUTE: '10000',
  // Both instances sign and check tokens with the same key (else it is made once and shared: see settings).
  TOKEN_SIGNING_KEY: randomBytes(32).toString('hex'),
};
const processes: ServerProcess[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function launch(): Promise<ServerProcess> {
  const server = new ServerProcess(env);
  processes.push(server);
  return server.start(40_000);
}

afterAll(async () => {
  for (const p of processes) await p.kill();
});

/** The activities of a conversation pushed over a WebSocket stream of `base`'s instance. */
async function openStream(
  base: string,
  conversation: RestConversation,
): Promise<{
  received: BotActivity[];
  waitFor: (test: (a: BotActivity) => boolean, timeoutMs?: number) => Promise<BotActivity>;
  close: () => void;
}> {
  const http = httpViaFetch(base);
  const res = await http('GET', `${conversation.path}?watermark=${conversation.watermark}`, {
    headers: conversation.auth,
  });
  expect(res.status).toBe(200);
  const streamUrl = res.body.streamUrl as string;
  expect(new URL(streamUrl).host).toBe(new URL(base).host);
  const socket = new WebSocket(streamUrl);
  const received: BotActivity[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    const text = String(data);
    if (text === '') return;
    received.push(...((JSON.parse(text) as { activities?: BotActivity[] }).activities ?? []));
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    received,
    waitFor: (test, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(test);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('the stream did not receive it in time'));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => socket.close(),
  };
}

/** The whole log of a conversation, read from `http`'s instance. */
async function wholeLog(http: Http, conversation: RestConversation): Promise<BotActivity[]> {
  const reader = new RestConversation(http, conversation.token, conversation.conversationId);
  const all: BotActivity[] = [];
  for (let page = 0; page < 50; page++) {
    const fresh = await reader.fetchNew();
    if (fresh.length === 0) return all;
    all.push(...fresh);
  }
  throw new Error('the log did not end');
}

/** Every message of the person has its replies right after it: no turn's replies mixed into another's. */
function expectWholeTurnsInOrder(log: BotActivity[]): void {
  let current: string | undefined;
  for (const a of log) {
    if (a.from?.role === 'user') {
      current = a.id;
      continue;
    }
    if (a.replyToId !== undefined) expect(a.replyToId, 'a reply after the next message').toBe(current);
  }
  const answered = new Set(log.map((a) => a.replyToId));
  for (const a of log) if (a.from?.role === 'user') expect(answered.has(a.id), 'unanswered').toBe(true);
}

const draftOf = (log: BotActivity[]) =>
  log.find((a) => a.channelData?.draft)?.channelData?.draft as { reference: string } | undefined;

/** Answers on `http` whatever the log asks, until the log has the draft. */
async function finish(http: Http, conversation: RestConversation): Promise<string> {
  for (let turn = 0; turn < 80; turn++) {
    const log = await wholeLog(http, conversation);
    const draft = draftOf(log);
    if (draft) return draft.reference;
    const slot = askOf(lastQuestion(log.filter((a) => a.from?.role === 'bot')));
    if (!slot) throw new Error('the log asks nothing');
    await new RestConversation(http, conversation.token, conversation.conversationId).say(
      answerText(slot, ANSWERS),
    );
  }
  throw new Error('no draft after 80 turns');
}

describe.skipIf(!TEST_DATABASE_URL)('two instances on one PostgreSQL database', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    // Started at once: the schema is made and migrated once, under the migration lock.
    [a, b] = await Promise.all([launch(), launch()]);
  }, 60_000);

  it('one conversation through both, polling and WebSocket; one SIGKILLed mid-turn, finished on the other', async () => {
    const viaA = httpViaFetch(a.base);
    const viaB = httpViaFetch(b.base);
    const conversation = await RestConversation.start(viaA);
    await conversation.fetchNew();
    const streamOnB = await openStream(b.base, conversation);

    // Alternately: a post to A answered on B's WebSocket, a post to B read by polling A.
    for (let turn = 0; turn < 6; turn++) {
      const slot = askOf(conversation.currentQuestion());
      expect(slot, `turn ${turn} asks something`).toBeDefined();
      const onA = turn % 2 === 0;
      const poster = new RestConversation(onA ? viaA : viaB, conversation.token, conversation.conversationId);
      const id = await poster.say(answerText(slot!, ANSWERS));
      if (onA) await streamOnB.waitFor((x) => x.replyToId === id);
      const replies = (await conversation.fetchNew()).filter((x) => x.replyToId === id);
      expect(replies.length, `replies to turn ${turn}`).toBeGreaterThan(0);
      expect(askOf(lastQuestion(replies)), `turn ${turn} moved on`).not.toBe(slot);
    }
    streamOnB.close();

    // Two quick messages at once, one to each instance: both answered, one turn after the other.
    const slot = askOf(conversation.currentQuestion())!;
    const [first, second] = await Promise.all([
      new RestConversation(viaA, conversation.token, conversation.conversationId).say(
        answerText(slot, ANSWERS),
      ),
      new RestConversation(viaB, conversation.token, conversation.conversationId).say(
        answerText(slot, ANSWERS),
      ),
    ]);
    const both = await wholeLog(viaB, conversation);
    expect(both.some((x) => x.replyToId === first)).toBe(true);
    expect(both.some((x) => x.replyToId === second)).toBe(true);
    expectWholeTurnsInOrder(both);

    // A dies in the middle of a turn; the person goes on with B.
    const log = await wholeLog(viaB, conversation);
    const next = askOf(lastQuestion(log.filter((x) => x.from?.role === 'bot')))!;
    const inFlight = new RestConversation(viaA, conversation.token, conversation.conversationId)
      .say(answerText(next, ANSWERS))
      .catch(() => undefined);
    await sleep(5 + Math.random() * 30);
    await a.kill('SIGKILL');
    await inFlight;
    const reference = await finish(viaB, conversation);
    const after = await wholeLog(viaB, conversation);
    expectWholeTurnsInOrder(after);

    // The reference sequence is one: a draft made on B and, after A is started again, one made on it.
    const year = reference.slice(4, 8);
    expect(reference).toBe(`MAG-${year}-000001`);
    expect(await finish(viaB, await RestConversation.start(viaB))).toBe(`MAG-${year}-000002`);
    a = await launch();
    expect(await finish(httpViaFetch(a.base), await RestConversation.start(httpViaFetch(a.base)))).toBe(
      `MAG-${year}-000003`,
    );

    // Nothing of the killed turn is half there: the database holds three drafts, each once.
    const db = await openPostgres({ url: TEST_DATABASE_URL!, schema });
    try {
      const { rows } = await db.query<{ reference: string }>(
        'select reference from drafts order by reference',
      );
      expect(rows.map((r) => r.reference)).toEqual([1, 2, 3].map((n) => `MAG-${year}-00000${n}`));
    } finally {
      await db.close();
    }
  }, 180_000);
});
