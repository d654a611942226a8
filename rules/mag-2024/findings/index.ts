import { RULE_IDS } from '../../codes.js';
import type { RuleDefinition } from '../../rule.js';
import { fitRules } from './fit.js';
import { historyRules } from './history.js';
import { moneyRules } from './money.js';
import { timingRules } from './timing.js';

const byId = new Map([...fitRules, ...timingRules, ...historyRules, ...moneyRules].map((r) => [r.id, r]));

/** Every finding of `mag-2024`, in the order of the spec's table. Fails loudly when one is missing. */
export const FINDING_RULES: readonly RuleDefinition[] = RULE_IDS.map((id) => {
  const rule = byId.get(id);
  if (!rule) throw new Error(`mag-2024 has no definition for rule ${id}`);
  return rule;
});
