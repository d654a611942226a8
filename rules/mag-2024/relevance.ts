import type { SubsidyType } from '../codes.js';
import type { Facts } from '../facts.js';
import { effectiveType, isGalaApplication, isKern, isNonCore, requestedAbove } from '../facts.js';
import type { SlotPath } from '../input-schema.js';
import type { Implied, Relevance } from '../ruleset.js';
import type { Tri } from '../tri.js';
import { and, known, not, or } from '../tri.js';
import { PARAMETERS as P, SOURCES as S } from './parameters.js';
import { isBuurtInitiative } from './route.js';

/**
 * Types that are activities by their definition, so "is it an activity?" needs no question:
 * a kernactiviteit is "activiteiten die tot de hoofdtaak … behoren" (Bijlage 2, noot 2), and an
 * evenement is an event people come to (Bijlage 2 §3).
 */
const ACTIVITY_TYPES: readonly SubsidyType[] = ['kernactiviteit', 'evenement'];

/** `applicant-above-10000` reads whether the initiative fits the registered business. */
export const needsKvkFit = (f: Facts): Tri =>
  and(
    known(f.applicant.kind, (k) => k === 'kvk-professional'),
    requestedAbove(f, P.middleMax),
  );

/** The tier `buurt-500` turns on the neighbourhood only for a resident's one-off request up to € 500. */
export const mayBeBuurt = (f: Facts): Tri =>
  and(
    known(f.applicant.kind, (k) => k === 'resident'),
    known(effectiveType(f), (t) => t === 'eenmalig'),
    known(f.money.requested, (r) => r <= P.buurtMax),
  );

/**
 * Whether `accountability-by` needs the end date: the `report` level always, the `audit` level unless it is
 * a kernactiviteit (1 April of the next year, art. 13 sub a). The level follows this request plus what was
 * granted earlier this year; the request alone can already settle it.
 */
function endDateMatters(f: Facts): Tri {
  const requested = f.money.requested;
  const earlier = f.history.amountGrantedThisYear;
  const total = requested === undefined || earlier === undefined ? undefined : requested + earlier;
  const { directMax, reportMax } = P.accountability;
  const aboveDirect: Tri =
    total !== undefined
      ? total > directMax
      : requested !== undefined && requested > directMax
        ? true
        : undefined;
  const atMostReport: Tri =
    total !== undefined
      ? total <= reportMax
      : requested !== undefined && requested > reportMax
        ? false
        : undefined;
  return and(aboveDirect, or(atMostReport, not(isKern(f))));
}

/**
 * Answers that follow from other answers by definition (the dialog gives them instead of asking), with
 * the reading behind each. Applied before relevance, so what depends on them is settled too.
 */
export function impliedAnswers(f: Facts): Implied {
  const implied: Implied = {};
  const { type, startDate } = f.initiative;
  if (type !== undefined && ACTIVITY_TYPES.includes(type)) implied['initiative.isActivity'] = true;
  // A start in the future has not begun (art. 3 sub a: "begonnen voordat de aanvraag is ontvangen").
  if (startDate !== undefined && startDate > f.today) implied['initiative.alreadyStarted'] = false;
  // No earlier grant this year, so nothing was granted this year.
  if (f.history.grantsThisYear === 0) implied['history.amountGrantedThisYear'] = 0;
  return implied;
}

export const IMPLIED_SOURCES: Record<keyof Implied, string> = {
  'initiative.isActivity': `${S.bijlage2Kern}; ${S.bijlage2Evenement}`,
  'initiative.alreadyStarted': S.art3a,
  'history.amountGrantedThisYear': S.art3c,
};

/**
 * Which slots can still change the assessment for the answers so far: `true` it can, `false` no answer to
 * it changes anything (or it is implied), `undefined` that depends on answers not given yet. Every slot a
 * rule, the route, the checklist, a deadline or the accountability reads is here, under the same condition
 * under which it reads it.
 *
 * One choice is deliberate: a neighbourhood initiative that goes to the buurtwerker (tier `buurt-500`) is not
 * asked its budget (total costs, contributions, participants). The buurtwerker settles that without a form
 * (Bijlage 2 §2); those answers only add remarks about the application form's budget.
 */
export function slotRelevance(f: Facts, implied: Implied): Relevance {
  const notImplied = (path: keyof Implied, condition: Tri): Tri => (path in implied ? false : condition);
  const formRoute = not(isBuurtInitiative(f));
  const { initiative: i, money: m, history: h } = f;
  const relevance: Record<SlotPath, Tri> = {
    'applicant.kind': true,
    'applicant.kvkFitsBusiness': needsKvkFit(f),
    'initiative.inMunicipality': true,
    'initiative.ownNeighbourhood': mayBeBuurt(f),
    'initiative.themes': true,
    'initiative.kaders': true,
    'initiative.type': true,
    'initiative.isActivity': notImplied(
      'initiative.isActivity',
      known(i.type, () => true),
    ),
    'initiative.fitsGala': not(i.isActivity),
    'initiative.startDate': true,
    'initiative.endDate': endDateMatters(f),
    // Before today the start has surely passed (`already-started` holds); after today it is implied.
    'initiative.alreadyStarted': notImplied(
      'initiative.alreadyStarted',
      known(i.startDate, (d) => d === f.today),
    ),
    'initiative.multipleInitiatives': true,
    'initiative.profitMotive': true,
    'initiative.primarilyReligious': true,
    'initiative.diaconalOpenToAll': i.primarilyReligious,
    'initiative.worksWithVulnerable': true,
    'initiative.needsEventPermit': known(i.type, (t) => t === 'evenement'),
    'initiative.expectedParticipants': formRoute,
    'money.requested': true,
    'money.totalCosts': formRoute,
    // With nothing to pay there is nothing for others to pay: what they give changes nothing.
    'money.thirdPartyContributions': and(
      formRoute,
      known(m.totalCosts, (t) => t > 0),
    ),
    'money.includesFoodAndDrink': true,
    'money.targetsLowIncome': m.includesFoodAndDrink,
    'money.includesMaterialsOrRealEstate': not(isGalaApplication(f)),
    'money.otherMunicipalFunding': true,
    'history.grantsThisYear': true,
    'history.amountGrantedThisYear': notImplied(
      'history.amountGrantedThisYear',
      known(h.grantsThisYear, (n) => n > 0),
    ),
    'history.nonCoreApplicationsThisYear': isNonCore(f),
    'history.coreApplicationThisYear': isKern(f),
    'history.sameApplicationRefusedBefore': true,
    'history.similarGranted': true,
  };
  return relevance;
}
