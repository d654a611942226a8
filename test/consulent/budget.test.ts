/**
 * `/consulent/budget`: per subsidy year each line's ceiling, what is left and what the drafts of that year
 * ask; a consulent changes a line's figures with a form (CSRF), the change is kept with who and when, and
 * the next assessment, over `/api/assess` and in a Direct Line conversation, reads it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewDraft } from '../../drafts/draft.js';
import type { BudgetFigures } from '../../storage/interfaces.js';
import type { VerdictRun } from '../helpers/directline-rest.js';
import {
  answerUntilAsked,
  answerUntilVerdict,
  httpViaInject,
  RestConversation,
} from '../helpers/directline-rest.js';
import { ELIGIBLE_ORGANISATION } from '../helpers/intake-answers.js';
import { storesAt } from '../helpers/stores.js';
import type { TestServer } from './helpers.js';
import {
  FORM,
  form,
  login,
  OTHER_PASSWORD,
  OTHER_USER,
  SAMPLE_DRAFTS,
  startServer,
  USER,
} from './helpers.js';

let server: TestServer;
let session: { cookie: string; csrf: string };
beforeEach(async () => {
  server = await startServer();
  session = await login(server.app);
});
afterEach(async () => {
  await server?.close();
});

const get = (url: string, cookie = session.cookie) => server.app.inject({ url, headers: { cookie } });
const save = (fields: Record<string, string>, who = session) =>
  server.app.inject({
    method: 'POST',
    url: '/consulent/budget',
    headers: { ...FORM, cookie: who.cookie },
    payload: form({ _csrf: who.csrf, ...fields }),
  });

/** What a reader sees: tags out, entities decoded, spaces collapsed. */
const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();

