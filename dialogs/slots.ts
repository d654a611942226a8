import type { CalendarDate, SlotPath } from '../rules/index.js';
import { APPLICANT_KINDS, addDays, isBefore, KADERS, SUBSIDY_TYPES, THEMES } from '../rules/index.js';
import type { Answers, AnswerValue, SlotId } from './answers.js';

export type InputKind =
  | 'choice'
  | 'multi'
  | 'yesno'
  | 'amount'
  | 'date'
  | 'count'
  | 'text'
  | 'email'
  | 'phone';

/** Why a parsed answer still cannot be used; the wording is in `locales/<lang>/dialog.json` under `errors`. */
export type SlotError = 'zero' | 'date-past' | 'date-too-far' | 'before-start';

export interface SlotDefinition {
  slot: SlotId;
  input: InputKind;
  /** Codes offered as choices (choice and multi inputs). */
  options?: readonly string[];
  /** Extra choices next to a typed answer: `skip` stores "not known yet" (null), `same-day` the start date. */
  shortcuts?: readonly ('skip' | 'same-day' | 'started' | 'help-me-choose')[];
  /** Asked only when this holds for the answers so far. */
  relevant?: (a: Answers, today: CalendarDate) => boolean;
  validate?: (value: AnswerValue, a: Answers, today: CalendarDate) => SlotError | undefined;
  /** Text length limits (text inputs). */
  length?: { min: number; max: number };
}

const type = (a: Answers) => a['initiative.type'] as string | undefined;
/** An `evenement` without a permit or notification is treated as `eenmalig` (Bijlage 2 §3). */
const effectiveType = (a: Answers) =>
  type(a) === 'evenement' && a['initiative.needsEventPermit'] === false ? 'eenmalig' : type(a);
const cents = (a: Answers, slot: SlotPath) => (typeof a[slot] === 'number' ? (a[slot] as number) : undefined);
const isOrganisationLike = (a: Answers) =>
  a['applicant.kind'] !== undefined && a['applicant.kind'] !== 'resident';

/** Years after this many days are surely a typo for a subsidy request. */
const MAX_DAYS_AHEAD = 5 * 366;

/**
 * Every question of the intake, in the order a resident would expect: who, what, where and when,
 * fit, kind of subsidy, money, conditions, earlier applications; then the draft. The flow asks the
 * first relevant unanswered slot, so this order is the conversation's order.
 */
