import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../../bot/consulent/users.js';
import { backendEnv } from '../helpers/backends.js';
import type { TestServer } from './helpers.js';
import {
  basic,
  cookieOf,
  FORM,
  form,
  login,
  OTHER_PASSWORD,
  OTHER_USER,
  PASSWORD,
  startServer,
  USER,
} from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Each test its own address, so the failed-login throttle of one test never blocks another. */
let address = 0;
const nextAddress = () => `192.0.2.${++address}`;

const postLogin = (fields: Record<string, string>, remoteAddress = nextAddress()) =>
  server.app.inject({
    method: 'POST',
    url: '/consulent/login',
    headers: FORM,
    payload: form(fields),
    remoteAddress,
  });

describe('without a session', () => {
  it.each(['/consulent', '/consulent/export.csv', '/consulent/drafts/x', '/consulent/nothing-here'])(
    'GET %s redirects to the login page',
    async (url) => {
      const res = await server.app.inject({ url });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toMatch(/^\/consulent\/login/);
    },
  );

  it('comes back to the page it was sent away from after logging in', async () => {
    const id = server.drafts[0]!.id;
    const res = await server.app.inject({ url: `/consulent/drafts/${id}` });
    expect(res.headers.location).toBe(
      `/consulent/login?next=${encodeURIComponent(`/consulent/drafts/${id}`)}`,
    );
    const page = await server.app.inject({ url: res.headers.location as string });
    expect(page.body).toContain(`name="next" value="/consulent/drafts/${id}"`);
    const done = await postLogin({ name: USER, password: PASSWORD, next: `/consulent/drafts/${id}` });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/consulent/drafts/${id}`);
  });

  it.each([
    '//evil.example/x',
    'https://evil.example',
    '/consulent/../api',
    '/consulent/%2e%2e/api',
    '/consulent/./x',
    '/elders',
    '/consulent\\@evil',
    '/consulent/login',
  ])('never sends back to %s after logging in', async (next) => {
    const res = await postLogin({ name: USER, password: PASSWORD, next });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/consulent');
  });

  it.each([
    ['POST', '/consulent/logout'],
    ['POST', '/consulent/drafts/x/status'],
    ['POST', '/consulent/drafts/x/delete'],
  ] as const)('%s %s redirects to the login page and changes nothing', async (method, url) => {
    const res = await server.app.inject({
      method,
      url,
      headers: FORM,
      payload: form({ status: 'afgehandeld' }),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/consulent/login');
  });

  it.each([
    ['GET', '/api/drafts'],
    ['GET', '/api/drafts/x'],
    ['PATCH', '/api/drafts/x'],
    ['DELETE', '/api/drafts/x'],
  ] as const)('%s %s answers 401 JSON and asks for Basic', async (method, url) => {
    const res = await server.app.inject({ method, url });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'unauthorized' });
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm="MAG-consulent"/);
  });

  it('serves the stylesheet, which holds nothing personal, and nothing else there', async () => {
    const res = await server.app.inject({ url: '/consulent/assets/consulent.css' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/css/);
    const post = await server.app.inject({ method: 'POST', url: '/consulent/assets/consulent.css' });
    expect(post.statusCode).toBe(404);
  });
});

describe('the login form', () => {
  it('is a labelled form with autocomplete hints', async () => {
    const res = await server.app.inject({ url: '/consulent/login' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<label for="name">Gebruikersnaam</label>');
    expect(res.body).toContain('autocomplete="username"');
    expect(res.body).toContain('<label for="password">Wachtwoord</label>');
    expect(res.body).toContain('type="password" autocomplete="current-password"');
  });

  it('gives one generic 401 for a wrong password and for an unknown name', async () => {
    const wrongPassword = await postLogin({ name: USER, password: 'niet het wachtwoord' });
    const wrongName = await postLogin({ name: 'onbekend', password: PASSWORD });
    for (const res of [wrongPassword, wrongName]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.body).toContain('De gebruikersnaam of het wachtwoord klopt niet.');
      expect(res.body).toContain('role="alert"');
      expect(res.body).toContain('aria-invalid="true"');
      expect(res.body).not.toContain(PASSWORD);
    }
    const strip = (body: string) => body.replace(/name="name"[^>]*value="[^"]*"/, '');
    expect(strip(wrongPassword.body)).toBe(strip(wrongName.body));
  });

  it('shows what was typed as the name escaped', async () => {
    const res = await postLogin({ name: '"><script>alert(1)</script>', password: 'x' });
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('throttles an address after 5 failures, even with the right password then', async () => {
    const from = nextAddress();
    for (let i = 0; i < 4; i++) {
      expect((await postLogin({ name: USER, password: `fout ${i}` }, from)).statusCode).toBe(401);
    }
    // The fifth failure starts the block and says so.
    expect((await postLogin({ name: USER, password: 'fout 5' }, from)).statusCode).toBe(429);
    const blocked = await postLogin({ name: USER, password: PASSWORD }, from);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body).toContain('Te veel mislukte pogingen');
    expect(blocked.headers['set-cookie']).toBeUndefined();
    // Another address is not affected, and HTTP Basic from the blocked one is refused as well.
    expect((await postLogin({ name: USER, password: PASSWORD })).statusCode).toBe(303);
    const api = await server.app.inject({
      url: '/api/drafts',
      headers: { authorization: basic(USER, PASSWORD) },
      remoteAddress: from,
    });
    expect(api.statusCode).toBe(429);
  });

  it('sets an HttpOnly, SameSite=Strict session cookie for the configured hours, not Secure over http', async () => {
    const res = await postLogin({ name: USER, password: PASSWORD });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/consulent');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^mag-consulent=[\w-]+\.[\w-]+; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${8 * 3600}`);
    expect(cookie).not.toContain('Secure');
    expect(cookie).not.toContain(USER);
  });

  it('redirects a logged-in consulent from the login page to the inbox', async () => {
    const { cookie } = await login(server.app);
    const res = await server.app.inject({ url: '/consulent/login', headers: { cookie } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/consulent');
  });
});

describe('the session', () => {
  it('opens the inbox and names the user', async () => {
    const { cookie } = await login(server.app);
    const res = await server.app.inject({ url: '/consulent', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`Ingelogd als ${USER}`);
  });

  it('refuses a tampered cookie', async () => {
    const { cookie } = await login(server.app);
    const [name, value] = cookie.split('=') as [string, string];
    const [payload, signature] = value.split('.') as [string, string];
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...data, u: OTHER_USER })).toString('base64url');
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of [`${forged}.${signature}`, `${payload}.${flipped}`, payload, `${payload}.`, 'x.y']) {
      const res = await server.app.inject({ url: '/consulent', headers: { cookie: `${name}=${bad}` } });
      expect(res.statusCode).toBe(303);
      const api = await server.app.inject({ url: '/api/drafts', headers: { cookie: `${name}=${bad}` } });
      expect(api.statusCode).toBe(401);
    }
  });

  it('expires after the configured hours', async () => {
    const { cookie } = await login(server.app);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 8 * 3_600_000 + 1000 });
    const res = await server.app.inject({ url: '/consulent', headers: { cookie } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/consulent/login');
  });

  it('ends at logout: the cookie is cleared and no longer accepted', async () => {
    const { cookie, csrf } = await login(server.app);
    const res = await server.app.inject({
      method: 'POST',
      url: '/consulent/logout',
      headers: { ...FORM, cookie },
      payload: form({ _csrf: csrf }),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/consulent/login?uitgelogd=1');
    expect(String(res.headers['set-cookie'])).toMatch(
      /^mag-consulent=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict/,
    );
    expect((await server.app.inject({ url: '/consulent', headers: { cookie } })).statusCode).toBe(303);
    const page = await server.app.inject({ url: '/consulent/login?uitgelogd=1' });
    expect(page.body).toContain('U bent uitgelogd.');
  });

  it('sends no-store, a strict CSP without scripts, and refuses framing', async () => {
    const { cookie } = await login(server.app);
    const res = await server.app.inject({ url: '/consulent', headers: { cookie } });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).not.toContain('script-src');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.body).not.toMatch(/<script/i);
  });
});

