/**
 * The test model of the intake machine, shared by the machine tests: representative answers per question,
 * conversations that together ask every question, and an oracle that derives the expected assessment from
 * the answers alone: the contract of channels.md for what a grouped question settles, and the rules module.
 * The oracle does not use the dialog's routing, and it gives the rules every answer given (the rules say
 * an answer that no longer matters changes nothing; test/rules/relevance.test.ts checks that they do).
 */
import type { SnapshotFrom } from 'xstate';
import type { StatePath } from 'xstate/graph';
import { getShortestPaths } from 'xstate/graph';
import type { Answers, AnswerValue, SlotId } from '../../../dialogs/answers.js';
import { isEligibilitySlot, toAssessInput } from '../../../dialogs/answers.js';
import type { IntakeEvent, IntakeMachine } from '../../../dialogs/intake-machine.js';
import { render } from '../../../dialogs/render.js';
import type { Assessment, CalendarDate, SlotPath } from '../../../rules/index.js';
import {
  APPLICANT_KINDS,
  addDays,
  assess,
  guidance,
  KADERS,
  SUBSIDY_TYPES,
  THEMES,
  withImplied,
} from '../../../rules/index.js';

export type IntakeSnapshot = SnapshotFrom<IntakeMachine>;
export type Path = StatePath<IntakeSnapshot, IntakeEvent>;

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

/** The question being asked, `next` at a verdict. */
export const askedSlot = (s: IntakeSnapshot): SlotId | undefined =>
  s.status !== 'active' ? undefined : s.context.step.kind === 'ask' ? s.context.step.slot : 'next';

/** The choice values the question at `s` offers, as the person sees them (shortcuts and "none" left out). */
export function offered(s: IntakeSnapshot): string[] {
  const last = render(s.context, 'active').at(-1)!;
  const shortcuts = new Set(['keep', 'skip', 'same-day', 'started', 'help-me-choose', 'none']);
  return (last.choices ?? []).map((c) => c.value).filter((v) => !shortcuts.has(v));
}

/**
 * The amounts the model asks, at the spec's edges: the neighbourhood (€ 500 / 500,01), the tiers
 * (€ 1.000 / 1.000,01, € 10.000 / 10.000,01), and € 5.000 / 5.000,01 for the year total (with earlier
 * grants of € 4.000 / 4.000,01 next to € 1.000). Every edge is offered on every path; one more amount is
 * picked by the hash.
 */
export const EDGE_AMOUNTS = [500_00, 500_01, 1_000_00, 1_000_01, 10_000_00, 10_000_01] as const;
const MORE_AMOUNTS = [350_00, 4_000_00, 5_000_00, 5_000_01, 25_000_00] as const;
export const EARLIER_GRANTS = [4_000_00, 4_000_01, 60_000_00] as const;

/**
 * Representative answers to the question at `s`. Answers that change the routing (which question comes
 * next, an early stop, the tier) are all offered; answers that only add a warning or an info get one
 * value, picked by a hash of the answers so far, so that different paths see different values without the
 * traversal multiplying. A grouped question is answered with no box, or with one box picked by the hash
 * (two on a quarter of the paths), as people answer it: most tick nothing, some one thing.
 */
