import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backendEnv } from '../helpers/backends.js';
import type { TestServer } from './helpers.js';
import {
  basic,
  consulentUsers,
  OTHER_PASSWORD,
  OTHER_USER,
  PASSWORD,
  seedDrafts,
  startServer,
  USER,
} from './helpers.js';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server?.close();
});

const auth = { authorization: basic(USER, PASSWORD) };
const api = (method: 'GET' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
  server.app.inject({
    method,
    url,
    headers: { ...auth, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

describe('GET /api/drafts', () => {
  it('lists the summaries newest first', async () => {
    const res = await api('GET', '/api/drafts');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const { drafts } = res.json();
    expect(drafts.map((d: { reference: string }) => d.reference)).toEqual([
      'MAG-2026-000006',
      'MAG-2026-000005',
      'MAG-2026-000004',
      'MAG-2026-000003',
      'MAG-2026-000002',
      'MAG-2026-000001',
    ]);
    expect(drafts[3]).toEqual({
      id: server.drafts[2]!.id,
      reference: 'MAG-2026-000003',
      status: 'nieuw',
      createdAt: '2026-11-20T11:00:00.000Z',
      applicant: 'Sportvereniging HGV (Kees Smit)',
      applicantKind: 'organisation',
      type: 'sport',
      tier: 'tot-10000',
      requested: 1250.5,
      verdict: 'eligible',
      flags: ['materials-real-estate', 'food-and-drink'],
      // The columns of the inbox, from the draft itself.
      title: server.drafts[2]!.form.title,
      startDate: server.drafts[2]!.input.initiative!.startDate,
      submitBy: server.drafts[2]!.assessment.deadlines!.find((d) => d.id === 'submit-by')!.date,
      email: 'kees@hgv.example',
      ...(server.drafts[2]!.contact.phone && { phone: server.drafts[2]!.contact.phone }),
      budgetLine: 'sport-en-bewegen',
    });
  });

  it('filters by status, type and tier', async () => {
    const refs = async (query: string) =>
      (await api('GET', `/api/drafts?${query}`)).json().drafts.map((d: { reference: string }) => d.reference);
    expect(await refs('type=sport')).toEqual(['MAG-2026-000003']);
    expect(await refs('tier=tot-1000&type=eenmalig')).toEqual(['MAG-2026-000004', 'MAG-2026-000002']);
    expect(await refs('status=afgehandeld')).toEqual([]);
  });

  it('names a wrong filter and the choices (400)', async () => {
    const res = await api('GET', '/api/drafts?status=klaar&kleur=rood');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'invalid-input',
      issues: expect.arrayContaining([
        {
          path: 'status',
          message:
            'Onbekende status "klaar". Kies uit: nieuw, in-behandeling, aanvullen-gevraagd, afgehandeld.',
        },
        { path: 'kleur', message: 'Dit veld bestaat niet.' },
      ]),
    });
  });
});

describe('GET /api/drafts/:id', () => {
  it('returns the full draft as stored', async () => {
    const draft = server.drafts[0]!;
    const res = await api('GET', `/api/drafts/${draft.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(draft);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers 404 JSON for an unknown id', async () => {
    const res = await api('GET', '/api/drafts/bestaat-niet');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not-found' });
  });
});

describe('PATCH /api/drafts/:id', () => {
  it('changes the status and records the Basic user', async () => {
    const draft = server.drafts[1]!;
    const res = await api('PATCH', `/api/drafts/${draft.id}`, { status: 'in-behandeling' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('in-behandeling');
    expect(body.statusHistory).toHaveLength(2);
    expect(body.statusHistory[1]).toMatchObject({ status: 'in-behandeling', by: USER });
    expect(Date.parse(body.statusHistory[1].at)).toBeGreaterThan(Date.parse(draft.createdAt));
    const other = await server.app.inject({
      method: 'PATCH',
      url: `/api/drafts/${draft.id}`,
      headers: { authorization: basic(OTHER_USER, OTHER_PASSWORD), 'content-type': 'application/json' },
      payload: JSON.stringify({ status: 'afgehandeld' }),
    });
    expect(other.json().statusHistory.map((h: { by: string }) => h.by)).toEqual([
      'assistent',
      USER,
      OTHER_USER,
    ]);
  });

  it('is idempotent for the same status', async () => {
    const draft = server.drafts[1]!;
    const res = await api('PATCH', `/api/drafts/${draft.id}`, { status: 'nieuw' });
    expect(res.statusCode).toBe(200);
    expect(res.json().statusHistory).toHaveLength(1);
  });

  it.each([
    [
      { status: 'klaar' },
      'status',
      'Onbekende status "klaar". Kies uit: nieuw, in-behandeling, aanvullen-gevraagd, afgehandeld.',
    ],
    [
      { status: 'In behandeling' },
      'status',
      'Onbekende status "In behandeling". Kies uit: nieuw, in-behandeling, aanvullen-gevraagd, afgehandeld.',
    ],
    [
      { status: 3 },
      'status',
      'Onbekende status "3". Kies uit: nieuw, in-behandeling, aanvullen-gevraagd, afgehandeld.',
    ],
    [{}, 'status', 'Dit veld is verplicht.'],
    [{ status: 'nieuw', by: 'iemand' }, 'by', 'Dit veld bestaat niet.'],
    [[], '', 'Stuur een JSON-object, bijvoorbeeld { "status": "in-behandeling" }.'],
    ['"nieuw"', '', 'Stuur een JSON-object, bijvoorbeeld { "status": "in-behandeling" }.'],
  ])('refuses %j with a clear 400', async (body, path, message) => {
    const res = await api('PATCH', `/api/drafts/${server.drafts[1]!.id}`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'invalid-input', issues: [{ path, message }] });
  });

  it('refuses a body that is not JSON (400) and an unknown id (404)', async () => {
    expect((await api('PATCH', `/api/drafts/${server.drafts[1]!.id}`, '{nope')).statusCode).toBe(400);
    expect((await api('PATCH', '/api/drafts/bestaat-niet', { status: 'nieuw' })).statusCode).toBe(404);
  });
});

describe('DELETE /api/drafts/:id', () => {
  it('deletes, then the draft is gone', async () => {
    const draft = server.drafts[5]!;
    const res = await api('DELETE', `/api/drafts/${draft.id}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await api('GET', `/api/drafts/${draft.id}`)).statusCode).toBe(404);
    expect((await api('DELETE', `/api/drafts/${draft.id}`)).statusCode).toBe(404);
    expect((await api('GET', '/api/drafts')).json().drafts).toHaveLength(5);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('the log of a deletion (the real server process)', () => {
  let child: ChildProcess | undefined;
  let dir = '';
  afterEach(() => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('names the draft, its reference and who deleted it, and nothing personal', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mag-consulent-log-'));
    const databasePath = join(dir, 'mag.sqlite');
    const [draft] = await seedDrafts(databasePath);
    const port = await freePort();
    let output = '';
    child = spawn(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['bot/server.ts'], {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: databasePath,
        ...backendEnv(databasePath),
        LOG_LEVEL: 'info',
        MAG_TODAY: '2026-11-23',
        CONSULENT_USERS: await consulentUsers(),
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => {
      output += String(d);
    });
    child.stderr!.on('data', (d) => {
      output += String(d);
    });
    const base = `http://127.0.0.1:${port}`;
    for (let until = Date.now() + 20_000; ; ) {
      const ready = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > until || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const res = await fetch(`${base}/api/drafts/${draft!.id}`, { method: 'DELETE', headers: auth });
    expect(res.status).toBe(204);
    const line = await (async () => {
      for (let until = Date.now() + 5000; Date.now() < until; ) {
        const found = output.split('\n').find((l) => l.includes('"draft deleted"'));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no deletion logged:\n${output}`);
    })();
    expect(JSON.parse(line)).toMatchObject({
      level: 30,
      msg: 'draft deleted',
      draft: draft!.id,
      reference: 'MAG-2026-000001',
      by: USER,
    });
    for (const personal of [
      'Marieke de Vries',
      'Stichting Leesplezier',
      'leesplezier.example',
      'Boekenboot',
      PASSWORD,
    ]) {
      expect(output).not.toContain(personal);
    }
    // The Basic header is redacted from request logs.
    expect(output).not.toContain(auth.authorization.slice(6));
  }, 40_000);
});
