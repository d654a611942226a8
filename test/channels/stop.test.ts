import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../storage/postgres/database.js';
import { backendEnv, SERVERS_ON_POSTGRES } from '../helpers/backends.js';
import type { ChannelServer } from '../helpers/channel-server.js';
import { startServer } from '../helpers/channel-server.js';
import type { Http } from '../helpers/directline-rest.js';
import { httpViaInject, RestConversation } from '../helpers/directline-rest.js';
import { FakeTeamsService } from '../helpers/fake-teams.js';
import { answerText, askOf, DRAFT_ANSWERS, ELIGIBLE_ORGANISATION } from '../helpers/intake-answers.js';
import { storesAt } from '../helpers/stores.js';

/** `stop` ends the conversation and deletes what the server kept of it (channels.md). */
let server: ChannelServer;
let http: Http;
let teams: FakeTeamsService;

beforeAll(async () => {
  teams = await new FakeTeamsService().start();
  server = await startServer({ TEAMS_LOCAL: 'true' }, { listen: false });
  http = httpViaInject(server.app);
});
afterAll(async () => {
  await server.close();
  await teams.close();
});

/** The dialog state stored under `key` (the parsed item), read from the server's database. */
async function storedState(key: string): Promise<{ snapshot: { context: { answers: object } } } | undefined> {
  const stores = await storesAt(server.databasePath);
  try {
    return (await stores.state.read([key]))[key];
  } finally {
    await stores.close();
  }
}

/** Every activity the log still holds for the conversation, each as the JSON it is stored as. */
async function storedActivities(conversationId: string): Promise<string[]> {
  const stores = await storesAt(server.databasePath);
  try {
    return (await stores.log.since(conversationId, 0)).activities.map((a) => JSON.stringify(a));
  } finally {
    await stores.close();
  }
}

/** How many drafts were made under the idempotency keys of one conversation (`<state key>/…`). */
async function draftsMadeIn(key: string): Promise<number> {
  const env = backendEnv(server.databasePath);
  if (env.DATABASE_URL) {
    const db = await openPostgres({ url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA });
    try {
      const { rows } = await db.query<{ n: number }>(
        'select count(*) as n from drafts where idempotency_key like $1',
        [`${key}/%`],
      );
      return rows[0]!.n;
    } finally {
      await db.close();
    }
  }
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db
      .prepare<[string], { n: number }>('select count(*) as n from drafts where idempotency_key like ?')
      .get(`${key}/%`)!.n;
  } finally {
    db.close();
  }
}

/** The bytes of the database file and its write-ahead log, as someone with the disk would read them. */
function fileBytes(): string {
  const parts = [server.databasePath, `${server.databasePath}-wal`].filter((p) => existsSync(p));
  return parts.map((p) => readFileSync(p).toString('latin1')).join('');
}

