import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './helpers.js';
import { basic, login, PASSWORD, SAMPLE_DRAFTS, startServer, USER } from './helpers.js';

/**
 * The inbox with a year of applications: paged on the server, counted without reading documents, and one
 * damaged row is shown as such instead of turning the whole list into an error.
 */
const COUNT = 121;
let server: TestServer;
let cookie: string;
let damaged: string;
let summaryOnly: string;

beforeAll(async () => {
  const seed = Array.from({ length: COUNT }, (_, i) => SAMPLE_DRAFTS[i % SAMPLE_DRAFTS.length]!);
  server = await startServer({ seed });
  const db = new Database(server.databasePath);
  // One row's document and line damaged; another's document damaged but its inbox line intact.
  damaged = server.drafts[10]!.reference;
  summaryOnly = server.drafts[20]!.reference;
  db.prepare("update drafts set document = '{not json', summary = null where reference = ?").run(damaged);
  db.prepare("update drafts set document = '{not json' where reference = ?").run(summaryOnly);
  db.close();
  ({ cookie } = await login(server.app));
});
afterAll(() => server.close());

const get = (url: string) => server.app.inject({ url, headers: { cookie } });
const rows = (body: string) => body.match(/<tr>\s*<th scope="row">/g)?.length ?? 0;

describe('the inbox at volume', () => {
  it('shows 50 a page, the total, and pages that lead to the rest', async () => {
    const first = await get('/consulent');
    expect(first.statusCode).toBe(200);
    expect(rows(first.body)).toBe(50);
    expect(first.body).toContain(`${COUNT} aanvragen gevonden.`);
    expect(first.body).toContain('Pagina 1 van 3');
    expect(first.body).toContain('href="/consulent?page=2"');
    const last = await get('/consulent?page=3');
    expect(rows(last.body)).toBe(COUNT - 100);
    expect(last.body).toContain('rel="prev" href="/consulent?page=2"');
    expect(last.body).not.toContain('rel="next"');
    // Past the end or nonsense: the nearest page there is.
    expect(rows((await get('/consulent?page=99')).body)).toBe(COUNT - 100);
    expect(rows((await get('/consulent?page=-1')).body)).toBe(50);
  });

  it('lists a damaged document as unreadable, and a line without reading the document at all', async () => {
    const pages = await Promise.all([1, 2, 3].map((p) => get(`/consulent?page=${p}`)));
    const all = pages.map((p) => p.body).join('\n');
    for (const p of pages) expect(p.statusCode).toBe(200);
    expect(all).toContain(damaged);
    expect(all).toContain('Dit concept kan niet worden gelezen.');
    expect(all.match(/Dit concept kan niet worden gelezen\./g)).toHaveLength(1);
    // Its document is broken, yet its line is whole: the list did not read it.
    const line = all.slice(all.indexOf(summaryOnly), all.indexOf('</tr>', all.indexOf(summaryOnly)));
    expect(line).not.toContain('niet worden gelezen');
    expect(line).toContain('€');
  });

  it('/api/drafts pages with limit and offset, says the total, and refuses a page too large', async () => {
    const auth = { authorization: basic(USER, PASSWORD) };
    const page = await server.app.inject({ url: '/api/drafts?limit=10&offset=115', headers: auth });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ total: COUNT, limit: 10, offset: 115 });
    expect(page.json().drafts).toHaveLength(COUNT - 115);
    const byDefault = await server.app.inject({ url: '/api/drafts', headers: auth });
    expect(byDefault.json().drafts).toHaveLength(100);
    expect((await server.app.inject({ url: '/api/drafts?limit=100000', headers: auth })).statusCode).toBe(
      400,
    );
  });
});

describe('a damaged draft', () => {
  it('its own page and PDF answer 404, not 500', async () => {
    const id = server.drafts[10]!.id;
    expect((await get(`/consulent/drafts/${id}`)).statusCode).toBe(404);
    expect((await get(`/consulent/drafts/${id}/document.pdf`)).statusCode).toBe(404);
  });
});
