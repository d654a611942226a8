/**
 * Shared test data for the rules module: a valid base input, small overrides, and the spec's rule table
 * (`/work/shared/mag-rules.md`) written out by hand, so that expectations come from the spec, not the code.
 */
import type {
  AssessInput,
  Assessment,
  AssessOptions,
  AttachmentId,
  DeadlineId,
  Finding,
  RuleId,
  Severity,
} from '../../rules/index.js';
import { assess, validateAssessInput } from '../../rules/index.js';

/** The assessment date of the spec's worked examples. */
export const TODAY = '2026-11-23';

type Group<K extends 'applicant' | 'initiative' | 'money' | 'history'> = {
  [F in keyof NonNullable<AssessInput[K]>]?: NonNullable<AssessInput[K]>[F] | undefined;
};

/** A change to the base input; a field set to `undefined` is removed. */
export interface Overrides {
  today?: string | undefined;
  partial?: boolean | undefined;
  applicant?: Group<'applicant'>;
  initiative?: Group<'initiative'>;
  money?: Group<'money'>;
  history?: Group<'history'>;
}

/**
 * A valid full input that triggers no rule at all (checked in rule-table.test.ts): an organisation's
 * one-off activity in the municipality, € 800 of € 1.200 costs with € 100 from others, starting 98 days
 * after TODAY. No `today` (the options give it) and no `expectedParticipants` (that would add an info).
 */
export const BASE: AssessInput = {
  applicant: { kind: 'organisation' },
  initiative: {
    inMunicipality: true,
    ownNeighbourhood: false,
    themes: ['verbinding'],
    kaders: ['samen-bouwen'],
    type: 'eenmalig',
    isActivity: true,
    startDate: '2027-03-01',
    endDate: '2027-03-01',
  },
  money: { requested: 800, totalCosts: 1200, thirdPartyContributions: 100 },
  history: {},
};

const GROUPS = ['applicant', 'initiative', 'money', 'history'] as const;

/** Applies overrides to a base input (a deep copy; `undefined` deletes). */
export function build(overrides: Overrides = {}, base: AssessInput = BASE): AssessInput {
  const out = structuredClone(base) as Record<string, unknown>;
  for (const key of ['today', 'partial'] as const) {
    if (key in overrides) {
      if (overrides[key] === undefined) delete out[key];
      else out[key] = overrides[key];
    }
  }
  for (const group of GROUPS) {
    const patch = overrides[group] as Record<string, unknown> | undefined;
    if (!patch) continue;
    const target = { ...((out[group] as Record<string, unknown> | undefined) ?? {}) };
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) delete target[field];
      else target[field] = value;
    }
    out[group] = target;
  }
  return out as AssessInput;
}

/** Combines overrides; later ones win field by field. */
export function merge(...list: Overrides[]): Overrides {
  const out: Record<string, unknown> = {};
  for (const o of list) {
    for (const [key, value] of Object.entries(o)) {
      out[key] =
        typeof value === 'object' && value !== null
          ? { ...((out[key] as object | undefined) ?? {}), ...value }
          : value;
    }
  }
  return out as Overrides;
}

/** Fails loudly when a test's input is not what the API would accept. */
export function valid(input: unknown): AssessInput {
  const v = validateAssessInput(input, 'en');
  if (!v.ok) throw new Error(`test input is invalid: ${JSON.stringify(v.issues)}`);
  return v.input;
}

/** Assesses the base input with overrides (validated first), today = TODAY, English unless given. */
export function run(overrides: Overrides = {}, options: Partial<AssessOptions> = {}, base?: AssessInput) {
  return assess(valid(build(overrides, base)), { today: TODAY, lang: 'en', ...options });
}

export const ruleIds = (a: Assessment): RuleId[] => a.findings.map((f) => f.rule);
export const findingOf = (a: Assessment, rule: RuleId): Finding | undefined =>
  a.findings.find((f) => f.rule === rule);
export const checklistIds = (a: Assessment): AttachmentId[] => (a.checklist ?? []).map((c) => c.id);
export const deadlineOf = (a: Assessment, id: DeadlineId): string | undefined =>
  a.deadlines?.find((d) => d.id === id)?.date;
export const sorted = <T extends string>(list: readonly T[]): T[] => [...list].sort();

