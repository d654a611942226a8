import type { CalendarDate, Relevance, SlotPath } from '../rules/index.js';
import { APPLICANT_KINDS, addDays, isBefore, KADERS, SUBSIDY_TYPES, THEMES } from '../rules/index.js';
import type { Answers, AnswerValue, SlotId } from './answers.js';
import { isEligibilitySlot } from './answers.js';

export type InputKind =
  | 'choice'
  | 'multi'
  | 'yesno'
  | 'amount'
  | 'date'
  | 'count'
  | 'text'
  | 'email'
  | 'phone'
  | 'iban'
  | 'kvk'
  /** A Dutch postal address (with its postcode). */
  | 'address'
  /** A phone number or an e-mail address, whichever the person gives. */
  | 'contact';

/** Why a parsed answer still cannot be used; the wording is in `locales/<lang>/dialog.json` under `errors`. */
export type SlotError = 'zero' | 'date-past' | 'date-too-far' | 'before-start';

export type Shortcut = 'keep' | 'skip' | 'same-day' | 'started' | 'help-me-choose';

/** What a question sees of the conversation: the answers, and what the rules say still matters. */
export interface AskView {
  answers: Answers;
  relevance: Relevance;
  today: CalendarDate;
}

/** A question that settles several slots at once (`channelData.slots`). */
export interface Group {
  /** The choice codes offered now. */
  options(view: AskView): string[];
  /** The eligibility slots an answer to these options settles. */
  settles(options: readonly string[]): SlotPath[];
  /** The slot values an answer gives (the question's own value is stored beside them). */
  apply(value: AnswerValue, options: readonly string[]): Answers;
  /** Single choice: each code's slot values, for programs (`channelData.settles`). */
  meaning?(options: readonly string[]): Record<string, Answers>;
  /**
   * Slots taken back with the question even when a follow-up asked them on their own: asking the group
   * again asks them again (the fit list: a side left empty was asked alone).
   */
  takesBack?: readonly SlotPath[];
  /** The answer to offer back ("keep") from the slot values it settled. */
  keptAnswer?(answers: Answers): AnswerValue | undefined;
}

export interface QuestionDefinition {
  /** The question's name: a slot path, or a dialog question (`help.*`, `draft.*`, …). */
  id: SlotId;
  input: InputKind;
  /** Codes offered as choices (choice and multi inputs without a group). */
  options?: readonly string[];
  /** Extra choices next to a typed answer: `skip` stores "not known yet" (null), `same-day` the start date. */
  shortcuts?: readonly Shortcut[];
  /** Asked now? Default: an eligibility slot that the rules say matters and that has no answer yet. */
  isOpen?: (view: AskView) => boolean;
  validate?: (value: AnswerValue, a: Answers, today: CalendarDate) => SlotError | undefined;
  /** Text length limits (text inputs). */
  length?: { min: number; max: number };
  group?: Group;
  /** The line on how to type the answer (`hints.<key>`); by default the input kind's. */
  hint?: string;
}

/** Years after this many days are surely a typo for a subsidy request. */
const MAX_DAYS_AHEAD = 5 * 366;

/** The contract's default of a yes/no slot: `false`, except that an initiative is an activity. */
const defaultOf = (slot: SlotPath): boolean => slot === 'initiative.isActivity';

const unanswered = (v: AskView, slot: SlotId) => v.answers[slot] === undefined;
/** An eligibility slot the rules say matters now, not answered yet. */
export const slotOpen = (v: AskView, slot: SlotPath): boolean =>
  unanswered(v, slot) && v.relevance[slot] === true;
/** Could still matter (or surely does), not answered yet: worth a box in a grouped question. */
const mayMatter = (v: AskView, slot: SlotPath): boolean => unanswered(v, slot) && v.relevance[slot] !== false;

/**
 * A gate stands for slots that are usually their default: `no` (an unticked box) gives each its default,
 * `yes` asks the ones that matter under their own names. The subsidy year's earlier applications sit behind
 * one; what others pay towards the costs behind another.
 */
export const GATES = {
  'help.appliedBefore': {
    'history.grantsThisYear': 0,
    'history.amountGrantedThisYear': 0,
    'history.nonCoreApplicationsThisYear': 0,
    'history.coreApplicationThisYear': false,
  },
  'help.othersPay': { 'money.thirdPartyContributions': 0 },
} as const satisfies Partial<Record<SlotId, Answers>>;
type Gate = keyof typeof GATES;

