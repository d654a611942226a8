/**
 * The Route, Checklist, Deadlines, Accountability and Recommendations sections of mag-rules.md,
 * row by row, as data tables over BASE (an organisation's eenmalig, € 800, start 2027-03-01, today 2026-11-23).
 */
import { describe, expect, it } from 'vitest';
import type {
  AccountabilityDocument,
  AccountabilityLevel,
  Advisor,
  AttachmentId,
  BudgetLine,
  DeadlineId,
  Decider,
  SubsidyType,
  Tier,
} from '../../rules/index.js';
import type { Overrides } from './helpers.js';
import {
  BASIC_CHECKLIST,
  checklistIds,
  EVENT_CHECKLIST,
  findingOf,
  KERN_ABOVE_10000,
  merge,
  ORGANISATION_EXTRAS,
  plusDays,
  run,
  SPORT_CHECKLIST,
  sorted,
  TODAY,
} from './helpers.js';

// Building blocks (costs left out so money warnings stay out of the way).
const asking = (requested: number): Overrides => ({ money: { requested, totalCosts: undefined } });
const as = (type: SubsidyType, extra: Overrides = {}): Overrides => merge({ initiative: { type } }, extra);
const by = (kind: 'resident' | 'organisation' | 'kvk-professional'): Overrides => ({ applicant: { kind } });
const event = (needsEventPermit: boolean): Overrides => ({
  initiative: { type: 'evenement', needsEventPermit },
});
/** A resident, in her own neighbourhood, one-off. */
const neighbour: Overrides = { applicant: { kind: 'resident' }, initiative: { ownNeighbourhood: true } };
/** A kernactiviteit above € 10.000 assessed before 16 August 2026 for 2027: no deadline refusal. */
const bigKern = (requested: number): Overrides =>
  merge(as('kernactiviteit'), asking(requested), { today: '2026-08-01' });
const notActivityGala: Overrides = { initiative: { isActivity: false, fitsGala: true } };

