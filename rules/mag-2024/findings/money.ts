import { BUDGET_LINES } from '../../codes.js';
import { isNonCore, requestedAbove, subsidyYear } from '../../facts.js';
import type { RuleDefinition } from '../../rule.js';
import { holds } from '../../rule.js';
import { and, not } from '../../tri.js';
import { PARAMETERS as P, SOURCES as S } from '../parameters.js';
import { budgetLineOf } from '../route.js';

/** What may be asked for, and how the amount relates to the costs and the budget. */
export const moneyRules: RuleDefinition[] = [
  {
    id: 'non-core-cap',
    severity: 'refusal',
    source: S.art7,
    check: (f) =>
      holds(and(isNonCore(f), requestedAbove(f, P.middleMax)), () => ({
        params: { requested: { money: f.money.requested! }, max: { money: P.middleMax } },
      })),
  },
  {
    id: 'budget-ceiling',
    severity: 'refusal',
    source: S.art3b,
    check: (f, ctx) => {
      const { requested } = f.money;
      if (requested === undefined) return undefined;
      // What is left is that of the subsidy year (art. 8; Bijlage 3): the year the initiative starts.
      const year = subsidyYear(f);
      const { type } = f.initiative;
      if (type !== undefined) {
        const line = budgetLineOf(type);
        const remaining = ctx.remaining(line, year);
        if (remaining === undefined) {
          // No ceiling and no remainder for that year: said, never the figures of another year.
          if (year === undefined) return undefined;
          return holds(true, () => ({
            severity: 'risk',
            variant: 'no-figures',
            params: { year, budgetLine: { budgetLine: line } },
          }));
        }
        return holds(requested > remaining, () => ({
          variant: 'line',
          params: {
            requested: { money: requested },
            remaining: { money: remaining },
            budgetLine: { budgetLine: line },
          },
        }));
      }
      // Before the type is known the rule already holds when the amount exceeds every line's remainder.
      const remainders = BUDGET_LINES.map((l) => ctx.remaining(l, year));
      if (remainders.some((r) => r === undefined || requested <= r)) return undefined;
      const remaining = Math.max(...(remainders as number[]));
      return holds(true, () => ({
        variant: 'any',
        params: { requested: { money: requested }, remaining: { money: remaining } },
      }));
    },
  },
  {
    id: 'food-and-drink',
    severity: 'warning',
    source: `${S.art6}; ${S.bijlage2NietGesubsidieerd}`,
    check: (f) => holds(and(f.money.includesFoodAndDrink, not(f.money.targetsLowIncome))),
  },
  {
    id: 'exceeds-remaining-costs',
    severity: 'warning',
    source: S.art6,
    check: (f) => {
      const { requested, totalCosts, thirdPartyContributions } = f.money;
      if (requested === undefined || totalCosts === undefined || thirdPartyContributions === undefined) {
        return undefined;
      }
      const remaining = Math.max(0, totalCosts - thirdPartyContributions);
      return holds(requested > remaining, () => ({
        maxAmount: remaining,
        params: { maxAmount: { money: remaining } },
      }));
    },
  },
  {
    id: 'no-own-contribution',
    severity: 'warning',
    source: S.bijlage2Financiering,
    check: (f) => {
      const { requested, totalCosts } = f.money;
      if (requested === undefined || totalCosts === undefined) return undefined;
      return holds(requested >= totalCosts);
    },
  },
  {
    id: 'other-municipal-funding',
    severity: 'info',
    source: S.bijlage2Financiering,
    check: (f) => holds(f.money.otherMunicipalFunding),
  },
  {
    id: 'cost-per-participant',
    severity: 'info',
    source: S.bijlage2Weigering,
    check: (f) => {
      const { requested } = f.money;
      const participants = f.initiative.expectedParticipants;
      if (requested === undefined || participants === undefined) return undefined;
      return holds(participants > 0, () => {
        const perParticipant = Math.round(requested / participants);
        return { value: perParticipant, params: { value: { money: perParticipant }, participants } };
      });
    },
  },
];