describe('CSRF', () => {
  it.each(['logout', 'status', 'delete'] as const)(
    'refuses the %s form without the token (403)',
    async (action) => {
      const { cookie } = await login(server.app);
      const id = server.drafts[1]!.id;
      const url = action === 'logout' ? '/consulent/logout' : `/consulent/drafts/${id}/${action}`;
      const res = await server.app.inject({
        method: 'POST',
        url,
        headers: { ...FORM, cookie },
        payload: form({ status: 'afgehandeld' }),
      });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('Formulier verlopen');
      const draft = await server.app.inject({ url: `/api/drafts/${id}`, headers: { cookie } });
      expect(draft.statusCode).toBe(200);
      expect(draft.json().status).toBe('nieuw');
      expect((await server.app.inject({ url: '/consulent', headers: { cookie } })).statusCode).toBe(200);
    },
  );

  it("refuses another session's token", async () => {
    const mine = await login(server.app);
    const theirs = await login(server.app, OTHER_USER, OTHER_PASSWORD);
    const res = await server.app.inject({
      method: 'POST',
      url: `/consulent/drafts/${server.drafts[1]!.id}/delete`,
      headers: { ...FORM, cookie: mine.cookie },
      payload: form({ _csrf: theirs.csrf }),
    });
    expect(res.statusCode).toBe(403);
  });

  it('asks the API for the token in x-csrf-token when the session cookie authenticates a change', async () => {
    const { cookie, csrf } = await login(server.app);
    const id = server.drafts[1]!.id;
    const patch = (headers: Record<string, string>) =>
      server.app.inject({
        method: 'PATCH',
        url: `/api/drafts/${id}`,
        headers: { 'content-type': 'application/json', cookie, ...headers },
        payload: JSON.stringify({ status: 'nieuw' }),
      });
    expect((await patch({})).statusCode).toBe(403);
    expect((await patch({ 'x-csrf-token': 'nope' })).statusCode).toBe(403);
    expect((await patch({ 'x-csrf-token': csrf })).statusCode).toBe(200);
  });
});