describe('Route', () => {
  interface RouteRow {
    when: string;
    input: Overrides;
    type: SubsidyType;
    tier: Tier;
    decidedBy: Decider;
    advisors: Advisor[];
    interview: boolean;
    budgetLine: BudgetLine;
  }
  const row = (
    when: string,
    input: Overrides,
    tier: Tier,
    decidedBy: Decider,
    advisors: Advisor[],
    interview: boolean,
    type: SubsidyType = 'eenmalig',
    budgetLine: BudgetLine = type === 'sport' ? 'sport-en-bewegen' : 'overige-initiatieven',
  ): RouteRow => ({ when, input, tier, decidedBy, advisors, interview, type, budgetLine });

  const ROWS: RouteRow[] = [
    // buurt-500: eenmalig, resident, own neighbourhood, ≤ € 500
    row(
      'resident, own neighbourhood, € 500',
      merge(neighbour, asking(500)),
      'buurt-500',
      'buurtwerker',
      [],
      false,
    ),
    row(
      'resident, own neighbourhood, € 0',
      merge(neighbour, asking(0)),
      'buurt-500',
      'buurtwerker',
      [],
      false,
    ),
    row(
      'resident, own neighbourhood, € 500,01',
      merge(neighbour, asking(500.01)),
      'tot-1000',
      'mag-consulent',
      [],
      false,
    ),
    row(
      'organisation, own neighbourhood, € 300',
      merge(neighbour, by('organisation'), asking(300)),
      'tot-1000',
      'mag-consulent',
      [],
      false,
    ),
    row(
      'kvk-professional, own neighbourhood, € 300',
      merge(neighbour, by('kvk-professional'), asking(300)),
      'tot-1000',
      'mag-consulent',
      [],
      false,
    ),
    row(
      'resident, not own neighbourhood, € 300',
      merge(neighbour, asking(300), { initiative: { ownNeighbourhood: false } }),
      'tot-1000',
      'mag-consulent',
      [],
      false,
    ),
    row(
      'resident, ownNeighbourhood default (false), € 300',
      merge(neighbour, asking(300), { initiative: { ownNeighbourhood: undefined } }),
      'tot-1000',
      'mag-consulent',
      [],
      false,
    ),
    row(
      'resident, own neighbourhood, sport € 300',
      merge(neighbour, asking(300), as('sport')),
      'tot-1000',
      'mag-consulent',
      ['team-sportservice'],
      false,
      'sport',
    ),
    row(
      'resident, own neighbourhood, evenement with permit € 300',
      merge(neighbour, asking(300), event(true)),
      'tot-1000',
      'mag-consulent',
      [],
      false,
      'evenement',
    ),
    row(
      'resident, own neighbourhood, evenement without permit € 300 (as eenmalig)',
      merge(neighbour, asking(300), event(false)),
      'buurt-500',
      'buurtwerker',
      [],
      false,
    ),
    // amount tiers
    row('€ 1.000', asking(1_000), 'tot-1000', 'mag-consulent', [], false),
    row('€ 1.000,01', asking(1_000.01), 'tot-10000', 'mag-consulent', ['klankbordgroep'], true),
    row('€ 10.000', asking(10_000), 'tot-10000', 'mag-consulent', ['klankbordgroep'], true),
    row(
      'kern € 1.000',
      merge(as('kernactiviteit'), asking(1_000)),
      'tot-1000',
      'mag-consulent',
      [],
      false,
      'kernactiviteit',
    ),
    row(
      'kern € 5.000',
      merge(as('kernactiviteit'), asking(5_000)),
      'tot-10000',
      'mag-consulent',
      ['klankbordgroep'],
      true,
      'kernactiviteit',
    ),
    row('kern € 10.000,01', bigKern(10_000.01), 'boven-10000', 'wethouder', [], true, 'kernactiviteit'),
    row('kern € 150.000', bigKern(150_000), 'boven-10000', 'wethouder', [], true, 'kernactiviteit'),
    row('kern € 150.000,01', bigKern(150_000.01), 'boven-10000', 'college', [], true, 'kernactiviteit'),
    // advisors by type
    row('sport € 800', as('sport'), 'tot-1000', 'mag-consulent', ['team-sportservice'], false, 'sport'),
    row(
      'sport € 5.000',
      merge(as('sport'), asking(5_000)),
      'tot-10000',
      'mag-consulent',
      ['klankbordgroep', 'team-sportservice'],
      true,
      'sport',
    ),
    row('evenement with permit € 800', event(true), 'tot-1000', 'mag-consulent', [], false, 'evenement'),
    row(
      'evenement with permit € 5.000',
      merge(event(true), asking(5_000)),
      'tot-10000',
      'mag-consulent',
      ['klankbordgroep'],
      true,
      'evenement',
    ),
    row(
      'evenement without permit € 5.000 (as eenmalig)',
      merge(event(false), asking(5_000)),
      'tot-10000',
      'mag-consulent',
      ['klankbordgroep'],
      true,
    ),
    row(
      'not an activity (GALA) € 800',
      notActivityGala,
      'tot-1000',
      'mag-consulent',
      ['gala-uitvoeringsteam'],
      false,
    ),
    row(
      'not an activity (GALA) € 5.000',
      merge(notActivityGala, asking(5_000)),
      'tot-10000',
      'mag-consulent',
      ['gala-uitvoeringsteam', 'klankbordgroep'],
      true,
    ),
    row(
      'not an activity (GALA), sport € 800',
      merge(notActivityGala, as('sport')),
      'tot-1000',
      'mag-consulent',
      ['gala-uitvoeringsteam', 'team-sportservice'],
      false,
      'sport',
    ),
  ];

  it.each(ROWS)('$when → $tier, $decidedBy', (r) => {
    const a = run(r.input);
    expect(a.route).toBeDefined();
    expect(a.route!.tier).toBe(r.tier);
    expect(a.route!.decidedBy).toBe(r.decidedBy);
    expect(sorted(a.route!.advisors)).toEqual(sorted(r.advisors));
    expect(a.route!.interview).toBe(r.interview);
    expect(a.route!.type).toBe(r.type);
    expect(a.route!.budgetLine).toBe(r.budgetLine);
  });

  it('buurt-500 is referred to the buurtwerker, other tiers are eligible (no refusal)', () => {
    expect(run(merge(neighbour, asking(500))).verdict).toBe('refer');
    expect(run(merge(neighbour, asking(500.01))).verdict).toBe('eligible');
  });

  it('a not-eligible assessment still has its route', () => {
    const a = run({ initiative: { profitMotive: true } });
    expect(a.verdict).toBe('not-eligible');
    expect(a.route?.tier).toBe('tot-1000');
    expect(a.route?.decidedBy).toBe('mag-consulent');
  });
});