export function valuesFor(question: SlotId, s: IntakeSnapshot, today: CalendarDate): AnswerValue[] {
  const answers = s.context.answers;
  const seed = `${question}|${canonical(answers)}`;
  const oneBool = () => [pick(seed, [true, false])];
  const cents = (slot: SlotId) => (typeof answers[slot] === 'number' ? (answers[slot] as number) : 0);
  switch (question) {
    case 'applicant.kind':
      return [...APPLICANT_KINDS];
    case 'help.idea':
      return [pick(seed, ['Een straatfeest voor de hele buurt', 'A reading club for children'])];
    case 'help.location':
      return offered(s);
    case 'help.conditions':
    case 'help.history': {
      const boxes = offered(s);
      const one = pick(seed, boxes);
      const two = pick(
        `${seed}|2`,
        boxes.filter((b) => b !== one),
      );
      return hash(seed) % 4 === 0 ? [[], [one, two]] : [[], [one]];
    }
    case 'initiative.inMunicipality':
    case 'initiative.needsEventPermit':
    case 'initiative.ownNeighbourhood':
    case 'initiative.fitsGala':
    case 'applicant.kvkFitsBusiness':
    case 'initiative.diaconalOpenToAll':
    case 'history.coreApplicationThisYear':
    case 'help.appliedBefore':
    case 'help.othersPay':
      return [true, false];
    case 'initiative.alreadyStarted':
      return [false, true];
    case 'initiative.startDate': {
      // Today itself on some paths (then "has it started?" is asked), a past date on others (confirmed).
      const h = hash(seed) % 5;
      const extra = h === 0 ? [today] : h === 1 ? [addDays(today, -20)] : [];
      return [nearDate(today), farDate(today), ...extra];
    }
    case 'initiative.endDate': {
      const start = answers['initiative.startDate'] as string;
      return [pick(seed, [addDays(start, 14), start, null])];
    }
    case 'help.fit': {
      // Both ticked, or none (refused). Ticking only one side (the other then asked on its own) is a repair
      // the command tests walk.
      const theme = pick(seed, THEMES);
      const kaders = pick(seed, [[pick(seed, KADERS)], [...KADERS.slice(0, 2)]]);
      return [[theme, ...kaders], []];
    }
    case 'initiative.themes':
      return [[pick(seed, THEMES)], []];
    case 'initiative.kaders':
      return [pick(seed, [[pick(seed, KADERS)], [...KADERS.slice(0, 2)]]), []];
    case 'initiative.type':
      return [...SUBSIDY_TYPES];
    case 'money.requested':
      return [...EDGE_AMOUNTS, pick(seed, MORE_AMOUNTS)];
    case 'money.totalCosts': {
      const requested = cents('money.requested');
      return [pick(seed, [null, requested, requested * 2, requested + 12_345])];
    }
    case 'money.thirdPartyContributions': {
      const total = cents('money.totalCosts');
      return [pick(seed, [0, Math.floor(total / 4), total])];
    }
    case 'initiative.expectedParticipants':
      return [pick(seed, [0, 3, 80, null])];
    case 'initiative.isActivity':
    case 'initiative.profitMotive':
    case 'initiative.primarilyReligious':
    case 'money.includesFoodAndDrink':
    case 'money.targetsLowIncome':
    case 'money.includesMaterialsOrRealEstate':
    case 'initiative.worksWithVulnerable':
    case 'money.otherMunicipalFunding':
    case 'initiative.multipleInitiatives':
    case 'history.sameApplicationRefusedBefore':
    case 'history.similarGranted':
      return oneBool();
    case 'history.grantsThisYear':
      return [pick(seed, [0, 1, 2]), 3];
    case 'history.amountGrantedThisYear':
      return [pick(seed, EARLIER_GRANTS)];
    case 'history.nonCoreApplicationsThisYear':
      return [pick(seed, [0, 1]), 2];
    case 'next':
      return ['draft', 'restart', 'done'];
    case 'draft.title':
      return ['Straatfeest Peulenstraat'];
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
    case 'contact.role':
      return ['Penningmeester'];
    case 'contact.address':
      return ['Peulenstraat 1, 3371 AB Hardinxveld-Giessendam'];
    case 'contact.kvk':
      return [pick(seed, ['40831234', null])];
    case 'contact.iban':
      return ['NL91 ABNA 0417 1643 00'];
    case 'help.review':
      return ['confirm'];
    case 'draft.consent':
      return [true, false];
  }
  throw new Error(`No representative answers for ${question}`);
}

export const answer = (slot: SlotId, value: AnswerValue): IntakeEvent => ({
  type: 'answer.given',
  slot,
  value,
});

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

// ---------------------------------------------------------------------------------------------------------
// The oracle: what the answers given say, by the contract
// ---------------------------------------------------------------------------------------------------------

/** The contract's defaults (channels.md): `false`, `0`, and an initiative is an activity. */
const defaultOf = (slot: SlotPath): boolean => slot === 'initiative.isActivity';
/** What an unticked gate gives (channels.md): the defaults of the slots it stands for. */
const GATES: Record<string, Answers> = {
  'help.appliedBefore': {
    'history.grantsThisYear': 0,
    'history.amountGrantedThisYear': 0,
    'history.nonCoreApplicationsThisYear': 0,
    'history.coreApplicationThisYear': false,
  },
  'help.othersPay': { 'money.thirdPartyContributions': 0 },
};
/** What a choice of a single-choice group means, as channels.md and the question's wording say. */
const MEANING: Record<string, Record<string, Answers>> = {
  'help.location': {
    'in-own-neighbourhood': { 'initiative.inMunicipality': true, 'initiative.ownNeighbourhood': true },
    'in-municipality': { 'initiative.inMunicipality': true, 'initiative.ownNeighbourhood': false },
    outside: { 'initiative.inMunicipality': false },
  },
};

const START_SLOTS: readonly SlotId[] = [
  'initiative.startDate',
  'initiative.alreadyStarted',
  'initiative.endDate',
];

/**
 * The eligibility slot values a path's answers give: its own answer for a slot question; for a grouped
 * "which of these apply" question the opposite of the default for every ticked box, the default for every
 * box shown and not ticked, and for an unticked gate the defaults of what it stands for. A way out of a
 * refusal changes the amount, or takes the start date back.
 */