describe('HTTP Basic on /api/drafts', () => {
  it('accepts the same credentials and refuses wrong ones', async () => {
    const ok = await server.app.inject({
      url: '/api/drafts',
      headers: { authorization: basic(USER, PASSWORD) },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    for (const authorization of [basic(USER, 'fout'), basic('onbekend', PASSWORD), 'Basic !!!', 'Bearer x']) {
      const res = await server.app.inject({
        url: '/api/drafts',
        headers: { authorization },
        remoteAddress: nextAddress(),
      });
      expect(res.statusCode).toBe(401);
    }
  });

  it('keeps a password containing a colon whole', async () => {
    const entry = await hashPassword('kees', 'met:dubbele:punt');
    const other = await startServer({ users: entry, seed: [] });
    try {
      const res = await other.app.inject({
        url: '/api/drafts',
        headers: { authorization: basic('kees', 'met:dubbele:punt') },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('configuration', () => {
  it('keeps the inbox closed with a 503 page when no users are configured', async () => {
    const closed = await startServer({ users: '', seed: [] });
    try {
      for (const url of ['/consulent', '/consulent/login', '/consulent/drafts/x']) {
        const res = await closed.app.inject({ url });
        expect(res.statusCode).toBe(503);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.body).toContain('De MAG-inbox is nog niet ingericht');
      }
      const post = await closed.app.inject({
        method: 'POST',
        url: '/consulent/login',
        headers: FORM,
        payload: form({ name: 'admin', password: '' }),
      });
      expect(post.statusCode).toBe(503);
      const api = await closed.app.inject({
        url: '/api/drafts',
        headers: { authorization: basic('a', 'b') },
      });
      expect(api.statusCode).toBe(503);
      expect(api.json()).toMatchObject({ error: 'not-configured' });
    } finally {
      await closed.close();
    }
  });

  it('refuses to start with a malformed entry, without printing it', async () => {
    await expect(startServer({ users: 'anna:geheim123', seed: [] })).rejects.toThrow(/entry 1 is not/);
    await expect(startServer({ users: 'anna:geheim123', seed: [] })).rejects.not.toThrow(/geheim123/);
  });

  it('uses a Secure __Host- cookie behind https', async () => {
    const secure = await startServer({ env: { PUBLIC_URL: 'https://mag.example.nl' }, seed: [] });
    try {
      const res = await secure.app.inject({
        method: 'POST',
        url: '/consulent/login',
        headers: FORM,
        payload: form({ name: USER, password: PASSWORD }),
      });
      expect(res.statusCode).toBe(303);
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/^__Host-mag-consulent=/);
      expect(cookie).toContain('; Secure');
      const page = await secure.app.inject({ url: '/consulent', headers: { cookie: cookieOf(res) } });
      expect(page.statusCode).toBe(200);
    } finally {
      await secure.close();
    }
  });

  it("ends a user's sessions when the password changes", async () => {
    const first = await startServer({ seed: [] });
    const { cookie } = await login(first.app);
    expect((await first.app.inject({ url: '/consulent', headers: { cookie } })).statusCode).toBe(200);
    await first.app.close();
    // Same database (so the same session key), a new password for the same user.
    const { buildApp } = await import('../../bot/app.js');
    const { loadConfig } = await import('../../bot/config.js');
    const again = await buildApp(
      loadConfig({
        DATABASE_PATH: first.databasePath,
        ...backendEnv(first.databasePath),
        LOG_LEVEL: 'silent',
        CONSULENT_USERS: await hashPassword(USER, 'een heel nieuw wachtwoord'),
      }),
    );
    try {
      expect((await again.inject({ url: '/consulent', headers: { cookie } })).statusCode).toBe(303);
    } finally {
      await again.close();
      await first.close().catch(() => undefined);
    }
  });
});
