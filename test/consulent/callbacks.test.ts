import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallbackRequest } from '../../callbacks/callback.js';
import { sampleCallback, seedCallbacks, XSS_QUESTION } from './callback-fixtures.js';
import type { TestServer } from './helpers.js';
import { FORM, form, login, startServer } from './helpers.js';

/**
 * `/consulent/terugbelverzoeken`: the callback requests for the consulent, with the drafts' security (a
 * session, the CSRF token on every form, escaping, no-store): the list (newest first, 50 a page, by status
 * and by who calls), a request (contact, question, answers, transcript, status history), its status and
 * its deletion after a confirmation.
 */
let server: TestServer;
let session: { cookie: string; csrf: string };
let seeded: CallbackRequest[];
beforeEach(async () => {
  server = await startServer();
  seeded = await seedCallbacks(server.databasePath, [
    sampleCallback(),
    sampleCallback({
      caller: 'buurtwerk',
      contact: { kind: 'email', value: 'emma@example.com' },
      question: XSS_QUESTION,
      lang: 'en',
      channel: 'teams',
    }),
    sampleCallback({ verdict: 'incomplete', answers: [], question: 'Kort', questionCut: true }),
  ]);
  session = await login(server.app);
});
afterEach(async () => {
  await server?.close();
});

const PATH = '/consulent/terugbelverzoeken';
const get = (url: string, cookie = session.cookie) => server.app.inject({ url, headers: { cookie } });
/** A form post with this session's CSRF token, another token, or (`null`) none. */
const post = (url: string, fields: Record<string, string>, csrf: string | null = session.csrf) =>
  server.app.inject({
    method: 'POST',
    url,
    headers: { ...FORM, cookie: session.cookie },
    payload: form({ ...(csrf !== null && { _csrf: csrf }), ...fields }),
  });
