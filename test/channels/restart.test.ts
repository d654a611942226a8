import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import nl from '../../locales/nl/dialog.json' with { type: 'json' };
import { TODAY, tempDir } from '../helpers/channel-server.js';
import {
  answerUntilVerdict,
  httpViaFetch,
  RestConversation,
  webchatToken,
} from '../helpers/directline-rest.js';
import { askOf, assessInputFor } from '../helpers/intake-answers.js';
import { ServerProcess } from '../helpers/server-process.js';

/**
 * A real server process killed with SIGKILL in the middle of a conversation and started again on the same
 * database: the conversation, its dialog state and its tokens survive.
 */
const temp = tempDir('mag-restart-');
const env = { DATABASE_PATH: join(temp.dir, 'mag.sqlite'), MAG_TODAY: TODAY, LOG_LEVEL: 'silent' };
const processes: ServerProcess[] = [];

const launch = async () => {
  const p = new ServerProcess(env);
  processes.push(p);
  return p.start();
};

afterAll(async () => {
  for (const p of processes) await p.kill();
  temp.remove();
});

describe('a conversation across a SIGKILL and a restart', () => {
  it('goes on with the same token at the same question, to a verdict; resume gives the same conversation', async () => {
    const first = await launch();
    const before = await RestConversation.start(httpViaFetch(first.base));
    for (const answer of ['organisation', 'Een buurtfeest voor de hele straat', 'ja']) {
      const replies = await before.answer(answer);
      expect(replies.length).toBeGreaterThan(0);
    }
    const askedBefore = askOf(before.currentQuestion());
    expect(askedBefore).toBe('initiative.startDate');
    const seenBefore = before.seen.length;

    await first.kill('SIGKILL');
    await expect(fetch(`${first.base}/healthz`)).rejects.toThrow();

    const second = await launch();
    const http = httpViaFetch(second.base);
    // The same token (signed with the key kept in the database), on the new process.
    const after = new RestConversation(http, before.token, before.conversationId);
    after.watermark = before.watermark;
    expect(await after.fetchNew()).toEqual([]);
    const all = await after.get('0');
    expect(all.status).toBe(200);
    expect(all.body.activities).toHaveLength(seenBefore);
    after.seen.push(...all.body.activities);
    expect(askOf(after.currentQuestion())).toBe('initiative.startDate');

    // Web Chat reconnecting (POST /conversations with its token) does not restart the dialog.
    expect((await after.startConversation()).status).toBe(201);
    expect(await after.fetchNew()).toEqual([]);

    // The next answer is taken at the same question (a start in the future: "started already?" is not asked).
    const replies = await after.answer('1-6-2027');
    expect(askOf(replies.at(-1))).toBe('help.fit');

    const run = await answerUntilVerdict(after);
    expect(run.assessment.verdict).toBe('eligible');
    const asked = [
      'applicant.kind',
      'help.idea',
      'initiative.inMunicipality',
      'initiative.startDate',
      // The questions themselves: a grouped question's boxes are read from its card.
      ...run.answered,
    ];
    const assessed = await http('POST', '/api/assess', { body: assessInputFor(asked, TODAY) });
    expect(run.assessment).toEqual(assessed.body);

    // A reload after the restart: the resume secret gives a fresh token for the same conversation.
    const resumed = await webchatToken(http, {
      conversationId: before.conversationId,
      resume: before.resume,
    });
    expect(resumed).toMatchObject({
      conversationId: before.conversationId,
      userId: before.userId,
      resumed: true,
    });
    const reader = new RestConversation(http, resumed.token, resumed.conversationId);
    const everything = await reader.fetchNew();
    expect(everything.length).toBe(after.seen.length);
    expect(everything.some((a) => a.channelData?.assessment)).toBe(true);
  }, 60_000);

  it('a stored conversation the new version cannot restore: the person is told, starts afresh; the server lives on', async () => {
    const first = await launch();
    const before = await RestConversation.start(httpViaFetch(first.base));
    await before.answer('organisation');
    await first.kill('SIGKILL');

    // As if an older version had stored it: a state this machine does not have.
    const db = new Database(env.DATABASE_PATH);
    const rows = db.prepare<[], { key: string; value: string }>('select key, value from state').all();
    const damaged = rows.filter(
      (r) => r.value.includes(before.conversationId) || r.key.includes(before.conversationId),
    );
    expect(damaged.length).toBeGreaterThan(0);
    for (const row of damaged) {
      const value = JSON.parse(row.value);
      value.snapshot.value = { asking: 'a-question-of-an-older-version' };
      db.prepare('update state set value = ? where key = ?').run(JSON.stringify(value), row.key);
    }
    db.close();

    const second = await launch();
    const after = new RestConversation(httpViaFetch(second.base), before.token, before.conversationId);
    after.watermark = before.watermark;
    const replies = await after.answer('ja');
    const texts = replies.map((r) => r.text ?? '');
    expect(texts[0]).toBe(nl.restoreFailed);
    expect(texts.some((t) => t.startsWith(nl.greeting.slice(0, 20)))).toBe(true);
    expect(askOf(replies.at(-1))).toBe('applicant.kind');
    // XState reports a failed restore asynchronously too; a crash would show here.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await fetch(`${second.base}/healthz`)).status).toBe(200);
    expect(askOf((await after.answer('inwoner')).at(-1))).toBe('help.idea');
  }, 60_000);
});
