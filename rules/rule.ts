import type { CalendarDate } from './calendar-date.js';
import type { BudgetLine, RuleId, Severity } from './codes.js';
import type { Facts } from './facts.js';
import type { Cents } from './money.js';
import type { Tri } from './tri.js';

/** A value to put into a finding's message, formatted for the requested language. */
export type MessageParam =
  | { date: CalendarDate }
  | { money: Cents }
  | { budgetLine: BudgetLine }
  | number
  | string;

export type MessageParams = Record<string, MessageParam>;

/** A rule that holds: how it is reported. */
export interface Hit {
  /** Overrides the rule's severity (`deadline-above-10000` is a risk or a refusal). */
  severity?: Severity;
  /** Picks `findings.<id>.<variant>` instead of `findings.<id>` for the message. */
  variant?: string;
  params?: MessageParams;
  value?: Cents;
  maxAmount?: Cents;
}

/** `false`: does not hold; `undefined`: cannot tell yet (partial assessment). */
export type Outcome = Hit | false | undefined;

export interface RuleContext {
  /**
   * What is left of a budget line in a subsidy year (cents): what the deployment says, else that year's
   * ceiling. `undefined` when there is no figure for the year. For an unknown year (`undefined`) the most
   * that any year can have, or `undefined` when that cannot be told before the year is known.
   */
  remaining(line: BudgetLine, year: number | undefined): Cents | undefined;
}

export interface RuleDefinition {
  id: RuleId;
  severity: Severity;
  /** Article or Bijlage section, in the words a consulent recognises. */
  source: string;
  check(f: Facts, ctx: RuleContext): Outcome;
}

/** Turns a three-valued condition into an outcome; `hit` is built only when the rule holds. */
export function holds(condition: Tri, hit?: () => Hit): Outcome {
  if (condition !== true) return condition;
  return hit ? hit() : {};
}
