import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { hashPassword } from '../../bot/consulent/users.js';
import type { DraftApplication, NewDraft, TranscriptLine } from '../../drafts/draft.js';
import type { AssessInput, Lang } from '../../rules/index.js';
import { assess } from '../../rules/index.js';
import type { DraftStore } from '../../storage/interfaces.js';
import { openPostgres } from '../../storage/postgres/database.js';
import { PostgresDraftStore } from '../../storage/postgres/draft-store.js';
import { openDatabase } from '../../storage/sqlite/database.js';
import { SqliteDraftStore } from '../../storage/sqlite/draft-store.js';
import { backendEnv } from '../helpers/backends.js';

export const TODAY = '2026-11-23';
export const USER = 'marieke';
export const PASSWORD = 'een lang wachtwoord 42';
export const OTHER_USER = 'joost';
export const OTHER_PASSWORD = 'nog een wachtwoord 17';

/** Entries are hashed once per test file: scrypt is deliberately slow. */
let entries: Promise<string> | undefined;
export function consulentUsers(): Promise<string> {
  entries ??= Promise.all([hashPassword(USER, PASSWORD), hashPassword(OTHER_USER, OTHER_PASSWORD)]).then(
    (e) => e.join(','),
  );
  return entries;
}

const no = false;

/** The answers of an organisation's complete, eligible path; `over` replaces parts of it. */
function input(over: {
  applicant?: AssessInput['applicant'];
  initiative?: AssessInput['initiative'];
  money?: AssessInput['money'];
  history?: AssessInput['history'];
}): AssessInput {
  return {
    applicant: { kind: 'organisation', ...over.applicant },
    initiative: {
      inMunicipality: true,
      themes: ['verbinding'],
      kaders: ['samen-bouwen'],
      type: 'eenmalig',
      isActivity: true,
      startDate: '2027-06-01',
      endDate: '2027-06-01',
      alreadyStarted: no,
      multipleInitiatives: no,
      profitMotive: no,
      primarilyReligious: no,
      worksWithVulnerable: no,
      needsEventPermit: no,
      expectedParticipants: 40,
      ...over.initiative,
    },
    money: {
      requested: 700,
      totalCosts: 1000,
      thirdPartyContributions: 0,
      includesFoodAndDrink: no,
      includesMaterialsOrRealEstate: no,
      otherMunicipalFunding: no,
      ...over.money,
    },
    history: {
      grantsThisYear: 0,
      amountGrantedThisYear: 0,
      nonCoreApplicationsThisYear: 0,
      coreApplicationThisYear: no,
      sameApplicationRefusedBefore: no,
      similarGranted: no,
      ...over.history,
    },
  };
}

function transcript(lines: [TranscriptLine['from'], string][], start: string): TranscriptLine[] {
  const t0 = Date.parse(start);
  return lines.map(([from, text], i) => ({ from, text, at: new Date(t0 + i * 30_000).toISOString() }));
}

function draft(
  answers: AssessInput,
  rest: Pick<NewDraft, 'form' | 'contact'> & { lang?: Lang; lines?: [TranscriptLine['from'], string][] },
): NewDraft {
  const lang = rest.lang ?? 'nl';
  return {
    channel: 'website',
    lang,
    rulesetId: 'mag-2024',
    assessedOn: TODAY,
    input: answers,
    form: rest.form,
    contact: rest.contact,
    assessment: assess(answers, { today: TODAY, lang }),
    // As the bot makes it: the same rules in the consulent's words.
    consulentAssessment: assess(answers, { today: TODAY, lang: 'nl', audience: 'intake' }),
    transcript: transcript(
      rest.lines ?? [
        ['assistant', 'Wie vraagt de subsidie aan?'],
        ['resident', 'Een organisatie'],
      ],
      '2026-11-20T08:00:00Z',
    ),
  };
}

