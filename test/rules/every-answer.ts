/**
 * Every kind of answer a slot can have, the spec's boundaries included: what the brute-force checks of
 * relevance try (test/rules/relevance.test.ts on generated inputs, the graph test on the dialog's paths).
 */
import type { Assessment, CalendarDate, RuleId, SlotPath } from '../../rules/index.js';
import { addDays } from '../../rules/index.js';

/** Answers that exercise every condition the rules have on a slot; dates around today and the start date. */
export function everyAnswer(path: SlotPath, today: CalendarDate, start: CalendarDate = today): unknown[] {
  switch (path) {
    case 'applicant.kind':
      return ['resident', 'organisation', 'kvk-professional'];
    case 'initiative.themes':
      return [[], ['verbinding']];
    case 'initiative.kaders':
      return [[], ['dichtbij']];
    case 'initiative.type':
      return ['kernactiviteit', 'eenmalig', 'evenement', 'sport'];
    case 'initiative.startDate':
    case 'initiative.endDate':
      return [
        addDays(today, -1),
        today,
        addDays(today, 30),
        addDays(start, 1),
        addDays(start, 200),
        addDays(start, 400),
      ];
    case 'initiative.expectedParticipants':
    case 'history.grantsThisYear':
    case 'history.nonCoreApplicationsThisYear':
      return [0, 1, 2, 3, 7, 40];
    case 'money.requested':
    case 'money.totalCosts':
    case 'money.thirdPartyContributions':
    case 'history.amountGrantedThisYear':
      return [0, 1, 500, 500.01, 1_000, 1_000.01, 4_000, 4_000.01, 5_000.01, 10_000.01, 60_000, 200_000];
    default:
      return [true, false];
  }
}

/**
 * The one documented exception to "an irrelevant slot changes nothing" (rules/mag-2024/relevance.ts): a
 * neighbourhood initiative for the buurtwerker is not asked its budget, whose answers would only add these
 * remarks about the application form's budget.
 */
export const BUDGET_SLOTS: readonly SlotPath[] = [
  'money.totalCosts',
  'money.thirdPartyContributions',
  'initiative.expectedParticipants',
];
const BUDGET_RULES: readonly RuleId[] = [
  'exceeds-remaining-costs',
  'no-own-contribution',
  'cost-per-participant',
];

export const withoutBudgetRemarks = (a: Assessment): Assessment => ({
  ...a,
  findings: a.findings.filter((f) => !BUDGET_RULES.includes(f.rule)),
});
