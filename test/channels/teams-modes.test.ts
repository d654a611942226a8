import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { backendEnv } from '../helpers/backends.js';
import { type ChannelServer, startServer, TODAY } from '../helpers/channel-server.js';
import { httpViaInject, RestConversation } from '../helpers/directline-rest.js';
import { FakeTeamsService } from '../helpers/fake-teams.js';
import { freePort } from '../helpers/server-process.js';

/**
 * Who may talk to `/api/messages`. Without MicrosoftAppId anyone could post activities and make the
 * server send requests to any `serviceUrl`; so by default the route does not exist, local mode is an
 * explicit opt-in for a client on this machine, and with an app id a refused or unverifiable token gets
 * a short generic answer.
 */
const APP_ID = '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9';
let teams: FakeTeamsService;
let seq = 1;

beforeAll(async () => {
  teams = await new FakeTeamsService().start();
});
afterAll(async () => {
  await teams.close();
});

/** An activity as Teams sends it; `overrides` replace any field. */
function activity(overrides: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `act-${++seq}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: teams.serviceUrl,
    from: { id: `29:1${randomUUID()}`, name: 'Bea', aadObjectId: randomUUID() },
    conversation: { conversationType: 'personal', id: `a:1${randomUUID()}` },
    recipient: { id: `28:${APP_ID}`, name: 'MAG-assistent' },
    locale: 'nl-NL',
    text: 'organisatie',
    ...overrides,
  };
}

/** Everything botbuilder (or anyone) prints with console.*, which in production lands in stdout. */
function watchConsole() {
  const printed: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) =>
    vi.spyOn(console, name).mockImplementation((...args: unknown[]) => {
      printed.push(`${name}: ${args.map(String).join(' ').slice(0, 200)}`);
    }),
  );
  return {
    printed,
    restore: () => {
      for (const s of spies) s.mockRestore();
    },
  };
}

const servers: ChannelServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});
const serve = async (env: Record<string, string>) => {
  const server = await startServer(env, { listen: false });
  servers.push(server);
  return server;
};
const post = (server: ChannelServer, payload: object, headers: Record<string, string> = {}) =>
  server.app.inject({ method: 'POST', url: '/api/messages', payload, headers });
/** Lets a reply that is on its way arrive at the stand-in before we count. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('by default (no MicrosoftAppId, no TEAMS_LOCAL)', () => {
  it('/api/messages does not exist: no activity is run, nothing is sent to any serviceUrl', async () => {
    const server = await serve({});
    const before = teams.replies.length;
    for (const payload of [
      activity({ type: 'conversationUpdate', membersAdded: [{ id: '29:1x' }] }),
      activity(),
      // expectReplies would answer in the response itself, without calling the serviceUrl.
      activity({ deliveryMode: 'expectReplies' }),
    ]) {
      const res = await post(server, payload);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('MAG');
    }
    await settle();
    expect(teams.replies.length).toBe(before);
    expect(teams.unexpected).toEqual([]);
  });

  it('says at start-up which mode Teams is in', async () => {
    let logged = '';
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk);
        done();
      },
    });
    for (const [env, mode] of [
      [{}, 'off'],
      [{ TEAMS_LOCAL: 'true' }, 'local'],
      [{ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-password' }, 'authenticated'],
    ] as const) {
      logged = '';
      const app = await buildApp(
        loadConfig({
          DATABASE_PATH: ':memory:',
          ...backendEnv(),
          MAG_TODAY: TODAY,
          LOG_LEVEL: 'info',
          ...env,
        }),
        { logStream },
      );
      await app.ready();
      await app.close();
      const line = logged.split('\n').find((l) => l.includes('"teams"'));
      expect(line, logged).toBeDefined();
      expect(JSON.parse(line!).teams).toBe(mode);
    }
  });
});

describe('TEAMS_LOCAL=true', () => {
  it('is refused in production, next to an app id, and for anything but true or false', () => {
    expect(() => loadConfig({ TEAMS_LOCAL: 'true', NODE_ENV: 'production' })).toThrow(
      /TEAMS_LOCAL.*production/,
    );
    expect(() => loadConfig({ TEAMS_LOCAL: 'true', MicrosoftAppId: APP_ID })).toThrow(/TEAMS_LOCAL/);
    expect(() => loadConfig({ TEAMS_LOCAL: 'yes' })).toThrow(/TEAMS_LOCAL/);
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://mag.example.nl' }).TEAMS_LOCAL).toBe(
      false,
    );
  });

  it('answers a Teams client on this machine, and sends replies to a loopback serviceUrl only', async () => {
    const server = await serve({ TEAMS_LOCAL: 'true' });
    const allowed = activity();
    expect((await post(server, allowed)).statusCode).toBe(200);
    expect(teams.repliesTo(allowed.id).length).toBeGreaterThan(0);
    const localhost = activity({ serviceUrl: teams.serviceUrl.replace('127.0.0.1', 'localhost') });
    expect((await post(server, localhost)).statusCode).toBe(200);

    const before = teams.replies.length;
    for (const serviceUrl of [
      'https://smba.trafficmanager.net/emea/',
      'http://10.0.0.1:8080/',
      'http://169.254.169.254/latest/',
      'http://127.0.0.1.example.org/',
      'file:///etc/passwd',
      'not a url',
      undefined,
      42,
    ]) {
      for (const payload of [
        activity({ serviceUrl }),
        activity({ serviceUrl, deliveryMode: 'expectReplies' }),
      ]) {
        const res = await post(server, payload);
        expect(res.statusCode, String(serviceUrl)).toBe(400);
        expect(res.json()).toEqual({ error: 'service-url-not-allowed' });
      }
    }
    await settle();
    expect(teams.replies.length).toBe(before);
  });

  it("cannot reach a website conversation: its keys are the Direct Line adapter's alone", async () => {
    const server = await serve({ TEAMS_LOCAL: 'true' });
    const website = await RestConversation.start(httpViaInject(server.app));
    await website.answer('organisation');
    const logBefore = (await website.get('0')).body.activities.length;

    // A caller who knows the website's conversation id posts as if from Direct Line: `stop`, then anything.
    const forged = { channelId: 'directline', conversation: { id: website.conversationId } };
    const stop = activity({ ...forged, text: 'stop' });
    expect((await post(server, stop)).statusCode).toBe(200);
    const probe = activity({ ...forged, text: 'terug' });
    expect((await post(server, probe)).statusCode).toBe(200);
    const seen = teams.repliesTo(probe.id).map((r) => JSON.stringify(r.activity));
    // It gets a conversation of its own, from the start: not the website's, which is at its second question.
    const asked = teams
      .repliesTo(probe.id)
      .map((r) => r.activity.channelData?.ask)
      .filter(Boolean);
    expect(asked).toEqual(['applicant.kind']);
    expect(seen.join('\n')).toContain('Hallo!');

    // The website's conversation is untouched: its whole log is there, and it goes on where it was.
    expect((await website.get('0')).body.activities.length).toBe(logBefore);
    const replies = await website.answer('Een buurtfeest voor de hele straat');
    expect(replies.at(-1)?.channelData?.ask).toBe('initiative.inMunicipality');
  });
});

/** The channel's OpenID metadata and keys, as login.botframework.com serves them, on this machine. */
async function keyEndpoint() {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(
        JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/v1/.well-known/keys` }),
      );
    } else if (req.url === '/v1/.well-known/keys') {
      res.end(
        JSON.stringify({
          keys: [{ ...jwk, kid: 'the-channels-key', use: 'sig', endorsements: ['msteams'] }],
        }),
      );
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { metadataUrl: `${base}/v1/.well-known/openidconfiguration`, close: () => server.close() };
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function token(alg: 'none' | 'RS256', kid = 'the-channels-key') {
  const now = Math.floor(Date.now() / 1000);
  const header = b64({ alg, typ: 'JWT', kid });
  const claims = b64({
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    exp: now + 600,
    nbf: now - 60,
    serviceurl: teams.serviceUrl,
  });
  if (alg === 'none') return `${header}.${claims}.`;
  // Signed, but with a key that is not the channel's.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return `${header}.${claims}.${sign('sha256', Buffer.from(`${header}.${claims}`), privateKey).toString('base64url')}`;
}

/**
 * Microsoft's public cloud as botbuilder knows it, but with the channel's key endpoint here: botbuilder
 * takes custom endpoints only all together.
 */
const publicCloudWith = (metadataUrl: string) => ({
  ValidateAuthority: 'true',
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
  CallerId: 'urn:botframework:azure',
});

describe('with MicrosoftAppId', () => {
  const withAppId = (metadataUrl: string) =>
    buildApp(
      loadConfig({
        DATABASE_PATH: ':memory:',
        ...backendEnv(),
        MAG_TODAY: TODAY,
        LOG_LEVEL: 'silent',
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-a-real-password',
      }),
      { teamsEndpoints: publicCloudWith(metadataUrl) },
    );

  it('a token the channel did not sign, or `alg: none`, is a 401 with a generic body; nothing printed or sent', async () => {
    const keys = await keyEndpoint();
    // Watched from before the server exists, as stdout is: what botbuilder prints reaches it or not.
    const console = watchConsole();
    const app = await withAppId(keys.metadataUrl);
    const before = teams.replies.length;
    try {
      for (const authorization of [
        undefined,
        'Bearer not-a-jwt',
        `Bearer ${token('none')}`,
        `Bearer ${token('RS256')}`,
        `Bearer ${token('RS256', 'another-key')}`,
      ]) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/messages',
          payload: activity(),
          headers: authorization ? { authorization } : {},
        });
        expect(res.statusCode, authorization).toBe(401);
        expect(res.json()).toEqual({ error: 'unauthorized' });
      }
      await settle();
    } finally {
      console.restore();
      await app.close();
      keys.close();
    }
    expect(console.printed).toEqual([]);
    expect(teams.replies.length).toBe(before);
  });

  it("the channel's key endpoint unreachable: 503 with a generic body and Retry-After, nothing printed", async () => {
    const closed = `http://127.0.0.1:${await freePort()}/v1/.well-known/openidconfiguration`;
    const console = watchConsole();
    const app = await withAppId(closed);
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/messages',
        payload: activity(),
        headers: { authorization: `Bearer ${token('RS256')}` },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: 'authentication-unavailable' });
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|at /);
    } finally {
      console.restore();
      await app.close();
    }
    expect(console.printed).toEqual([]);
  });
});
