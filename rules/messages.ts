import en from '../locales/en/rules.json' with { type: 'json' };
import nl from '../locales/nl/rules.json' with { type: 'json' };
import type { CalendarDate } from './calendar-date.js';
import { dayOf, monthOf, yearOf } from './calendar-date.js';
import type { TextParams } from './catalogue.js';
import { catalogue } from './catalogue.js';
import type { Lang } from './codes.js';
import { formatEuros } from './money.js';
import type { MessageParam, MessageParams } from './rule.js';
import { rulesetById } from './rulesets.js';

/**
 * The rules' own wording, read from `locales/<lang>/rules.json` (the same files i18next serves to the
 * dialogs). A tiny lookup instead of i18next keeps the rules module free of frameworks; the
 * `{{name}}` placeholders are i18next's, so one catalogue serves both.
 */
const RULES = catalogue<Lang>('rules', { nl, en });

export const hasMessage = (lang: Lang, key: string): boolean => RULES.has(lang, key);

export const message = (lang: Lang, key: string, params: TextParams = {}): string =>
  RULES.text(lang, key, params);

export function formatDate(date: CalendarDate, lang: Lang): string {
  const months = RULES.value(lang, 'dates.months') as string[];
  return message(lang, 'dates.format', {
    day: dayOf(date),
    month: months[monthOf(date) - 1]!,
    year: yearOf(date),
  });
}

function formatParam(param: MessageParam, lang: Lang): string | number {
  if (typeof param !== 'object') return param;
  if ('date' in param) return formatDate(param.date, lang);
  if ('money' in param) return formatEuros(param.money, lang);
  return message(lang, `codes.budgetLines.${param.budgetLine}`);
}

export function formatParams(params: MessageParams | undefined, lang: Lang): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, param] of Object.entries(params ?? {})) out[name] = formatParam(param, lang);
  return out;
}

const figureCache = new Map<string, Record<string, string | number>>();

/**
 * The figures of a ruleset as its texts show them (`{{middleMax}}` → `€ 10.000`), formatted once per ruleset
 * and language. Every text that names an amount, count or period takes it from here.
 */
export function rulesetFigures(rulesetId: string, lang: Lang): Record<string, string | number> {
  const key = `${rulesetId}:${lang}`;
  let figures = figureCache.get(key);
  if (!figures) {
    const ruleset = rulesetById(rulesetId);
    if (!ruleset) throw new Error(`Unknown ruleset ${rulesetId}`);
    figures = formatParams(ruleset.textParams, lang);
    figureCache.set(key, figures);
  }
  return figures;
}
