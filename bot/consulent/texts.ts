import nl from '../../locales/nl/consulent.json' with { type: 'json' };
import type { CalendarDate, RuleId, TextParams } from '../../rules/index.js';
import {
  catalogue,
  formatDate,
  formatEuros,
  hasMessage,
  message,
  RULESETS,
  rulesetFigures,
  toCents,
} from '../../rules/index.js';

/**
 * The consulent pages are Dutch: their wording is `locales/nl/consulent.json` (English keeps the same keys).
 * Labels of the rules' own codes (types, tiers, themes, deciders, …) come from `locales/nl/rules.json`,
 * the one place those codes are named.
 */
const TEXTS = catalogue('consulent', { nl });

export const hasText = (key: string): boolean => TEXTS.has('nl', key);

export const t = (key: string, params: TextParams = {}): string => TEXTS.text('nl', key, params);

/** A label from this catalogue, or the code itself when there is none (a code from a newer version). */
export const labelOr = (key: string, code: string): string => (hasText(key) ? t(key) : code);

export type CodeGroup =
  | 'themes'
  | 'kaders'
  | 'types'
  | 'applicantKinds'
  | 'tiers'
  | 'deciders'
  | 'advisors'
  | 'budgetLines'
  | 'severities';

/** A code's Dutch label from the rules' catalogue; the code itself when it has none (an empty one: ''). */
export function codeLabel(group: CodeGroup, code: string): string {
  if (code === '') return '';
  const key = `codes.${group}.${code}`;
  return hasMessage('nl', key) ? message('nl', key) : code;
}

/**
 * Dutch text of the rules' catalogue by key (checklist, deadlines, accountability, recommendations), with the
 * figures of the draft's ruleset.
 */
export const rulesText = (key: string, fallback: string, rulesetId: string): string =>
  hasMessage('nl', key) ? message('nl', key, rulesetFigures(rulesetId, 'nl')) : fallback;

/** Risks and warnings in the inbox: the rule's own severity says which (a refusal never is a flag). */
const WARNING_RULES = new Set<string>(
  RULESETS.flatMap((r) => r.findings.filter((f) => f.severity === 'warning').map((f) => f.id)),
);
export const flagSeverity = (rule: string): 'risk' | 'warning' =>
  WARNING_RULES.has(rule) ? 'warning' : 'risk';
/** The inbox's own short tier labels (`€ 1.000 - € 10.000`): the rules' wording is for residents. */
export const tierLabel = (tier: string): string => (tier === '' ? '' : labelOr(`tiers.${tier}`, tier));
export const ruleLabel = (rule: RuleId | string): string => labelOr(`rules.${rule}`, rule);

/**
 * `€ 1.250,50`: always with cents in the inbox, so amounts line up in the table; a no-break space keeps
 * the euro sign with its number.
 */
export function formatAmount(euros: number): string {
  return formatEuros(toCents(euros), 'nl', { alwaysCents: true, space: '\u00a0' });
}

/** Amounts for a spreadsheet: `1250,50`, a number in Dutch Excel. */
export function formatAmountPlain(euros: number): string {
  const cents = Math.abs(toCents(euros));
  return `${euros < 0 ? '-' : ''}${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}

export const formatCalendarDate = (date: CalendarDate): string => formatDate(date, 'nl');

const AMSTERDAM = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as date and time in Hardinxveld-Giessendam: `{ date: '2026-11-23', time: '14:05' }`. */
export function localParts(iso: string): { date: CalendarDate; time: string } {
  const parts = Object.fromEntries(AMSTERDAM.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** `23 november 2026, 14:05` */
export function formatInstant(iso: string): string {
  const { date, time } = localParts(iso);
  return `${formatCalendarDate(date)}, ${time}`;
}

/** `23-11-2026`: the Dutch date of an instant, compact for the table. */
export function formatDateShort(iso: string): string {
  const { date } = localParts(iso);
  return `${date.slice(8, 10)}-${date.slice(5, 7)}-${date.slice(0, 4)}`;
}

/** `23-11-2026 14:05`: compact, for the transcript and the spreadsheet. */
export function formatInstantShort(iso: string): string {
  return `${formatDateShort(iso)} ${localParts(iso).time}`;
}