export function slotValues(steps: readonly { state: IntakeSnapshot; event: IntakeEvent }[]): Answers {
  let values: Answers = {};
  for (let i = 1; i < steps.length; i++) {
    const e = steps[i]!.event;
    const before = steps[i - 1]!.state;
    if (e.type === 'dialog.restarted') values = {};
    if (e.type !== 'answer.given') continue;
    const q = e.slot;
    if (q === 'next') {
      const step = before.context.step;
      if (e.value === 'restart') values = {};
      const way = step.kind === 'outcome' ? step.remedies.find((r) => r.kind === e.value) : undefined;
      if (way?.kind === 'lower-amount') values['money.requested'] = Math.round(way.amount * 100);
      if (way && way.kind !== 'lower-amount') for (const slot of START_SLOTS) delete values[slot];
      continue;
    }
    if (q === 'help.conditions' || q === 'help.history' || q in GATES) {
      const ticked = q in GATES ? (e.value ? [q] : []) : (e.value as string[]);
      const boxes = q in GATES ? [q] : offered(before);
      for (const box of boxes) {
        if (box in GATES) {
          if (!ticked.includes(box)) values = { ...values, ...GATES[box] };
          continue;
        }
        const slot = box as SlotPath;
        values[slot] = ticked.includes(box) ? !defaultOf(slot) : defaultOf(slot);
      }
      continue;
    }
    if (q === 'help.fit') {
      const ticked = e.value as string[];
      const themes = THEMES.filter((c) => ticked.includes(c));
      const kaders = KADERS.filter((c) => ticked.includes(c));
      if (ticked.length === 0 || themes.length > 0) values['initiative.themes'] = themes;
      if (ticked.length === 0 || kaders.length > 0) values['initiative.kaders'] = kaders;
      continue;
    }
    if (q in MEANING) {
      values = { ...values, ...MEANING[q]![e.value as string] };
      continue;
    }
    if (isEligibilitySlot(q)) values[q] = e.value;
  }
  return values;
}

/** What `POST /api/assess` says for these slot values, with what they imply; `partial` when questions are open. */
export function expectedAssessment(values: Answers, today: CalendarDate, partial: boolean): Assessment {
  const input = toAssessInput(values, today, () => true, partial);
  const { implied } = guidance({ ...input, partial: true }, { today });
  return assess(withImplied(input, implied), { today, lang: 'nl' });
}

export const refusals = (a: Assessment) =>
  a.findings.filter((f) => f.severity === 'refusal').map((f) => f.rule);

/** An answer that lets the conversation go on, per question; a profile overrides some of them. */
export function defaultAnswer(question: SlotId, s: IntakeSnapshot, today: CalendarDate): AnswerValue {
  const a = s.context.answers;
  switch (question) {
    case 'applicant.kind':
      return 'organisation';
    case 'help.location':
      return 'in-municipality';
    case 'help.conditions':
    case 'help.history':
      return [];
    case 'initiative.startDate':
      return farDate(today);
    case 'initiative.endDate':
      return addDays(a['initiative.startDate'] as string, 14);
    case 'help.fit':
      return ['verbinding', 'dichtbij'];
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
    case 'initiative.inMunicipality':
    case 'initiative.isActivity':
    case 'initiative.fitsGala':
    case 'initiative.needsEventPermit':
    case 'applicant.kvkFitsBusiness':
    case 'initiative.diaconalOpenToAll':
    case 'draft.consent':
      return true;
  }
  if (render(s.context, 'active').at(-1)?.input === 'yesno') return false;
  return valuesFor(question, s, today)[0]!;
}

export type Profile = Partial<Record<SlotId, AnswerValue>>;

/**
 * Conversations that together ask every question of the machine: an organisation's one-off activity
 * (through the draft); a resident elsewhere in the village who ticks religious and food and drink and has
 * earlier grants this year; a KvK professional's large core activity; a sports club's equipment (not an
 * activity) with contributions from others; an event; and an initiative that starts today.
 */
export const PROFILES: Record<string, Profile> = {
  organisation: {},
  resident: {
    'applicant.kind': 'resident',
    'help.location': 'in-municipality',
    'initiative.type': 'eenmalig',
    'money.requested': 35_000,
    'help.conditions': [
      'initiative.primarilyReligious',
      'money.includesFoodAndDrink',
      'initiative.isActivity',
    ],
    'help.history': ['help.appliedBefore'],
    'history.grantsThisYear': 2,
    'history.amountGrantedThisYear': 600_000,
  },
  professional: {
    'applicant.kind': 'kvk-professional',
    'initiative.type': 'kernactiviteit',
    'money.requested': 2_500_000,
    'help.history': ['help.appliedBefore', 'history.similarGranted'],
  },
  sport: {
    'initiative.type': 'sport',
    'money.requested': 400_000,
    'help.conditions': ['initiative.isActivity', 'help.othersPay'],
  },
  event: { 'initiative.type': 'evenement', 'initiative.startDate': nearDate(TODAY) },
  today: { 'initiative.startDate': TODAY, 'money.requested': 600_000 },
};

