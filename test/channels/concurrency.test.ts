import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ETagConflictError, SqliteStorage } from '../../storage/sqlite/sqlite-storage.js';
import type { ChannelServer } from '../helpers/channel-server.js';
import { startServer, TODAY } from '../helpers/channel-server.js';
import type { Http } from '../helpers/directline-rest.js';
import {
  answerUntilVerdict,
  httpViaFetch,
  httpViaInject,
  RestConversation,
} from '../helpers/directline-rest.js';
import { FakeTeamsService } from '../helpers/fake-teams.js';
import type { AnswerMap, BotActivity } from '../helpers/intake-answers.js';
import { askOf, assessInputFor, ELIGIBLE_ORGANISATION } from '../helpers/intake-answers.js';

/**
 * Messages that arrive at the same time: each is answered, in the order the server received them, and the
 * stored dialog state has every answer on its own question.
 */
let server: ChannelServer;
let inject: Http;
let http: Http;

beforeAll(async () => {
  server = await startServer();
  inject = httpViaInject(server.app);
  http = httpViaFetch(server.base);
});
afterAll(async () => {
  await server.close();
});

/** The dialog's answers as stored (`intake/<channel>/<conversation>`), read from the SQLite file itself. */
function storedAnswers(channel: string, conversationId: string): Record<string, unknown> | undefined {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    const row = db
      .prepare<[string], { value: string }>('select value from state where key = ?')
      .get(`intake/${channel}/${conversationId}`);
    return row ? JSON.parse(row.value).snapshot.context.answers : undefined;
  } finally {
    db.close();
  }
}

/** The first answers of the eligible path, in the order the dialog asks them. */
const FIRST_TEN = [
  ['applicant.kind', 'organisation', 'organisation'],
  ['help.idea', 'Een buurtfeest voor de hele straat', 'Een buurtfeest voor de hele straat'],
  ['initiative.inMunicipality', 'ja', true],
  ['initiative.startDate', '1-6-2027', '2027-06-01'],
  ['initiative.alreadyStarted', 'nee', false],
  ['initiative.themes', 'verbinding', ['verbinding']],
  ['initiative.kaders', 'dichtbij', ['dichtbij']],
  ['initiative.type', 'eenmalig', 'eenmalig'],
  ['initiative.isActivity', 'ja', true],
  ['money.requested', '700', 700_00],
] as const;

const seqOf = (a: BotActivity) => Number(a.id!.split('|')[1]);

/**
 * Posts the texts at the same time (all requests started before any is answered); returns, per text, the
 * echo id and the bot's replies, and checks the turns ran in the order the echoes were stored.
 */
async function postAtOnce(c: RestConversation, texts: readonly string[]) {
  const ids = await Promise.all(texts.map((text) => c.say(text)));
  const log = (await c.get('0')).body.activities as BotActivity[];
  const turns = ids.map((id) => ({ id, replies: log.filter((a) => a.replyToId === id) }));
  for (const t of turns) expect(t.replies.length, `replies to ${t.id}`).toBeGreaterThan(0);
  // In order: all replies to an earlier message come before any reply to a later one.
  const bySeq = [...turns].sort((a, b) => Number(a.id.split('|')[1]) - Number(b.id.split('|')[1]));
  for (let i = 1; i < bySeq.length; i++) {
    expect(seqOf(bySeq[i - 1]!.replies.at(-1)!)).toBeLessThan(seqOf(bySeq[i]!.replies[0]!));
  }
  return turns;
}

