import { z } from 'zod';
import { isCalendarDate } from './calendar-date.js';
import { APPLICANT_KINDS, KADERS, SUBSIDY_TYPES, THEMES } from './codes.js';
import { hasAtMostTwoDecimals, MAX_EUROS } from './money.js';

/**
 * The input of `POST /api/assess` and of `assess()`: the single source of validation.
 * Every field is optional here; which ones are required depends on `partial`, see `REQUIRED_PATHS`.
 * Strict objects: an unknown field is an error, so a typo is never silently ignored.
 * Custom messages are keys of `validation.*` in `locales/<lang>/rules.json`.
 */
const amount = z.number().min(0).max(MAX_EUROS).refine(hasAtMostTwoDecimals, { message: 'decimals' });
const count = z.number().int().min(0).max(1_000_000);
const date = z.string().refine(isCalendarDate, { message: 'date' });
const flag = z.boolean();

export const assessInputSchema = z.strictObject({
  today: date.optional(),
  partial: z.boolean().optional(),
  applicant: z
    .strictObject({
      kind: z.enum(APPLICANT_KINDS).optional(),
      kvkFitsBusiness: flag.optional(),
    })
    .optional(),
  initiative: z
    .strictObject({
      inMunicipality: flag.optional(),
      ownNeighbourhood: flag.optional(),
      themes: z
        .array(z.enum(THEMES))
        .max(THEMES.length * 2)
        .optional(),
      kaders: z
        .array(z.enum(KADERS))
        .max(KADERS.length * 2)
        .optional(),
      type: z.enum(SUBSIDY_TYPES).optional(),
      isActivity: flag.optional(),
      fitsGala: flag.optional(),
      startDate: date.optional(),
      endDate: date.optional(),
      alreadyStarted: flag.optional(),
      multipleInitiatives: flag.optional(),
      profitMotive: flag.optional(),
      primarilyReligious: flag.optional(),
      diaconalOpenToAll: flag.optional(),
      worksWithVulnerable: flag.optional(),
      needsEventPermit: flag.optional(),
      expectedParticipants: count.optional(),
    })
    .optional(),
  money: z
    .strictObject({
      requested: amount.optional(),
      totalCosts: amount.optional(),
      thirdPartyContributions: amount.optional(),
      includesFoodAndDrink: flag.optional(),
      targetsLowIncome: flag.optional(),
      includesMaterialsOrRealEstate: flag.optional(),
      otherMunicipalFunding: flag.optional(),
    })
    .optional(),
  history: z
    .strictObject({
      grantsThisYear: count.optional(),
      amountGrantedThisYear: amount.optional(),
      nonCoreApplicationsThisYear: count.optional(),
      coreApplicationThisYear: flag.optional(),
      sameApplicationRefusedBefore: flag.optional(),
      similarGranted: flag.optional(),
    })
    .optional(),
});

export type AssessInput = z.infer<typeof assessInputSchema>;

/** Slots a full (non-partial) assessment cannot do without. */
export const REQUIRED_PATHS = [
  'applicant.kind',
  'initiative.inMunicipality',
  'initiative.themes',
  'initiative.kaders',
  'initiative.type',
  'initiative.startDate',
  'money.requested',
] as const;

/** Every slot of the input, in the order of the contract: the dialog asks these by name. */
export const SLOT_PATHS = [
  'applicant.kind',
  'applicant.kvkFitsBusiness',
  'initiative.inMunicipality',
  'initiative.ownNeighbourhood',
  'initiative.themes',
  'initiative.kaders',
  'initiative.type',
  'initiative.isActivity',
  'initiative.fitsGala',
  'initiative.startDate',
  'initiative.endDate',
  'initiative.alreadyStarted',
  'initiative.multipleInitiatives',
  'initiative.profitMotive',
  'initiative.primarilyReligious',
  'initiative.diaconalOpenToAll',
  'initiative.worksWithVulnerable',
  'initiative.needsEventPermit',
  'initiative.expectedParticipants',
  'money.requested',
  'money.totalCosts',
  'money.thirdPartyContributions',
  'money.includesFoodAndDrink',
  'money.targetsLowIncome',
  'money.includesMaterialsOrRealEstate',
  'money.otherMunicipalFunding',
  'history.grantsThisYear',
  'history.amountGrantedThisYear',
  'history.nonCoreApplicationsThisYear',
  'history.coreApplicationThisYear',
  'history.sameApplicationRefusedBefore',
  'history.similarGranted',
] as const;

export type SlotPath = (typeof SLOT_PATHS)[number];
