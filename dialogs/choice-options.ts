import type { Lang } from '../rules/index.js';
import { KADERS, LANGUAGES, THEMES } from '../rules/index.js';
import type { SlotId } from './answers.js';
import { catalogueValue } from './i18n.js';
import type { Audience } from './intake-machine.js';
import type { ChoiceOption } from './parsers/index.js';
import type { Shortcut } from './questions.js';

/** Where the title of each choice code lives in the catalogues. */
const TITLE_KEYS: Partial<Record<SlotId, string>> = {
  'applicant.kind': 'rules:codes.applicantKinds',
  'initiative.themes': 'rules:codes.themes',
  'initiative.kaders': 'rules:codes.kaders',
  'initiative.type': 'rules:codes.types',
  'help.location': 'options.help.location',
  'help.conditions': 'options.help.conditions',
  'help.history': 'options.help.history',
  next: 'choices',
};

export type TitleParams = Record<string, string | number>;

const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === 'string') : []);
const fill = (text: string, params: TitleParams) =>
  text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );

/** The fit question lists the themes and the kaders: each title says which of the two it is. */
const FIT_PARTS: Record<string, { slot: SlotId; key: string }> = {
  ...Object.fromEntries(
    THEMES.map((c) => [c, { slot: 'initiative.themes' as SlotId, key: 'options.help.fit.theme' }]),
  ),
  ...Object.fromEntries(
    KADERS.map((c) => [c, { slot: 'initiative.kaders' as SlotId, key: 'options.help.fit.kader' }]),
  ),
};

/**
 * The title of a choice; `params` fill its placeholders (`Verder met {{amount}}`). In the buurtwerker's
 * intake a title that speaks as or to the applicant has an `_intake` variant ("de bewoner").
 */
export function choiceTitle(
  slot: SlotId,
  code: string,
  lang: Lang,
  params: TitleParams = {},
  audience: Audience = 'resident',
): string {
  if (slot === 'help.fit') {
    const part = FIT_PARTS[code];
    if (!part) throw new Error(`No fit choice ${code}`);
    return fill(String(catalogueValue(lang, part.key)), { title: choiceTitle(part.slot, code, lang) });
  }
  const key = TITLE_KEYS[slot];
  const intake = key && audience === 'intake' ? catalogueValue(lang, `${key}.${code}_intake`) : undefined;
  const title =
    typeof intake === 'string' ? intake : key ? catalogueValue(lang, `${key}.${code}`) : undefined;
  if (typeof title !== 'string') throw new Error(`No ${lang} title for ${slot} ${code}`);
  return fill(title, params);
}

/**
 * The list `make` gave for `key` before, else a new one kept for next time. The catalogues do not change
 * while the process runs, and the parser prepares a matcher once per list object (`parseChoice`), so a list
 * is built once; past 1,000 lists the cache starts again.
 */
export function madeOnce<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const made = make();
  if (cache.size > 1_000) cache.clear();
  cache.set(key, made);
  return made;
}

/**
 * A code matches by itself, its title in either language (a resident may answer in Dutch in the English
 * chat) and the synonyms of both catalogues.
 */
const optionCache = new Map<string, ChoiceOption<string>[]>();

export function choiceOptions(
  slot: SlotId,
  codes: readonly string[],
  params: Partial<Record<Lang, TitleParams>> = {},
): ChoiceOption<string>[] {
  const key = `${slot}:${codes.join(',')}:${JSON.stringify(params)}`;
  return madeOnce(optionCache, key, () =>
    codes.map((code) => ({
      code,
      titles: LANGUAGES.flatMap((lang) => [
        choiceTitle(slot, code, lang, params[lang]),
        choiceTitle(slot, code, lang, params[lang], 'intake'),
      ]),
      synonyms: LANGUAGES.flatMap((lang) => [
        ...asStrings(catalogueValue(lang, `synonyms.${slot}.${code}`)),
        // A theme or kader in the fit list is also known by its plain name.
        ...(slot === 'help.fit' && FIT_PARTS[code] ? [choiceTitle(FIT_PARTS[code].slot, code, lang)] : []),
      ]),
    })),
  );
}

const shortcutCache = new Map<string, ChoiceOption<Shortcut>[]>();

export function shortcutOptions(shortcuts: readonly Shortcut[]): ChoiceOption<Shortcut>[] {
  return madeOnce(shortcutCache, shortcuts.join(','), () =>
    shortcuts.map((code) => ({
      code,
      titles: LANGUAGES.map((lang) => String(catalogueValue(lang, `choices.${code}`))),
      synonyms: LANGUAGES.flatMap((lang) => asStrings(catalogueValue(lang, `synonyms.shortcuts.${code}`))),
    })),
  );
}