export const XSS_DESCRIPTION = '<script>alert(1)</script> Een voorleesmiddag & "meer" voor kinderen';
export const CSV_FORMULA_ORGANISATION = '=HYPERLINK("http://example.invalid","klik")';

/** Six drafts a consulent could find on a Monday, oldest first (references 000001 to 000006). */
export const SAMPLE_DRAFTS: NewDraft[] = [
  draft(
    input({
      initiative: {
        startDate: '2027-01-10',
        endDate: '2027-03-28',
        worksWithVulnerable: true,
        themes: ['verbinding', 'vitaliteit'],
        kaders: ['voorkomen'],
      },
      money: { requested: 4000, totalCosts: 5200, thirdPartyContributions: 1200 },
    }),
    {
      form: {
        title: 'Voorleesproject De Boekenboot',
        description:
          'Elke zaterdag lezen vrijwilligers voor aan kinderen van 4 tot 8 jaar in de bibliotheek.',
        targetGroup: 'Kinderen van 4 tot 8 jaar',
        location: 'Bibliotheek, Peulenstraat',
        idea: 'voorlezen aan kinderen',
      },
      contact: {
        name: 'Marieke de Vries',
        organisation: 'Stichting Leesplezier',
        email: 'info@leesplezier.example',
        phone: '0184 123456',
      },
      lines: [
        ['assistant', 'Wie vraagt de subsidie aan?'],
        ['resident', 'Onze stichting'],
        ['assistant', 'Wat is uw idee? Vertel het in een paar woorden.'],
        ['resident', 'voorlezen aan kinderen'],
      ],
    },
  ),
  draft(
    input({
      applicant: { kind: 'resident' },
      initiative: {
        ownNeighbourhood: false,
        startDate: '2027-06-13',
        endDate: '2027-06-13',
        kaders: ['dichtbij'],
      },
      money: { requested: 700, totalCosts: 700 },
    }),
    {
      form: {
        title: 'Straatfeest Kerkstraat',
        description: 'Een straatfeest voor de hele Kerkstraat met spelletjes voor de kinderen.',
        targetGroup: 'Bewoners van de Kerkstraat',
        location: 'Kerkstraat',
      },
      contact: { name: 'Jan Bakker', email: 'jan.bakker@example.nl' },
    },
  ),
  draft(
    input({
      initiative: { type: 'sport', startDate: '2027-04-01', endDate: '2027-09-30', themes: ['vitaliteit'] },
      money: {
        requested: 1250.5,
        totalCosts: 2000,
        thirdPartyContributions: 500,
        includesFoodAndDrink: true,
        includesMaterialsOrRealEstate: true,
      },
    }),
    {
      form: {
        title: 'Beweegroute Boven-Hardinxveld',
        description: 'Wekelijkse wandelgroep met een vaste beweegroute langs de dijk.',
        targetGroup: 'Ouderen',
        location: 'Dijk bij Boven-Hardinxveld',
      },
      contact: { name: 'Kees Smit', organisation: 'Sportvereniging HGV', email: 'kees@hgv.example' },
    },
  ),
  draft(input({ applicant: { kind: 'resident' }, initiative: { ownNeighbourhood: false } }), {
    form: {
      title: '<img src=x onerror=alert(2)>',
      description: XSS_DESCRIPTION,
      targetGroup: 'Kinderen <b>uit de buurt</b>',
      location: "Speeltuin 'De Hoek'",
    },
    contact: {
      name: 'Piet <b>Puk</b>',
      organisation: CSV_FORMULA_ORGANISATION,
      email: 'piet@example.nl',
    },
    lines: [
      ['assistant', 'Beschrijf uw initiatief.'],
      ['resident', XSS_DESCRIPTION],
    ],
  }),
  draft(
    input({
      applicant: { kind: 'resident' },
      initiative: { ownNeighbourhood: true, startDate: '2027-06-13', endDate: '2027-06-13' },
      money: { requested: 350, totalCosts: 500 },
    }),
    {
      lang: 'en',
      form: {
        title: 'Street party Parallelweg',
        description: 'A street party for our neighbours.',
        targetGroup: 'Neighbours',
        location: 'Parallelweg',
      },
      contact: { name: 'Emma Jones', email: 'emma@example.com' },
      lines: [
        ['assistant', 'Who is applying for the subsidy?'],
        ['resident', 'Me, a resident'],
      ],
    },
  ),
  draft(
    input({
      initiative: {
        type: 'evenement',
        needsEventPermit: true,
        startDate: '2027-08-28',
        endDate: '2027-08-29',
      },
      money: { requested: 12000, totalCosts: 30000, thirdPartyContributions: 15000 },
    }),
    {
      form: {
        title: 'Dorpsfestival Giessendam',
        description: 'Twee dagen muziek op het dorpsplein.',
        targetGroup: 'Alle inwoners',
        location: 'Dorpsplein',
      },
      contact: {
        name: 'Sanne Visser',
        organisation: 'Stichting Dorpsfeest',
        email: 'sanne@dorpsfeest.example',
      },
    },
  ),
];

