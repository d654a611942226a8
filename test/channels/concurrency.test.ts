import type { StoreItems } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConversationStateStore } from '../../storage/interfaces.js';
import { LocalTurnOrder } from '../../storage/local-coordination.js';
import { PostgresTurnOrder } from '../../storage/postgres/coordination.js';
import { PostgresStateStore } from '../../storage/postgres/state-store.js';
import { ETagConflictError, SqliteStorage } from '../../storage/sqlite/sqlite-storage.js';
import { SERVERS_ON_POSTGRES } from '../helpers/backends.js';
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
import {
  askOf,
  assessInputFor,
  clickFor,
  ELIGIBLE_ORGANISATION,
  GATES,
  groupValues,
  isGate,
  lastQuestion,
  offeredBoxes,
} from '../helpers/intake-answers.js';
import { storesAt } from '../helpers/stores.js';

/**
 * Messages that arrive at the same time: each is answered, in the order the server received them, and the
 * stored dialog state has every answer on its own question.
 */
let server: ChannelServer;
let inject: Http;
let http: Http;

beforeAll(async () => {
  server = await startServer({ TEAMS_LOCAL: 'true' });
  inject = httpViaInject(server.app);
  http = httpViaFetch(server.base);
});
afterAll(async () => {
  await server.close();
});

/** The dialog's answers as stored (`intake/<channel>/<conversation>`), read from the server's database itself. */
async function storedAnswers(
  channel: string,
  conversationId: string,
): Promise<Record<string, unknown> | undefined> {
  const stores = await storesAt(server.databasePath);
  try {
    const key = `intake/${channel}/${conversationId}`;
    const item = (await stores.state.read([key]))[key] as
      | { snapshot: { context: { answers: Record<string, unknown> } } }
      | undefined;
    return item?.snapshot.context.answers;
  } finally {
    await stores.close();
  }
}

/** The first answers of the eligible path (nine of them), in the order the dialog asks them (amounts stored in cents). */
const FIRST_NINE = [
  ['applicant.kind', 'organisation', 'organisation'],
  ['help.idea', 'Een buurtfeest voor de hele straat', 'Een buurtfeest voor de hele straat'],
  ['initiative.inMunicipality', 'ja', true],
  ['initiative.startDate', '1-6-2027', '2027-06-01'],
  ['help.fit', 'verbinding en dichtbij', ['verbinding', 'dichtbij']],
  ['initiative.type', 'eenmalig', 'eenmalig'],
  ['money.requested', '700', 700_00],
  ['help.conditions', 'geen', []],
  ['money.totalCosts', '1000', 1000_00],
] as const;
/** Up to the amount: what comes before the conditions. */
const UP_TO_AMOUNT = FIRST_NINE.slice(
  0,
  FIRST_NINE.findIndex(([slot]) => slot === 'help.conditions'),
);

/**
 * What "none of these" to a grouped question stores: every box its default (channels.md), a gate `false`
 * with the slots behind it at their defaults.
 */
