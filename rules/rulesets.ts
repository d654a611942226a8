import type { CalendarDate } from './calendar-date.js';
import { mag2024 } from './mag-2024/index.js';
import type { Ruleset } from './ruleset.js';

/** Every regulation this assistant knows, newest last. A new year's regulation is added here, never edited in. */
export const RULESETS: readonly Ruleset[] = [mag2024];

export class NoRulesetError extends Error {
  constructor(readonly date: CalendarDate) {
    super(`No MAG ruleset covers ${date}`);
  }
}

/** The ruleset in force on `date`. A date before every ruleset is an error, never a silent fallback. */
export function rulesetFor(date: CalendarDate): Ruleset {
  let found: Ruleset | undefined;
  for (const ruleset of RULESETS) if (ruleset.effectiveFrom <= date) found = ruleset;
  if (!found) throw new NoRulesetError(date);
  return found;
}

export function rulesetById(id: string): Ruleset | undefined {
  return RULESETS.find((r) => r.id === id);
}