describe('one Direct Line conversation, messages at the same time', () => {
  it('two messages: both answered, in order, the second on the question after the first', async () => {
    const c = await RestConversation.start(inject);
    const [kind, idea] = await postAtOnce(c, ['organisation', 'Een buurtfeest voor de hele straat']);
    expect(askOf(kind!.replies.at(-1))).toBe('help.idea');
    expect(askOf(idea!.replies.at(-1))).toBe('initiative.inMunicipality');
    expect(storedAnswers('directline', c.conversationId)).toEqual({
      'applicant.kind': 'organisation',
      'help.idea': 'Een buurtfeest voor de hele straat',
    });
  });

  it('ten messages: each answered on its own question, in order', async () => {
    const c = await RestConversation.start(inject);
    const turns = await postAtOnce(
      c,
      FIRST_TEN.map(([, text]) => text),
    );
    turns.forEach((t, i) => {
      const nextSlot = FIRST_TEN[i + 1]?.[0] ?? 'money.totalCosts';
      expect(askOf(t.replies.at(-1)), `after ${FIRST_TEN[i]![0]}`).toBe(nextSlot);
    });
    expect(storedAnswers('directline', c.conversationId)).toEqual(
      Object.fromEntries(FIRST_TEN.map(([slot, , value]) => [slot, value])),
    );
  });

  it('over real HTTP: seven answers to seven yes/no questions at once are all taken', async () => {
    const c = await RestConversation.start(http);
    for (const [slot, text] of [
      ...FIRST_TEN,
      ['money.totalCosts', '1000'],
      ['money.thirdPartyContributions', '0'],
      ['initiative.expectedParticipants', '40'],
    ] as const) {
      const replies = await c.answer(text);
      expect(askOf(replies.at(-1)), `after ${slot}`).not.toBe(slot);
    }
    expect(askOf(c.currentQuestion())).toBe('initiative.profitMotive');
    // Seven "nee" in parallel: whichever arrives first answers the first of the seven questions.
    const turns = await postAtOnce(c, Array(7).fill('nee'));
    const asks = turns
      .map((t) => ({ seq: Number(t.id.split('|')[1]), ask: askOf(t.replies.at(-1)) }))
      .sort((a, b) => a.seq - b.seq)
      .map((t) => t.ask);
    expect(asks).toEqual([
      'initiative.primarilyReligious',
      'money.includesFoodAndDrink',
      'money.includesMaterialsOrRealEstate',
      'initiative.worksWithVulnerable',
      'money.otherMunicipalFunding',
      'initiative.multipleInitiatives',
      'history.grantsThisYear',
    ]);
    const stored = storedAnswers('directline', c.conversationId)!;
    for (const slot of [
      'initiative.profitMotive',
      'initiative.primarilyReligious',
      'money.includesFoodAndDrink',
      'money.includesMaterialsOrRealEstate',
      'initiative.worksWithVulnerable',
      'money.otherMunicipalFunding',
      'initiative.multipleInitiatives',
    ]) {
      expect(stored[slot], slot).toBe(false);
    }
  });
});

describe('conversations in parallel', () => {
  it('four Direct Line conversations run to their own verdicts at the same time', async () => {
    const variants: AnswerMap[] = [
      ELIGIBLE_ORGANISATION,
      { ...ELIGIBLE_ORGANISATION, 'money.requested': { text: '950', value: 950 } },
      { ...ELIGIBLE_ORGANISATION, 'initiative.alreadyStarted': { text: 'ja', value: true } },
      { ...ELIGIBLE_ORGANISATION, 'initiative.expectedParticipants': { text: '120', value: 120 } },
    ];
    const conversations = await Promise.all(variants.map(() => RestConversation.start(http)));
    const runs = await Promise.all(conversations.map((c, i) => answerUntilVerdict(c, variants[i])));
    for (const [i, run] of runs.entries()) {
      // An early refusal is the answer of a partial assessment (it lists what is still missing).
      const partial = 'missing' in run.assessment;
      const expected = await http('POST', '/api/assess', {
        body: { ...assessInputFor(run.asked, TODAY, variants[i]), ...(partial && { partial: true }) },
      });
      expect(run.assessment, `conversation ${i}`).toEqual(expected.body);
    }
    expect(runs.map((r) => r.assessment.verdict)).toEqual([
      'eligible',
      'eligible',
      'not-eligible',
      'eligible',
    ]);
    // Nothing of one conversation shows up in another.
    for (const c of conversations) {
      const all = (await c.get('0')).body.activities as BotActivity[];
      expect(all.every((a) => a.id!.startsWith(`${c.conversationId}|`))).toBe(true);
      expect(new Set(all.map((a) => (a as { conversation?: { id: string } }).conversation?.id))).toEqual(
        new Set([c.conversationId]),
      );
    }
  });
});

