/**
 * The test model of the intake machine, shared by the machine tests: representative answers per slot,
 * conversations that together ask every question, and an oracle that derives the expected assessment
 * from the answers alone (the slot catalogue's `relevant` predicates and the rules module, not the flow).
 */
import type { SnapshotFrom } from 'xstate';
import type { Answers, AnswerValue, SlotId } from '../../../dialogs/answers.js';
import { isEligibilitySlot, toAssessInput } from '../../../dialogs/answers.js';
import type { IntakeEvent, IntakeMachine } from '../../../dialogs/intake-machine.js';
import { ELIGIBILITY_SLOTS, isRelevant, SLOTS, slotDefinition } from '../../../dialogs/slots.js';
import type { Assessment, CalendarDate } from '../../../rules/index.js';
import { APPLICANT_KINDS, addDays, assess, KADERS, SUBSIDY_TYPES, THEMES } from '../../../rules/index.js';

export type IntakeSnapshot = SnapshotFrom<IntakeMachine>;

/**
 * The assessment date of the model. Early in the year, so that a far start date (next year) can still
 * ask more than € 10.000 in time, and a near one (this year) cannot.
 */
export const TODAY: CalendarDate = '2027-02-01';
/** Less than 56 days after `today`: `late-application`. */
export const nearDate = (today: CalendarDate) => addDays(today, 28);
/** 1 March of the next calendar year. */
export const farDate = (today: CalendarDate) => `${Number(today.slice(0, 4)) + 1}-03-01`;

/** FNV-1a with a final mix: a small deterministic hash that spreads the single-valued answers over the paths. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // FNV's low bits mix poorly; `% 2` would pick the same value on most paths.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Answers as JSON with sorted keys: the same answers give the same text in any order. */
export const canonical = (answers: Answers): string =>
  JSON.stringify(Object.fromEntries(Object.entries(answers).sort(([a], [b]) => a.localeCompare(b))));

const pick = <T>(seed: string, options: readonly T[]): T => options[hash(seed) % options.length]!;

const cents = (a: Answers, slot: SlotId) => (typeof a[slot] === 'number' ? (a[slot] as number) : 0);

/**
 * Representative answers for a slot. Answers that change the routing (which question comes next, an
 * early stop, the tier) are all offered; answers that only add a warning or an info get one value,
 * picked by a hash of the answers so far, so that different paths see different values without the
 * traversal multiplying. Late in the conversation, where the paths are many, a continuing alternative
 * is also picked by the hash (grants 0 or 2, religious and food-and-drink on a third of the paths),
 * while the answer that stops the conversation is always offered.
 */