describe('stop at any moment', () => {
  const ANSWERS = { ...ELIGIBLE_ORGANISATION, ...DRAFT_ANSWERS };

  /** A conversation answered to the draft's consent, then `consent` given (yes or no). */
  async function toConsent(consent: 'ja' | 'nee', idea: string) {
    const c = await RestConversation.start(http);
    await c.fetchNew();
    for (let turn = 0; turn < 60 && askOf(c.currentQuestion()) !== 'draft.consent'; turn++) {
      const slot = askOf(c.currentQuestion())!;
      await c.answer(slot === 'help.idea' ? idea : answerText(slot, ANSWERS));
    }
    await c.answer(consent);
    return c;
  }

  it("after a submitted draft: the conversation is deleted, the draft (the municipality's) stays", async () => {
    const idea = 'Een geheim plan na het concept 5821';
    const c = await toConsent('ja', idea);
    expect(c.seen.some((a) => a.channelData?.draft)).toBe(true);
    const key = `intake/directline/${c.conversationId}`;
    expect(await storedState(key)).toBeDefined();
    await c.answer('stop');
    expect(await storedState(key)).toBeUndefined();
    expect((await storedActivities(c.conversationId)).join('\n')).not.toContain(idea);
    expect(await draftsMadeIn(key)).toBe(1);
  });

  // About the bytes of the SQLite file and its WAL; on PostgreSQL the other tests read state and log back.
  it.skipIf(SERVERS_ON_POSTGRES)(
    'after a declined consent and after "Klaar": deleted, and nothing of it is left in the file',
    async () => {
      const declinedIdea = 'Afgeslagen idee zonder toestemming 7730';
      const declined = await toConsent('nee', declinedIdea);
      expect(fileBytes()).toContain(declinedIdea);
      await declined.answer('stop');
      expect(await storedState(`intake/directline/${declined.conversationId}`)).toBeUndefined();

      const finished = await RestConversation.start(http);
      const doneIdea = 'Klaar-idee van de buurt 9461';
      await finished.fetchNew();
      for (let turn = 0; turn < 60 && askOf(finished.currentQuestion()) !== 'next'; turn++) {
        const slot = askOf(finished.currentQuestion())!;
        await finished.answer(slot === 'help.idea' ? doneIdea : answerText(slot, ANSWERS));
      }
      await finished.answer('klaar');
      await finished.answer('stop');
      expect(await storedState(`intake/directline/${finished.conversationId}`)).toBeUndefined();
      // Not in the database pages, not in the write-ahead log: deleted data is unreadable, not just unlinked.
      const bytes = fileBytes();
      expect(bytes).not.toContain(declinedIdea);
      expect(bytes).not.toContain(doneIdea);
    },
  );

  it('"opnieuw" takes the previous session\'s messages out of the log', async () => {
    const c = await RestConversation.start(http);
    await c.answer('organisatie');
    const idea = 'Vorige sessie geheim 3318';
    await c.answer(idea);
    await c.answer('opnieuw');
    const log = (await storedActivities(c.conversationId)).join('\n');
    expect(log).not.toContain(idea);
    expect(askOf(c.currentQuestion())).toBe('applicant.kind');
  });
});

describe('stop over Direct Line', () => {
  it('deletes the dialog state and the earlier activities; only the stopped message remains', async () => {
    const c = await RestConversation.start(http);
    const idea = 'Ons geheime buurtfeest-idee 4711';
    for (const text of ['organisation', idea, 'ja', '1-6-2027', 'verbinding', 'dichtbij', 'eenmalig', '700'])
      await c.answer(text);
    // A ticked box of a grouped question: the card's submit carries it as a value, not as text.
    expect(askOf(c.currentQuestion())).toBe('help.conditions');
    await c.answer('', { value: { 'help.conditions': 'initiative.worksWithVulnerable' } });
    const key = `intake/directline/${c.conversationId}`;
    expect(JSON.stringify(await storedState(key))).toContain(idea);
    expect((await storedState(key))?.snapshot.context.answers).toMatchObject({
      'initiative.worksWithVulnerable': true,
    });
    expect((await storedActivities(c.conversationId)).join('\n')).toContain('initiative.worksWithVulnerable');
    const watermarkBefore = c.watermark;

    const stopId = await c.say('stop');
    expect(await storedState(key)).toBeUndefined();
    const remaining = (await c.get('0')).body.activities;
    // The "stop" itself (stored with its answer, in one commit) and the bot's answers to it: nothing else.
    const [command, ...answers] = remaining;
    expect(command).toMatchObject({ id: stopId, text: 'stop', from: { role: 'user' } });
    expect(answers.length).toBeGreaterThan(0);
    for (const a of answers) {
      expect(a.from.role).toBe('bot');
      expect(a.replyToId).toBe(stopId);
      expect(askOf(a)).toBeUndefined();
    }
    // Not the answers, not the user's own messages, not the questions: nothing of it is left in the file.
    const raw = (await storedActivities(c.conversationId)).join('\n');
    expect(raw).not.toContain(idea);
    expect(raw).not.toContain('organisation');
    expect(raw).not.toContain('worksWithVulnerable');
    // A client at its old watermark still receives the stopped message.
    const after = (await c.get(watermarkBefore)).body.activities;
    expect(after.map((a: { id: string }) => a.id)).toEqual(remaining.map((a: { id: string }) => a.id));
  });

  it('the next message starts a fresh conversation', async () => {
    const c = await RestConversation.start(http);
    for (const text of ['organisation', 'Een buurtfeest', 'ja']) await c.answer(text);
    await c.answer('stop');
    const replies = await c.answer('hallo');
    expect(askOf(replies.at(-1))).toBe('applicant.kind');
    const state = (await storedState(`intake/directline/${c.conversationId}`))!;
    expect(state.snapshot.context.answers).toEqual({});
    // And it can be answered from the start.
    expect(askOf((await c.answer('organisation')).at(-1))).toBe('help.idea');
  });

  it('stop at the very first question works too, and the token still opens the (now empty) conversation', async () => {
    const c = await RestConversation.start(http);
    const stopId = await c.say('stoppen');
    const res = await c.get('0');
    expect(res.status).toBe(200);
    // The greeting and the first question are gone; the "stop" and its answer are all there is.
    expect(
      res.body.activities.every(
        (a: { id: string; replyToId?: string }) => a.id === stopId || a.replyToId === stopId,
      ),
    ).toBe(true);
    expect(res.body.activities.length).toBeGreaterThanOrEqual(2);
    expect(await storedState(`intake/directline/${c.conversationId}`)).toBeUndefined();
  });
});

