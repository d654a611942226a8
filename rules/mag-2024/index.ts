import { RECOMMENDATIONS } from '../codes.js';
import type { Ruleset } from '../ruleset.js';
import { accountabilityOf } from './accountability.js';
import { checklistOf } from './checklist.js';
import { deadlinesOf } from './deadlines.js';
import { FINDING_RULES } from './findings/index.js';
import { missingSlots } from './missing-slots.js';
import { PARAMETERS, TEXT_PARAMETERS } from './parameters.js';
import { impliedAnswers, slotRelevance } from './relevance.js';
import { remediesOf } from './remedies.js';
import { routeOf } from './route.js';

/** Subsidieregeling MAG, adopted 19 December 2023, in force 1 January 2024 (art. 15). */
export const mag2024: Ruleset = {
  id: 'mag-2024',
  effectiveFrom: '2024-01-01',
  findings: FINDING_RULES,
  budgetCeilings: PARAMETERS.budgetCeilings,
  recommendations: RECOMMENDATIONS,
  routeOf,
  checklistOf,
  deadlinesOf,
  accountabilityOf,
  missingSlots,
  impliedAnswers,
  slotRelevance,
  remedies: remediesOf,
  textParams: TEXT_PARAMETERS,
};
