import { afterEach, describe, expect, it } from 'vitest';
import en from '../../locales/en/dialog.json' with { type: 'json' };
import nl from '../../locales/nl/dialog.json' with { type: 'json' };
import { backendEnv } from '../helpers/backends.js';
import type { ChannelServer } from '../helpers/channel-server.js';
import { startServer } from '../helpers/channel-server.js';
import { httpViaInject, RestConversation, webchatToken } from '../helpers/directline-rest.js';
import { askOf } from '../helpers/intake-answers.js';

/**
 * A server keeps a conversation's session between its turns (`bot/live-sessions.ts`). Two servers on one
 * database: what one kept must never outlive what the other changed, least of all a `stop`.
 */
const servers: ChannelServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function twoServers() {
  const a = await startServer({}, { listen: false });
  servers.push(a);
  const b = await startServer(
    { DATABASE_PATH: a.databasePath, ...backendEnv(a.databasePath) },
    { listen: false },
  );
  servers.push(b);
  return { a, b };
}

/** Whether one of the activities says `text` (as its first paragraph, before any hint that follows). */
const says = (activities: { text?: string }[], text: string) =>
  activities.some((x) => (x.text ?? '').startsWith(text));

describe('a session kept between turns, with a second server on the same database', () => {
  it('goes on from what the other server stored, not from what it kept itself', async () => {
    const { a, b } = await twoServers();
    const onA = await RestConversation.start(httpViaInject(a.app));
    const onB = new RestConversation(httpViaInject(b.app), onA.token, onA.conversationId);
    await onA.fetchNew();
    onB.watermark = onA.watermark;

    expect(askOf((await onA.answer('organisatie')).at(-1))).toBe('help.idea');
    // B answers the question A's kept session is still at.
    expect(askOf((await onB.answer('Een buurtfeest voor de hele straat')).at(-1))).toBe(
      'initiative.inMunicipality',
    );
    // A's session still waits for the idea; the store has moved on, and so does A.
    onA.watermark = onB.watermark;
    expect(askOf((await onA.answer('ja')).at(-1))).not.toBe('initiative.inMunicipality');
    onB.watermark = onA.watermark;
    const next = askOf((await onB.answer('1 juni 2027')).at(-1));
    expect(next).toBeDefined();
    expect(next).not.toBe('initiative.startDate');
  });

  it('after a `stop` on the other server, a kept session never comes back (not even under the same eTag)', async () => {
    const { a, b } = await twoServers();
    // A starts the conversation in English and keeps that session after its first write.
    const http = httpViaInject(a.app);
    const t = await webchatToken(http);
    const onA = new RestConversation(http, t.token, t.conversationId);
    expect(
      (
        await onA.http('POST', '/v3/directline/conversations', {
          headers: onA.auth,
          body: { locale: 'en-US' },
        })
      ).status,
    ).toBe(201);
    expect(says(await onA.fetchNew(), en.greeting)).toBe(true);

    // On B the person stops (everything deleted) and starts again in Dutch: a new first write.
    const onB = new RestConversation(httpViaInject(b.app), onA.token, onA.conversationId);
    onB.watermark = onA.watermark;
    expect(says(await onB.answer('stop', { locale: 'en-US' }), en.stopped)).toBe(true);
    expect(says(await onB.answer('hallo', { locale: 'nl-NL' }), nl.greeting)).toBe(true);

    // A must go on from the Dutch session B stored, never from its English one from before the stop.
    onA.watermark = onB.watermark;
    const replies = await onA.answer('organisatie', { locale: 'nl-NL' });
    expect(askOf(replies.at(-1))).toBe('help.idea');
    expect(says(replies, nl.questions.help.idea)).toBe(true);
    expect(says(replies, en.questions.help.idea)).toBe(false);
  });
});
