import en from '../../locales/en/document.json' with { type: 'json' };
import nl from '../../locales/nl/document.json' with { type: 'json' };
import type { Lang, TextParams } from '../../rules/index.js';
import { catalogue, hasMessage, message, rulesetFigures } from '../../rules/index.js';

/** The document's own wording (`locales/<lang>/document.json`), with i18next's `{{name}}` placeholders. */
export const DOCUMENT_CATALOGS = { nl, en } as const;

const DOCUMENT = catalogue<Lang>('document', DOCUMENT_CATALOGS);

/** A text of `document.json`; throws on a missing key or parameter, so a typo fails the tests. */
export const docText = (lang: Lang, key: string, params: TextParams = {}): string =>
  DOCUMENT.text(lang, key, params);

/**
 * A label of `rules.json` (`codes.*`, `checklist.*`, `deadlines.*`, …) with the figures of the draft's
 * ruleset, or the code itself when unknown.
 */
export function ruleText(lang: Lang, key: string, rulesetId: string): string {
  return hasMessage(lang, key)
    ? message(lang, key, rulesetFigures(rulesetId, lang))
    : key.slice(key.lastIndexOf('.') + 1);
}

export const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** `a`, `a en b`, `a, b en c`. */
export function joinAnd(lang: Lang, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${docText(lang, 'values.and')} ${items.at(-1)}`;
}
