import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

const streetParty = {
  applicant: { kind: 'resident' },
  initiative: {
    inMunicipality: true,
    ownNeighbourhood: true,
    themes: ['verbinding'],
    kaders: ['dichtbij'],
    type: 'eenmalig',
    startDate: '2027-06-13',
  },
  money: { requested: 700 },
};

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.close();
});

const post = (body: unknown, query = '', headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: `/api/assess${query}`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /api/assess', () => {
  it('assesses the street party of worked example 2 with the server date', async () => {
    const res = await post(streetParty);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.verdict).toBe('eligible');
    expect(body.ruleset).toBe('mag-2024');
    expect(body.today).toBe('2026-11-23');
    expect(body.route).toMatchObject({ tier: 'tot-1000', decidedBy: 'mag-consulent' });
    expect(body.deadlines.find((d: { id: string }) => d.id === 'submit-by').date).toBe('2027-04-18');
  });

  it('answers in English with ?lang=en, with the same codes', async () => {
    const nl = (
      await post({ ...streetParty, initiative: { ...streetParty.initiative, worksWithVulnerable: true } })
    ).json();
    const en = (
      await post(
        { ...streetParty, initiative: { ...streetParty.initiative, worksWithVulnerable: true } },
        '?lang=en',
      )
    ).json();
    expect(en.findings.map((f: { rule: string }) => f.rule)).toEqual(
      nl.findings.map((f: { rule: string }) => f.rule),
    );
    expect(en.checklist.map((c: { id: string }) => c.id)).toEqual(
      nl.checklist.map((c: { id: string }) => c.id),
    );
    expect(en.findings[0].message).not.toBe(nl.findings[0].message);
    expect(en.checklist[0].label).toBe('Application form');
  });

  it('uses the date in the body over the server date', async () => {
    const res = await post({ ...streetParty, today: '2027-06-14' });
    expect(res.json().verdict).toBe('not-eligible');
    expect(res.json().findings[0].rule).toBe('already-started');
  });

  it("takes the remaining budget from the deployment configuration, for the year it starts in (today's)", async () => {
    const small = await testApp({ BUDGET_REMAINING_OVERIGE_INITIATIEVEN: '600' });
    const in2026 = { ...streetParty, initiative: { ...streetParty.initiative, startDate: '2026-12-20' } };
    const res = await small.inject({ method: 'POST', url: '/api/assess', payload: in2026 });
    // The environment's figure is that of 2026, the year the server started in: 2027 has its own budget.
    const next = await small.inject({ method: 'POST', url: '/api/assess', payload: streetParty });
    await small.close();
    expect(res.json().findings.map((f: { rule: string }) => f.rule)).toContain('budget-ceiling');
    expect(next.json().findings.map((f: { rule: string }) => f.rule)).not.toContain('budget-ceiling');
  });

  it('accepts a partial assessment and lists what is missing', async () => {
    const res = await post({ partial: true, initiative: { alreadyStarted: true } });
    expect(res.statusCode).toBe(200);
    expect(res.json().verdict).toBe('not-eligible');
    expect(res.json().missing).toContain('money.requested');
  });
});

describe('POST /api/assess with bad input', () => {
  it.each([
    ['an unknown field', { ...streetParty, colour: 'red' }, ['colour']],
    ['a nested unknown field', { ...streetParty, money: { requested: 700, tip: 1 } }, ['money.tip']],
    ['a wrong type', { ...streetParty, money: { requested: '700' } }, ['money.requested']],
    [
      'an impossible date',
      { ...streetParty, initiative: { ...streetParty.initiative, startDate: '2027-02-30' } },
      ['initiative.startDate'],
    ],
    ['a negative amount', { ...streetParty, money: { requested: -1 } }, ['money.requested']],
    ['three decimals', { ...streetParty, money: { requested: 700.005 } }, ['money.requested']],
    [
      'an unknown code',
      { ...streetParty, initiative: { ...streetParty.initiative, type: 'feest' } },
      ['initiative.type'],
    ],
    ['a date before every ruleset', { ...streetParty, today: '2023-12-31' }, ['today']],
    [
      'missing required fields',
      { applicant: { kind: 'resident' } },
      ['initiative.inMunicipality', 'money.requested'],
    ],
  ])('names the wrong field for %s', async (_name, body, paths) => {
    const res = await post(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('invalid-input');
    const named = res.json().issues.map((i: { path: string }) => i.path);
    for (const path of paths) expect(named).toContain(path);
    for (const issue of res.json().issues) expect(issue.message.length).toBeGreaterThan(5);
  });

  it.each([
    ['a broken JSON body', '{"applicant":', 400],
    ['an empty JSON body', '', 400],
    ['a JSON array', '[1,2]', 400],
    ['JSON null', 'null', 400],
  ])('answers %s with a 4xx, never a 500', async (_name, payload, status) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(status);
    expect(res.json().error).toBe('invalid-input');
  });

  it('refuses an oversized body with 413', async () => {
    const res = await post({ ...streetParty, padding: 'x'.repeat(200_000) });
    expect(res.statusCode).toBe(413);
  });

  it('refuses an unknown language', async () => {
    const res = await post(streetParty, '?lang=fr');
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('lang');
  });

  it('explains errors in English with ?lang=en', async () => {
    const res = await post({ applicant: { kind: 'resident' } }, '?lang=en');
    expect(res.json().issues[0].message).toBe('This field is required.');
  });

  it('answers a non-JSON content type without a 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/assess',
      headers: { 'content-type': 'text/plain' },
      payload: 'hallo',
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('health', () => {
  it('is alive and ready', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/readyz')).statusCode).toBe(200);
  });

  it('is not ready when a dependency fails', async () => {
    const broken = await testApp({}, { readinessChecks: [() => Promise.reject(new Error('storage down'))] });
    const res = await broken.inject('/readyz');
    await broken.close();
    expect(res.statusCode).toBe(503);
  });
});
