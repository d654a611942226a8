import type { TOptions } from 'i18next';
import i18next from 'i18next';
import enDialog from '../locales/en/dialog.json' with { type: 'json' };
import enRules from '../locales/en/rules.json' with { type: 'json' };
import nlDialog from '../locales/nl/dialog.json' with { type: 'json' };
import nlRules from '../locales/nl/rules.json' with { type: 'json' };
import type { Lang } from '../rules/index.js';
import { rulesetFigures } from '../rules/index.js';
import type { Audience } from './intake-machine.js';

export const RESOURCES = {
  nl: { dialog: nlDialog, rules: nlRules },
  en: { dialog: enDialog, rules: enRules },
} as const;

const instance = i18next.createInstance();
void instance.init({
  resources: RESOURCES,
  lng: 'nl',
  fallbackLng: false,
  ns: ['dialog', 'rules'],
  defaultNS: 'dialog',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Looks up a text; a missing key is a bug, so it fails loudly instead of showing the key to a resident. */
export type Translate = (key: string, options?: TOptions) => string;

/**
 * A translator for one language, audience and ruleset. The buurtwerker's intake uses the `_intake` variant
 * of a text where there is one ("de bewoner" instead of "u"), and for an organisation's application the
 * `_intake_organisation` variant before that ("Hoeveel subsidie vraagt de organisatie?"); the resident's
 * text otherwise. The ruleset's figures fill `{{middleMax}}`, `{{applyWeeks}}` and the like, so no text
 * repeats a number.
 */
const MISSING = '\u0000missing';
const MEMO_LIMIT = 10_000;
const translators = new Map<string, Translate>();
export const DEFAULT_RULESET = 'mag-2024';

/** Who applies, as the intake's wording needs it: a person (the resident), or an organisation or business. */
export type Applicant = 'person' | 'organisation';

export function translator(
  lang: Lang,
  audience: Audience = 'resident',
  rulesetId = DEFAULT_RULESET,
  applicant: Applicant = 'person',
): Translate {
  const cacheKey = `${lang}:${audience}:${rulesetId}:${applicant}`;
  const cached = translators.get(cacheKey);
  if (cached) return cached;
  const t = instance.getFixedT(lang);
  const figures = rulesetFigures(rulesetId, lang);
  const variants =
    audience !== 'intake'
      ? []
      : applicant === 'organisation'
        ? ['_intake_organisation', '_intake']
        : ['_intake'];
  /** The most specific text that exists for this audience. */
  const variantOf = (key: string) =>
    variants.map((v) => `${key}${v}`).find((k) => typeof catalogueValue(lang, k) === 'string') ?? key;
  // i18next resolves plurals and nesting on every call (tens of µs); the catalogues are fixed while the
  // process runs, so each (key, options) pair is looked up once. Bounded: cleared when full.
  const memo = new Map<string, string>();
  const translate: Translate = (key, options = {}) => {
    const memoKey = Object.keys(options).length === 0 ? key : `${key}\u0001${JSON.stringify(options)}`;
    const known = memo.get(memoKey);
    if (known !== undefined) return known;
    // One lookup: a sentinel default tells a missing key apart from a real text.
    const text = t(variantOf(key), { ...figures, ...options, defaultValue: MISSING }) as string;
    if (text === MISSING) throw new Error(`No ${lang} text for ${key}`);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(memoKey, text);
    return text;
  };
  translators.set(cacheKey, translate);
  return translate;
}

/** Whether the applicant of these answers is an organisation or business (for the intake's wording). */
export const applicantOf = (kind: unknown): Applicant =>
  kind === 'organisation' || kind === 'kvk-professional' ? 'organisation' : 'person';

/** Raw catalogue data (synonym lists, month names) of both languages. */
export function catalogueValue(lang: Lang, key: string): unknown {
  return instance.getResource(
    lang,
    key.startsWith('rules:') ? 'rules' : 'dialog',
    key.replace(/^rules:/, ''),
  );
}

/** Whether a text exists (optional texts such as a rule's advice). */
export function hasText(lang: Lang, key: string): boolean {
  return typeof catalogueValue(lang, key) === 'string';
}