function storedNone(question: BotActivity): Record<string, unknown> {
  const boxes = offeredBoxes(question);
  return {
    ...groupValues(boxes, []),
    ...Object.fromEntries(boxes.filter(isGate).map((gate) => [gate, false])),
  };
}

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
    expect(await storedAnswers('directline', c.conversationId)).toEqual({
      'applicant.kind': 'organisation',
      'help.idea': 'Een buurtfeest voor de hele straat',
    });
  });

  it('nine messages at once: each answered on its own question, in order', async () => {
    const c = await RestConversation.start(inject);
    const turns = await postAtOnce(
      c,
      FIRST_NINE.map(([, text]) => text),
    );
    turns.forEach((t, i) => {
      // Nobody else pays ("Geen van deze"), so after the total costs come the participants.
      const nextSlot = FIRST_NINE[i + 1]?.[0] ?? 'initiative.expectedParticipants';
      expect(askOf(t.replies.at(-1)), `after ${FIRST_NINE[i]![0]}`).toBe(nextSlot);
    });
    // "Geen van deze" to the conditions stored every box it offered at its default, beside the nine answers.
    const conditions = lastQuestion(
      turns[FIRST_NINE.findIndex(([slot]) => slot === 'money.requested')]!.replies,
    )!;
    expect(askOf(conditions)).toBe('help.conditions');
    expect(await storedAnswers('directline', c.conversationId)).toEqual({
      ...Object.fromEntries(FIRST_NINE.map(([slot, , value]) => [slot, value])),
      // The fit list settled both of its slots.
      'initiative.themes': ['verbinding'],
      'initiative.kaders': ['dichtbij'],
      ...storedNone(conditions),
    });
  });

  it('over real HTTP: three answers at once to the three follow-ups of ticked boxes are all taken', async () => {
    const c = await RestConversation.start(http);
    for (const [slot, text] of UP_TO_AMOUNT) {
      const replies = await c.answer(text);
      expect(askOf(replies.at(-1)), `after ${slot}`).not.toBe(slot);
    }
    const conditions = c.currentQuestion()!;
    expect(askOf(conditions)).toBe('help.conditions');
    // Not an activity, mainly religious, food and drink: each ticked box has a follow-up of its own.
    const ticked = ['initiative.isActivity', 'initiative.primarilyReligious', 'money.includesFoodAndDrink'];
    const click = clickFor(conditions, { text: '', ticked })!;
    expect(click.value).toEqual({ 'help.conditions': ticked.join(',') });
    const replies = await c.answer('', { value: click.value });
    expect(askOf(lastQuestion(replies))).toBe('initiative.fitsGala');
    // Three "ja" in parallel: whichever arrives first answers the first of the three follow-ups.
    const turns = await postAtOnce(c, Array(3).fill('ja'));
    const asks = turns
      .map((t) => ({ seq: Number(t.id.split('|')[1]), ask: askOf(t.replies.at(-1)) }))
      .sort((a, b) => a.seq - b.seq)
      .map((t) => t.ask);
    expect(asks).toEqual(['initiative.diaconalOpenToAll', 'money.targetsLowIncome', 'money.totalCosts']);
    const stored = (await storedAnswers('directline', c.conversationId))!;
    for (const slot of ['initiative.fitsGala', 'initiative.diaconalOpenToAll', 'money.targetsLowIncome']) {
      expect(stored[slot], slot).toBe(true);
    }
    // The ticked boxes hold (not an activity: false), the unticked ones have their defaults.
    expect(stored).toMatchObject({
      ...groupValues(offeredBoxes(conditions), ticked),
      'initiative.isActivity': false,
      'initiative.primarilyReligious': true,
      'money.includesFoodAndDrink': true,
      'initiative.profitMotive': false,
    });
  });
});