describe('stop in Teams', () => {
  it('deletes the dialog state of the chat; the next message starts afresh', async () => {
    const conversation = { conversationType: 'personal', tenantId: 'tenant-1', id: 'a:1stop-chat' };
    let n = 0;
    const send = async (extra: Record<string, unknown>) => {
      const activity = {
        type: 'message',
        id: `stop-${++n}`,
        channelId: 'msteams',
        serviceUrl: teams.serviceUrl,
        from: { id: '29:1buurtwerker', name: 'Bea', aadObjectId: '00000000-0000-0000-0000-00000000000c' },
        recipient: { id: '28:bot', name: 'MAG-assistent' },
        conversation,
        channelData: { tenant: { id: 'tenant-1' } },
        ...extra,
      };
      const res = await server.app.inject({ method: 'POST', url: '/api/messages', payload: activity });
      expect(res.statusCode).toBe(200);
      return teams.repliesTo(activity.id);
    };
    await send({ text: 'hallo' });
    await send({ value: { 'applicant.kind': 'organisation' } });
    const key = `intake/msteams/${conversation.id}`;
    expect(await storedState(key)).toBeDefined();
    const stopped = await send({ text: 'stop' });
    expect(stopped.length).toBeGreaterThan(0);
    expect(await storedState(key)).toBeUndefined();
    const fresh = await send({ text: 'hallo' });
    expect(askOf(fresh.at(-1)?.activity)).toBe('applicant.kind');
  });
});

describe('after stop', () => {
  it('the old conversation cannot be resumed: its resume secret is forgotten', async () => {
    const c = await RestConversation.start(http);
    await c.answer('organisation');
    await c.say('stop');
    const again = await http('POST', '/api/webchat/token', {
      body: { conversationId: c.conversationId, resume: c.resume },
    });
    expect(again.status).toBe(200);
    expect(again.body.resumed).toBe(false);
    expect(again.body.conversationId).not.toBe(c.conversationId);
  });

  it('a second stop stores nothing new and just says it stopped', async () => {
    const c = await RestConversation.start(http);
    await c.answer('organisation');
    await c.say('stop');
    const replies = await c.answer('stop');
    expect(replies).toHaveLength(1);
    expect(askOf(replies[0])).toBeUndefined();
    expect(await storedState(`intake/directline/${c.conversationId}`)).toBeUndefined();
  });
});