describe('Teams: two messages at the same time in one chat', () => {
  let teams: FakeTeamsService;
  beforeAll(async () => {
    teams = await new FakeTeamsService().start();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await teams.close();
  });

  function chat(name: string) {
    const conversation = { conversationType: 'personal', tenantId: 'tenant-1', id: `a:1${name}` };
    let id = 0;
    const activity = (extra: Record<string, unknown>) => ({
      type: 'message',
      id: `${name}-${++id}`,
      channelId: 'msteams',
      serviceUrl: teams.serviceUrl,
      from: { id: '29:1buurtwerker', name: 'Bea', aadObjectId: '00000000-0000-0000-0000-00000000000b' },
      recipient: { id: '28:bot', name: 'MAG-assistent' },
      conversation,
      channelData: { tenant: { id: 'tenant-1' } },
      locale: 'nl-NL',
      ...extra,
    });
    const post = (payload: object) => server.app.inject({ method: 'POST', url: '/api/messages', payload });
    return { conversation, activity, post };
  }

  it('both are answered, in order, and the state holds both answers', async () => {
    const { conversation, activity, post } = chat('concurrent-chat');
    await post({ ...activity({}), type: 'conversationUpdate', membersAdded: [{ id: '29:1buurtwerker' }] });
    const first = activity({ value: { 'applicant.kind': 'organisation' } });
    const second = activity({ text: 'Een buurtfeest voor de hele straat' });
    const responses = await Promise.all([post(first), post(second)]);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200]);
    const asks = [first.id, second.id].map((m) => askOf(teams.repliesTo(m).at(-1)?.activity));
    expect(asks).toEqual(['help.idea', 'initiative.inMunicipality']);
    expect(storedAnswers('msteams', conversation.id)).toEqual({
      'applicant.kind': 'organisation',
      'help.idea': 'Een buurtfeest voor de hele straat',
    });
  });

  it('two turns that read the same state: the later write hits the eTag, is run again on the new state', async () => {
    const { conversation, activity, post } = chat('interleaved-chat');
    await post({ ...activity({}), type: 'conversationUpdate', membersAdded: [{ id: '29:1buurtwerker' }] });
    const key = `intake/msteams/${conversation.id}`;
    // Force the interleaving: turn A reads, turn B reads the same state, A writes, then B writes.
    const realRead = SqliteStorage.prototype.read;
    const realWrite = SqliteStorage.prototype.write;
    const bHasRead = deferred();
    const aHasWritten = deferred();
    let reads = 0;
    let conflicts = 0;
    vi.spyOn(SqliteStorage.prototype, 'read').mockImplementation(async function (this: SqliteStorage, keys) {
      const items = await realRead.call(this, keys);
      if (keys.includes(key)) {
        const n = ++reads;
        if (n === 1) await bHasRead.promise;
        if (n === 2) {
          bHasRead.resolve();
          await aHasWritten.promise;
        }
      }
      return items;
    });
    vi.spyOn(SqliteStorage.prototype, 'write').mockImplementation(async function (
      this: SqliteStorage,
      changes,
    ) {
      try {
        await realWrite.call(this, changes);
      } catch (error) {
        if (error instanceof ETagConflictError) conflicts++;
        throw error;
      } finally {
        if (key in changes) aHasWritten.resolve();
      }
    });

    const a = activity({ value: { 'applicant.kind': 'organisation' } });
    const b = activity({ text: 'Een buurtfeest voor de hele straat' });
    const pa = post(a);
    await until(() => reads >= 1);
    const pb = post(b);
    const responses = await Promise.all([pa, pb]);
    vi.restoreAllMocks();

    expect(responses.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(conflicts).toBe(1);
    expect(reads).toBe(3);
    expect(askOf(teams.repliesTo(a.id).at(-1)?.activity)).toBe('help.idea');
    // B's first attempt sent nothing: one question in reply, on the state A left.
    const bQuestions = teams.repliesTo(b.id).filter((r) => askOf(r.activity));
    expect(bQuestions.map((r) => askOf(r.activity))).toEqual(['initiative.inMunicipality']);
    expect(storedAnswers('msteams', conversation.id)).toEqual({
      'applicant.kind': 'organisation',
      'help.idea': 'Een buurtfeest voor de hele straat',
    });
  });
});

/** A promise to resolve from outside; it gives up after 3 s, so a test that goes wrong cannot hang. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
    setTimeout(r, 3000).unref();
  });
  return { promise, resolve };
}

async function until(check: () => boolean, timeoutMs = 3000) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}
