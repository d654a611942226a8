/** Values for a text's `{{name}}` placeholders (i18next's syntax, so the same JSON serves i18next). */
export type TextParams = Record<string, string | number>;

export interface Catalogue<L extends string> {
  /** The value at a dotted key (`findings.religious`), whatever it is; `undefined` when absent. */
  value(lang: L, key: string): unknown;
  has(lang: L, key: string): boolean;
  /** The text with its placeholders filled; a missing key or parameter throws, so a typo fails the tests. */
  text(lang: L, key: string, params?: TextParams): string;
}

/**
 * A JSON catalogue of `locales/` read without a framework: the rules, the document and the consulent pages
 * use this; the dialogs use i18next over the same files.
 */
export function catalogue<L extends string>(name: string, resources: Record<L, unknown>): Catalogue<L> {
  const value = (lang: L, key: string): unknown => {
    let node: unknown = resources[lang];
    for (const part of key.split('.')) {
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
    }
    return node;
  };
  return {
    value,
    has: (lang, key) => typeof value(lang, key) === 'string',
    text(lang, key, params = {}) {
      const template = value(lang, key);
      if (typeof template !== 'string') throw new Error(`No ${lang} ${name} text for ${key}`);
      return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, placeholder: string) => {
        const filled = params[placeholder];
        if (filled === undefined) throw new Error(`${name} text ${key} needs {{${placeholder}}}`);
        return String(filled);
      });
    },
  };
}
