import type { Lang } from '../rules/index.js';
import { LANGUAGES } from '../rules/index.js';
import type { SlotId } from './answers.js';
import { catalogueValue } from './i18n.js';
import type { ChoiceOption } from './parsers/index.js';

/** Where the title of each choice code lives in the catalogues. */
const TITLE_KEYS: Partial<Record<SlotId, string>> = {
  'applicant.kind': 'rules:codes.applicantKinds',
  'initiative.themes': 'rules:codes.themes',
  'initiative.kaders': 'rules:codes.kaders',
  'initiative.type': 'rules:codes.types',
  next: 'choices',
};

export type Shortcut = 'keep' | 'skip' | 'same-day' | 'started' | 'help-me-choose';

const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === 'string') : []);

export function choiceTitle(slot: SlotId, code: string, lang: Lang): string {
  const key = TITLE_KEYS[slot];
  const title = key ? catalogueValue(lang, `${key}.${code}`) : undefined;
  if (typeof title !== 'string') throw new Error(`No ${lang} title for ${slot} ${code}`);
  return title;
}

/**
 * A code matches by itself, its title in either language (a resident may answer in Dutch in the English
 * chat) and the synonyms of both catalogues.
 */
const optionCache = new Map<string, ChoiceOption<string>[]>();

export function choiceOptions(slot: SlotId, codes: readonly string[]): ChoiceOption<string>[] {
  // The catalogues do not change while the process runs: build each list once.
  const key = `${slot}:${codes.join(',')}`;
  const cached = optionCache.get(key);
  if (cached) return cached;
  const options = codes.map((code) => ({
    code,
    titles: LANGUAGES.map((lang) => choiceTitle(slot, code, lang)),
    synonyms: LANGUAGES.flatMap((lang) => asStrings(catalogueValue(lang, `synonyms.${slot}.${code}`))),
  }));
  optionCache.set(key, options);
  return options;
}

const shortcutCache = new Map<string, ChoiceOption<Shortcut>[]>();

export function shortcutOptions(shortcuts: readonly Shortcut[]): ChoiceOption<Shortcut>[] {
  const key = shortcuts.join(',');
  const cached = shortcutCache.get(key);
  if (cached) return cached;
  const options = shortcuts.map((code) => ({
    code,
    titles: LANGUAGES.map((lang) => String(catalogueValue(lang, `choices.${code}`))),
    synonyms: LANGUAGES.flatMap((lang) => asStrings(catalogueValue(lang, `synonyms.shortcuts.${code}`))),
  }));
  shortcutCache.set(key, options);
  return options;
}