describe('Checklist', () => {
  interface ChecklistRow {
    when: string;
    input: Overrides;
    ids: AttachmentId[];
  }
  const ROWS: ChecklistRow[] = [
    { when: 'eenmalig € 800, organisation', input: {}, ids: BASIC_CHECKLIST },
    { when: 'eenmalig € 1.000, organisation', input: asking(1_000), ids: BASIC_CHECKLIST },
    {
      when: 'eenmalig € 1.000,01, organisation',
      input: asking(1_000.01),
      ids: [...BASIC_CHECKLIST, ...ORGANISATION_EXTRAS],
    },
    {
      when: 'eenmalig € 10.000, organisation',
      input: asking(10_000),
      ids: [...BASIC_CHECKLIST, ...ORGANISATION_EXTRAS],
    },
    { when: 'eenmalig € 800, resident', input: by('resident'), ids: BASIC_CHECKLIST },
    { when: 'eenmalig € 5.000, resident', input: merge(by('resident'), asking(5_000)), ids: BASIC_CHECKLIST },
    {
      when: 'eenmalig € 1.000, kvk-professional',
      input: merge(by('kvk-professional'), asking(1_000)),
      ids: BASIC_CHECKLIST,
    },
    {
      when: 'eenmalig € 1.000,01, kvk-professional',
      input: merge(by('kvk-professional'), asking(1_000.01)),
      ids: [...BASIC_CHECKLIST, 'kvk-uittreksel'],
    },
    { when: 'kern € 800, organisation', input: as('kernactiviteit'), ids: BASIC_CHECKLIST },
    {
      when: 'kern € 5.000, organisation',
      input: merge(as('kernactiviteit'), asking(5_000)),
      ids: [...BASIC_CHECKLIST, ...ORGANISATION_EXTRAS],
    },
    {
      when: 'kern € 5.000, kvk-professional',
      input: merge(as('kernactiviteit'), asking(5_000), by('kvk-professional')),
      ids: [...BASIC_CHECKLIST, 'kvk-uittreksel'],
    },
    { when: 'kern € 10.000,01, organisation', input: bigKern(10_000.01), ids: KERN_ABOVE_10000 },
    {
      when: 'kern € 25.000, kvk-professional fitting the business (no statuten, no board)',
      input: merge(bigKern(25_000), { applicant: { kind: 'kvk-professional', kvkFitsBusiness: true } }),
      ids: KERN_ABOVE_10000.filter((id) => id !== 'statuten' && id !== 'bestuurssamenstelling'),
    },
    { when: 'evenement with permit € 800', input: event(true), ids: EVENT_CHECKLIST },
    {
      when: 'evenement with permit € 5.000, organisation',
      input: merge(event(true), asking(5_000)),
      ids: EVENT_CHECKLIST,
    },
    { when: 'evenement without permit € 800 (as eenmalig)', input: event(false), ids: BASIC_CHECKLIST },
    {
      when: 'evenement without permit € 5.000, organisation (as eenmalig)',
      input: merge(event(false), asking(5_000)),
      ids: [...BASIC_CHECKLIST, ...ORGANISATION_EXTRAS],
    },
    { when: 'sport € 800', input: as('sport'), ids: SPORT_CHECKLIST },
    { when: 'sport € 5.000, organisation', input: merge(as('sport'), asking(5_000)), ids: SPORT_CHECKLIST },
    { when: 'buurt-500', input: merge(neighbour, asking(400)), ids: [] },
    {
      when: 'buurt-500 via an evenement without permit',
      input: merge(neighbour, asking(400), event(false)),
      ids: [],
    },
  ];

  it.each(ROWS)('$when', (r) => {
    const a = run(r.input);
    expect(a.findings.filter((f) => f.severity === 'refusal')).toEqual([]);
    expect(sorted(checklistIds(a))).toEqual(sorted(r.ids));
    for (const c of a.checklist ?? []) {
      expect(c.required, c.id).toBe(true);
      expect(c.label.trim(), c.id).not.toBe('');
      expect(c.source.trim(), c.id).not.toBe('');
    }
  });

  // Where vog-required holds, the checklist also has `vog` (kept, not attached), except for buurt-500.
  it.each(ROWS)('$when, volunteers with vulnerable people', (r) => {
    const a = run(merge(r.input, { initiative: { worksWithVulnerable: true } }));
    expect(findingOf(a, 'vog-required')?.severity).toBe('info');
    const isBuurt = a.route?.tier === 'buurt-500';
    expect(sorted(checklistIds(a))).toEqual(sorted(isBuurt ? [] : [...r.ids, 'vog']));
    const vog = a.checklist?.find((c) => c.id === 'vog');
    if (!isBuurt) {
      expect(vog?.required).toBe(false);
      expect(vog?.label.trim()).not.toBe('');
    }
  });

  it('not-eligible: empty checklist and deadlines', () => {
    const a = run({ initiative: { profitMotive: true, worksWithVulnerable: true } });
    expect(a.verdict).toBe('not-eligible');
    expect(a.checklist).toEqual([]);
    expect(a.deadlines).toEqual([]);
  });

  it('labels differ between nl and en', () => {
    const nl = run({}, { lang: 'nl' }).checklist!;
    const en = run({}, { lang: 'en' }).checklist!;
    expect(nl.map((c) => c.id)).toEqual(en.map((c) => c.id));
    expect(nl.map((c) => c.label)).not.toEqual(en.map((c) => c.label));
  });
});