export function valuesFor(slot: SlotId, answers: Answers, today: CalendarDate): AnswerValue[] {
  const seed = `${slot}|${canonical(answers)}`;
  const oneBool = () => [pick(seed, [true, false])];
  switch (slot) {
    case 'applicant.kind':
      return [...APPLICANT_KINDS];
    case 'help.idea':
      return [pick(seed, ['Een straatfeest voor de hele buurt', 'A reading club for children'])];
    case 'initiative.inMunicipality':
    case 'initiative.isActivity':
    case 'initiative.fitsGala':
    case 'initiative.needsEventPermit':
    case 'initiative.ownNeighbourhood':
    case 'applicant.kvkFitsBusiness':
    case 'initiative.diaconalOpenToAll':
    case 'history.coreApplicationThisYear':
    case 'help.mainTask':
    case 'help.sport':
      return [true, false];
    case 'initiative.alreadyStarted':
    case 'initiative.profitMotive':
      return [false, true];
    case 'initiative.primarilyReligious':
    case 'money.includesFoodAndDrink':
      // Late in the conversation, where the paths are many: both on a third of them, one on the rest.
      return hash(seed) % 3 === 0 ? [false, true] : oneBool();
    case 'initiative.startDate':
      return [nearDate(today), farDate(today)];
    case 'initiative.endDate': {
      const start = answers['initiative.startDate'] as string;
      return [pick(seed, [addDays(start, 14), start, null])];
    }
    case 'initiative.themes':
      return [[pick(seed, THEMES)], []];
    case 'initiative.kaders':
      return [pick(seed, [[pick(seed, KADERS)], [...KADERS.slice(0, 2)]]), []];
    case 'initiative.type':
      return [...SUBSIDY_TYPES, 'help-me-choose'];
    case 'money.requested':
      return [35_000, 70_000, 400_000, 2_500_000];
    case 'money.totalCosts': {
      const requested = cents(answers, 'money.requested');
      return [pick(seed, [null, requested, requested * 2, requested + 12_345])];
    }
    case 'money.thirdPartyContributions': {
      const total = cents(answers, 'money.totalCosts');
      return [pick(seed, [0, Math.floor(total / 4), total])];
    }
    case 'initiative.expectedParticipants':
      return [pick(seed, [0, 3, 80, null])];
    case 'money.targetsLowIncome':
    case 'money.includesMaterialsOrRealEstate':
    case 'initiative.worksWithVulnerable':
    case 'money.otherMunicipalFunding':
    case 'initiative.multipleInitiatives':
    case 'history.sameApplicationRefusedBefore':
    case 'history.similarGranted':
      return oneBool();
    case 'history.grantsThisYear':
      return [pick(seed, [0, 2]), 3];
    case 'history.amountGrantedThisYear':
      // € 6.000 earlier this year makes the end date relevant for a small request (accountability).
      return [pick(seed, [100_000, 600_000])];
    case 'history.nonCoreApplicationsThisYear':
      return [pick(seed, [0, 1]), 3];
    case 'next':
      return ['draft', 'restart', 'done'];
    case 'draft.title':
      return ['Straatfeest Peulenstraat'];
    case 'draft.description':
      return ['Een middag met muziek, spelletjes en ontmoeting voor de hele straat.'];
    case 'draft.targetGroup':
      return ['Bewoners van de straat'];
    case 'draft.location':
      return ['Peulenstraat'];
    case 'contact.name':
      return ['Anna de Vries'];
    case 'contact.organisation':
      return ['Stichting Buurtkracht'];
    case 'contact.email':
      return ['anna@example.nl'];
    case 'contact.phone':
      return [pick(seed, ['0612345678', null])];
    case 'help.review':
      return ['confirm'];
    case 'draft.consent':
      return [true, false];
  }
  throw new Error(`No representative answers for ${slot}`);
}

export const answer = (slot: SlotId, value: AnswerValue): IntakeEvent => ({
  type: 'answer.given',
  slot,
  value,
});

/** Where the conversation stands: the slot asked, `next` at a verdict. */
export const askedSlot = (s: IntakeSnapshot): SlotId | undefined =>
  s.status !== 'active' ? undefined : s.context.step.kind === 'ask' ? s.context.step.slot : 'next';

/** `{ ask: { initiative: 'startDate' } }` → `ask.initiative.startDate`. */
export function stateId(value: unknown): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value as Record<string, unknown>)[0]!;
  return `${key}.${stateId(child)}`;
}

/** Every leaf state of the machine, by id (`ask.applicant.kind`, `route`, `outcome`, …). */
export function leafStateIds(machine: IntakeMachine): string[] {
  const out: string[] = [];
  const walk = (node: { key: string; states: Record<string, unknown> }, prefix: string) => {
    const children = Object.values(node.states) as { key: string; states: Record<string, unknown> }[];
    if (children.length === 0) out.push(prefix);
    for (const child of children) walk(child, prefix ? `${prefix}.${child.key}` : child.key);
  };
  walk(machine.root as never, '');
  return out;
}

const HELP_SLOTS: readonly SlotId[] = ['help.mainTask', 'help.sport'];

/**
 * The answers after a sequence of `answer.given` events, folded by hand from the dialog's documented
 * behaviour (flow.ts): `help-me-choose` leaves the type open (null), and the help questions set it.
 */
export function foldAnswers(events: readonly IntakeEvent[]): Answers {
  let a: Answers = {};
  for (const e of events) {
    if (e.type !== 'answer.given') continue;
    if (e.slot === 'next') continue;
    const helped = a['help.chooseType'] === true;
    const typeOpen = a['initiative.type'] === null;
    a = { ...a, [e.slot]: e.value };
    if (e.slot === 'initiative.type') {
      // The help walk's event answer goes with the walk; choosing the type anew asks it again.
      if (helped) delete a['initiative.needsEventPermit'];
      for (const h of HELP_SLOTS) delete a[h];
      delete a['help.chooseType'];
      if (e.value === 'help-me-choose') {
        a['initiative.type'] = null;
        a['help.chooseType'] = true;
      }
    }
    if (e.slot === 'help.mainTask' && e.value === true) a['initiative.type'] = 'kernactiviteit';
    if (e.slot === 'initiative.needsEventPermit' && e.value === true && typeOpen)
      a['initiative.type'] = 'evenement';
    if (e.slot === 'help.sport') a['initiative.type'] = e.value === true ? 'sport' : 'eenmalig';
  }
  return a;
}