describe('conversations in parallel', () => {
  it('five Direct Line conversations run to their own verdicts at the same time', async () => {
    const variants: AnswerMap[] = [
      ELIGIBLE_ORGANISATION,
      { ...ELIGIBLE_ORGANISATION, 'money.requested': { text: '950', value: 950 } },
      // A box ticked by typing its title: making a profit is refused at once.
      {
        ...ELIGIBLE_ORGANISATION,
        'help.conditions': {
          text: 'U wilt er geld aan verdienen (winst maken).',
          ticked: ['initiative.profitMotive'],
        },
      },
      { ...ELIGIBLE_ORGANISATION, 'initiative.expectedParticipants': { text: '120', value: 120 } },
      // Two boxes ticked (typed as their titles) with the follow-up of one, and the gate of the earlier
      // applications ticked: the counts behind it are asked, the other boxes keep their defaults.
      {
        ...ELIGIBLE_ORGANISATION,
        'help.conditions': {
          text: 'Er zit geld voor eten of drinken in het bedrag. en Vrijwilligers werken met kinderen of kwetsbare mensen.',
          ticked: ['money.includesFoodAndDrink', 'initiative.worksWithVulnerable'],
        },
        'money.targetsLowIncome': { text: 'nee', value: false },
        'help.history': {
          text: 'U heeft in 2027 al eerder MAG-subsidie aangevraagd of gekregen.',
          ticked: ['help.appliedBefore'],
        },
        'history.grantsThisYear': { text: '1', value: 1 },
        'history.amountGrantedThisYear': { text: '200', value: 200 },
        'history.nonCoreApplicationsThisYear': { text: '1', value: 1 },
        'history.coreApplicationThisYear': { text: 'nee', value: false },
      },
    ];
    const conversations = await Promise.all(variants.map(() => RestConversation.start(http)));
    const runs = await Promise.all(conversations.map((c, i) => answerUntilVerdict(c, variants[i])));
    for (const [i, run] of runs.entries()) {
      // An early refusal is the answer of a partial assessment (it lists what is still missing).
      const partial = 'missing' in run.assessment;
      const expected = await http('POST', '/api/assess', {
        body: { ...assessInputFor(run.answered, TODAY, variants[i]), ...(partial && { partial: true }) },
      });
      expect(run.assessment, `conversation ${i}`).toEqual(expected.body);
    }
    expect(runs.map((r) => r.assessment.verdict)).toEqual([
      'eligible',
      'eligible',
      'not-eligible',
      'eligible',
      'eligible',
    ]);
    // The refusal came at the conditions, before the budget was asked.
    expect(runs[2]!.asked.at(-1)).toBe('help.conditions');
    expect('missing' in runs[2]!.assessment).toBe(true);
    // Behind the ticked gate: the counts of the subsidy year, asked under their own names.
    expect(runs[4]!.asked).toEqual(
      expect.arrayContaining([
        'money.targetsLowIncome',
        'history.grantsThisYear',
        'history.nonCoreApplicationsThisYear',
      ]),
    );
    // Not on the other paths: there the gate's "no" gave those counts their defaults.
    for (const run of [runs[0]!, runs[1]!, runs[3]!]) {
      for (const slot of Object.keys(GATES['help.appliedBefore']!)) expect(run.asked).not.toContain(slot);
    }
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
    expect(await storedAnswers('msteams', conversation.id)).toEqual({
      'applicant.kind': 'organisation',
      'help.idea': 'Een buurtfeest voor de hele straat',
    });
  });

  it('two turns that read the same state: the later write hits the eTag, is run again on the new state', async () => {
    const { conversation, activity, post } = chat('interleaved-chat');
    await post({ ...activity({}), type: 'conversationUpdate', membersAdded: [{ id: '29:1buurtwerker' }] });
    const key = `intake/msteams/${conversation.id}`;
    // Two processes on one SQLite file order nothing between them, and on PostgreSQL a turn whose advisory
    // lock was lost with its connection is not ordered either: take the turn order away, as if A and B
    // reached two instances that did not order them.
    if (SERVERS_ON_POSTGRES) {
      vi.spyOn(PostgresTurnOrder.prototype, 'run').mockImplementation((_id, work) => work());
    } else {
      vi.spyOn(LocalTurnOrder.prototype, 'run').mockImplementation((_id, work) => work());
    }
    // Force the interleaving: turn A reads, turn B reads the same state, A writes, then B writes.
    const bHasRead = deferred();
    const aHasWritten = deferred();
    let reads = 0;
    let conflicts = 0;
    const afterRead = async (keys: string[]) => {
      if (!keys.includes(key)) return;
      const n = ++reads;
      if (n === 1) await bHasRead.promise;
      if (n === 2) {
        bHasRead.resolve();
        await aHasWritten.promise;
      }
    };
    const written = (changes: StoreItems, error?: unknown) => {
      if (error instanceof ETagConflictError) conflicts++;
      if (key in changes) aHasWritten.resolve();
    };
    // Every read of the state waits where the interleaving says: a whole read, and the one a turn makes
    // after this server's own turn to learn whether its kept session is still current.
    const delayReads = (prototype: Pick<ConversationStateStore, 'read' | 'readUnlessCurrent'>) => {
      const realRead = prototype.read;
      vi.spyOn(prototype, 'read').mockImplementation(async function (this: unknown, keys) {
        const items = await realRead.call(this, keys);
        await afterRead(keys);
        return items;
      });
      const realReadUnlessCurrent = prototype.readUnlessCurrent;
      vi.spyOn(prototype, 'readUnlessCurrent').mockImplementation(async function (
        this: unknown,
        itemKey,
        eTag,
      ) {
        const item = await realReadUnlessCurrent.call(this, itemKey, eTag);
        await afterRead([itemKey]);
        return item;
      });
    };
    if (SERVERS_ON_POSTGRES) {
      delayReads(PostgresStateStore.prototype);
      // A turn's state is written inside its commit's transaction (`PostgresTurnStore`), with `writeIn`.
      const realWrite = PostgresStateStore.prototype.writeIn;
      vi.spyOn(PostgresStateStore.prototype, 'writeIn').mockImplementation(async function (
        this: PostgresStateStore,
        q,
        changes,
      ) {
        try {
          const eTags = await realWrite.call(this, q, changes);
          written(changes);
          return eTags;
        } catch (error) {
          written(changes, error);
          throw error;
        }
      });
    } else {
      delayReads(SqliteStorage.prototype);
      // A turn's state is written inside its commit (`SqliteTurnStore`), with `writeNow`.
      const realWrite = SqliteStorage.prototype.writeNow;
      vi.spyOn(SqliteStorage.prototype, 'writeNow').mockImplementation(function (
        this: SqliteStorage,
        changes,
      ) {
        try {
          const eTags = realWrite.call(this, changes);
          written(changes);
          return eTags;
        } catch (error) {
          written(changes, error);
          throw error;
        }
      });
    }

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
    expect(await storedAnswers('msteams', conversation.id)).toEqual({
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
