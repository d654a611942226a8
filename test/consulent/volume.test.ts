import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawSql } from '../helpers/stores.js';
import type { TestServer } from './helpers.js';
import { basic, login, PASSWORD, SAMPLE_DRAFTS, startServer, USER } from './helpers.js';

/**
 * The inbox with a year of applications: paged on the server, counted without reading documents, and one
 * damaged row is shown as such instead of turning the whole list into an error.
 */
const COUNT = 500;
let server: TestServer;
let cookie: string;
let damaged: string;
let summaryOnly: string;

beforeAll(async () => {
  const seed = Array.from({ length: COUNT }, (_, i) => SAMPLE_DRAFTS[i % SAMPLE_DRAFTS.length]!);
  server = await startServer({ seed });
  // One row's document and line damaged; another's document damaged but its inbox line intact.
  damaged = server.drafts[10]!.reference;
  summaryOnly = server.drafts[20]!.reference;
  await rawSql(server.databasePath, {
    sqlite: (db) => {
      db.prepare("update drafts set document = '{not json', summary = null where reference = ?").run(damaged);
      db.prepare("update drafts set document = '{not json' where reference = ?").run(summaryOnly);
    },
    postgres: `update drafts set document = '{not json',
                 summary = case when reference = $1 then null else summary end
               where reference in ($1, $2)`,
    values: [damaged, summaryOnly],
  });
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
    expect(first.body).toContain('Pagina 1 van 10');
    expect(first.body).toContain('href="/consulent?page=2"');
    const last = await get('/consulent?page=10');
    expect(rows(last.body)).toBe(COUNT - 450);
    expect(last.body).toContain('rel="prev" href="/consulent?page=9"');
    expect(last.body).not.toContain('rel="next"');
    // Past the end or nonsense: the nearest page there is.
    expect(rows((await get('/consulent?page=99')).body)).toBe(COUNT - 450);
    expect(rows((await get('/consulent?page=-1')).body)).toBe(50);
  });

  it('lists a damaged document as unreadable, and a line without reading the document at all', async () => {
    const pages = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((p) => get(`/consulent?page=${p}`)));
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
    const page = await server.app.inject({ url: '/api/drafts?limit=10&offset=495', headers: auth });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ total: COUNT, limit: 10, offset: 495 });
    expect(page.json().drafts).toHaveLength(COUNT - 495);
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

describe('search and order over 500 drafts', () => {
  const auth = { authorization: basic(USER, PASSWORD) };
  const api = async (query: string) =>
    (await server.app.inject({ url: `/api/drafts?${query}`, headers: auth })).json() as {
      drafts: {
        reference: string;
        applicant: string;
        title?: string;
        email?: string;
        startDate?: string;
        submitBy?: string;
      }[];
      total: number;
    };
  // What the search must find, worked out from the seed itself, not from the server.
  const readable = () => server.drafts.filter((d) => d.reference !== damaged);
  const matching = (word: string) =>
    readable().filter((d) =>
      [
        d.reference,
        d.contact.organisation ? `${d.contact.organisation} (${d.contact.name})` : d.contact.name,
        d.form.title,
        d.contact.email,
      ]
        .join(' ')
        .toLowerCase()
        .includes(word.toLowerCase()),
    );

  it('finds by applicant, title, e-mail and reference, every word, case-insensitive; the page says how many', async () => {
    const sample = server.drafts[2]!;
    const byName = await api(`q=${encodeURIComponent(sample.contact.name.toUpperCase())}&limit=500`);
    expect(byName.total).toBe(matching(sample.contact.name).length);
    expect(byName.total).toBeGreaterThan(0);
    const byEmail = await api(`q=${encodeURIComponent(sample.contact.email)}&limit=500`);
    expect(byEmail.total).toBe(matching(sample.contact.email).length);
    const byReference = await api(`q=${sample.reference}`);
    expect(byReference.drafts.map((d) => d.reference)).toEqual([sample.reference]);
    const title = sample.form.title.split(' ')[0]!;
    const byTitle = await api(`q=${encodeURIComponent(title)}&limit=500`);
    expect(byTitle.total).toBe(matching(title).length);
    // Two words: both must be there.
    const both = await api(`q=${encodeURIComponent(`${title} ${sample.contact.email}`)}&limit=500`);
    expect(both.total).toBe(matching(title).filter((d) => matching(sample.contact.email).includes(d)).length);
    // A wildcard is a character, not a pattern.
    expect((await api('q=%25')).total).toBe(matching('%').length);
    const html = await get(`/consulent?q=${encodeURIComponent(sample.reference)}`);
    expect(html.body).toContain('1 aanvraag gevonden.');
    expect(html.body).toContain(`value="${sample.reference}"`);
  });

  it('orders by start date and by last day to apply, soonest first, drafts without one last', async () => {
    for (const [sort, field] of [
      ['start', 'startDate'],
      ['submit-by', 'submitBy'],
    ] as const) {
      const all = (await api(`sort=${sort}&limit=500`)).drafts;
      const dates = all.map((d) => d[field]).filter((d): d is string => d !== undefined);
      expect(dates).toEqual([...dates].sort());
      const firstMissing = all.findIndex((d) => d[field] === undefined);
      if (firstMissing >= 0) expect(all.slice(firstMissing).every((d) => d[field] === undefined)).toBe(true);
    }
    const page = await get('/consulent?sort=start&page=2');
    expect(page.body).toContain('href="/consulent?sort=start&amp;page=3"');
    expect(page.body).toContain('<option value="start" selected>');
  });
});
