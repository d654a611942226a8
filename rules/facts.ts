import type { CalendarDate } from './calendar-date.js';
import { yearOf } from './calendar-date.js';
import type { ApplicantKind, Kader, SubsidyType, Theme } from './codes.js';
import type { AssessInput } from './input-schema.js';
import type { Cents } from './money.js';
import { toCents } from './money.js';
import type { Tri } from './tri.js';
import { and, known, not } from './tri.js';

/**
 * What the rules read: the answers in cents and calendar dates. In a full assessment the contract's
 * defaults are filled in; in a partial one an unanswered slot stays `undefined` ("not known yet"),
 * because defaults never count as given.
 */
export interface Facts {
  today: CalendarDate;
  applicant: { kind?: ApplicantKind; kvkFitsBusiness?: boolean };
  initiative: {
    inMunicipality?: boolean;
    ownNeighbourhood?: boolean;
    themes?: Theme[];
    kaders?: Kader[];
    type?: SubsidyType;
    isActivity?: boolean;
    fitsGala?: boolean;
    startDate?: CalendarDate;
    endDate?: CalendarDate;
    alreadyStarted?: boolean;
    multipleInitiatives?: boolean;
    profitMotive?: boolean;
    primarilyReligious?: boolean;
    diaconalOpenToAll?: boolean;
    worksWithVulnerable?: boolean;
    needsEventPermit?: boolean;
    expectedParticipants?: number;
  };
  money: {
    requested?: Cents;
    totalCosts?: Cents;
    thirdPartyContributions?: Cents;
    includesFoodAndDrink?: boolean;
    targetsLowIncome?: boolean;
    includesMaterialsOrRealEstate?: boolean;
    otherMunicipalFunding?: boolean;
  };
  history: {
    grantsThisYear?: number;
    amountGrantedThisYear?: Cents;
    nonCoreApplicationsThisYear?: number;
    coreApplicationThisYear?: boolean;
    sameApplicationRefusedBefore?: boolean;
    similarGranted?: boolean;
  };
}

const cents = (euros: number | undefined): Cents | undefined =>
  euros === undefined ? undefined : toCents(euros);
const unique = <T>(list: T[] | undefined): T[] | undefined =>
  list === undefined ? undefined : [...new Set(list)];

export function toFacts(input: AssessInput, today: CalendarDate, partial: boolean): Facts {
  const { applicant = {}, initiative = {}, money = {}, history = {} } = input;
  // Full assessments fill in the contract's defaults; partial ones leave the unknown unknown.
  const dflt = <T>(value: T | undefined, fallback: T): T | undefined =>
    value !== undefined || partial ? value : fallback;
  return {
    today,
    applicant: { kind: applicant.kind, kvkFitsBusiness: dflt(applicant.kvkFitsBusiness, false) },
    initiative: {
      inMunicipality: initiative.inMunicipality,
      ownNeighbourhood: dflt(initiative.ownNeighbourhood, false),
      themes: unique(initiative.themes),
      kaders: unique(initiative.kaders),
      type: initiative.type,
      isActivity: dflt(initiative.isActivity, true),
      fitsGala: dflt(initiative.fitsGala, false),
      startDate: initiative.startDate,
      endDate: initiative.endDate,
      alreadyStarted: dflt(initiative.alreadyStarted, false),
      multipleInitiatives: dflt(initiative.multipleInitiatives, false),
      profitMotive: dflt(initiative.profitMotive, false),
      primarilyReligious: dflt(initiative.primarilyReligious, false),
      diaconalOpenToAll: dflt(initiative.diaconalOpenToAll, false),
      worksWithVulnerable: dflt(initiative.worksWithVulnerable, false),
      needsEventPermit: dflt(initiative.needsEventPermit, false),
      expectedParticipants: initiative.expectedParticipants,
    },
    money: {
      requested: cents(money.requested),
      totalCosts: cents(money.totalCosts),
      thirdPartyContributions: cents(dflt(money.thirdPartyContributions, 0)),
      includesFoodAndDrink: dflt(money.includesFoodAndDrink, false),
      targetsLowIncome: dflt(money.targetsLowIncome, false),
      includesMaterialsOrRealEstate: dflt(money.includesMaterialsOrRealEstate, false),
      otherMunicipalFunding: dflt(money.otherMunicipalFunding, false),
    },
    history: {
      grantsThisYear: dflt(history.grantsThisYear, 0),
      amountGrantedThisYear: cents(dflt(history.amountGrantedThisYear, 0)),
      nonCoreApplicationsThisYear: dflt(history.nonCoreApplicationsThisYear, 0),
      coreApplicationThisYear: dflt(history.coreApplicationThisYear, false),
      sameApplicationRefusedBefore: dflt(history.sameApplicationRefusedBefore, false),
      similarGranted: dflt(history.similarGranted, false),
    },
  };
}

/** The subsidy year Y: the calendar year in which the initiative starts. */
export const subsidyYear = (f: Facts): number | undefined =>
  f.initiative.startDate === undefined ? undefined : yearOf(f.initiative.startDate);

/**
 * The type the rules treat the initiative as: an `evenement` that needs no permit or notification
 * is assessed as `eenmalig` in every respect (Bijlage 2 §3).
 */
export function effectiveType(f: Facts): SubsidyType | undefined {
  const { type, needsEventPermit } = f.initiative;
  if (type !== 'evenement') return type;
  if (needsEventPermit === undefined) return undefined;
  return needsEventPermit ? 'evenement' : 'eenmalig';
}

export const isKern = (f: Facts): Tri => known(f.initiative.type, (t) => t === 'kernactiviteit');
export const isNonCore = (f: Facts): Tri => not(isKern(f));
export const requestedAbove = (f: Facts, limit: Cents): Tri => known(f.money.requested, (r) => r > limit);
export const requestedAtMost = (f: Facts, limit: Cents): Tri => not(requestedAbove(f, limit));

/** A GALA application: not an activity, and fitting the themes and goals of the GALA. */
export const isGalaApplication = (f: Facts): Tri => and(not(f.initiative.isActivity), f.initiative.fitsGala);
