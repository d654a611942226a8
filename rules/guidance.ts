import type { RemainingBudgetOption } from './budget.js';
import { budgetContext } from './budget.js';
import type { CalendarDate } from './calendar-date.js';
import { toFacts } from './facts.js';
import type { AssessInput } from './input-schema.js';
import { toEuros } from './money.js';
import type { Implied, Relevance } from './ruleset.js';
import { rulesetFor } from './rulesets.js';

export interface GuidanceOptions {
  today: CalendarDate;
  /** As in `assess`: per line, the same for every year or a function of the subsidy year. */
  remainingBudget?: RemainingBudgetOption;
}

/** The input with the implied answers written in (they override: they hold by definition). */
export function withImplied(input: AssessInput, implied: Implied): AssessInput {
  const out: Record<string, unknown> = { ...input };
  for (const [path, value] of Object.entries(implied)) {
    const [group, field] = path.split('.') as [string, string];
    out[group] = { ...(out[group] as Record<string, unknown> | undefined), [field]: value };
  }
  return out as AssessInput;
}

/**
 * What a conversation should ask next, according to the ruleset in force: for every slot whether an answer
 * can still change the assessment, and the answers that follow from the others by definition. Unanswered
 * slots are unknown (as in a partial assessment).
 */
export function guidance(
  input: AssessInput,
  options: GuidanceOptions,
): { relevance: Relevance; implied: Implied } {
  const today = input.today ?? options.today;
  const ruleset = rulesetFor(today);
  const implied = ruleset.impliedAnswers(toFacts(input, today, true));
  const facts = toFacts(withImplied(input, implied), today, true);
  return { relevance: ruleset.slotRelevance(facts, implied), implied };
}

/** A way out of a refusal, with amounts in euros as the API speaks. */
export type RemedyOption =
  | { kind: 'lower-amount'; amount: number }
  | { kind: 'later-year'; year: number }
  | { kind: 'next-round' };

/**
 * The simple ways out of the refusals this input gives (a lower amount, a later year, the next round),
 * each checked to leave no refusal with every other answer kept. Empty when nothing simple helps.
 */
export function remedies(input: AssessInput, options: GuidanceOptions): RemedyOption[] {
  const today = input.today ?? options.today;
  const ruleset = rulesetFor(today);
  const facts = toFacts(input, today, input.partial === true);
  const ctx = budgetContext(ruleset.budgetCeilings, options.remainingBudget);
  return ruleset
    .remedies(facts, ctx)
    .map((r) => (r.kind === 'lower-amount' ? { kind: r.kind, amount: toEuros(r.amount) } : r));
}