const rows = (html: string) =>
  [...html.matchAll(/<th scope="row"><a href="[^"]+">(TB-[\d-]+)<\/a><\/th>/g)].map((m) => m[1]);
const ref = (n: number) => `TB-2026-${String(n).padStart(6, '0')}`;
/** The page's text without tags, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0]+/g, ' ');

describe('who may see them', () => {
  it('without a session: to the login, and back here after it', async () => {
    for (const url of [PATH, `${PATH}/${seeded[0]!.id}`, `${PATH}/${seeded[0]!.id}/delete`]) {
      const res = await server.app.inject({ url });
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location).toBe(`/consulent/login?next=${encodeURIComponent(url)}`);
      expect(res.body).not.toContain('06');
    }
    const status = await server.app.inject({
      method: 'POST',
      url: `${PATH}/${seeded[0]!.id}/status`,
      headers: FORM,
      payload: form({ status: 'gebeld' }),
    });
    expect(status.statusCode).toBe(303);
    expect(status.headers.location).toBe('/consulent/login');
  });

  it('with the same headers as the drafts’ pages: no-store, no scripts, never framed', async () => {
    const res = await get(PATH);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('is in the navigation of every page', async () => {
    const link = (html: string) =>
      /<a [^>]*href="\/consulent\/terugbelverzoeken"[^>]*>Terugbelverzoeken<\/a>/.exec(html)?.[0];
    const inbox = link((await get('/consulent')).body);
    expect(inbox).toBeDefined();
    expect(inbox).not.toContain('aria-current');
    expect(link((await get(PATH)).body)).toContain('aria-current="page"');
    expect(link((await get(`${PATH}/${seeded[0]!.id}`)).body)).toContain('aria-current="page"');
  });
});

describe('the list', () => {
  it('newest first, with who calls, the contact, the question and the status; counts per status', async () => {
    const res = await get(PATH);
    expect(rows(res.body)).toEqual([ref(3), ref(2), ref(1)]);
    const body = text(res.body);
    expect(body).toContain('3 terugbelverzoeken gevonden.');
    expect(body).toContain('Alle 3 Nieuw 3 Gebeld 0 Afgehandeld 0');
    expect(body).toContain('TB-2026-000001 23-11-2026 10:00');
    expect(body).toContain('MAG-consulent 0612345678 Telefoon');
    expect(body).toContain('Buurtwerk emma@example.com E-mail');
    // What the person typed is text, never markup.
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('filters by status and by who calls; an unknown value means all', async () => {
    await post(`${PATH}/${seeded[0]!.id}/status`, { status: 'gebeld' });
    expect(rows((await get(`${PATH}?status=gebeld`)).body)).toEqual([ref(1)]);
    expect(rows((await get(`${PATH}?status=nieuw`)).body)).toEqual([ref(3), ref(2)]);
    expect(rows((await get(`${PATH}?caller=buurtwerk`)).body)).toEqual([ref(2)]);
    expect(rows((await get(`${PATH}?caller=buurtwerk&status=gebeld`)).body)).toEqual([]);
    const odd = await get(`${PATH}?status=<script>&caller=iemand`);
    expect(rows(odd.body)).toHaveLength(3);
    expect(odd.body).not.toContain('iemand"');
    const filtered = await get(`${PATH}?status=nieuw`);
    expect(filtered.body).toMatch(
      /<select id="filter-status" name="status">[\s\S]*?<option value="nieuw" selected>/,
    );
  });

  it('pages by 50, newest first; a page past the end shows the last', async () => {
    await seedCallbacks(
      server.databasePath,
      Array.from({ length: 52 }, () => sampleCallback()),
      'more',
    );
    const first = await get(PATH);
    expect(rows(first.body)).toHaveLength(50);
    expect(text(first.body)).toContain('Pagina 1 van 2');
    expect(first.body).toContain(`href="${PATH}?page=2"`);
    const second = await get(`${PATH}?page=2`);
    expect(rows(second.body)).toHaveLength(5);
    expect(rows((await get(`${PATH}?page=9`)).body)).toHaveLength(5);
  });
});

describe('a request', () => {
  it('shows the contact, the question, who calls, the answers so far, the transcript and the history', async () => {
    const res = await get(`${PATH}/${seeded[0]!.id}`);
    expect(res.statusCode).toBe(200);
    const body = text(res.body);
    expect(res.body).toContain('<h1>Terugbelverzoek TB-2026-000001</h1>');
    expect(res.body).toContain('<a href="tel:+31612345678">0612345678</a>');
    expect(body).toContain('Mag het feest ook op het plein bij de kerk?');
    expect(body).toContain('Wie neemt contact op MAG-consulent');
    expect(body).toContain('Oordeel tot nu toe Naar de buurtwerker');
    expect(body).toContain('Gevraagd bedrag € 350');
    expect(body).toContain('Ik wil iemand spreken');
    expect(body).toContain('Nieuw assistent');
    expect(res.body).toContain(`name="_csrf" value="${session.csrf}"`);
  });

  it('escapes what the person typed, marks an English conversation, and links a plain e-mail address', async () => {
    const res = await get(`${PATH}/${seeded[1]!.id}`);
    expect(res.body).not.toContain('<script>');
    expect(res.body).not.toContain('<b>markt</b>');
    expect(res.body).toContain('<span class="typed" lang="en">&lt;script&gt;');
    expect(res.body).toContain('<a href="mailto:emma@example.com">emma@example.com</a>');
    expect(text(res.body)).toContain('De inwoner sprak Engels.');
    expect(text(res.body)).toContain('Microsoft Teams');
  });

  it('says a cut question and an empty list of answers', async () => {
    const body = text((await get(`${PATH}/${seeded[2]!.id}`)).body);
    expect(body).toContain('De vraag was langer.');
    expect(body).toContain('Er waren nog geen antwoorden.');
  });

  it('an unknown id is a 404', async () => {
    expect((await get(`${PATH}/bestaat-niet`)).statusCode).toBe(404);
    expect((await get(`${PATH}/bestaat-niet/delete`)).statusCode).toBe(404);
    expect((await post(`${PATH}/bestaat-niet/status`, { status: 'gebeld' })).statusCode).toBe(404);
  });
});

describe('its status', () => {
  it('changes with the CSRF token, with who and when in the history', async () => {
    const id = seeded[0]!.id;
    const res = await post(`${PATH}/${id}/status`, { status: 'gebeld' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${PATH}/${id}?melding=status-gewijzigd`);
    const page = await get(res.headers.location as string);
    expect(text(page.body)).toContain('De status is gewijzigd in: Gebeld.');
    expect(text(page.body)).toMatch(/Gebeld marieke .*Nieuw assistent/);
    const again = await post(`${PATH}/${id}/status`, { status: 'gebeld' });
    expect(again.headers.location).toBe(`${PATH}/${id}?melding=status-ongewijzigd`);
  });

  it('is refused without the token, with another session’s token, or with an unknown status', async () => {
    const id = seeded[0]!.id;
    expect((await post(`${PATH}/${id}/status`, { status: 'gebeld' }, null)).statusCode).toBe(403);
    const other = await login(server.app, 'joost', 'nog een wachtwoord 17');
    expect((await post(`${PATH}/${id}/status`, { status: 'gebeld' }, other.csrf)).statusCode).toBe(403);
    const bad = await post(`${PATH}/${id}/status`, { status: 'in-behandeling' });
    expect(bad.statusCode).toBe(400);
    expect(text((await get(`${PATH}/${id}`)).body)).not.toContain('Gebeld marieke');
  });
});

describe('deleting it', () => {
  it('asks first, needs the token, then deletes and says so in the list', async () => {
    const id = seeded[1]!.id;
    const confirm = await get(`${PATH}/${id}/delete`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<h1>Terugbelverzoek TB-2026-000002 verwijderen?</h1>');
    expect(confirm.body).toContain(`action="${PATH}/${id}/delete"`);
    expect((await post(`${PATH}/${id}/delete`, {}, null)).statusCode).toBe(403);
    expect((await get(`${PATH}/${id}`)).statusCode).toBe(200);
    const res = await post(`${PATH}/${id}/delete`, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${PATH}?verwijderd=TB-2026-000002`);
    const list = await get(res.headers.location as string);
    expect(text(list.body)).toContain('Terugbelverzoek TB-2026-000002 is verwijderd.');
    expect(rows(list.body)).toEqual([ref(3), ref(1)]);
    expect((await get(`${PATH}/${id}`)).statusCode).toBe(404);
    expect((await post(`${PATH}/${id}/delete`, {})).statusCode).toBe(404);
  });

  it('shows no deletion notice for a value that is not a reference', async () => {
    const res = await get(`${PATH}?verwijderd=<b>x</b>`);
    expect(res.body).not.toContain('is verwijderd');
  });
});
