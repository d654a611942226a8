import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createIntakeMachine } from '../../dialogs/intake-machine.js';
import type { PersistedIntake } from '../../dialogs/session.js';
import { IntakeSession } from '../../dialogs/session.js';
import { TODAY, tempDir } from '../helpers/channel-server.js';
import { httpViaFetch, RestConversation } from '../helpers/directline-rest.js';
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
 * A real server process SIGKILLed at random moments while several conversations run to a draft, and
 * started again on the same database each time. After every kill the database must hold whole turns only:
 * every message of a person has its answer in the log, the last question in the log is the question the
 * stored dialog stands at, and a consented dialog has its draft. At the end every conversation has exactly
 * one draft, and the references run 1, 2, 3… without a gap or a repeat.
 */
const temp = tempDir('mag-crash-');
const DATABASE_PATH = join(temp.dir, 'mag.sqlite');
const env = { DATABASE_PATH, MAG_TODAY: TODAY, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '10000' };
const processes: ServerProcess[] = [];
const ANSWERS = { ...ELIGIBLE_ORGANISATION, ...DRAFT_ANSWERS };
const CONVERSATIONS = 8;
const AT_ONCE = 4;
const MIN_KILLS = 5;

afterAll(async () => {
  for (const p of processes) await p.kill();
  temp.remove();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The server that runs now; replaced after every kill. */
let server: ServerProcess;
async function launch(): Promise<void> {
  const next = new ServerProcess(env);
  processes.push(next);
  server = await next.start();
}

/** Retries `work` until a server answers it (one may be dead or starting). */
async function whenUp<T>(work: (http: ReturnType<typeof httpViaFetch>) => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await work(httpViaFetch(server.base));
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      await sleep(50);
    }
  }
}
const isConnectionError = (error: unknown): boolean =>
  error instanceof TypeError || /answered 5\d\d|ECONNRE|socket/i.test(String(error));

/**
 * One person: answers the last question in the log until the log has the draft. After a failed post the
 * person reads the log again and answers what it asks then (the answer was kept, or it was not).
 */
async function person(): Promise<{ conversationId: string; turns: number }> {
  const conversation = await whenUp(async (http) => RestConversation.start(http));
  let turns = 0;
  for (;;) {
    const log = await whenUp(async (http) => {
      const reader = new RestConversation(http, conversation.token, conversation.conversationId);
      return reader.fetchNew();
    });
    if (log.some((a) => a.channelData?.draft)) return { conversationId: conversation.conversationId, turns };
    const slot = askOf(lastQuestion(log.filter((a) => a.from?.role === 'bot')));
    if (!slot) throw new Error('the log asks nothing');
    if (++turns > 200) throw new Error('no draft after 200 turns');
    try {
      const fresh = new RestConversation(
        httpViaFetch(server.base),
        conversation.token,
        conversation.conversationId,
      );
      await fresh.say(answerText(slot, ANSWERS));
    } catch (error) {
      if (!isConnectionError(error)) throw error;
    }
  }
}

interface Row {
  key: string;
  value: string;
}

/** What the database says after a kill, read with the server down. */
function checkWholeTurns(): { conversations: number; submitted: number } {
  const db = new Database(DATABASE_PATH);
  try {
    const machine = createIntakeMachine();
    const activities = (id: string): BotActivity[] =>
      db
        .prepare<[string], { activity: string }>(
          'select activity from dl_activities where conversation_id = ? order by seq',
        )
        .all(id)
        .map((r) => JSON.parse(r.activity));
    const states = db
      .prepare<[], Row>("select key, value from state where key like 'intake/directline/%'")
      .all();
    let submitted = 0;
    for (const { key, value } of states) {
      const conversationId = key.slice('intake/directline/'.length);
      const log = activities(conversationId);
      // Every message of the person has an answer that names it.
      const answered = new Set(log.map((a) => a.replyToId));
      for (const a of log) {
        if (a.from?.role === 'user') expect(answered.has(a.id), `unanswered in ${key}`).toBe(true);
      }
      const stored = JSON.parse(value) as { snapshot: PersistedIntake; sessionId: string };
      const session = IntakeSession.restore(machine, stored.snapshot);
      if (session.status === 'active') {
        const asked = session.current().findLast((m) => m.ask !== undefined)?.ask;
        const askedInLog = askOf(lastQuestion(log.filter((a) => a.from?.role === 'bot')));
        expect(askedInLog, `the log and the state of ${key} disagree`).toBe(asked);
      }
      if (session.status === 'submitted') {
        submitted++;
        const draft = db
          .prepare<[string], { n: number }>('select count(*) as n from drafts where idempotency_key = ?')
          .get(`${key}/${stored.sessionId}`);
        expect(draft?.n, `a consented dialog without its draft (${key})`).toBe(1);
        expect(log.some((a) => a.channelData?.draft)).toBe(true);
      }
    }
    return { conversations: states.length, submitted };
  } finally {
    db.close();
  }
}

describe('a server killed at random moments', () => {
  it('keeps every turn whole: before it or after it, never half; every consented draft exists once', async () => {
    await launch();
    let running = true;
    let kills = 0;
    let failure: unknown;
    const killer = (async () => {
      while (running) {
        await sleep(40 + Math.random() * 260);
        if (!running) break;
        await server.kill('SIGKILL');
        kills++;
        try {
          checkWholeTurns();
        } catch (error) {
          failure = error;
        } finally {
          await launch();
        }
        if (failure) break;
      }
    })();

    const finished: { conversationId: string; turns: number }[] = [];
    try {
      // At least the planned conversations, and on until the killer has struck often enough: a fast
      // machine finishes them between two kills. Bounded: at most three times the plan.
      for (
        let round = 0;
        (round < CONVERSATIONS / AT_ONCE || kills < MIN_KILLS) &&
        round < (3 * CONVERSATIONS) / AT_ONCE &&
        !failure;
        round++
      ) {
        finished.push(...(await Promise.all(Array.from({ length: AT_ONCE }, () => person()))));
      }
    } finally {
      running = false;
      await killer;
    }
    if (failure) throw failure;

    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    const { submitted } = checkWholeTurns();
    expect(submitted).toBe(finished.length);
    const db = new Database(DATABASE_PATH, { readonly: true });
    const drafts = db
      .prepare<[], { reference: string; idempotency_key: string }>(
        'select reference, idempotency_key from drafts order by reference',
      )
      .all();
    db.close();
    // One draft for each conversation, and the references without a gap or a repeat.
    expect(drafts).toHaveLength(finished.length);
    for (const { conversationId } of finished) {
      expect(
        drafts.filter((d) => d.idempotency_key.startsWith(`intake/directline/${conversationId}/`)),
      ).toHaveLength(1);
    }
    const numbers = drafts.map((d) => Number(d.reference.match(/(\d+)$/)![1]));
    expect(numbers).toEqual(Array.from({ length: finished.length }, (_, i) => i + 1));
    console.log(`[crash] ${kills} kills over ${finished.reduce((n, f) => n + f.turns, 0)} turns`);
  }, 240_000);
});
