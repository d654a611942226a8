/**
 * Properties of `assess` and `validateAssessInput` over generated inputs (fast-check).
 * Inputs are valid by construction: every field of the contract, amounts as whole cents / 100,
 * dates real calendar dates 2024–2030, today 2024-01-01 … 2030-12-31.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssessInput, Assessment, AssessOptions, BudgetLine, Lang } from '../../rules/index.js';
import { assess, SLOT_PATHS, validateAssessInput } from '../../rules/index.js';
import { cents, inputArb, optionsArb } from './arbitraries.js';
import { SPEC_CONDITIONAL, SPEC_REQUIRED, specOrder } from './helpers.js';

const RUNS = { numRuns: 300 };
const run = (input: AssessInput, opts: Pick<AssessOptions, 'remainingBudget'>, lang: Lang): Assessment =>
  // options.today is a date the input always overrides (every generated input has `today`).
  assess(input, { today: '2031-06-01', lang, ...opts });

const DEFAULT_CEILING: Record<BudgetLine, number> = {
  'sport-en-bewegen': 30_635_00,
  'overige-initiatieven': 115_000_00,
};

/** Deletes slots ("group.field") from a copy of the input. */
function without(input: AssessInput, paths: readonly string[]): AssessInput {
  const out = structuredClone(input) as Record<string, Record<string, unknown> | unknown>;
  for (const path of paths) {
    const [group, field] = path.split('.') as [string, string];
    const g = out[group] as Record<string, unknown> | undefined;
    if (g) delete g[field];
  }
  return out as AssessInput;
}

// ---------------------------------------------------------------------------------------------------------
// Properties of assess
// ---------------------------------------------------------------------------------------------------------