/** The section of one subsidy year. */
function yearSection(html: string, year: number): string {
  const start = html.indexOf(`<section aria-labelledby="year-${year}"`);
  if (start < 0) throw new Error(`no section for ${year}`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The text of a line's row in a year's table. */
function lineRow(html: string, year: number, label: string): string {
  const rows = yearSection(html, year).match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
  const row = rows.find((r) => text(r).startsWith(label));
  if (!row) throw new Error(`no row ${label} in ${year}`);
  return text(row);
}

/** The rows of the history table, as text. */
function historyRows(html: string): string[] {
  const start = html.indexOf('<table class="history budget-history">');
  if (start < 0) return [];
  const table = html.slice(start, html.indexOf('</table>', start));
  return (table.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).slice(1).map(text);
}

const STREET_PARTY_2027 = {
  applicant: { kind: 'organisation' },
  initiative: {
    inMunicipality: true,
    themes: ['verbinding'],
    kaders: ['dichtbij'],
    type: 'eenmalig',
    startDate: '2027-06-01',
  },
  money: { requested: 700 },
};
const assessNow = async (body: unknown = STREET_PARTY_2027) =>
  (await server.app.inject({ method: 'POST', url: '/api/assess', payload: body as object })).json();
const rulesOf = (a: { findings: { rule: string }[] }) => a.findings.map((f) => f.rule);
/** A change made by another server instance on the same database. */
const anotherInstance = () => ({
  async set(change: Omit<BudgetFigures, 'at'>) {
    const stores = await storesAt(server.databasePath);
    try {
      return await stores.budget.set(change);
    } finally {
      await stores.close();
    }
  },
});
const raisedBy = (by: string) =>
  ({ year: 2027, line: 'overige-initiatieven', ceiling: null, remaining: 50_000_00, by }) as const;

describe('the budget page', () => {
  it('is behind the login, with the headers of the other consulent pages', async () => {
    const anonymous = await server.app.inject({ url: '/consulent/budget?jaar=2027' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(
      `/consulent/login?next=${encodeURIComponent('/consulent/budget?jaar=2027')}`,
    );
    const inbox = await get('/consulent');
    const page = await get('/consulent/budget');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const header of ['content-security-policy', 'x-frame-options', 'referrer-policy', 'cache-control']) {
      expect(page.headers[header], header).toBe(inbox.headers[header]);
    }
    // The inbox links to it in the navigation; on the budget page that link is the current one.
    expect(inbox.body).toContain('href="/consulent/budget"');
    expect(page.body).toMatch(/<a class="site-nav-link" href="\/consulent\/budget" aria-current="page">/);
  });

  it('shows this year and the next with the ceilings of the regeling and the drafts each year asks', async () => {
    const body = (await get('/consulent/budget')).body;
    expect(text(body)).toContain('Budget 2026 per begrotingspost');
    expect(text(body)).toContain('Budget 2027 per begrotingspost');
    const sport2027 = lineRow(body, 2027, 'Sport en bewegen');
    expect(sport2027).toContain('€ 30.635,00 Uit de regeling: Bijlage 3');
    expect(sport2027).toContain('€ 30.635,00 Gelijk aan het plafond');
    // The sports club's € 1.250,50 starts in 2027.
    expect(sport2027).toContain('€ 1.250,50 1 concept');
    // Overige initiatieven 2027: the eligible drafts (€ 4.000, € 700, € 700); not the buurtwerker's
    // € 350 (refer) nor the festival's € 12.000 (not eligible).
    const other2027 = lineRow(body, 2027, 'Overige initiatieven');
    expect(other2027).toContain('€ 115.000,00 Uit de regeling');
    expect(other2027).toContain('€ 5.400,00 3 concepten');
    // The drafts were made in 2026 but start in 2027: 2026 asks nothing.
    expect(lineRow(body, 2026, 'Overige initiatieven')).toContain('€ 0,00 Geen concepten');
  });

  it('refuses a change without the CSRF token and saves nothing', async () => {
    const res = await save({
      _csrf: 'wrong',
      year: '2027',
      line: 'sport-en-bewegen',
      ceiling: '',
      remaining: '1',
    });
    expect(res.statusCode).toBe(403);
    expect(historyRows((await get('/consulent/budget')).body)).toEqual([]);
    const noSession = await server.app.inject({
      method: 'POST',
      url: '/consulent/budget',
      headers: FORM,
      payload: form({ _csrf: session.csrf, year: '2027', line: 'sport-en-bewegen', remaining: '1' }),
    });
    expect(noSession.statusCode).toBe(303);
    expect(historyRows((await get('/consulent/budget')).body)).toEqual([]);
  });

  it('saves a change, says so, and shows who changed what and when', async () => {
    const res = await save({ year: '2027', line: 'overige-initiatieven', ceiling: '', remaining: '500' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(
      '/consulent/budget?jaar=2027&post=overige-initiatieven&melding=opgeslagen#year-2027',
    );
    const after = (await get(res.headers.location!)).body;
    expect(after).toMatch(/role="status"><p>De cijfers van overige initiatieven voor 2027 zijn opgeslagen/);
    expect(lineRow(after, 2027, 'Overige initiatieven')).toMatch(
      new RegExp(`€ 500,00 Ingesteld door ${USER} op \\d{2}-\\d{2}-\\d{4} \\d{2}:\\d{2}`),
    );
    // The form shows what is set now.
    expect(after).toMatch(
      /id="budget-2027-overige-initiatieven-remaining" name="remaining"[^>]*value="500,00"/,
    );

    // Another consulent lowers the ceiling of the same line: both changes stay, newest first.
    const other = await login(server.app, OTHER_USER, OTHER_PASSWORD);
    await save({ year: '2027', line: 'overige-initiatieven', ceiling: '90.000', remaining: '500,00' }, other);
    const history = historyRows((await get('/consulent/budget')).body);
    expect(history).toHaveLength(2);
    expect(history[0]).toMatch(
      new RegExp(
        `^2027 Overige initiatieven Plafond: standaard → € 90\\.000,00 ${OTHER_USER} \\d{1,2} \\w+ 2\\d{3}, \\d{2}:\\d{2}$`,
      ),
    );
    expect(history[1]).toMatch(
      new RegExp(
        `^2027 Overige initiatieven Resteert: standaard → € 500,00 ${USER} \\d{1,2} \\w+ 2\\d{3}, \\d{2}:\\d{2}$`,
      ),
    );
    // Sending the same figures again changes nothing and adds no history.
    const again = await save({
      year: '2027',
      line: 'overige-initiatieven',
      ceiling: '90000',
      remaining: '500',
    });
    expect(again.headers.location).toContain('melding=ongewijzigd');
    expect(historyRows((await get('/consulent/budget')).body)).toHaveLength(2);
  });

  it('names what is wrong with a figure, next to its field, and keeps what was typed (escaped)', async () => {
    const typed = '"><script>alert(1)</script>';
    const res = await save({ year: '2027', line: 'sport-en-bewegen', ceiling: typed, remaining: '40000' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('role="alert"');
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(res.body).toMatch(/id="budget-2027-sport-en-bewegen-ceiling"[^>]*aria-invalid="true"/);
    // What is left above the ceiling (the regeling's € 30.635 when the ceiling is left empty).
    const above = await save({ year: '2027', line: 'sport-en-bewegen', ceiling: '', remaining: '40.000' });
    expect(above.statusCode).toBe(400);
    expect(text(above.body)).toContain('Wat resteert kan niet hoger zijn dan het plafond (€ 30.635,00).');
    expect(above.body).toMatch(/id="budget-2027-sport-en-bewegen-remaining"[^>]*aria-invalid="true"/);
    for (const bad of [
      { year: '1999', line: 'sport-en-bewegen' },
      { year: '2027', line: 'bibliotheekwerk' },
    ]) {
      expect((await save({ ...bad, ceiling: '', remaining: '1' })).statusCode).toBe(400);
    }
    expect(historyRows((await get('/consulent/budget')).body)).toEqual([]);
  });

  it('shows another year on request, and a year a consulent set stays on the page', async () => {
    const asked = (await get('/consulent/budget?jaar=2031')).body;
    expect(text(asked)).toContain('Budget 2031 per begrotingspost');
    expect(lineRow(asked, 2031, 'Sport en bewegen')).toContain('€ 30.635,00 Uit de regeling');
    expect(text((await get('/consulent/budget')).body)).not.toContain('Budget 2031');
    // A year outside the range is said, not ignored (the regeling's first year to ten years ahead).
    const wrong = await get('/consulent/budget?jaar=1999');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toMatch(/role="alert"[^>]*><p>Kies een jaar van 2024 tot en met 2036\.<\/p>/);
    expect(wrong.body).toMatch(/id="budget-other-year"[^>]*value="1999" aria-invalid="true"/);
    await save({ year: '2031', line: 'sport-en-bewegen', ceiling: '17.000', remaining: '' });
    const body = (await get('/consulent/budget')).body;
    expect(lineRow(body, 2031, 'Sport en bewegen')).toMatch(
      /€ 17\.000,00 Ingesteld door .* € 17\.000,00 Gelijk aan het plafond/,
    );
  });
});

describe('the environment is a first default for the current year only', () => {
  it('shows BUDGET_REMAINING_* for 2026, the ceiling for 2027; a consulent’s figure replaces it', async () => {
    await server.close();
    server = await startServer({ env: { BUDGET_REMAINING_SPORT_EN_BEWEGEN: '2000' } });
    session = await login(server.app);
    const body = (await get('/consulent/budget')).body;
    expect(lineRow(body, 2026, 'Sport en bewegen')).toContain(
      '€ 2.000,00 Beginwaarde uit de instellingen van de server (BUDGET_REMAINING_SPORT_EN_BEWEGEN)',
    );
    expect(lineRow(body, 2027, 'Sport en bewegen')).toContain('€ 30.635,00 Gelijk aan het plafond');
    await save({ year: '2026', line: 'sport-en-bewegen', ceiling: '', remaining: '2.500' });
    expect(lineRow((await get('/consulent/budget')).body, 2026, 'Sport en bewegen')).toMatch(
      /€ 2\.500,00 Ingesteld door/,
    );
  });
});

describe('an assessment after the consulent lowers what is left', () => {
  it('over POST /api/assess: the next request gets the budget refusal for that year only', async () => {
    expect(rulesOf(await assessNow())).not.toContain('budget-ceiling');
    await save({ year: '2027', line: 'overige-initiatieven', ceiling: '', remaining: '600' });
    const lowered = await assessNow();
    expect(lowered.verdict).toBe('not-eligible');
    const finding = lowered.findings.find((f: { rule: string }) => f.rule === 'budget-ceiling');
    expect(finding.message).toContain('€ 600');
    // 2028 keeps its own budget.
    const in2028 = {
      ...STREET_PARTY_2027,
      initiative: { ...STREET_PARTY_2027.initiative, startDate: '2028-06-01' },
    };
    expect(rulesOf(await assessNow(in2028))).not.toContain('budget-ceiling');
    // Another instance on the same database raises it again: read for this request, not at start-up.
    await anotherInstance().set(raisedBy('joost'));
    expect(rulesOf(await assessNow())).not.toContain('budget-ceiling');
  });

  it('in a Direct Line conversation: a change made during the conversation counts at its next turn', async () => {
    const http = httpViaInject(server.app);
    // Before any change: the organisation's € 700 for 2027 is eligible.
    const before = await answerUntilVerdict(await RestConversation.start(http), ELIGIBLE_ORGANISATION);
    expect(before.assessment.verdict).toBe('eligible');

    const budgetFinding = (run: VerdictRun) =>
      (run.assessment.findings as { rule: string; message: string }[]).find(
        (f) => f.rule === 'budget-ceiling',
      );

    // A conversation under way when the consulent lowers the line to € 600 on the page.
    const c = await RestConversation.start(http);
    await answerUntilAsked(c, 'money.requested', ELIGIBLE_ORGANISATION);
    await save({ year: '2027', line: 'overige-initiatieven', ceiling: '', remaining: '600' });
    const run = await answerUntilVerdict(c, ELIGIBLE_ORGANISATION);
    expect(run.assessment.verdict).toBe('not-eligible');
    expect(budgetFinding(run)?.message).toContain('€ 600');

    // Raised again on the page; then a consulent on another instance of the server (the same database)
    // lowers it during a conversation: the next turn reads the store, not what this instance last saw.
    await save({ year: '2027', line: 'overige-initiatieven', ceiling: '', remaining: '50.000' });
    const d = await RestConversation.start(http);
    await answerUntilAsked(d, 'money.requested', ELIGIBLE_ORGANISATION);
    await anotherInstance().set({ ...raisedBy(OTHER_USER), remaining: 650_00 });
    const other = await answerUntilVerdict(d, ELIGIBLE_ORGANISATION);
    expect(other.assessment.verdict).toBe('not-eligible');
    expect(budgetFinding(other)?.message).toContain('€ 650');
  });
});

describe('the requested totals follow the drafts stored', () => {
  it('counts a draft of 2028 in 2028, per line', async () => {
    await server.close();
    const sport = SAMPLE_DRAFTS[2]!;
    const in2028: NewDraft = {
      ...sport,
      input: { ...sport.input, initiative: { ...sport.input.initiative, startDate: '2028-04-01' } },
    };
    server = await startServer({ seed: [...SAMPLE_DRAFTS, in2028] });
    session = await login(server.app);
    const body = (await get('/consulent/budget')).body;
    expect(lineRow(body, 2028, 'Sport en bewegen')).toContain('€ 1.250,50 1 concept');
    expect(lineRow(body, 2028, 'Overige initiatieven')).toContain('€ 0,00 Geen concepten');
    expect(lineRow(body, 2027, 'Sport en bewegen')).toContain('€ 1.250,50 1 concept');
  });
});
