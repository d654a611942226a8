import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPdf } from '../drafts/pdf-text.js';
import type { TestServer } from './helpers.js';
import {
  CSV_FORMULA_ORGANISATION,
  FORM,
  form,
  login,
  OTHER_USER,
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
      'Wacht',
      'Start',
      'Aanvragen uiterlijk',
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
    const sport = server.drafts[2]!;
    // Reference and the initiative's name; received, waiting (20 → 23 November), start date.
    expect(body).toContain(`MAG-2026-000003 ${sport.form.title} 20-11-2026 12:00 3 dagen 1 april 2027`);
    expect(body).toContain(
      'Sportvereniging HGV (Kees Smit) Organisatie Sport en bewegen € 1.000 - € 10.000 € 1.250,50 Komt in aanmerking',
    );
    // Risks and warnings by their label, never by their code.
    expect(body).toContain('Risico: Materialen of gebouw');
    expect(body).toContain('Let op: Eten en drinken in de kosten');
    expect(body).toContain('Let op: Minder dan 8 weken voor de start');
    for (const code of ['materials-real-estate', 'food-and-drink', 'late-application'])
      expect(res.body).not.toContain(code);
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
    // In the consulent's words, not the resident's ("Uw initiatief"), and without the rule's code.
    expect(body).toContain(
      'Let op Minder dan 8 weken voor de start Het initiatief begint op 10 januari 2027.',
    );
    expect(body).not.toContain('late-application');
    expect(body).toContain('Bron: Bijlage 2, Aanvraagproces');
    expect(body).toContain('Goed om te weten VOG nodig');
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
    // "Aanvullen gevraagd" without saying what must be added: refused, nothing changed.
    const bare = await post(`/consulent/drafts/${draft.id}/status`, { status: 'aanvullen-gevraagd' });
    expect(bare.statusCode).toBe(400);
    expect(text(bare.body)).toContain('wat de aanvrager nog moet sturen');
    expect((await get(`/api/drafts/${draft.id}`)).json().status).toBe('nieuw');
    const note = 'Stuur nog de begroting <met> alle kosten.';
    const res = await post(`/consulent/drafts/${draft.id}/status`, { status: 'aanvullen-gevraagd', note });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/consulent/drafts/${draft.id}?melding=status-gewijzigd`);
    const page = await get(res.headers.location as string);
    const body = text(page.body);
    expect(page.body).toContain('role="status"');
    expect(body).toContain('De status is gewijzigd in: Aanvullen gevraagd.');
    expect(body).toMatch(
      new RegExp(
        `Aanvullen gevraagd ${USER} \\d{1,2} \\w+ \\d{4}, \\d{2}:\\d{2} Stuur nog de begroting <met> alle kosten\\. Nieuw assistent`,
      ),
    );
    // The note is text, escaped like everything typed.
    expect(page.body).toContain('Stuur nog de begroting &lt;met&gt; alle kosten.');
    expect(page.body).toContain('<option value="aanvullen-gevraagd" selected>');
    const json = (await get(`/api/drafts/${draft.id}`)).json();
    expect(json.status).toBe('aanvullen-gevraagd');
    expect(json.statusHistory.at(-1)).toMatchObject({ status: 'aanvullen-gevraagd', by: USER, note });
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
      "Referentie;Ontvangen;Initiatief;Aanvrager;Soort aanvrager;E-mail;Telefoon;Soort subsidie;Categorie;Begrotingspost;Bedrag (euro);Startdatum;Aanvragen uiterlijk;Oordeel;Risico's en waarschuwingen;Status;Behandelaar",
    );
    expect(data.at(-1)).toBe('');
    expect(data.slice(0, -1).map((l) => l.split(';')[0])).toEqual([6, 5, 4, 3, 2, 1].map(ref));
    const columns = header!.split(';');
    const sport = server.drafts[2]!;
    const row = Object.fromEntries(
      data
        .find((l) => l.startsWith('MAG-2026-000003;'))!
        .split(';')
        .map((cell, i) => [columns[i], cell]),
    );
    expect(row).toMatchObject({
      Ontvangen: '20-11-2026 12:00',
      Initiatief: sport.form.title,
      Aanvrager: 'Sportvereniging HGV (Kees Smit)',
      'E-mail': 'kees@hgv.example',
      'Soort subsidie': 'Sport en bewegen',
      Categorie: '€\u00a01.000 - €\u00a010.000',
      'Bedrag (euro)': '1250,50',
      Startdatum: '1 april 2027',
      Oordeel: 'Komt in aanmerking',
      // Labels only: a code means nothing in a spreadsheet.
      "Risico's en waarschuwingen": 'Materialen of gebouw, Eten en drinken in de kosten',
      Status: 'Nieuw',
    });
    expect(row.Begrotingspost).not.toBe('');
    expect(row['Aanvragen uiterlijk']).toMatch(/^\d{1,2} \w+ \d{4}$/);
    // A cell that would run as a formula starts with ' and is quoted because of its quotes.
    expect(data.find((l) => l.startsWith('MAG-2026-000004;'))).toMatch(
      /^MAG-2026-000004;20-11-2026 13:00;[^;]*;"'=HYPERLINK\(""http:\/\/example\.invalid"",""klik""\) \(Piet <b>Puk<\/b>\)";Inwoner;/,
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
    // For the consulent: addressed to them, findings in their words, the conversation as an annex.
    const { text: pdfText } = await readPdf(res.rawPayload);
    const flat = pdfText.replace(/\s+/g, ' ');
    expect(flat).toContain('voor de MAG-consulent');
    expect(flat).not.toContain('Dit is uw conceptaanvraag');
    expect(flat).toContain('Bijlage: het gesprek');
    for (const line of draft.transcript) expect(flat).toContain(line.text.replace(/\s+/g, ' '));
  });

  it('answers 404 for an unknown draft and redirects without a session', async () => {
    expect((await get('/consulent/drafts/bestaat-niet/document.pdf')).statusCode).toBe(404);
    const anonymous = await server.app.inject({
      url: `/consulent/drafts/${server.drafts[0]!.id}/document.pdf`,
    });
    expect(anonymous.statusCode).toBe(303);
  });
});

describe('assignment and attachments', () => {
  it('gives a draft to a consulent of this inbox (shown in the list), and to nobody again; an unknown name is refused', async () => {
    const draft = server.drafts[3]!;
    const res = await post(`/consulent/drafts/${draft.id}/assignee`, { assignee: OTHER_USER });
    expect(res.statusCode).toBe(303);
    const page = await get(res.headers.location as string);
    expect(text(page.body)).toContain(`Dit concept is nu van: ${OTHER_USER}.`);
    expect(page.body).toContain(`<option value="${OTHER_USER}" selected>`);
    expect(text(page.body)).toMatch(new RegExp(`Toegewezen door ${USER} op `));
    expect(text((await get('/consulent')).body)).toContain(OTHER_USER);
    expect((await get(`/api/drafts/${draft.id}`)).json().assignee).toMatchObject({
      name: OTHER_USER,
      by: USER,
    });

    expect((await post(`/consulent/drafts/${draft.id}/assignee`, { assignee: 'mallory' })).statusCode).toBe(
      400,
    );
    expect((await post(`/consulent/drafts/${draft.id}/assignee`, { assignee: '' })).statusCode).toBe(303);
    expect((await get(`/api/drafts/${draft.id}`)).json().assignee).toBeUndefined();
  });

  it('ticks the attachments received, keeps who ticked each and when, and takes a tick away', async () => {
    const draft = server.drafts[0]!;
    const required = draft.assessment.checklist!.filter((c) => c.required).map((c) => c.id);
    expect(required.length).toBeGreaterThanOrEqual(2);
    const send = (ids: string[]) =>
      server.app.inject({
        method: 'POST',
        url: `/consulent/drafts/${draft.id}/received`,
        headers: { ...FORM, cookie: session.cookie },
        payload: new URLSearchParams([
          ['_csrf', session.csrf],
          ...ids.map((id): [string, string] => ['received', id]),
        ]).toString(),
      });
    const res = await send([required[0]!, required[1]!, 'not-on-the-checklist']);
    expect(res.statusCode).toBe(303);
    let json = (await get(`/api/drafts/${draft.id}`)).json();
    expect(json.received.map((r: { id: string }) => r.id)).toEqual([required[0], required[1]]);
    expect(json.received[0]).toMatchObject({ by: USER });
    const page = await get(`/consulent/drafts/${draft.id}`);
    expect(page.body).toContain(`value="${required[0]}" checked>`);
    expect(page.body).toContain(`value="${required[1]}" checked>`);
    expect(text(page.body)).toContain(`afgevinkt door ${USER}`);
    // The second taken away: the first keeps its own moment.
    const firstAt = json.received[0].at;
    await send([required[0]!]);
    json = (await get(`/api/drafts/${draft.id}`)).json();
    expect(json.received).toEqual([{ id: required[0], by: USER, at: firstAt }]);
    // Without the CSRF token nothing changes.
    const forged = await server.app.inject({
      method: 'POST',
      url: `/consulent/drafts/${draft.id}/received`,
      headers: { ...FORM, cookie: session.cookie },
      payload: `received=${required[1]}`,
    });
    expect(forged.statusCode).toBe(403);
    expect((await get(`/api/drafts/${draft.id}`)).json().received).toHaveLength(1);
  });

  it('"tell the applicant" is recorded with the status change', async () => {
    const draft = server.drafts[4]!;
    const res = await post(`/consulent/drafts/${draft.id}/status`, {
      status: 'in-behandeling',
      note: 'We bekijken uw aanvraag deze week.',
      tell: 'yes',
    });
    expect(res.statusCode).toBe(303);
    const last = (await get(`/api/drafts/${draft.id}`)).json().statusHistory.at(-1);
    expect(last).toMatchObject({
      status: 'in-behandeling',
      note: 'We bekijken uw aanvraag deze week.',
      told: true,
    });
    expect(text((await get(`/consulent/drafts/${draft.id}`)).body)).toContain(
      'De aanvrager kreeg een e-mail.',
    );
  });
});
