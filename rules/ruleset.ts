import type { CalendarDate } from './calendar-date.js';
import type { BudgetLine, Recommendation } from './codes.js';
import type { DatedValue } from './dated.js';
import type { Facts } from './facts.js';
import type { SlotPath } from './input-schema.js';
import type { Accountability } from './mag-2024/accountability.js';
import type { ChecklistEntry } from './mag-2024/checklist.js';
import type { DeadlineEntry } from './mag-2024/deadlines.js';
import type { Route } from './mag-2024/route.js';
import type { Cents } from './money.js';
import type { MessageParams, RuleContext, RuleDefinition } from './rule.js';
import type { Tri } from './tri.js';

export type { Accountability, ChecklistEntry, DeadlineEntry, Route };

/** Per slot: can an answer still change the assessment (`true`), not (`false`), or not known yet. */
export type Relevance = Record<SlotPath, Tri>;

/** Answers that follow from other answers by definition, as `/api/assess` input values. */
export type Implied = Partial<{
  'initiative.isActivity': boolean;
  'initiative.alreadyStarted': boolean;
  'history.amountGrantedThisYear': number;
}>;

/**
 * A simple way out of a refusal, checked by the rules: the highest amount that can be granted, a later
 * subsidy year, or the next round of a recurring initiative (a new start date).
 */
export type Remedy =
  | { kind: 'lower-amount'; amount: Cents }
  | { kind: 'later-year'; year: number }
  | { kind: 'next-round' };

/** One dated regulation: its findings, route, checklist, deadlines and accountability. */
export interface Ruleset {
  id: string;
  /** First day on which this regulation applies (the assessment date decides which ruleset runs). */
  effectiveFrom: CalendarDate;
  findings: readonly RuleDefinition[];
  /** The ceilings of the budget lines by subsidy year, each with its source (art. 8; Bijlage 3). */
  budgetCeilings: readonly DatedValue<Record<BudgetLine, Cents>>[];
  recommendations: readonly Recommendation[];
  routeOf(f: Facts): Route | undefined;
  checklistOf(f: Facts, route: Route): ChecklistEntry[];
  deadlinesOf(f: Facts, route: Route, accountability: Accountability | undefined): DeadlineEntry[];
  accountabilityOf(f: Facts): Accountability | undefined;
  missingSlots(f: Facts): SlotPath[];
  impliedAnswers(f: Facts): Implied;
  slotRelevance(f: Facts, implied: Implied): Relevance;
  remedies(f: Facts, ctx: RuleContext): Remedy[];
  /** Amounts, counts and periods that texts mention (`{{middleMax}}`), so no text repeats a number. */
  textParams: MessageParams;
}
