/**
 * The budget ceilings by subsidy year (art. 8; Bijlage 3): dated values with their source, chosen by the year
 * in which the initiative starts; a year without figures is an explicit error (a typed error from the lookup,
 * a `budget-ceiling` finding of severity risk in an assessment), never the figures of another year.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BudgetLine, DatedValue, RemainingBudget } from '../../rules/index.js';
import {
  assess,
  BUDGET_LINES,
  budgetCeilingsFor,
  formatEuros,
  NoFiguresForYearError,
  RULESETS,
  remedies,
  toCents,
  valueForYear,
} from '../../rules/index.js';
import { PARAMETERS } from '../../rules/mag-2024/parameters.js';
import type { Overrides } from './helpers.js';
import { build, findingOf, merge, run, TODAY, valid } from './helpers.js';

/** A kernactiviteit (no € 10.000 cap) of one organisation, starting on `startDate`, asking `requested`. */
const kern = (startDate: string, requested: number, today = TODAY): Overrides => ({
  today,
  initiative: { type: 'kernactiviteit', startDate, endDate: startDate },
  money: { requested, totalCosts: requested + 1_000 },
});

const budgetFinding = (overrides: Overrides, options: Parameters<typeof run>[1] = {}) =>
  findingOf(run(overrides, options), 'budget-ceiling');

describe('valueForYear: the dated value of a subsidy year', () => {
  const table: DatedValue<string>[] = [
    { from: 2024, through: 2024, values: 'a', source: 'eerste' },
    { from: 2025, through: 'until-changed', values: 'b', source: 'tweede' },
    { from: 2028, through: 2028, values: 'c', source: 'derde' },
  ];

  it('takes the entry with the latest start at or before the year', () => {
    expect(valueForYear(table, 2024, 'x').values).toBe('a');
    expect(valueForYear(table, 2025, 'x').values).toBe('b');
    expect(valueForYear(table, 2027, 'x')).toMatchObject({ values: 'b', source: 'tweede' });
    expect(valueForYear(table, 2028, 'x').values).toBe('c');
  });

  it('throws a typed error for a year before the first entry or after a bounded one', () => {
    for (const year of [2023, 2029]) {
      let error: unknown;
      try {
        valueForYear(table, year, 'budgetCeilings');
      } catch (e) {
        error = e;
      }
      expect(error, String(year)).toBeInstanceOf(NoFiguresForYearError);
      expect(error).toMatchObject({ year, parameter: 'budgetCeilings' });
    }
    // A bounded entry ends: an earlier "until changed" one does not come back after it.
    expect(() => valueForYear(table.slice(0, 2).concat(table[2]!), 2030, 'x')).toThrow(NoFiguresForYearError);
  });
});

describe('the ceilings of mag-2024 by subsidy year', () => {
  const table = PARAMETERS.budgetCeilings;

  it('are dated values, in order, each with a source and a figure for every budget line', () => {
    expect(RULESETS[0]!.budgetCeilings).toBe(table);
    for (const [i, entry] of table.entries()) {
      expect(entry.source).toMatch(/Bijlage 3/);
      expect(Object.keys(entry.values).sort()).toEqual([...BUDGET_LINES].sort());
      if (i > 0) expect(entry.from).toBeGreaterThan(table[i - 1]!.from);
    }
  });

  it('2024: the figures of Bijlage 3, from the data', () => {
    const y2024 = budgetCeilingsFor(2024, TODAY);
    expect(y2024.values).toEqual({ 'sport-en-bewegen': 30_635_00, 'overige-initiatieven': 115_000_00 });
    expect(y2024.source).toContain('Bijlage 3');
  });

  it('2025 to 2027: the entry that holds from 2024 until changed (art. 8), not a copy', () => {
    for (const year of [2025, 2026, 2027]) {
      const entry = budgetCeilingsFor(year, TODAY);
      // The very entry of the data: its year range covers the year explicitly.
      expect(table).toContain(entry);
      expect(entry.from).toBeLessThanOrEqual(year);
      expect(entry.through === 'until-changed' || entry.through >= year).toBe(true);
      expect(entry.source).toMatch(/art\. 8/);
    }
  });

  it('a year before 2024 has no figures: a typed error', () => {
    expect(() => budgetCeilingsFor(2023, TODAY)).toThrow(NoFiguresForYearError);
  });
});