export const SLOTS: readonly SlotDefinition[] = [
  { slot: 'applicant.kind', input: 'choice', options: APPLICANT_KINDS },
  { slot: 'help.idea', input: 'text', length: { min: 3, max: 500 } },
  { slot: 'initiative.inMunicipality', input: 'yesno' },
  {
    slot: 'initiative.startDate',
    input: 'date',
    shortcuts: ['started'],
    validate: (v, _a, today) =>
      isBefore(v as string, today)
        ? 'date-past'
        : isBefore(addDays(today, MAX_DAYS_AHEAD), v as string)
          ? 'date-too-far'
          : undefined,
  },
  {
    slot: 'initiative.alreadyStarted',
    input: 'yesno',
    relevant: (a, today) =>
      typeof a['initiative.startDate'] === 'string' && !isBefore(a['initiative.startDate'], today),
  },
  { slot: 'initiative.themes', input: 'multi', options: THEMES },
  { slot: 'initiative.kaders', input: 'multi', options: KADERS },
  { slot: 'initiative.type', input: 'choice', options: SUBSIDY_TYPES, shortcuts: ['help-me-choose'] },
  // "Help me choose": `initiative.type` is null while the person walks these questions; the event
  // question of that walk is `initiative.needsEventPermit` itself, so it is asked under its own name.
  {
    slot: 'help.mainTask',
    input: 'yesno',
    relevant: (a) => a['initiative.type'] === null && isOrganisationLike(a),
  },
  {
    slot: 'initiative.needsEventPermit',
    input: 'yesno',
    relevant: (a) =>
      type(a) === 'evenement' || (a['initiative.type'] === null && a['help.mainTask'] !== true),
  },
  {
    slot: 'help.sport',
    input: 'yesno',
    relevant: (a) =>
      a['initiative.type'] === null &&
      a['help.mainTask'] !== true &&
      a['initiative.needsEventPermit'] === false,
  },
  { slot: 'initiative.isActivity', input: 'yesno' },
  { slot: 'initiative.fitsGala', input: 'yesno', relevant: (a) => a['initiative.isActivity'] === false },
  {
    slot: 'money.requested',
    input: 'amount',
    relevant: (a) => type(a) !== undefined && type(a) !== null,
    validate: (v) => ((v as number) <= 0 ? 'zero' : undefined),
  },
  {
    slot: 'applicant.kvkFitsBusiness',
    input: 'yesno',
    relevant: (a) =>
      a['applicant.kind'] === 'kvk-professional' && (cents(a, 'money.requested') ?? 0) > 10_000_00,
  },
  {
    slot: 'initiative.ownNeighbourhood',
    input: 'yesno',
    relevant: (a) =>
      a['applicant.kind'] === 'resident' &&
      effectiveType(a) === 'eenmalig' &&
      cents(a, 'money.requested') !== undefined &&
      cents(a, 'money.requested')! <= 500_00,
  },
  {
    slot: 'initiative.endDate',
    input: 'date',
    shortcuts: ['same-day', 'skip'],
    // Only the accountability deadline needs it: above € 5.000 in total this year.
    relevant: (a) =>
      (cents(a, 'money.requested') ?? 0) + (cents(a, 'history.amountGrantedThisYear') ?? 0) > 5_000_00,
    validate: (v, a) =>
      typeof a['initiative.startDate'] === 'string' && isBefore(v as string, a['initiative.startDate'])
        ? 'before-start'
        : undefined,
  },
  {
    slot: 'money.totalCosts',
    input: 'amount',
    shortcuts: ['skip'],
    relevant: (a) => a['money.requested'] !== undefined,
  },
  {
    slot: 'money.thirdPartyContributions',
    input: 'amount',
    relevant: (a) => typeof a['money.totalCosts'] === 'number',
  },
  { slot: 'initiative.expectedParticipants', input: 'count', shortcuts: ['skip'] },
  { slot: 'initiative.profitMotive', input: 'yesno' },
  { slot: 'initiative.primarilyReligious', input: 'yesno' },
  {
    slot: 'initiative.diaconalOpenToAll',
    input: 'yesno',
    relevant: (a) => a['initiative.primarilyReligious'] === true,
  },
  { slot: 'money.includesFoodAndDrink', input: 'yesno' },
  {
    slot: 'money.targetsLowIncome',
    input: 'yesno',
    relevant: (a) => a['money.includesFoodAndDrink'] === true,
  },
  { slot: 'money.includesMaterialsOrRealEstate', input: 'yesno' },
  { slot: 'initiative.worksWithVulnerable', input: 'yesno' },
  { slot: 'money.otherMunicipalFunding', input: 'yesno' },
  { slot: 'initiative.multipleInitiatives', input: 'yesno' },
  { slot: 'history.grantsThisYear', input: 'count' },
  {
    slot: 'history.amountGrantedThisYear',
    input: 'amount',
    relevant: (a) => typeof a['history.grantsThisYear'] === 'number' && a['history.grantsThisYear'] > 0,
  },
  {
    slot: 'history.nonCoreApplicationsThisYear',
    input: 'count',
    relevant: (a) => type(a) !== undefined && type(a) !== null && type(a) !== 'kernactiviteit',
  },
  {
    slot: 'history.coreApplicationThisYear',
    input: 'yesno',
    relevant: (a) => type(a) === 'kernactiviteit',
  },
  { slot: 'history.sameApplicationRefusedBefore', input: 'yesno' },
  { slot: 'history.similarGranted', input: 'yesno' },

  // After an eligible verdict, when the person chose to prepare a draft.
  { slot: 'next', input: 'choice', options: ['draft', 'restart', 'done'] },
  { slot: 'draft.title', input: 'text', length: { min: 3, max: 120 } },
  { slot: 'draft.description', input: 'text', length: { min: 10, max: 2000 } },
  { slot: 'draft.targetGroup', input: 'text', length: { min: 2, max: 300 } },
  { slot: 'draft.location', input: 'text', length: { min: 2, max: 200 } },
  { slot: 'contact.name', input: 'text', length: { min: 2, max: 100 } },
  { slot: 'contact.organisation', input: 'text', length: { min: 2, max: 150 }, relevant: isOrganisationLike },
  { slot: 'contact.email', input: 'email' },
  { slot: 'contact.phone', input: 'phone', shortcuts: ['skip'] },
  { slot: 'help.review', input: 'choice' },
  { slot: 'draft.consent', input: 'yesno' },
];

export const ELIGIBILITY_SLOTS = SLOTS.slice(
  0,
  SLOTS.findIndex((s) => s.slot === 'next'),
);
export const DRAFT_SLOTS = SLOTS.slice(
  SLOTS.findIndex((s) => s.slot === 'draft.title'),
  SLOTS.findIndex((s) => s.slot === 'help.review'),
);

const BY_ID = new Map(SLOTS.map((s) => [s.slot, s]));

export function slotDefinition(slot: SlotId): SlotDefinition {
  const def = BY_ID.get(slot);
  if (!def) throw new Error(`Unknown slot ${slot}`);
  return def;
}

export const isRelevant = (def: SlotDefinition, a: Answers, today: CalendarDate): boolean =>
  def.relevant ? def.relevant(a, today) : true;