// ---------------------------------------------------------------------------------------------------------
// The traversal, shared by the graph test and `npm run bench:questions`
// ---------------------------------------------------------------------------------------------------------

/**
 * Where the machine is: the state value and every answer. Two paths meet only where the machine is in
 * the same place, so the snapshot of a path is the snapshot its events produce.
 */
const serializeState = (s: IntakeSnapshot): string =>
  `${stateId(s.value)}|${canonical(s.context.answers)}|${JSON.stringify(s.context.startHint ?? null)}`;

/**
 * Representative answers to the question asked. At a verdict: `draft` at one in ten eligible verdicts
 * (the draft conversation is the same after each), a way out of a refusal at one in three refusals that
 * offer one, `done` at one in sixteen, `restart` at one in 32.
 */
function eventsFor(today: CalendarDate) {
  return (s: IntakeSnapshot): IntakeEvent[] => {
    const slot = askedSlot(s);
    if (!slot) return [];
    if (slot !== 'next') return valuesFor(slot, s, today).map((v) => answer(slot, v));
    const step = s.context.step;
    const eligible = step.kind === 'outcome' && step.assessment.verdict === 'eligible';
    const ways = step.kind === 'outcome' ? step.remedies.map((r) => r.kind) : [];
    const h = hash(canonical(s.context.answers));
    return [
      ...(eligible && h % 10 === 0 ? ['draft'] : []),
      ...(h % 3 === 0 ? ways : []),
      ...(h % 16 === 0 ? ['done'] : []),
      ...(h % 32 === 1 ? ['restart'] : []),
    ].map((v) => answer('next', v));
  };
}

export function modelPaths(
  machine: IntakeMachine,
  today: CalendarDate,
  keep: (s: IntakeSnapshot, e: IntakeEvent) => boolean = () => true,
): Path[] {
  return getShortestPaths(machine, {
    input: { today },
    events: eventsFor(today),
    filterEvents: keep,
    serializeState,
  });
}

export const eventsOf = (p: Path): IntakeEvent[] => p.steps.slice(1).map((s) => s.event);

const isWayOut = (e: IntakeEvent) => e.type === 'answer.given' && e.slot === 'next';

/** The questions on each path to its first eligible or referred verdict (no restart, no way out on the way). */
export function questionsToFirstVerdict(paths: readonly Path[]): number[] {
  const counts: number[] = [];
  for (const p of paths) {
    const step = p.state.context.step;
    if (stateId(p.state.value) !== 'outcome' || step.kind !== 'outcome') continue;
    if (step.assessment.verdict === 'not-eligible') continue;
    const events = eventsOf(p);
    if (events.some(isWayOut)) continue;
    counts.push(events.length);
  }
  return counts.sort((a, b) => a - b);
}

/** For each refusal, the fewest questions after which a verdict names it. */
export function refusalPositions(paths: readonly Path[]): Record<string, number> {
  const best: Record<string, number> = {};
  for (const p of paths) {
    const step = p.state.context.step;
    if (stateId(p.state.value) !== 'outcome' || step.kind !== 'outcome') continue;
    const events = eventsOf(p);
    if (events.some(isWayOut)) continue;
    for (const rule of refusals(step.assessment))
      best[rule] = Math.min(best[rule] ?? Infinity, events.length);
  }
  return best;
}

/**
 * The same figure for the release before this conversation was shortened (commit c81ae3d, its own model,
 * measured once): after how many questions each refusal came at the earliest. No refusal may come later.
 */
export const REFUSALS_BEFORE: Record<string, Record<string, number>> = {
  '2027-02-01': {
    'outside-municipality': 3,
    'already-started': 5,
    'no-theme': 6,
    'no-kader': 7,
    'kern-needs-organisation': 8,
    'non-core-cap': 10,
    'applicant-above-10000': 10,
    'deadline-above-10000': 10,
    'not-gala': 10,
    'profit-motive': 13,
    religious: 15,
    'grant-limit': 20,
    'non-core-twice-a-year': 21,
    'core-once-a-year': 21,
  },
  '2026-11-23': {
    'outside-municipality': 3,
    'already-started': 5,
    'no-theme': 6,
    'no-kader': 7,
    'kern-needs-organisation': 8,
    'non-core-cap': 10,
    'applicant-above-10000': 10,
    'deadline-above-10000': 10,
    'not-gala': 10,
    'kern-deadline': 10,
    'profit-motive': 13,
    religious: 15,
    'grant-limit': 20,
    'non-core-twice-a-year': 21,
    'core-once-a-year': 22,
  },
};
