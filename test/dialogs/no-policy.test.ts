/**
 * Policy lives in `rules/` only: the dialog asks what the rules say matters and words numbers from the
 * ruleset's parameters. This test fails when an amount, count or period of the parameters appears in the
 * dialog's code (as a literal) or, written out, in the texts the dialog and the rules show.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { formatEuros } from '../../rules/index.js';
import { PARAMETERS } from '../../rules/mag-2024/parameters.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every number in the parameters, with the path it sits at (`accountability.directMax`). */
function numbers(value: unknown, path = ''): { path: string; value: number }[] {
  if (typeof value === 'number') return [{ path, value }];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => numbers(v, path ? `${path}.${k}` : k));
}

const PARAMS = numbers(PARAMETERS);
/** Month and day numbers of dated parameters are everywhere in code (`slice(0, 10)`); amounts and periods are not. */
const isCalendarPart = (path: string) => /\.(month|day)$/.test(path);
const MONEY = new Set([
  'buurtMax',
  'smallMax',
  'middleMax',
  'wethouderMax',
  'multiYearBelow',
  'directMax',
  'reportMax',
]);
const isMoney = (path: string) => MONEY.has(path.split('.').at(-1)!) || path.startsWith('budgetCeilings');

/** The literals a policy number would take in code: cents as written, and the euros they stand for. */
function codeForms(): Map<number, string[]> {
  const forms = new Map<number, string[]>();
  const add = (n: number, path: string) => forms.set(n, [...(forms.get(n) ?? []), path]);
  for (const { path, value } of PARAMS) {
    if (isCalendarPart(path) || value < 10) continue;
    add(value, path);
    if (isMoney(path)) add(value / 100, path);
  }
  return forms;
}

/**
 * Lines whose number only happens to equal a parameter, each with the reason. Matched on the whole line, so
 * a policy number added beside them is still found.
 */
const NOT_POLICY: { file: string; line: RegExp; why: string }[] = [
  { file: 'dialogs/i18n.ts', line: /^const MEMO_LIMIT = 10_000;$/, why: 'the size of a translation cache' },
  {
    file: 'dialogs/parsers/count.ts',
    line: /^export const MAX_COUNT = 1_000_000;$/,
    why: 'the largest count the parser reads',
  },
  { file: 'dialogs/parsers/count.ts', line: /^\s*\[1000, \['duizend',/, why: 'the word "duizend" is 1000' },
];

function numericLiterals(file: string): { value: number; line: number }[] {
  const text = readFileSync(file, 'utf8');
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const out: { value: number; line: number }[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind !== ts.SyntaxKind.NumericLiteral) continue;
    const value = Number(scanner.getTokenValue());
    out.push({ value, line: text.slice(0, scanner.getTokenStart()).split('\n').length });
  }
  return out;
}

const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

function strings(value: unknown, path = ''): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
}

/** A parameter written out in a text: `€ 500`, `€10,000`, `8 weken`, `3 keer`, `4 years`. */
function textForms(): { pattern: RegExp; path: string }[] {
  const forms: { pattern: RegExp; path: string }[] = [];
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const { path, value } of PARAMS) {
    if (isCalendarPart(path)) continue;
    if (isMoney(path)) {
      for (const lang of ['nl', 'en'] as const) {
        forms.push({
          pattern: new RegExp(`${escapeRegExp(formatEuros(value, lang))}(?![\\d]|[.,]\\d)`),
          path,
        });
      }
      continue;
    }
    const n = /Days/.test(path) ? value / 7 : value;
    if (!Number.isInteger(n)) continue;
    forms.push({
      pattern: new RegExp(`(?<![\\d.,])${n} (weken|weeks|keer|times|jaar|years|dagen|days)\\b`),
      path,
    });
  }
  return forms;
}

describe('no policy in the dialog', () => {
  it('finds the parameters it looks for (the scan itself works)', () => {
    const forms = codeForms();
    expect(forms.get(50_000)).toContain('buurtMax');
    expect(forms.get(500)).toContain('buurtMax');
    expect(forms.get(10_000)).toContain('middleMax');
    expect(forms.get(56)).toContain('applyDaysBeforeStart');
    const sample = textForms().filter((f) => f.pattern.test('Tot en met € 10.000, over 8 weken.'));
    expect(sample.map((f) => f.path)).toEqual(expect.arrayContaining(['middleMax', 'applyDaysBeforeStart']));
  });

  it("no amount, count or period of the ruleset's parameters in dialogs/ code", () => {
    const forms = codeForms();
    const found: string[] = [];
    for (const file of tsFiles(join(ROOT, 'dialogs'))) {
      const name = file.slice(ROOT.length + 1);
      const lines = readFileSync(file, 'utf8').split('\n');
      for (const { value, line } of numericLiterals(file)) {
        const paths = forms.get(value);
        if (!paths) continue;
        if (NOT_POLICY.some((x) => x.file === name && x.line.test(lines[line - 1]!))) continue;
        found.push(`${name}:${line} ${value} (${paths.join(', ')})`);
      }
    }
    expect(found).toEqual([]);
  });

  it('no parameter written out in the dialog or rules texts: they come from {{placeholders}}', () => {
    const forms = textForms();
    const found: string[] = [];
    for (const lang of ['nl', 'en']) {
      for (const name of ['dialog', 'rules']) {
        const file = join(ROOT, 'locales', lang, `${name}.json`);
        for (const { path, text } of strings(JSON.parse(readFileSync(file, 'utf8')))) {
          for (const form of forms) {
            if (form.pattern.test(text))
              found.push(`${lang}/${name}.json ${path}: ${form.path} in "${text}"`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });
});
