import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from './helpers.js';
import {
  CSV_FORMULA_ORGANISATION,
  FORM,
  form,
  login,
  startServer,
  USER,
  XSS_DESCRIPTION,
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

const get = (url: string) => server.app.inject({ url, headers: { cookie: session.cookie } });
const post = (url: string, fields: Record<string, string>) =>
  server.app.inject({
    method: 'POST',
    url,
    headers: { ...FORM, cookie: session.cookie },
    payload: form({ _csrf: session.csrf, ...fields }),
  });

/** The page's text without tags, entities decoded and spaces collapsed: what a reader sees. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0]+/g, ' ');

const rows = (html: string) =>
  [...html.matchAll(/<tr>\s*<th scope="row"><a href="[^"]+">(MAG-[\d-]+)<\/a>/g)].map((m) => m[1]);
const ref = (n: number) => `MAG-2026-${String(n).padStart(6, '0')}`;

describe('the inbox', () => {
  it('lists every draft newest first with reference, date, applicant, type, tier, amount, verdict, flags and status', async () => {
    const res = await get('/consulent');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(rows(res.body)).toEqual([6, 5, 4, 3, 2, 1].map(ref));
    const body = text(res.body);
    for (const header of [
      'Referentie',
      'Ontvangen',
      'Aanvrager',
      'Soort',
      'Categorie',
      'Bedrag',
      'Oordeel',
      "Risico's en waarschuwingen",
      'Status',
    ]) {
      expect(res.body).toContain(`<th scope="col">${header.replace("'", '&#39;')}</th>`);
    }
    expect(body).toContain(
      'MAG-2026-000003 20-11-2026 12:00 Sportvereniging HGV (Kees Smit) Organisatie Sport en bewegen € 1.000 - € 10.000 € 1.250,50 Komt in aanmerking',
    );
    expect(body).toContain('Risico: Materialen of gebouw materials-real-estate');
    expect(body).toContain('Let op: Eten en drinken in de kosten food-and-drink');
    expect(body).toContain('Let op: Minder dan 8 weken voor de start late-application');
    expect(body).toContain('€ 12.000,00 Komt niet in aanmerking');
    expect(body).toContain('Naar de buurtwerker');
    expect(body).toContain('6 aanvragen gevonden.');
    expect(res.body).toContain(`<a href="/consulent/drafts/${server.drafts[0]!.id}">${ref(1)}</a>`);
  });

  it('counts drafts per status and links each count to its filter', async () => {
    await post(`/consulent/drafts/${server.drafts[0]!.id}/status`, { status: 'in-behandeling' });
    await post(`/consulent/drafts/${server.drafts[1]!.id}/status`, { status: 'afgehandeld' });
    const res = await get('/consulent?status=nieuw');
    const body = text(res.body);
    expect(body).toContain('Alle 6 Nieuw 4 In behandeling 1 Aanvullen gevraagd 0 Afgehandeld 1');
    expect(res.body).toContain('<a href="/consulent?status=nieuw" aria-current="page">');
    expect(rows(res.body)).toEqual([6, 5, 4, 3].map(ref));
  });

  it.each([
    ['status=in-behandeling', [1]],
    ['type=sport', [3]],
    ['type=evenement', [6]],
    ['tier=tot-1000', [4, 2]],
    ['tier=buurt-500', [5]],
    ['type=eenmalig&tier=tot-10000', [1]],
    ['status=afgehandeld', []],
  ] as const)('filters by %s', async (query, expected) => {
    await post(`/consulent/drafts/${server.drafts[0]!.id}/status`, { status: 'in-behandeling' });
    const res = await get(`/consulent?${query}`);
    expect(rows(res.body)).toEqual(expected.map(ref));
    for (const [key, value] of new URLSearchParams(query)) {
      expect(res.body).toMatch(
        new RegExp(`<select id="filter-${key}" name="${key}">[\\s\\S]*?<option value="${value}" selected>`),
      );
    }
    expect(res.body).toContain(`href="/consulent/export.csv?${query.replace(/&/g, '&amp;')}"`);
    if (expected.length === 0)
      expect(res.body).toContain('Er zijn geen aanvragen die bij deze filters passen.');
  });

  it('treats an unknown filter value as "all", and escapes it nowhere because it is never shown', async () => {
    const res = await get('/consulent?status=<script>&type=bestaat-niet');
    expect(res.statusCode).toBe(200);
    expect(rows(res.body)).toHaveLength(6);
    expect(res.body).not.toContain('<script>');
    expect(res.body).not.toContain('bestaat-niet');
  });

  it("shows a resident's markup as text in the list", async () => {
    const res = await get('/consulent');
    expect(res.body).not.toMatch(/<script|<b>|<img/i);
    expect(res.body).toContain('Piet &lt;b&gt;Puk&lt;/b&gt;');
  });

  it('has labelled filters in a GET form, a caption and a focusable scroll container', async () => {
    const res = await get('/consulent');
    expect(res.body).toContain('<form method="get" action="/consulent">');
    for (const name of ['status', 'type', 'tier']) expect(res.body).toContain(`<label for="filter-${name}">`);
    expect(res.body).toContain(
      '<div class="table-scroll" role="region" aria-labelledby="drafts-caption" tabindex="0">',
    );
    expect(res.body).toContain('<caption id="drafts-caption">Aanvragen, nieuwste eerst</caption>');
    expect(res.body.match(/<h1>/g)).toHaveLength(1);
  });
});

describe('a draft', () => {
  it('shows everything the draft holds', async () => {
    const draft = server.drafts[0]!;
    const res = await get(`/consulent/drafts/${draft.id}`);
    expect(res.statusCode).toBe(200);
    const body = text(res.body);
    expect(res.body).toContain('<h1>Aanvraag MAG-2026-000001</h1>');
    // Applicant and contact.
    expect(body).toContain('Naam Marieke de Vries');
    expect(body).toContain('Organisatie Stichting Leesplezier');
    expect(res.body).toContain('<a href="mailto:info@leesplezier.example">info@leesplezier.example</a>');
    expect(body).toContain('Telefoon 0184 123456');
    // The form.
    expect(body).toContain('Naam initiatief Voorleesproject De Boekenboot');
    expect(body).toContain('Beschrijving Elke zaterdag lezen vrijwilligers voor');
    expect(body).toContain('Voor wie Kinderen van 4 tot 8 jaar');
    expect(body).toContain('Plek Bibliotheek, Peulenstraat');
    expect(body).toContain('Idee (in de woorden van de inwoner) voorlezen aan kinderen');
    // Answers, with labels and formatted values.
    expect(body).toContain("Thema's Verbinding, Vitaliteit");
    expect(body).toContain('Kaders Voorkomen is beter dan genezen');
    expect(body).toContain('Startdatum 10 januari 2027');
    expect(body).toContain('Gevraagd bedrag € 4.000,00');
    expect(body).toContain('Bijdragen van anderen € 1.200,00');
    expect(body).toContain('Vrijwilligers werken met kinderen of kwetsbare mensen Ja');
    expect(body).toContain('Verwacht aantal deelnemers 40');
    // The assessment: verdict, route, findings, checklist, deadlines, accountability, recommendations.
    expect(body).toContain('Beoordeeld op 23 november 2026 met regeling mag-2024.');
    expect(body).toContain('Oordeel Komt in aanmerking');
    expect(body).toContain('Wie beslist de MAG-consulent van de gemeente');
    expect(body).toContain('Advies van de klankbordgroep');
    expect(body).toContain('Gesprek met de aanvrager Ja');
    expect(body).toContain(
      'Let op Minder dan 8 weken voor de start late-application Uw initiatief begint op 10 januari 2027.',
    );
    expect(body).toContain('Bron: Bijlage 2, Aanvraagproces');
    expect(body).toContain('Goed om te weten VOG nodig vog-required');
    expect(body).toContain('Bedrag per deelnemer: € 100,00');
    for (const item of [
      'Aanvraagformulier',
      'Activiteitenplan',
      'Publiciteitsplan',
      'Begroting',
      'Uittreksel van de Kamer van Koophandel',
      'Statuten',
      'Wie er in het bestuur zitten',
      'VOG van elke vrijwilliger',
    ]) {
      expect(body).toContain(item);
    }
    expect(body).toContain('Aanvraag uiterlijk binnen bij de gemeente 15 november 2026');
    expect(body).toContain(
      'Beslissing verwacht (8 weken na een complete aanvraag; als die vandaag binnen is) 18 januari 2027',
    );
    expect(body).toContain('Beslissing uiterlijk (als de gemeente 6 weken uitstel neemt) 1 maart 2027');
    expect(body).toContain('Totaal MAG-subsidie dit jaar € 4.000,00');
    expect(body).toContain('Zorg dat iedereen mee kan doen');
    // History, transcript and the actions.
    expect(body).toContain('Nieuw assistent 20 november 2026, 10:00');
    expect(body).toContain('Assistent 20-11-2026 09:00 Wie vraagt de subsidie aan?');
    expect(body).toContain('Inwoner 20-11-2026 09:00 Onze stichting');
    expect(res.body).toContain('<li class="line line-resident">');
    expect(res.body).toContain(`href="/consulent/drafts/${draft.id}/document.pdf"`);
    expect(res.body).toContain(`href="/api/drafts/${draft.id}"`);
    expect(res.body).toContain(`href="/consulent/drafts/${draft.id}/delete"`);
  });

  it('marks a double VOG note once', async () => {
    const res = await get(`/consulent/drafts/${server.drafts[0]!.id}`);
    expect(text(res.body).match(/bewaren, niet meesturen/g)).toHaveLength(1);
  });

  it('shows everything a resident typed as text, in the detail page too', async () => {
    const res = await get(`/consulent/drafts/${server.drafts[3]!.id}`);
    expect(res.body).not.toMatch(/<script|<b>|<img/i);
    expect(res.body).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; Een voorleesmiddag &amp; &quot;meer&quot; voor kinderen',
    );
    expect(res.body).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(text(res.body)).toContain(XSS_DESCRIPTION);
    expect(text(res.body)).toContain(CSV_FORMULA_ORGANISATION);
  });

  it('marks the English of an English conversation and keeps the page Dutch', async () => {
    const res = await get(`/consulent/drafts/${server.drafts[4]!.id}`);
    expect(res.body).toContain('<html lang="nl">');
    expect(text(res.body)).toContain('Taal van het gesprek Engels');
    expect(res.body).toContain('<p class="typed" lang="en">Me, a resident</p>');
    expect(text(res.body)).toContain('Oordeel Naar de buurtwerker');
  });

  it('answers 404 for an unknown draft', async () => {
    const res = await get('/consulent/drafts/bestaat-niet');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Niet gevonden');
  });
});

describe('status', () => {
  it('changes the status and records who and when', async () => {
    const draft = server.drafts[1]!;
    const res = await post(`/consulent/drafts/${draft.id}/status`, { status: 'aanvullen-gevraagd' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/consulent/drafts/${draft.id}?melding=status-gewijzigd`);
    const page = await get(res.headers.location as string);
    const body = text(page.body);
    expect(page.body).toContain('role="status"');
    expect(body).toContain('De status is gewijzigd in: Aanvullen gevraagd.');
    expect(body).toMatch(
      new RegExp(`Aanvullen gevraagd ${USER} \\d{1,2} \\w+ \\d{4}, \\d{2}:\\d{2} Nieuw assistent`),
    );
    expect(page.body).toContain('<option value="aanvullen-gevraagd" selected>');
    const json = (await get(`/api/drafts/${draft.id}`)).json();
    expect(json.status).toBe('aanvullen-gevraagd');
    expect(json.statusHistory.at(-1)).toMatchObject({ status: 'aanvullen-gevraagd', by: USER });
  });

  it('adds no history line when the status is the same', async () => {
    const draft = server.drafts[1]!;
    const res = await post(`/consulent/drafts/${draft.id}/status`, { status: 'nieuw' });
    expect(res.headers.location).toBe(`/consulent/drafts/${draft.id}?melding=status-ongewijzigd`);
    expect((await get(`/api/drafts/${draft.id}`)).json().statusHistory).toHaveLength(1);
  });

  it('refuses an unknown status with 400', async () => {
    const res = await post(`/consulent/drafts/${server.drafts[1]!.id}/status`, { status: 'weggegooid' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Kies een van de statussen uit de lijst.');
  });

  it('answers 404 for an unknown draft', async () => {
    expect((await post('/consulent/drafts/bestaat-niet/status', { status: 'afgehandeld' })).statusCode).toBe(
      404,
    );
  });
});

describe('delete', () => {
  it('asks first, then deletes and says so', async () => {
    const draft = server.drafts[2]!;
    const confirm = await get(`/consulent/drafts/${draft.id}/delete`);
    expect(confirm.statusCode).toBe(200);
    expect(text(confirm.body)).toContain('Aanvraag MAG-2026-000003 verwijderen?');
    expect(confirm.body).toContain(`<form method="post" action="/consulent/drafts/${draft.id}/delete"`);
    expect(confirm.body).toContain(`name="_csrf" value="${session.csrf}"`);
    const res = await post(`/consulent/drafts/${draft.id}/delete`, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/consulent?verwijderd=MAG-2026-000003');
    const list = await get(res.headers.location as string);
    expect(text(list.body)).toContain('Aanvraag MAG-2026-000003 is verwijderd.');
    expect(rows(list.body)).toEqual([6, 5, 4, 2, 1].map(ref));
    expect((await get(`/consulent/drafts/${draft.id}`)).statusCode).toBe(404);
    expect((await post(`/consulent/drafts/${draft.id}/delete`, {})).statusCode).toBe(404);
  });

  it('shows only a well-formed reference in the notice', async () => {
    const res = await get('/consulent?verwijderd=<b>x</b>');
    expect(res.body).not.toContain('is verwijderd');
  });
});

describe('CSV export', () => {
  const lines = (body: string) => body.replace(/^\uFEFF/, '').split('\r\n');

  it('exports the list for Dutch Excel: BOM, ; separator, CRLF, quoting, formula guard', async () => {
    const res = await get('/consulent/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="mag-aanvragen-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...data] = lines(res.body);
    expect(header).toBe(
      "Referentie;Ontvangen;Aanvrager;Soort aanvrager;Soort subsidie;Categorie;Bedrag (euro);Oordeel;Risico's en waarschuwingen;Status",
    );
    expect(data.at(-1)).toBe('');
    expect(data.slice(0, -1).map((l) => l.split(';')[0])).toEqual([6, 5, 4, 3, 2, 1].map(ref));
    expect(data).toContain(
      'MAG-2026-000003;20-11-2026 12:00;Sportvereniging HGV (Kees Smit);Organisatie;Sport en bewegen;€\u00a01.000 - €\u00a010.000;1250,50;Komt in aanmerking;Materialen of gebouw (materials-real-estate), Eten en drinken in de kosten (food-and-drink);Nieuw',
    );
    // A cell that would run as a formula starts with ' and is quoted because of its quotes.
    expect(data).toContain(
      `MAG-2026-000004;20-11-2026 13:00;"'=HYPERLINK(""http://example.invalid"",""klik"") (Piet <b>Puk</b>)";Inwoner;Eenmalig initiatief;T/m €\u00a01.000;700,00;Komt in aanmerking;;Nieuw`,
    );
  });

  it('exports with the current filters', async () => {
    const res = await get('/consulent/export.csv?type=eenmalig&tier=tot-1000');
    expect(
      lines(res.body)
        .slice(1, -1)
        .map((l) => l.split(';')[0]),
    ).toEqual([4, 2].map(ref));
  });

  it('is behind the login', async () => {
    expect((await server.app.inject({ url: '/consulent/export.csv' })).statusCode).toBe(303);
  });
});

describe('PDF', () => {
  it("downloads the consulent's Dutch PDF of the draft", async () => {
    const draft = server.drafts[4]!;
    const res = await get(`/consulent/drafts/${draft.id}/document.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="MAG-2026-000005.pdf"');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers 404 for an unknown draft and redirects without a session', async () => {
    expect((await get('/consulent/drafts/bestaat-niet/document.pdf')).statusCode).toBe(404);
    const anonymous = await server.app.inject({
      url: `/consulent/drafts/${server.drafts[0]!.id}/document.pdf`,
    });
    expect(anonymous.statusCode).toBe(303);
  });
});