/**
 * Stores the sample drafts (an hour apart, oldest first) in the database the app will open: the SQLite
 * file, or (in a run on PostgreSQL) the schema `backendEnv` gives that path.
 */
export async function seedDrafts(databasePath: string, drafts: NewDraft[] = SAMPLE_DRAFTS) {
  let clock = Date.parse('2026-11-20T08:00:00Z');
  const now = () => {
    clock += 3_600_000;
    return new Date(clock);
  };
  const stored: DraftApplication[] = [];
  const seed = async (store: DraftStore) => {
    for (const [i, d] of drafts.entries()) stored.push((await store.create(d, `seed-${i}`, 2026)).draft);
  };
  const env = backendEnv(databasePath);
  if (env.DATABASE_URL) {
    const db = await openPostgres({ url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA });
    try {
      await seed(new PostgresDraftStore(db, now));
    } finally {
      await db.close();
    }
    return stored;
  }
  const db = openDatabase(databasePath);
  try {
    await seed(new SqliteDraftStore(db, now));
  } finally {
    db.close();
  }
  return stored;
}

export interface TestServer {
  app: FastifyInstance;
  drafts: DraftApplication[];
  databasePath: string;
  close(): Promise<void>;
}

/**
 * A server with its own database (a SQLite file, or its PostgreSQL schema) holding the sample drafts;
 * `users: ''` for an inbox without users.
 */
export async function startServer(
  options: { users?: string; env?: Record<string, string>; seed?: NewDraft[] } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mag-consulent-'));
  const databasePath = join(dir, 'mag.sqlite');
  const drafts = await seedDrafts(databasePath, options.seed ?? SAMPLE_DRAFTS);
  const app = await buildApp(
    loadConfig({
      DATABASE_PATH: databasePath,
      ...backendEnv(databasePath),
      MAG_TODAY: TODAY,
      LOG_LEVEL: 'silent',
      CONSULENT_USERS: options.users ?? (await consulentUsers()),
      ...options.env,
    }),
  );
  return {
    app,
    drafts,
    databasePath,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The `name=value` of a response's Set-Cookie, for the next request's Cookie header. */
export function cookieOf(res: LightMyRequestResponse): string {
  const header = res.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  if (!first) throw new Error('no set-cookie');
  return first.split(';')[0]!;
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Logs in through the form; returns the session cookie and the CSRF token of the inbox page. */
export async function login(
  app: FastifyInstance,
  name = USER,
  password = PASSWORD,
): Promise<{ cookie: string; csrf: string }> {
  const res = await app.inject({
    method: 'POST',
    url: '/consulent/login',
    headers: FORM,
    payload: form({ name, password }),
  });
  if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode}`);
  const cookie = cookieOf(res);
  const page = await app.inject({ url: '/consulent', headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error('no csrf token in the page');
  return { cookie, csrf };
}

export const basic = (name: string, password: string) =>
  `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
