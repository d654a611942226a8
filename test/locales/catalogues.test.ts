import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../dialogs/i18n.js';
import { leaves, type Tree } from './leaves.js';

const placeholders = (text: unknown) =>
  typeof text === 'string' ? [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort() : [];

describe('review labels', () => {
  it.each(['nl', 'en'] as const)('are all different in %s, so a typed label picks one answer', (lang) => {
    const labels = [...leaves(RESOURCES[lang].dialog.labels as unknown as Tree).entries()].map(([k, v]) => ({
      k,
      v: String(v).toLowerCase(),
    }));
    const twice = labels.filter((l, i) => labels.findIndex((m) => m.v === l.v) !== i).map((l) => l.k);
    expect(twice).toEqual([]);
  });
});

describe.each(['dialog', 'rules'] as const)('locales/*/%s.json', (ns) => {
  const nl = leaves(RESOURCES.nl[ns] as unknown as Tree);
  const en = leaves(RESOURCES.en[ns] as unknown as Tree);

  it('has every Dutch key in English and no English key without a Dutch one', () => {
    expect([...nl.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !nl.has(k))).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const differ = [...nl.keys()].filter(
      (k) => JSON.stringify(placeholders(nl.get(k))) !== JSON.stringify(placeholders(en.get(k))),
    );
    expect(differ).toEqual([]);
  });

  it('has no empty text', () => {
    const empty = [...nl, ...en].filter(([, v]) => v === '' || (Array.isArray(v) && v.length === 0));
    expect(empty.map(([k]) => k)).toEqual([]);
  });

  it('addresses residents as "u", never "je" or "jij", in Dutch', () => {
    const informal = [...nl].filter(
      ([k, v]) =>
        typeof v === 'string' &&
        !k.startsWith('synonyms') &&
        /\b(je|jij|jouw)\b/i.test(v) &&
        !/\bje (lichaam|hoofd)\b/.test(v),
    );
    expect(informal.map(([k]) => k)).toEqual([]);
  });
});

/**
 * User-facing text belongs in `locales/`. This scan looks for sentence-like string literals (three or
 * more words) in the code that talks to people; log lines and developer errors are allowed.
 */
describe('no hard-coded user-facing text', () => {
  const roots = ['dialogs', 'bot', 'drafts'];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'parsers' && name !== 'vendor') walk(path);
      } else if (path.endsWith('.ts')) files.push(path);
    }
  };
  for (const root of roots) walk(root);

  it.each(files)('%s', (file) => {
    const offending = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
      .filter(
        (line) =>
          !/throw new Error|log\.(info|warn|error|debug|fatal|trace)|Error\(|\/\/ operator-facing/.test(line),
      )
      .flatMap((line) =>
        [...line.matchAll(/'([^'\\]*(?:\\.[^'\\]*)*)'|`([^`]*)`/g)].map((m) => m[1] ?? m[2] ?? ''),
      )
      .filter((literal) => /^[A-Za-zÀ-ÿ€]/.test(literal) && literal.trim().split(/\s+/).length >= 3)
      .filter((literal) => !/[${}]/.test(literal));
    expect(offending).toEqual([]);
  });
});

describe('every catalogue file', () => {
  const files = readdirSync('locales/nl').filter((f) => f.endsWith('.json'));

  it('exists in both languages', () => {
    expect(
      readdirSync('locales/en')
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual([...files].sort());
    expect(files).toEqual(
      expect.arrayContaining(['dialog.json', 'rules.json', 'page.json', 'document.json', 'consulent.json']),
    );
  });

  it.each(files)('%s has the same keys and placeholders in nl and en', (file) => {
    const nl = leaves(JSON.parse(readFileSync(join('locales/nl', file), 'utf8')) as Tree);
    const en = leaves(JSON.parse(readFileSync(join('locales/en', file), 'utf8')) as Tree);
    expect([...nl.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !nl.has(k))).toEqual([]);
    const differ = [...nl.keys()].filter(
      (k) => JSON.stringify(placeholders(nl.get(k))) !== JSON.stringify(placeholders(en.get(k))),
    );
    expect(differ).toEqual([]);
  });
});
