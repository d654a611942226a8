import { describe, expect, it } from 'vitest';
import { DRAFT_STATUSES } from '../../drafts/draft.js';
import en from '../../locales/en/consulent.json' with { type: 'json' };
import nl from '../../locales/nl/consulent.json' with { type: 'json' };
import { LANGUAGES, RULE_IDS, SLOT_PATHS, TIERS, VERDICTS } from '../../rules/index.js';

type Tree = { [key: string]: Tree | string };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object') for (const [k, v] of leaves(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

const nlTexts = leaves(nl as Tree);
const enTexts = leaves(en as Tree);
const placeholders = (text: string | undefined) =>
  [...(text ?? '').matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('locales/*/consulent.json', () => {
  it('has the same keys in Dutch and English', () => {
    expect([...nlTexts.keys()].sort()).toEqual([...enTexts.keys()].sort());
  });

  it('uses the same placeholders in both languages and has no empty text', () => {
    for (const [key, text] of nlTexts) {
      expect(placeholders(enTexts.get(key)), key).toEqual(placeholders(text));
      expect(text.trim(), key).not.toBe('');
      expect(enTexts.get(key)?.trim(), key).not.toBe('');
    }
  });

  it('names every status, verdict, tier, rule, answer and language', () => {
    const keys = [
      ...DRAFT_STATUSES.map((s) => `statuses.${s}`),
      ...VERDICTS.map((v) => `verdicts.${v}`),
      ...TIERS.map((t) => `tiers.${t}`),
      ...RULE_IDS.map((r) => `rules.${r}`),
      ...SLOT_PATHS.map((p) => `answers.${p}`),
      ...LANGUAGES.map((l) => `languages.${l}`),
      'channels.website',
      'channels.teams',
    ];
    expect(keys.filter((k) => !nlTexts.has(k))).toEqual([]);
  });
});
