import type { CalendarDate } from './calendar-date.js';
import type { BudgetLine, Recommendation } from './codes.js';
import type { Facts } from './facts.js';
import type { SlotPath } from './input-schema.js';
import type { Accountability } from './mag-2024/accountability.js';
import type { ChecklistEntry } from './mag-2024/checklist.js';
import type { DeadlineEntry } from './mag-2024/deadlines.js';
import type { Route } from './mag-2024/route.js';
import type { Cents } from './money.js';
import type { RuleDefinition } from './rule.js';

export type { Accountability, ChecklistEntry, DeadlineEntry, Route };

/** One dated regulation: its findings, route, checklist, deadlines and accountability. */
export interface Ruleset {
  id: string;
  /** First day on which this regulation applies (the assessment date decides which ruleset runs). */
  effectiveFrom: CalendarDate;
  findings: readonly RuleDefinition[];
  budgetCeilings: Record<BudgetLine, Cents>;
  recommendations: readonly Recommendation[];
  routeOf(f: Facts): Route | undefined;
  checklistOf(f: Facts, route: Route): ChecklistEntry[];
  deadlinesOf(f: Facts, route: Route, accountability: Accountability | undefined): DeadlineEntry[];
  accountabilityOf(f: Facts): Accountability | undefined;
  missingSlots(f: Facts): SlotPath[];
}