const isGate = (code: string): code is Gate => code in GATES;
const gatedSlots = (gate: Gate) => Object.keys(GATES[gate]) as SlotPath[];
const gateNo = (gate: Gate): Answers => ({ [gate]: false, ...GATES[gate] });
// A gate is offered while it is open, also when what it stands for was answered already (asked again from
// the review): ticking it again keeps those answers, leaving it unticked sets them to their defaults.
const gateMayMatter = (v: AskView, gate: Gate) =>
  unanswered(v, gate) && gatedSlots(gate).some((s) => v.relevance[s] !== false);
const gateMatters = (v: AskView, gate: Gate) =>
  unanswered(v, gate) && gatedSlots(gate).some((s) => slotOpen(v, s));
/** A slot behind a gate is asked only after its gate said yes. */
export const GATE_OF: Partial<Record<SlotPath, Gate>> = Object.fromEntries(
  (Object.keys(GATES) as Gate[]).flatMap((gate) => gatedSlots(gate).map((slot) => [slot, gate])),
);

/**
 * "Which of these apply?": a box per condition that rarely holds. A ticked box gives its slot the
 * opposite of its default (`true`; for `initiative.isActivity`: not an activity), an unticked one the
 * default. A box for the gate stands for the slots behind it. Asked as a group while two or more boxes
 * can matter; a single one left is asked as its own yes/no question.
 */
function exceptions(candidates: readonly SlotId[]): Group {
  return {
    options: (v) => candidates.filter((c) => (isGate(c) ? gateMayMatter(v, c) : mayMatter(v, c as SlotPath))),
    settles: (options) =>
      options.flatMap((c) =>
        isGate(c) ? gatedSlots(c) : isEligibilitySlot(c as SlotId) ? [c as SlotPath] : [],
      ),
    apply(value, options) {
      const ticked = new Set(Array.isArray(value) ? value : []);
      let out: Answers = {};
      for (const code of options) {
        if (isGate(code)) {
          out = { ...out, ...(ticked.has(code) ? { [code]: true } : gateNo(code)) };
          continue;
        }
        const slot = code as SlotPath;
        out[slot] = ticked.has(code) ? !defaultOf(slot) : defaultOf(slot);
      }
      return out;
    },
  };
}

const CONDITION_SLOTS: readonly SlotId[] = [
  'initiative.isActivity',
  'initiative.profitMotive',
  'initiative.primarilyReligious',
  'money.includesFoodAndDrink',
  'money.includesMaterialsOrRealEstate',
  'initiative.worksWithVulnerable',
  'money.otherMunicipalFunding',
  'initiative.multipleInitiatives',
  'help.othersPay',
];
const HISTORY_CODES: readonly SlotId[] = [
  'help.appliedBefore',
  'history.sameApplicationRefusedBefore',
  'history.similarGranted',
];

/** Whether a box stands for something the rules need now (a slot, or a gate's slots). */
const boxMatters = (v: AskView, code: string) =>
  isGate(code) ? gateMatters(v, code) : slotOpen(v, code as SlotPath);
/**
 * A box a later change can leave alone (a kernactiviteit changed to a one-off in the review: is it an
 * activity?): then it is asked as a yes/no question.
 */
const ALONE: readonly SlotId[] = ['initiative.isActivity'];
const groupOpen = (group: Group, v: AskView) => {
  const options = group.options(v);
  if (options.length === 1 && ALONE.includes(options[0] as SlotId)) return false;
  return options.some((c) => boxMatters(v, c));
};

const CONDITIONS = exceptions(CONDITION_SLOTS);
const HISTORY = exceptions(HISTORY_CODES);

/** Where it takes place; for a resident whose neighbourhood may matter, in one question with the place. */
const LOCATION_CODES = ['in-own-neighbourhood', 'in-municipality', 'outside'] as const;
const LOCATION_MEANING: Record<(typeof LOCATION_CODES)[number], Answers> = {
  'in-own-neighbourhood': { 'initiative.inMunicipality': true, 'initiative.ownNeighbourhood': true },
  'in-municipality': { 'initiative.inMunicipality': true, 'initiative.ownNeighbourhood': false },
  outside: { 'initiative.inMunicipality': false },
};
const LOCATION: Group = {
  options: () => [...LOCATION_CODES],
  settles: () => ['initiative.inMunicipality', 'initiative.ownNeighbourhood'],
  apply: (value) => LOCATION_MEANING[value as keyof typeof LOCATION_MEANING] ?? {},
  meaning: () => LOCATION_MEANING,
};

