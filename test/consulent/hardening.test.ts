/**
 * The consulent's sign-in as an attacker tries it: a burst of parallel guesses gets no more tries than a
 * slow one, a logout survives a restart, only trusted proxies say who the client is, and behind https the
 * cookie is Secure and HSTS is sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { backendEnv } from '../helpers/backends.js';
import type { TestServer } from './helpers.js';
import {
  basic,
  consulentUsers,
  cookieOf,
  FORM,
  form,
  login,
  PASSWORD,
  startServer,
  TODAY,
  USER,
} from './helpers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const attempt = (s: TestServer, password: string, headers: Record<string, string> = {}) =>
  s.app.inject({
    method: 'POST',
    url: '/consulent/login',
    headers: { ...FORM, ...headers },
    payload: form({ name: USER, password }),
  });

describe('guessing the password', () => {
  it('200 parallel guesses with the right one among them: 5 are checked, none gets in', async () => {
    server = await startServer();
    const s = server;
    const guesses = Array.from({ length: 200 }, (_, i) => (i === 100 ? PASSWORD : `fout ${i}`));
    const replies = await Promise.all(guesses.map((g) => attempt(s, g)));
    const codes = replies.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 303)).toEqual([]);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(195);
    expect(replies.find((r) => r.statusCode === 429)!.body).toContain('Te veel mislukte pogingen');
    // Afterwards the right password is refused too, until the window has passed.
    expect((await attempt(s, PASSWORD)).statusCode).toBe(429);
  });

  it('the same over HTTP Basic on /api/drafts', async () => {
    server = await startServer();
    const s = server;
    const replies = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        s.app.inject({
          url: '/api/drafts',
          headers: { authorization: basic(USER, i === 30 ? PASSWORD : `x${i}`) },
        }),
      ),
    );
    const codes = replies.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toEqual([]);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(replies.find((r) => r.statusCode === 429)?.json()).toMatchObject({ error: 'too-many-attempts' });
  });
});

describe('a logout', () => {
  it('stays a logout after a restart of the server', async () => {
    server = await startServer();
    const { cookie, csrf } = await login(server.app);
    const out = await server.app.inject({
      method: 'POST',
      url: '/consulent/logout',
      headers: { ...FORM, cookie },
      payload: form({ _csrf: csrf }),
    });
    expect(out.statusCode).toBe(303);
    await server.app.close();
    // The same database, a new process: the old cookie is still refused.
    const again = await buildApp(
      loadConfig({
        DATABASE_PATH: server.databasePath,
        ...backendEnv(server.databasePath),
        MAG_TODAY: TODAY,
        LOG_LEVEL: 'silent',
        CONSULENT_USERS: await consulentUsers(),
      }),
    );
    server.app = again;
    const page = await again.inject({ url: '/consulent', headers: { cookie } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/consulent\/login/);
  });
});

describe('behind a proxy', () => {
  it("TRUST_PROXY=1 takes the client from the proxy's own entry, not the client's X-Forwarded-For", async () => {
    server = await startServer({ env: { TRUST_PROXY: '1' } });
    const s = server;
    // The client writes a new address each time; the proxy appends the real one (198.51.100.7).
    // The fifth wrong guess is the last one allowed: it is told at once that the address is refused now.
    for (let i = 0; i < 5; i++) {
      const res = await attempt(s, 'fout', { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7` });
      expect(res.statusCode).toBe(i < 4 ? 401 : 429);
    }
    expect((await attempt(s, PASSWORD, { 'x-forwarded-for': '203.0.113.99, 198.51.100.7' })).statusCode).toBe(
      429,
    );
    // Another real client behind the same proxy is not refused.
    expect((await attempt(s, PASSWORD, { 'x-forwarded-for': '198.51.100.8' })).statusCode).toBe(303);
  });

  it('without TRUST_PROXY an X-Forwarded-For header is ignored', async () => {
    server = await startServer();
    const s = server;
    for (let i = 0; i < 5; i++) await attempt(s, 'fout', { 'x-forwarded-for': `203.0.113.${i}` });
    expect((await attempt(s, PASSWORD, { 'x-forwarded-for': '198.51.100.8' })).statusCode).toBe(429);
  });

  it('TRUST_PROXY takes a hop count or addresses; a value that is neither is refused at start', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).TRUST_PROXY).toBe('10.0.0.1,10.1.0.0/16');
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  it('behind https (a trusted X-Forwarded-Proto) the cookie is Secure and HSTS is sent', async () => {
    server = await startServer({ env: { TRUST_PROXY: '1' } });
    const https = await attempt(server, PASSWORD, {
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '198.51.100.7',
    });
    expect(https.statusCode).toBe(303);
    expect(String(https.headers['set-cookie'])).toMatch(/; Secure/);
    expect(https.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const http = await attempt(server, PASSWORD, { 'x-forwarded-for': '198.51.100.9' });
    expect(String(http.headers['set-cookie'])).not.toMatch(/Secure/);
    expect(http.headers['strict-transport-security']).toBeUndefined();
    expect(cookieOf(https)).toMatch(/^mag-consulent=/);
  });

  it('an X-Forwarded-Proto from a client that is not a trusted proxy changes nothing', async () => {
    server = await startServer();
    const res = await attempt(server, PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(String(res.headers['set-cookie'])).not.toMatch(/Secure/);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('response headers', () => {
  it('nosniff everywhere; no-store on tokens, Direct Line, assessments and drafts', async () => {
    server = await startServer();
    const s = server;
    for (const url of ['/', '/healthz', '/consulent/login']) {
      expect((await s.app.inject({ url })).headers['x-content-type-options'], url).toBe('nosniff');
    }
    const token = await s.app.inject({ method: 'POST', url: '/api/webchat/token' });
    expect(token.headers['cache-control']).toMatch(/no-store/);
    const assess = await s.app.inject({ method: 'POST', url: '/api/assess', payload: {} });
    expect(assess.headers['cache-control']).toMatch(/no-store/);
    expect(assess.headers['x-content-type-options']).toBe('nosniff');
    const conversation = await s.app.inject({
      method: 'POST',
      url: '/v3/directline/conversations',
      headers: { authorization: `Bearer ${token.json().token}` },
    });
    expect(conversation.headers['cache-control']).toMatch(/no-store/);
    const drafts = await s.app.inject({
      url: '/api/drafts',
      headers: { authorization: basic(USER, PASSWORD) },
    });
    expect(drafts.headers['cache-control']).toMatch(/no-store/);
  });
});