describe('Deadlines', () => {
  interface DeadlineRow {
    when: string;
    input: Overrides;
    /** Every deadline expected, by id; anything else must be absent. */
    dates: Partial<Record<DeadlineId, string>>;
  }
  const decisions = (today: string) => ({
    'decision-expected': plusDays(today, 56),
    'decision-latest': plusDays(today, 98),
  });
  const ROWS: DeadlineRow[] = [
    {
      when: 'eenmalig € 800 starting 2027-03-01',
      input: {},
      dates: { 'submit-by': plusDays('2027-03-01', -56), ...decisions(TODAY) },
    },
    {
      when: 'eenmalig € 5.000 (tot-10000)',
      input: asking(5_000),
      dates: { 'submit-by': plusDays('2027-03-01', -56), ...decisions(TODAY) },
    },
    { when: 'buurt-500: none', input: merge(neighbour, asking(500)), dates: {} },
    {
      when: 'kern ≤ € 10.000 starting 2027-12-31: 31 October of Y is earlier than start − 56',
      input: merge(as('kernactiviteit'), { initiative: { startDate: '2027-12-31', endDate: '2027-12-31' } }),
      dates: { 'submit-by': '2027-10-31', ...decisions(TODAY) },
    },
    {
      when: 'kern ≤ € 10.000 starting 2027-03-01: start − 56 is earlier than 31 October',
      input: as('kernactiviteit'),
      dates: { 'submit-by': plusDays('2027-03-01', -56), ...decisions(TODAY) },
    },
    {
      when: 'kern € 25.000 for 2027 (no endDate): 15 August of Y−1, concept dates, provisional grant',
      input: merge(bigKern(25_000), { initiative: { endDate: undefined } }),
      dates: {
        'submit-by': '2026-08-15',
        'concept-by': '2026-07-01',
        'concept-discussed-by': '2026-09-10',
        'provisional-grant-by': '2026-12-31',
      },
    },
    {
      when: 'kern € 25.000 for 2027 with endDate 2027-12-31: report by endDate + 56',
      input: merge(bigKern(25_000), { initiative: { endDate: '2027-12-31' } }),
      dates: {
        'submit-by': '2026-08-15',
        'concept-by': '2026-07-01',
        'concept-discussed-by': '2026-09-10',
        'provisional-grant-by': '2026-12-31',
        'accountability-by': plusDays('2027-12-31', 56),
      },
    },
    {
      when: 'kern € 25.000 for 2024, today 2024-01-15: 2024-02-28, no concept dates',
      input: merge(bigKern(25_000), {
        today: '2024-01-15',
        initiative: { startDate: '2024-06-01', endDate: undefined },
      }),
      dates: { 'submit-by': '2024-02-28' },
    },
    {
      when: 'kern € 25.000 for 2024 starting 2024-03-15, today 2024-01-10: start − 56 is earlier',
      input: merge(bigKern(25_000), {
        today: '2024-01-10',
        initiative: { startDate: '2024-03-15', endDate: undefined },
      }),
      dates: { 'submit-by': plusDays('2024-03-15', -56) },
    },
    {
      when: 'sport € 800',
      input: as('sport'),
      dates: { 'submit-by': plusDays('2027-03-01', -56), ...decisions(TODAY) },
    },
    {
      when: 'decision dates follow today (input.today 2027-01-02)',
      input: { today: '2027-01-02' },
      dates: { 'submit-by': plusDays('2027-03-01', -56), ...decisions('2027-01-02') },
    },
  ];

  it.each(ROWS)('$when', (r) => {
    const a = run(r.input);
    expect(a.findings.filter((f) => f.severity === 'refusal')).toEqual([]);
    const got = Object.fromEntries((a.deadlines ?? []).map((d) => [d.id, d.date]));
    expect(got).toEqual(r.dates);
    expect(a.deadlines).toHaveLength(Object.keys(r.dates).length);
    const dates = (a.deadlines ?? []).map((d) => d.date);
    expect(dates).toEqual([...dates].sort());
    for (const d of a.deadlines ?? []) {
      expect(d.label.trim(), d.id).not.toBe('');
      expect(d.source.trim(), d.id).not.toBe('');
    }
  });

  it('submit-by is a worked-example date: street party on 2027-06-13 → 2027-04-18', () => {
    const a = run(
      merge(neighbour, asking(700), { initiative: { startDate: '2027-06-13', endDate: '2027-06-13' } }),
    );
    expect(a.deadlines?.find((d) => d.id === 'submit-by')?.date).toBe('2027-04-18');
  });
});