/** Calendar arithmetic, written independently of the module's own (UTC day numbers). */
export function plusDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The spec's rule table, in its order: id, severity, and the first reference of the source column. */
export const SPEC_RULES: readonly { id: RuleId; severity: Severity | 'refusal or risk'; source: string }[] = [
  { id: 'outside-municipality', severity: 'refusal', source: 'Bijlage 2' },
  { id: 'no-theme', severity: 'refusal', source: 'art. 2 lid 1' },
  { id: 'no-kader', severity: 'refusal', source: 'art. 3 sub d' },
  { id: 'not-gala', severity: 'refusal', source: 'Bijlage 2' },
  { id: 'already-started', severity: 'refusal', source: 'art. 3 sub a' },
  { id: 'grant-limit', severity: 'refusal', source: 'art. 3 sub c' },
  { id: 'core-once-a-year', severity: 'refusal', source: 'Bijlage 2' },
  { id: 'non-core-twice-a-year', severity: 'refusal', source: 'Bijlage 2' },
  { id: 'kern-needs-organisation', severity: 'refusal', source: 'Bijlage 2' },
  { id: 'kern-deadline', severity: 'refusal', source: 'Bijlage 2 §1' },
  { id: 'profit-motive', severity: 'refusal', source: 'Bijlage 2' },
  { id: 'religious', severity: 'refusal', source: 'Bijlage 2' },
  { id: 'non-core-cap', severity: 'refusal', source: 'art. 7' },
  { id: 'applicant-above-10000', severity: 'refusal', source: 'art. 4 sub c' },
  { id: 'deadline-above-10000', severity: 'refusal or risk', source: 'art. 5' },
  { id: 'budget-ceiling', severity: 'refusal', source: 'art. 3 sub b' },
  { id: 'multiple-initiatives', severity: 'risk', source: 'Bijlage 2' },
  { id: 'similar-granted', severity: 'risk', source: 'Bijlage 2' },
  { id: 'refused-before', severity: 'risk', source: 'Bijlage 2' },
  { id: 'late-application', severity: 'warning', source: 'Bijlage 2' },
  { id: 'food-and-drink', severity: 'warning', source: 'art. 6' },
  { id: 'materials-real-estate', severity: 'risk', source: 'Bijlage 2' },
  { id: 'exceeds-remaining-costs', severity: 'warning', source: 'art. 6' },
  { id: 'no-own-contribution', severity: 'warning', source: 'Bijlage 2' },
  { id: 'not-an-event', severity: 'info', source: 'Bijlage 2' },
  { id: 'other-municipal-funding', severity: 'info', source: 'Bijlage 2' },
  { id: 'vog-required', severity: 'info', source: 'Bijlage 2' },
  { id: 'multi-year-possible', severity: 'info', source: 'Bijlage 2' },
  { id: 'sportakkoord-ends', severity: 'info', source: 'Bijlage 2' },
  { id: 'cost-per-participant', severity: 'info', source: 'Bijlage 2' },
  { id: 'deadline-sources-differ', severity: 'info', source: 'art. 5' },
];

export const SEVERITY_ORDER: readonly Severity[] = ['refusal', 'risk', 'warning', 'info'];

/** The order the brief fixes: by severity, then by the spec's rule table. */
export function specOrder(findings: readonly Finding[]): Finding[] {
  const ruleIndex = (id: RuleId) => SPEC_RULES.findIndex((r) => r.id === id);
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      ruleIndex(a.rule) - ruleIndex(b.rule),
  );
}

/** The required slots of the contract ("Required: …"). */
export const SPEC_REQUIRED = [
  'applicant.kind',
  'initiative.inMunicipality',
  'initiative.themes',
  'initiative.kaders',
  'initiative.type',
  'initiative.startDate',
  'money.requested',
] as const;

/** The six slots that become relevant through an answer (Partial assessment). */
export const SPEC_CONDITIONAL = [
  'applicant.kvkFitsBusiness',
  'initiative.needsEventPermit',
  'initiative.ownNeighbourhood',
  'initiative.fitsGala',
  'initiative.diaconalOpenToAll',
  'money.targetsLowIncome',
] as const;

export const BASIC_CHECKLIST: AttachmentId[] = [
  'aanvraagformulier',
  'activiteitenplan',
  'publiciteitsplan',
  'begroting',
];
export const ORGANISATION_EXTRAS: AttachmentId[] = ['kvk-uittreksel', 'statuten', 'bestuurssamenstelling'];
export const KERN_ABOVE_10000: AttachmentId[] = [
  'aanvraagformulier',
  'uitvoeringsplan',
  'publiciteitsplan',
  'begroting-met-subsidies-elders',
  'kvk-uittreksel',
  'statuten',
  'bestuurssamenstelling',
  'jaarrekening',
  'jaarverslag',
];
export const EVENT_CHECKLIST: AttachmentId[] = [
  'aanvraagformulier',
  'evenementenplan',
  'communicatieplan',
  'begroting',
  'vergunning-of-melding',
];
export const SPORT_CHECKLIST: AttachmentId[] = [
  'aanvraagformulier',
  'uitvoeringsplan',
  'communicatieplan',
  'begroting',
];
