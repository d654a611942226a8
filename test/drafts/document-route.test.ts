import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { DraftLinks } from '../../bot/draft-links.js';
import type { DraftApplication } from '../../drafts/draft.js';
import { backendEnv } from '../helpers/backends.js';
import { storesAt } from '../helpers/stores.js';
import { LATE_CORE_ACTIVITY, newDraft } from './fixtures.js';
import { readPdf } from './pdf-text.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('GET /drafts/:id/document.pdf and document.json', () => {
  let dir: string;
  let app: FastifyInstance;
  let links: DraftLinks;
  let dutch: DraftApplication;
  let english: DraftApplication;
  let deleted: DraftApplication;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mag-document-'));
    const databasePath = join(dir, 'mag.sqlite');
    // The app keeps its drafts to itself: put them in the database it will open (the SQLite file, or its
    // PostgreSQL schema) before it starts, and make the signing key the way the app does (kept in the
    // settings table when TOKEN_SIGNING_KEY is not set).
    const stores = await storesAt(databasePath);
    let signingKey: string;
    try {
      const store = stores.drafts;
      dutch = (await store.create(newDraft({ lang: 'nl' }), 'conversation-nl', 2026)).draft;
      english = (
        await store.create(newDraft({ lang: 'en', input: LATE_CORE_ACTIVITY }), 'conversation-en', 2026)
      ).draft;
      deleted = (await store.create(newDraft({ lang: 'nl' }), 'conversation-deleted', 2026)).draft;
      await store.delete(deleted.id);
      signingKey = await stores.settings.setIfAbsent('token-signing-key', 'a-test-signing-key');
    } finally {
      await stores.close();
    }

    app = await buildApp(
      loadConfig({
        DATABASE_PATH: databasePath,
        ...backendEnv(databasePath),
        MAG_TODAY: '2026-11-23',
        LOG_LEVEL: 'silent',
      }),
    );
    links = new DraftLinks(Buffer.from(`${signingKey}:drafts`)); // as bot/app.ts builds it
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string) => app.inject({ method: 'GET', url });
  const pdfUrl = (id: string, sig = links.signature(id)) =>
    `/drafts/${encodeURIComponent(id)}/document.pdf?sig=${encodeURIComponent(sig)}`;

  it('gives the resident their PDF through the link in the chat, in the conversation’s language', async () => {
    const url = new URL(links.residentUrl('https://mag.example.nl/', dutch.id));
    const res = await get(`${url.pathname}${url.search}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${dutch.reference}.pdf"`);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const content = await readPdf(res.rawPayload);
    expect(dutch.reference).toMatch(/^MAG-2026-\d{6}$/);
    expect(content.text).toContain(dutch.reference);
    expect(content.text).toContain('Conceptaanvraag MAG-subsidie');
    expect(content.text).toContain('Anneke de Vries-Ëlberg');
    expect(content.language).toBe('nl-NL');
  });

  it('answers in English when the conversation was in English', async () => {
    const res = await get(pdfUrl(english.id));
    expect(res.statusCode).toBe(200);
    const content = await readPdf(res.rawPayload);
    expect(content.text).toContain('Draft application for a MAG subsidy');
    expect(content.text).toContain(english.reference);
    expect(content.text).toContain('You cannot get a MAG subsidy.');
  });

  it('answers 404, the same way, for a wrong or missing signature and for a draft that does not exist', async () => {
    const sig = links.signature(dutch.id);
    const attempts = [
      `/drafts/${dutch.id}/document.pdf`, // no signature
      pdfUrl(dutch.id, ''),
      pdfUrl(dutch.id, `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`), // one character off
      pdfUrl(dutch.id, links.signature(english.id)), // another draft's signature
      pdfUrl(dutch.id, new DraftLinks(Buffer.from('another key')).signature(dutch.id)),
      `${pdfUrl(dutch.id)}&sig=${sig}`, // the signature twice
      pdfUrl(UNKNOWN_ID), // validly signed, but no such draft
      pdfUrl(deleted.id), // deleted: the link stops working
      pdfUrl('x'.repeat(100)), // Fastify's longest parameter (a longer one is a 414)
      `/drafts/${dutch.id}/document.json?sig=${links.signature(english.id)}`,
      `/drafts/${UNKNOWN_ID}/document.json?sig=${links.signature(UNKNOWN_ID)}`,
    ];
    const answers = await Promise.all(attempts.map(get));
    for (const [i, res] of answers.entries()) {
      expect(res.statusCode, attempts[i]).toBe(404);
      expect(res.json(), attempts[i]).toEqual({ error: 'not-found' });
      expect(res.headers['cache-control'], attempts[i]).toBe('private, no-store');
    }
    // Nothing tells a wrong signature from a draft that does not exist.
    const [wrongSig, unknown] = [answers[3]!, answers[6]!];
    expect(unknown.body).toBe(wrongSig.body);
    expect(unknown.headers['content-type']).toBe(wrongSig.headers['content-type']);
    expect(unknown.headers['content-length']).toBe(wrongSig.headers['content-length']);
  });

  it('gives the resident their draft as JSON, without the names of municipal staff', async () => {
    const res = await get(`/drafts/${dutch.id}/document.json?sig=${links.signature(dutch.id)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const body = res.json() as DraftApplication;
    expect(body.reference).toBe(dutch.reference);
    expect(body.input).toEqual(dutch.input);
    expect(body.form).toEqual(dutch.form);
    expect(body.contact).toEqual(dutch.contact);
    expect(body.assessment).toEqual(dutch.assessment);
    expect(body.transcript).toEqual(dutch.transcript);
    expect(body.statusHistory).toEqual([{ status: 'nieuw', at: dutch.createdAt }]);
    expect(res.body).not.toContain('"by"');
  });

  it('renders the same PDF for the same draft (and says how long a request takes)', async () => {
    const first = await get(pdfUrl(dutch.id));
    const start = performance.now();
    const second = await get(pdfUrl(dutch.id));
    console.log(
      `GET document.pdf: ${(performance.now() - start).toFixed(1)} ms, ${second.rawPayload.length} bytes`,
    );
    expect(second.statusCode).toBe(200);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
  });
});