const ELIGIBILITY_QUESTIONS = ELIGIBILITY_SLOTS.map((d) => d.slot);

/** Eligibility questions (help path included) that the catalogue says matter and that have no answer. */
export const openQuestions = (a: Answers, today: CalendarDate): SlotId[] =>
  ELIGIBILITY_QUESTIONS.filter((s) => a[s] === undefined && isRelevant(slotDefinition(s), a, today));

/** The answers that count for the rules: answered eligibility slots whose `relevant` predicate holds. */
export function relevantAnswers(a: Answers, today: CalendarDate): Answers {
  const out: Answers = {};
  for (const def of SLOTS) {
    const slot = def.slot;
    if (!isEligibilitySlot(slot)) continue;
    if (a[slot] === undefined || !isRelevant(def, a, today)) continue;
    out[slot] = a[slot];
  }
  return out;
}

/** What `POST /api/assess` says for these answers; `partial` when questions are still open. */
export function expectedAssessment(a: Answers, today: CalendarDate, partial: boolean): Assessment {
  const input = toAssessInput(relevantAnswers(a, today), today, () => true, partial);
  return assess(input, { today, lang: 'nl' });
}

export const refusals = (a: Assessment) =>
  a.findings.filter((f) => f.severity === 'refusal').map((f) => f.rule);

/** An answer that lets the conversation go on, per slot; a profile overrides some of them. */
export function defaultAnswer(slot: SlotId, a: Answers, today: CalendarDate): AnswerValue {
  switch (slot) {
    case 'applicant.kind':
      return 'organisation';
    case 'initiative.startDate':
      return farDate(today);
    case 'initiative.endDate':
      return addDays(a['initiative.startDate'] as string, 14);
    case 'initiative.themes':
      return ['verbinding'];
    case 'initiative.kaders':
      return ['dichtbij'];
    case 'initiative.type':
      return 'eenmalig';
    case 'money.requested':
      return 70_000;
    case 'money.totalCosts':
      return 100_000;
    case 'money.thirdPartyContributions':
      return 10_000;
    case 'initiative.expectedParticipants':
      return 40;
    case 'history.grantsThisYear':
    case 'history.nonCoreApplicationsThisYear':
      return 0;
    case 'history.amountGrantedThisYear':
      return 100_000;
    case 'next':
      return 'draft';
    case 'help.sport':
    case 'initiative.inMunicipality':
    case 'initiative.isActivity':
    case 'initiative.fitsGala':
    case 'initiative.needsEventPermit':
    case 'applicant.kvkFitsBusiness':
    case 'initiative.diaconalOpenToAll':
    case 'draft.consent':
      return true;
  }
  const def = slotDefinition(slot);
  if (def.input === 'yesno') return false;
  return valuesFor(slot, a, today)[0]!;
}

export type Profile = Partial<Record<SlotId, AnswerValue>>;

/**
 * Conversations that together ask every question of the machine: an organisation's one-off activity
 * (through the draft), a resident on the "help me choose" path with a religious and food-and-drink
 * initiative and earlier grants, a KvK professional's large core activity, an organisation choosing
 * through the help path, and an event.
 */
export const PROFILES: Record<string, Profile> = {
  organisation: {},
  resident: {
    'applicant.kind': 'resident',
    'initiative.type': 'help-me-choose',
    'initiative.needsEventPermit': false,
    'help.sport': false,
    'money.requested': 35_000,
    'initiative.ownNeighbourhood': false,
    'initiative.primarilyReligious': true,
    'money.includesFoodAndDrink': true,
    'history.grantsThisYear': 2,
    'history.amountGrantedThisYear': 600_000,
  },
  professional: {
    'applicant.kind': 'kvk-professional',
    'initiative.type': 'kernactiviteit',
    'money.requested': 2_500_000,
    'initiative.isActivity': false,
  },
  helped: { 'initiative.type': 'help-me-choose', 'help.mainTask': true, 'money.requested': 400_000 },
  event: { 'initiative.type': 'evenement', 'initiative.startDate': nearDate(TODAY) },
};
