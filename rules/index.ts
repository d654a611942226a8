/**
 * The MAG rules: pure, deterministic, no I/O and no framework. Everything a channel needs is here.
 * Where is rule X? `rules/mag-2024/findings/` (see rules/README.md for the index).
 */
export type { Assessment, AssessOptions, Finding } from './assess.js';
export { assess } from './assess.js';
export type { BudgetCeilings, RemainingBudget, RemainingBudgetOption } from './budget.js';
export { budgetCeilingsFor } from './budget.js';
export * from './calendar-date.js';
export type { Catalogue, TextParams } from './catalogue.js';
export { catalogue } from './catalogue.js';
export * from './codes.js';
export type { DatedValue } from './dated.js';
export { NoFiguresForYearError, valueForYear } from './dated.js';
export type { GuidanceOptions, RemedyOption } from './guidance.js';
export { guidance, remedies, withImplied } from './guidance.js';
export type { AssessInput, SlotPath } from './input-schema.js';
export { assessInputSchema, REQUIRED_PATHS, SLOT_PATHS } from './input-schema.js';
export { formatDate, hasMessage, message, rulesetFigures } from './messages.js';
export type { Cents } from './money.js';
export { formatEuros, hasAtMostTwoDecimals, MAX_EUROS, toCents, toEuros } from './money.js';
export type { Implied, Relevance, Route, Ruleset } from './ruleset.js';
export { NoRulesetError, RULESETS, rulesetById, rulesetFor } from './rulesets.js';
export type { InputIssue, Validation } from './validate.js';
export { validateAssessInput } from './validate.js';
