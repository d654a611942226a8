import type { BudgetLine, Cents } from '../rules/index.js';
import { toCents } from '../rules/index.js';
import type { Config } from './config.js';

/** The deployment's remaining budget per line (`.env.example`); absent lines use the ruleset's ceiling. */
export function remainingBudgetOf(config: Config): Partial<Record<BudgetLine, Cents>> {
  return {
    ...(config.BUDGET_REMAINING_SPORT_EN_BEWEGEN !== undefined && {
      'sport-en-bewegen': toCents(config.BUDGET_REMAINING_SPORT_EN_BEWEGEN),
    }),
    ...(config.BUDGET_REMAINING_OVERIGE_INITIATIEVEN !== undefined && {
      'overige-initiatieven': toCents(config.BUDGET_REMAINING_OVERIGE_INITIATIEVEN),
    }),
  };
}