/**
 * Does the idea fit the MAG: the themes and the kaders in one list, as Bijlage 2 asks it ("Past uw idee bij
 * in ieder geval één van de MAG-thema's en MAG-kaders?"). Ticked codes settle their slot; a slot with
 * nothing ticked stays open and is asked on its own; "none of these" settles both as none.
 */
const FIT_SLOTS = ['initiative.themes', 'initiative.kaders'] as const;
const FIT: Group = {
  options: () => [...THEMES, ...KADERS],
  settles: () => [...FIT_SLOTS],
  takesBack: FIT_SLOTS,
  keptAnswer: (a) => {
    const both = [
      ...((a['initiative.themes'] as string[]) ?? []),
      ...((a['initiative.kaders'] as string[]) ?? []),
    ];
    return a['initiative.themes'] === undefined && a['initiative.kaders'] === undefined ? undefined : both;
  },
  apply(value) {
    const ticked = Array.isArray(value) ? (value as string[]) : [];
    if (ticked.length === 0) return { 'initiative.themes': [], 'initiative.kaders': [] };
    const themes = THEMES.filter((c) => ticked.includes(c));
    const kaders = KADERS.filter((c) => ticked.includes(c));
    return {
      ...(themes.length > 0 && { 'initiative.themes': themes }),
      ...(kaders.length > 0 && { 'initiative.kaders': kaders }),
    };
  },
};

const yesno = (id: SlotPath, extra: Partial<QuestionDefinition> = {}): QuestionDefinition => ({
  id,
  input: 'yesno',
  ...extra,
});
/** A slot question, asked when the rules need it and, behind a gate, when its gate said yes. */
const gatedOpen = (slot: SlotPath) => (v: AskView) => {
  const gate = GATE_OF[slot];
  return (gate === undefined || v.answers[gate] === true) && slotOpen(v, slot);
};

/**
 * The eligibility questions in the order of the conversation: who, the idea, where, when, fit, type,
 * amount and the conditions that can refuse first; then what only shapes the checklist and the dates
 * (budget, earlier applications, end date). The flow asks the first open one, so this order is the
 * conversation's order; which slots are open comes from the rules (`guidance`).
 */
export const ELIGIBILITY_QUESTIONS: readonly QuestionDefinition[] = [
  { id: 'applicant.kind', input: 'choice', options: APPLICANT_KINDS },
  {
    id: 'help.idea',
    input: 'text',
    length: { min: 3, max: 2000 },
    isOpen: (v) => unanswered(v, 'help.idea'),
  },
  {
    id: 'help.location',
    input: 'choice',
    group: LOCATION,
    isOpen: (v) => slotOpen(v, 'initiative.inMunicipality') && mayMatter(v, 'initiative.ownNeighbourhood'),
  },
  yesno('initiative.inMunicipality'),
  {
    id: 'initiative.startDate',
    input: 'date',
    shortcuts: ['started'],
    validate: (v, _a, today) =>
      isBefore(v as string, today)
        ? 'date-past'
        : isBefore(addDays(today, MAX_DAYS_AHEAD), v as string)
          ? 'date-too-far'
          : undefined,
  },
  yesno('initiative.alreadyStarted'),
  {
    id: 'help.fit',
    input: 'multi',
    group: FIT,
    hint: 'fit',
    isOpen: (v) => FIT_SLOTS.every((slot) => slotOpen(v, slot)),
  },
  { id: 'initiative.themes', input: 'multi', options: THEMES },
  { id: 'initiative.kaders', input: 'multi', options: KADERS },
  // "Help me choose" explains the kinds in plain sentences and asks again (the help notice).
  { id: 'initiative.type', input: 'choice', options: SUBSIDY_TYPES, shortcuts: ['help-me-choose'] },
  yesno('initiative.needsEventPermit'),
  {
    id: 'money.requested',
    input: 'amount',
    validate: (v) => ((v as number) <= 0 ? 'zero' : undefined),
  },
  yesno('applicant.kvkFitsBusiness'),
  yesno('initiative.ownNeighbourhood'),
  {
    id: 'help.conditions',
    input: 'multi',
    group: CONDITIONS,
    isOpen: (v) => groupOpen(CONDITIONS, v),
  },
  yesno('initiative.isActivity'),
  yesno('initiative.fitsGala'),
  yesno('initiative.diaconalOpenToAll'),
  yesno('money.targetsLowIncome'),
  { id: 'money.totalCosts', input: 'amount', shortcuts: ['skip'] },
  {
    id: 'money.thirdPartyContributions',
    input: 'amount',
    isOpen: gatedOpen('money.thirdPartyContributions'),
  },
  { id: 'initiative.expectedParticipants', input: 'count', shortcuts: ['skip'] },
  {
    id: 'help.history',
    input: 'multi',
    group: HISTORY,
    isOpen: (v) => groupOpen(HISTORY, v),
  },
  { id: 'history.grantsThisYear', input: 'count', isOpen: gatedOpen('history.grantsThisYear') },
  {
    id: 'history.amountGrantedThisYear',
    input: 'amount',
    isOpen: gatedOpen('history.amountGrantedThisYear'),
  },
  {
    id: 'history.nonCoreApplicationsThisYear',
    input: 'count',
    isOpen: gatedOpen('history.nonCoreApplicationsThisYear'),
  },
  yesno('history.coreApplicationThisYear', { isOpen: gatedOpen('history.coreApplicationThisYear') }),
  {
    id: 'initiative.endDate',
    input: 'date',
    shortcuts: ['same-day', 'skip'],
    validate: (v, a) =>
      typeof a['initiative.startDate'] === 'string' && isBefore(v as string, a['initiative.startDate'])
        ? 'before-start'
        : undefined,
  },
];