describe('an assessment reads the ceiling of its subsidy year', () => {
  it('2025: a kernactiviteit above the 2025 ceiling of overige initiatieven is refused with that figure', () => {
    const ceiling = budgetCeilingsFor(2025, '2024-06-01').values['overige-initiatieven'];
    const over = budgetFinding(kern('2025-06-01', ceiling / 100 + 0.01, '2024-06-01'));
    expect(over?.severity).toBe('refusal');
    expect(over?.message).toContain(formatEuros(ceiling, 'en'));
    expect(budgetFinding(kern('2025-06-01', ceiling / 100, '2024-06-01'))).toBeUndefined();
  });

  it("gives the deployment's function the subsidy year, the year the initiative starts (not today's)", () => {
    const years: number[] = [];
    const remainingBudget = (year: number): RemainingBudget => {
      years.push(year);
      return year === 2027 ? { 'overige-initiatieven': toCents(500) } : {};
    };
    const in2027 = budgetFinding({ initiative: { startDate: '2027-03-01' } }, { remainingBudget });
    expect(years).toContain(2027);
    expect(years).not.toContain(2026);
    expect(in2027?.severity).toBe('refusal');
    expect(in2027?.message).toContain('€500');
    // The same request for 2028: the function gives nothing, so the ceiling of 2028 applies.
    expect(
      budgetFinding({ initiative: { startDate: '2028-03-01', endDate: '2028-03-01' } }, { remainingBudget }),
    ).toBeUndefined();
  });

  it('a start in a year without figures is reported as a risk that names the year, never assessed with 2024', () => {
    const a = run(kern('2023-12-01', 5_000, '2024-01-10'), { lang: 'nl' });
    const finding = findingOf(a, 'budget-ceiling');
    expect(finding?.severity).toBe('risk');
    expect(finding?.message).toContain('2023');
    expect(finding?.message).toContain('overige initiatieven');
    // The year's refusal stands as it would without the budget (it has already started).
    expect(findingOf(a, 'already-started')?.severity).toBe('refusal');
    // A remainder the deployment gives for that year is a figure: then the amount is checked against it.
    const given = run(kern('2023-12-01', 5_000, '2024-01-10'), {
      remainingBudget: (year) => (year === 2023 ? { 'overige-initiatieven': toCents(4_000) } : {}),
    });
    expect(findingOf(given, 'budget-ceiling')?.severity).toBe('refusal');
  });

  it('a partial input without a start date: a per-year budget cannot tell yet, a fixed one can', () => {
    const input = valid(build({ partial: true, money: { requested: 200_000 } }, {}));
    const fixed = assess(input, { today: TODAY, lang: 'en' });
    expect(findingOf(fixed, 'budget-ceiling')?.severity).toBe('refusal');
    const perYear = assess(input, { today: TODAY, lang: 'en', remainingBudget: () => ({}) });
    expect(findingOf(perYear, 'budget-ceiling')).toBeUndefined();
    const dated = assess(
      valid(
        build({ partial: true, initiative: { startDate: '2027-03-01' }, money: { requested: 200_000 } }, {}),
      ),
      {
        today: TODAY,
        lang: 'en',
        remainingBudget: () => ({}),
      },
    );
    expect(findingOf(dated, 'budget-ceiling')?.severity).toBe('refusal');
  });

  it("a later year is offered only when that year's budget allows the request", () => {
    // A kernactiviteit up to € 10.000 for 2026, asked after 31 October 2026: too late; 2027 is the way out.
    const late = build(merge(kern('2026-12-15', 5_000), { today: undefined }));
    const budgetIn2027 = (left: number) => (year: number) =>
      year === 2027 ? ({ 'overige-initiatieven': toCents(left) } as Partial<Record<BudgetLine, number>>) : {};
    expect(remedies(late, { today: TODAY, remainingBudget: budgetIn2027(50_000) })).toEqual([
      { kind: 'later-year', year: 2027 },
    ]);
    expect(remedies(late, { today: TODAY, remainingBudget: budgetIn2027(1_000) })).toEqual([]);
  });
});

describe('figures from the data, not from the code', () => {
  afterEach(() => {
    vi.doUnmock('../../rules/mag-2024/parameters.js');
    vi.resetModules();
  });

  it('a 2025 entry in the parameters changes the assessments of 2025 only; a gap after it is reported', async () => {
    vi.resetModules();
    vi.doMock('../../rules/mag-2024/parameters.js', async (importOriginal) => {
      const real = await importOriginal<typeof import('../../rules/mag-2024/parameters.js')>();
      const y2024 = real.PARAMETERS.budgetCeilings[0];
      const table = [
        { ...y2024, through: 2024 },
        {
          from: 2025,
          through: 2025,
          values: { 'sport-en-bewegen': toCents(20_000), 'overige-initiatieven': toCents(99_000) },
          source: 'Bijlage 3, gewijzigd voor 2025 (test)',
        },
      ];
      return { ...real, PARAMETERS: { ...real.PARAMETERS, budgetCeilings: table } };
    });
    const rules = await import('../../rules/index.js');
    const at = (startDate: string, requested: number) =>
      rules
        .assess(valid(build(kern(startDate, requested, '2024-03-01'))), { today: '2024-03-01', lang: 'en' })
        .findings.find((f) => f.rule === 'budget-ceiling');

    expect(rules.budgetCeilingsFor(2025, '2024-03-01').source).toBe('Bijlage 3, gewijzigd voor 2025 (test)');
    expect(at('2025-06-01', 99_000.01)?.message).toContain('€99,000');
    expect(at('2025-06-01', 99_000)).toBeUndefined();
    // 2024 keeps its own figures.
    expect(at('2024-06-01', 99_000.01)).toBeUndefined();
    // 2026 has none now: the explicit finding, and the typed error from the lookup.
    expect(at('2026-06-01', 5_000)).toMatchObject({ severity: 'risk' });
    expect(at('2026-06-01', 5_000)?.message).toContain('2026');
    expect(() => rules.budgetCeilingsFor(2026, '2024-03-01')).toThrow(rules.NoFiguresForYearError);
  });
});
