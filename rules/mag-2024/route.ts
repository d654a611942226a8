import type { Advisor, BudgetLine, Decider, SubsidyType, Tier } from '../codes.js';
import type { Facts } from '../facts.js';
import { effectiveType } from '../facts.js';
import type { Tri } from '../tri.js';
import { and, known } from '../tri.js';
import { PARAMETERS as P } from './parameters.js';

export interface Route {
  type: SubsidyType;
  tier: Tier;
  decidedBy: Decider;
  advisors: Advisor[];
  interview: boolean;
  budgetLine: BudgetLine;
}

/**
 * Tier `buurt-500`: a resident's one-off initiative in their own neighbourhood, at most € 500
 * (Bijlage 2 §2). The buurtwerkers of the welzijnswerk decide; there is no form.
 */
export const isBuurtInitiative = (f: Facts): Tri =>
  and(
    known(effectiveType(f), (t) => t === 'eenmalig'),
    known(f.applicant.kind, (k) => k === 'resident'),
    f.initiative.ownNeighbourhood,
    known(f.money.requested, (r) => r <= P.buurtMax),
  );

export function tierOf(f: Facts): Tier | undefined {
  const requested = f.money.requested;
  if (requested === undefined) return undefined;
  if (requested > P.middleMax) return 'boven-10000';
  if (requested > P.smallMax) return 'tot-10000';
  const buurt = isBuurtInitiative(f);
  if (buurt === undefined) return undefined;
  return buurt ? 'buurt-500' : 'tot-1000';
}

export const budgetLineOf = (type: SubsidyType): BudgetLine =>
  type === 'sport' ? 'sport-en-bewegen' : 'overige-initiatieven';

/** Who decides and who advises; `undefined` while an answer it depends on is still unknown. */
export function routeOf(f: Facts): Route | undefined {
  const type = effectiveType(f);
  const tier = tierOf(f);
  const requested = f.money.requested;
  const isActivity = f.initiative.isActivity;
  if (type === undefined || tier === undefined || requested === undefined || isActivity === undefined) {
    return undefined;
  }
  const decidedBy: Decider =
    tier === 'buurt-500'
      ? 'buurtwerker'
      : tier !== 'boven-10000'
        ? 'mag-consulent'
        : requested <= P.wethouderMax
          ? 'wethouder'
          : 'college';
  const advisors: Advisor[] = [];
  // The klankbordgroep may be asked on every route between € 1.000 and € 10.000 (Bijlage 1; Bijlage 2 §1–§4).
  if (tier === 'tot-10000') advisors.push('klankbordgroep');
  if (type === 'sport') advisors.push('team-sportservice');
  if (!isActivity) advisors.push('gala-uitvoeringsteam');
  return {
    type,
    tier,
    decidedBy,
    advisors,
    // "Bij alle aanvragen boven de € 1.000 vindt een gesprek plaats"; above € 10.000 "nader overleg".
    interview: tier === 'tot-10000' || tier === 'boven-10000',
    budgetLine: budgetLineOf(type),
  };
}