const isOrganisationLike = (a: Answers) =>
  a['applicant.kind'] !== undefined && a['applicant.kind'] !== 'resident';

/** After an eligible verdict, when the person chose to prepare a draft. The idea asked at the start is its description. */
export const DRAFT_QUESTIONS: readonly QuestionDefinition[] = [
  { id: 'draft.title', input: 'text', length: { min: 3, max: 120 } },
  { id: 'draft.targetGroup', input: 'text', length: { min: 2, max: 300 } },
  { id: 'draft.location', input: 'text', length: { min: 2, max: 200 } },
  { id: 'contact.name', input: 'text', length: { min: 2, max: 100 } },
  {
    id: 'contact.organisation',
    input: 'text',
    length: { min: 2, max: 150 },
    // The form asks the name of the organisation or business of anyone who is not applying as a resident.
    isOpen: (v) => unanswered(v, 'contact.organisation') && isOrganisationLike(v.answers),
  },
  {
    id: 'contact.role',
    input: 'text',
    length: { min: 2, max: 100 },
    isOpen: (v) => unanswered(v, 'contact.role') && isOrganisationLike(v.answers),
  },
  { id: 'contact.email', input: 'email' },
  { id: 'contact.phone', input: 'phone', shortcuts: ['skip'] },
  // What the consulent needs for the decision and the payment: where the letter goes, the register, the account.
  { id: 'contact.address', input: 'address' },
  {
    id: 'contact.kvk',
    input: 'kvk',
    // Not every church or informal group is registered: "Sla over" says so.
    shortcuts: ['skip'],
    isOpen: (v) => unanswered(v, 'contact.kvk') && isOrganisationLike(v.answers),
  },
  { id: 'contact.iban', input: 'iban' },
];

/** The steps after a verdict and at the end of the draft: what to do next, the review, the consent. */
export const STEP_QUESTIONS: readonly QuestionDefinition[] = [
  { id: 'next', input: 'choice' },
  { id: 'help.review', input: 'choice' },
  { id: 'draft.consent', input: 'yesno' },
];

export const QUESTIONS: readonly QuestionDefinition[] = [
  ...ELIGIBILITY_QUESTIONS,
  ...DRAFT_QUESTIONS,
  ...STEP_QUESTIONS,
];

/**
 * "Talk to a person", at any point: how to reach the person, then their question in a few words (a long one
 * is cut, not refused). Asked aside from the intake (the machine's `callback` state), never routed to.
 */
export const CALLBACK_QUESTIONS: readonly QuestionDefinition[] = [
  { id: 'help.callbackContact', input: 'contact', hint: 'contact' },
  { id: 'help.callbackQuestion', input: 'text', length: { min: 2, max: 20_000 }, hint: 'callbackQuestion' },
];

const BY_ID = new Map([...QUESTIONS, ...CALLBACK_QUESTIONS].map((q) => [q.id, q]));

export function questionDefinition(id: SlotId): QuestionDefinition {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`Unknown question ${id}`);
  return def;
}

export function isOpen(def: QuestionDefinition, view: AskView): boolean {
  if (def.isOpen) return def.isOpen(view);
  if (isEligibilitySlot(def.id)) return slotOpen(view, def.id);
  return unanswered(view, def.id);
}

/** The codes a choice or multi question offers now. */
export function optionsOf(def: QuestionDefinition, view: AskView): string[] {
  return def.group ? def.group.options(view) : [...(def.options ?? [])];
}