describe('Accountability', () => {
  interface AccountabilityRow {
    when: string;
    input: Overrides;
    level: AccountabilityLevel;
    total: number;
    by: string | null;
  }
  const DOCUMENTS: Record<AccountabilityLevel, AccountabilityDocument[]> = {
    direct: [],
    report: ['inhoudelijk-verslag'],
    audit: ['inhoudelijk-verslag', 'financieel-verslag', 'balans-met-toelichting', 'controleverklaring'],
  };
  const SOURCE: Record<AccountabilityLevel, string> = {
    direct: 'art. 11',
    report: 'art. 12',
    audit: 'art. 13',
  };
  const earlier = (amountGrantedThisYear: number): Overrides => ({ history: { amountGrantedThisYear } });
  const noEnd: Overrides = { initiative: { endDate: undefined } };
  const END = '2027-03-01'; // BASE's endDate

  const ROWS: AccountabilityRow[] = [
    { when: '€ 800', input: {}, level: 'direct', total: 800, by: null },
    { when: '€ 5.000', input: asking(5_000), level: 'direct', total: 5_000, by: null },
    {
      when: '€ 3.000 + € 2.000 earlier',
      input: merge(asking(3_000), earlier(2_000)),
      level: 'direct',
      total: 5_000,
      by: null,
    },
    {
      when: '€ 3.000 + € 2.000,01 earlier',
      input: merge(asking(3_000), earlier(2_000.01)),
      level: 'report',
      total: 5_000.01,
      by: plusDays(END, 56),
    },
    { when: '€ 5.000,01', input: asking(5_000.01), level: 'report', total: 5_000.01, by: plusDays(END, 56) },
    {
      when: '€ 5.000,01 without endDate',
      input: merge(asking(5_000.01), noEnd),
      level: 'report',
      total: 5_000.01,
      by: null,
    },
    {
      when: '€ 800 + € 49.200 earlier',
      input: earlier(49_200),
      level: 'report',
      total: 50_000,
      by: plusDays(END, 56),
    },
    {
      when: 'kern € 10.000 + € 40.000 earlier',
      input: merge(as('kernactiviteit'), asking(10_000), earlier(40_000)),
      level: 'report',
      total: 50_000,
      by: plusDays(END, 56),
    },
    {
      when: 'kern € 10.000 + € 40.000,01 earlier: 1 April of Y+1',
      input: merge(as('kernactiviteit'), asking(10_000), earlier(40_000.01)),
      level: 'audit',
      total: 50_000.01,
      by: '2028-04-01',
    },
    {
      when: 'kern audit without endDate: still 1 April of Y+1',
      input: merge(as('kernactiviteit'), asking(10_000), earlier(45_000), noEnd),
      level: 'audit',
      total: 55_000,
      by: '2028-04-01',
    },
    {
      when: 'kern € 60.000 for 2027 (boven-10000): 1 April of Y+1',
      input: merge(bigKern(60_000), noEnd),
      level: 'audit',
      total: 60_000,
      by: '2028-04-01',
    },
    {
      when: 'eenmalig € 10.000 + € 45.000 earlier: endDate + 84',
      input: merge(asking(10_000), earlier(45_000)),
      level: 'audit',
      total: 55_000,
      by: plusDays(END, 84),
    },
    {
      when: 'eenmalig audit without endDate: none',
      input: merge(asking(10_000), earlier(45_000), noEnd),
      level: 'audit',
      total: 55_000,
      by: null,
    },
    {
      when: 'evenement without permit (as eenmalig) audit: endDate + 84',
      input: merge(event(false), asking(10_000), earlier(45_000)),
      level: 'audit',
      total: 55_000,
      by: plusDays(END, 84),
    },
  ];

  it.each(ROWS)('$when → $level', (r) => {
    const a = run(r.input);
    expect(a.findings.filter((f) => f.severity === 'refusal')).toEqual([]);
    expect(a.accountability).toBeDefined();
    expect(a.accountability!.level).toBe(r.level);
    expect(a.accountability!.totalThisYear).toBe(r.total);
    expect(sorted(a.accountability!.documents)).toEqual(sorted(DOCUMENTS[r.level]));
    expect(a.accountability!.description.trim()).not.toBe('');
    expect(a.accountability!.source).toContain(SOURCE[r.level]);
    expect(a.deadlines?.find((d) => d.id === 'accountability-by')?.date ?? null).toBe(r.by);
  });
});

describe('Recommendations', () => {
  it.each([
    ['eligible', {}],
    ['refer', merge(neighbour, asking(300))],
    ['not-eligible', { initiative: { profitMotive: true } }],
  ] as [string, Overrides][])('always shown (%s)', (verdict, input) => {
    const a = run(input);
    expect(a.verdict).toBe(verdict);
    expect(sorted(a.recommendations)).toEqual(
      sorted(['inclusief', 'duurzaam-effect', 'samenwerking', 'eigen-bijdrage']),
    );
  });

  it('the output names the ruleset, its start, the date and the language', () => {
    const a = run({}, { lang: 'nl' });
    expect(a.ruleset).toBe('mag-2024');
    expect(a.rulesetEffectiveFrom).toBe('2024-01-01');
    expect(a.today).toBe(TODAY);
    expect(a.lang).toBe('nl');
    expect(run({ today: '2027-01-02' }).today).toBe('2027-01-02');
  });
});