describe('assess on generated full inputs', () => {
  it('generated inputs are valid for the API, and come back unchanged', () => {
    fc.assert(
      fc.property(inputArb('some'), (input) => {
        expect(validateAssessInput(input, 'en')).toEqual({ ok: true, input });
      }),
      RUNS,
    );
  });

  it('never throws, is deterministic and does not change its input', () => {
    fc.assert(
      fc.property(inputArb('some'), optionsArb, fc.constantFrom<Lang>('nl', 'en'), (input, opts, lang) => {
        const before = structuredClone(input);
        const a = run(input, opts, lang);
        expect(input).toEqual(before);
        expect(run(structuredClone(input), opts, lang)).toEqual(a);
      }),
      RUNS,
    );
  });

  it('verdict: not-eligible ⇔ a refusal; otherwise refer ⇔ tier buurt-500, else eligible', () => {
    fc.assert(
      fc.property(inputArb('some'), optionsArb, (input, opts) => {
        const a = run(input, opts, 'en');
        const refused = a.findings.some((f) => f.severity === 'refusal');
        expect(a.verdict === 'not-eligible').toBe(refused);
        expect(a.route).toBeDefined();
        if (a.verdict === 'refer') expect(a.route?.tier).toBe('buurt-500');
        if (!refused) expect(a.verdict).toBe(a.route?.tier === 'buurt-500' ? 'refer' : 'eligible');
        expect(a.missing).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('nl and en give the same findings, checklist, deadlines and route; every text is non-empty', () => {
    fc.assert(
      fc.property(inputArb('some'), optionsArb, (input, opts) => {
        const nl = run(input, opts, 'nl');
        const en = run(input, opts, 'en');
        const shape = (a: Assessment) => ({
          verdict: a.verdict,
          route: a.route,
          findings: a.findings.map(({ message: _, ...rest }) => rest),
          checklist: a.checklist?.map(({ label: _, ...rest }) => rest),
          deadlines: a.deadlines?.map(({ label: _, ...rest }) => rest),
          accountability: a.accountability && { ...a.accountability, description: '' },
          recommendations: a.recommendations,
        });
        expect(shape(nl)).toEqual(shape(en));
        for (const a of [nl, en]) {
          for (const f of a.findings) {
            expect(f.message.trim(), f.rule).not.toBe('');
            expect(f.source.trim(), f.rule).not.toBe('');
          }
          for (const c of a.checklist ?? []) expect(c.label.trim(), c.id).not.toBe('');
          for (const d of a.deadlines ?? []) expect(d.label.trim(), d.id).not.toBe('');
          if (a.accountability) expect(a.accountability.description.trim()).not.toBe('');
        }
        expect(nl.lang).toBe('nl');
        expect(en.lang).toBe('en');
      }),
      RUNS,
    );
  });

  it('findings: each rule at most once, sorted by severity then by the rule table', () => {
    fc.assert(
      fc.property(inputArb('some'), optionsArb, (input, opts) => {
        const a = run(input, opts, 'en');
        const ids = a.findings.map((f) => f.rule);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toEqual(specOrder(a.findings).map((f) => f.rule));
      }),
      RUNS,
    );
  });

  it('output amounts are the input amounts, computed in cents', () => {
    fc.assert(
      fc.property(inputArb('some'), optionsArb, (input, opts) => {
        const a = run(input, opts, 'en');
        const m = input.money!;
        const requested = cents(m.requested!);
        const third = cents(m.thirdPartyContributions ?? 0);
        const earlier = cents(input.history?.amountGrantedThisYear ?? 0);

        // exceeds-remaining-costs: maxAmount = max(0, totalCosts − thirdParty)
        const exceeds = a.findings.find((f) => f.rule === 'exceeds-remaining-costs');
        if (m.totalCosts === undefined) expect(exceeds).toBeUndefined();
        else {
          const left = Math.max(0, cents(m.totalCosts) - third);
          expect(exceeds !== undefined).toBe(requested > left);
          if (exceeds) expect(exceeds.maxAmount).toBe(left / 100);
        }

        // no-own-contribution: requested ≥ totalCosts
        const noOwn = a.findings.some((f) => f.rule === 'no-own-contribution');
        expect(noOwn).toBe(m.totalCosts !== undefined && requested >= cents(m.totalCosts));

        // cost-per-participant: requested ÷ participants, rounded to cents
        const participants = input.initiative?.expectedParticipants;
        const perHead = a.findings.find((f) => f.rule === 'cost-per-participant');
        expect(perHead !== undefined).toBe(participants !== undefined && participants > 0);
        if (perHead) {
          const valueCents = perHead.value! * 100;
          expect(Math.abs(valueCents - Math.round(valueCents))).toBeLessThan(1e-6);
          expect(Math.abs(valueCents - requested / participants!)).toBeLessThanOrEqual(0.5 + 1e-9);
        }

        // accountability: the total of this request and earlier grants this year
        expect(a.accountability?.totalThisYear).toBe((requested + earlier) / 100);

        // budget-ceiling: requested above what is left of its line
        const line: BudgetLine =
          input.initiative?.type === 'sport' ? 'sport-en-bewegen' : 'overige-initiatieven';
        const remaining = opts.remainingBudget?.[line] ?? DEFAULT_CEILING[line];
        expect(a.findings.some((f) => f.rule === 'budget-ceiling')).toBe(requested > remaining);
        expect(a.route?.budgetLine).toBe(line);
      }),
      RUNS,
    );
  });

  it('checklist and deadlines: empty when not-eligible, none for buurt-500, vog ⇔ vulnerable people', () => {
    fc.assert(
      fc.property(inputArb('some'), optionsArb, (input, opts) => {
        const a = run(input, opts, 'en');
        const ids = (a.checklist ?? []).map((c) => c.id);
        const dates = (a.deadlines ?? []).map((d) => d.date);
        if (a.verdict === 'not-eligible') {
          expect(a.checklist).toEqual([]);
          expect(a.deadlines).toEqual([]);
          return;
        }
        expect(dates).toEqual([...dates].sort());
        expect(new Set(ids).size).toBe(ids.length);
        const buurt = a.route?.tier === 'buurt-500';
        if (buurt) expect(ids).toEqual([]);
        else expect(ids).toContain('aanvraagformulier');
        expect(ids.includes('vog')).toBe(!buurt && input.initiative?.worksWithVulnerable === true);
        for (const c of a.checklist ?? []) expect(c.required).toBe(c.id !== 'vog');
        const hasDecision = a.deadlines?.some((d) => d.id === 'decision-expected');
        expect(hasDecision).toBe(a.route?.tier === 'tot-1000' || a.route?.tier === 'tot-10000');
        expect(a.deadlines?.some((d) => d.id === 'submit-by')).toBe(!buurt);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Partial assessment
// ---------------------------------------------------------------------------------------------------------

describe('partial assessment on generated inputs', () => {
  const removal = fc.subarray([...SLOT_PATHS]);

  it('never reports a refusal the full assessment does not also report', () => {
    fc.assert(
      fc.property(inputArb('some'), removal, optionsArb, (input, removed, opts) => {
        const partial = run({ ...without(input, removed), partial: true }, opts, 'en');
        const full = run(input, opts, 'en');
        for (const f of partial.findings.filter((x) => x.severity === 'refusal')) {
          expect(full.findings.find((g) => g.rule === f.rule)?.severity, f.rule).toBe('refusal');
        }
      }),
      RUNS,
    );
  });

  it('never reports a finding, route or accountability the full assessment does not share', () => {
    fc.assert(
      fc.property(inputArb('some'), removal, optionsArb, (input, removed, opts) => {
        const partial = run({ ...without(input, removed), partial: true }, opts, 'en');
        const full = run(input, opts, 'en');
        for (const f of partial.findings) {
          const g = full.findings.find((x) => x.rule === f.rule);
          expect(g, f.rule).toBeDefined();
          expect(g!.severity, f.rule).toBe(f.severity);
          expect(g!.value, f.rule).toBe(f.value);
          expect(g!.maxAmount, f.rule).toBe(f.maxAmount);
        }
        // Route and accountability may be absent; when present they are already the final ones.
        if (partial.route) expect(partial.route).toEqual(full.route);
        if (partial.accountability) expect(partial.accountability).toEqual(full.accountability);
      }),
      RUNS,
    );
  });

  it('verdict is not-eligible or incomplete; missing names the removed required slots and only open slots', () => {
    fc.assert(
      fc.property(inputArb('some'), removal, optionsArb, (input, removed, opts) => {
        const partialInput = { ...without(input, removed), partial: true };
        const a = run(partialInput, opts, 'en');
        expect(a.verdict).toBe(
          a.findings.some((f) => f.severity === 'refusal') ? 'not-eligible' : 'incomplete',
        );
        const missing = a.missing ?? [];
        for (const path of SPEC_REQUIRED) if (removed.includes(path)) expect(missing).toContain(path);
        const allowed: readonly string[] = [...SPEC_REQUIRED, ...SPEC_CONDITIONAL];
        for (const path of missing) {
          expect(allowed).toContain(path);
          const [group, field] = path.split('.') as [keyof AssessInput, string];
          expect((partialInput[group] as Record<string, unknown> | undefined)?.[field], path).toBeUndefined();
        }
      }),
      RUNS,
    );
  });

  it('with every slot answered, partial gives the full findings and misses nothing', () => {
    fc.assert(
      fc.property(inputArb('all'), optionsArb, (input, opts) => {
        const partial = run({ ...input, partial: true }, opts, 'en');
        const full = run(input, opts, 'en');
        expect(partial.findings).toEqual(full.findings);
        expect(partial.missing).toEqual([]);
        expect(partial.verdict).toBe(full.verdict === 'not-eligible' ? 'not-eligible' : 'incomplete');
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// validateAssessInput fuzzing
// ---------------------------------------------------------------------------------------------------------

const isRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

describe('validateAssessInput on anything', () => {
  it.each([
    ['fc.anything()', fc.anything()],
    ['fc.jsonValue()', fc.jsonValue()],
  ])(
    '%s: never throws; non-objects give ok:false with an issue; a failure always names an issue',
    (_, arb) => {
      fc.assert(
        fc.property(arb, fc.constantFrom<Lang>('nl', 'en'), (body, lang) => {
          const v = validateAssessInput(body, lang);
          if (!isRecord(body)) expect(v.ok).toBe(false);
          if (!v.ok) {
            expect(v.issues.length).toBeGreaterThan(0);
            for (const issue of v.issues) expect(issue.message.trim()).not.toBe('');
          }
        }),
        { numRuns: 500 },
      );
    },
  );

  it('a valid input with one unknown field (top level or nested) is refused naming that path', () => {
    const group = fc.constantFrom('', 'applicant', 'initiative', 'money', 'history');
    const name = fc.stringMatching(/^[a-z][a-zA-Z]{0,11}$/);
    fc.assert(
      fc.property(inputArb('all'), group, name, (input, g, key) => {
        const body = structuredClone(input) as Record<string, Record<string, unknown>>;
        const target = g === '' ? body : body[g]!;
        fc.pre(!(key in target));
        (target as Record<string, unknown>)[key] = 1;
        const v = validateAssessInput(body, 'en');
        expect(v.ok).toBe(false);
        if (!v.ok) expect(v.issues.map((i) => i.path)).toContain(g === '' ? key : `${g}.${key}`);
      }),
      RUNS,
    );
  });
});
