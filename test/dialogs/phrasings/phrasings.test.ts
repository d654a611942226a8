/**
 * Runs the phrasing table (see table.ts): every row through its parser, with the option lists the dialog
 * builds from the catalogues. A value row must give that value and exactly the note it names (no note when
 * it names none); an error row that error.
 */
import { describe, expect, it } from 'vitest';
import { choiceOptions } from '../../../dialogs/choice-options.js';
import {
  type ChoiceOption,
  type ParseResult,
  parseAmount,
  parseChoice,
  parseCount,
  parseDate,
  parseMultiChoice,
  parseYesNo,
} from '../../../dialogs/parsers/index.js';
import { APPLICANT_KINDS, KADERS, SUBSIDY_TYPES, THEMES } from '../../../rules/index.js';
import { CHOICES, type ChoiceSlot } from './choice.js';
import { DATES, TODAY } from './dates.js';
import { DONT_KNOW, type DontKnowParser } from './dont-know.js';
import { MULTI, type MultiSlot } from './multi.js';
import { AMOUNTS, COUNTS } from './numbers.js';
import type { Row } from './table.js';
import { YES_NO } from './yes-no.js';

/** The option lists as the dialog offers them (questions.ts): the same codes, the catalogues' titles. */
const OPTIONS: Record<ChoiceSlot | MultiSlot, ChoiceOption<string>[]> = {
  'applicant.kind': choiceOptions('applicant.kind', APPLICANT_KINDS),
  'initiative.type': choiceOptions('initiative.type', SUBSIDY_TYPES),
  'help.location': choiceOptions('help.location', ['in-own-neighbourhood', 'in-municipality', 'outside']),
  'initiative.themes': choiceOptions('initiative.themes', THEMES),
  'initiative.kaders': choiceOptions('initiative.kaders', KADERS),
  'help.fit': choiceOptions('help.fit', [...THEMES, ...KADERS]),
};

type Parse = (text: string) => ParseResult<unknown>;

const PARSERS: Record<DontKnowParser, Parse> = {
  'yes-no': parseYesNo,
  amount: parseAmount,
  count: parseCount,
  date: (text) => parseDate(text, TODAY),
  'applicant.kind': (text) => parseChoice(text, OPTIONS['applicant.kind']),
  'initiative.type': (text) => parseChoice(text, OPTIONS['initiative.type']),
  'help.location': (text) => parseChoice(text, OPTIONS['help.location']),
  'initiative.themes': (text) => parseMultiChoice(text, OPTIONS['initiative.themes']),
  'help.fit': (text) => parseMultiChoice(text, OPTIONS['help.fit']),
};

/** Every group of the table, with its parser. */
const GROUPS: { name: string; parse: Parse; rows: readonly Row<unknown>[] }[] = [
  { name: 'yes/no', parse: parseYesNo, rows: YES_NO },
  ...(Object.keys(CHOICES) as ChoiceSlot[]).map((slot) => ({
    name: `choice ${slot}`,
    parse: (text: string) => parseChoice(text, OPTIONS[slot]),
    rows: CHOICES[slot],
  })),
  ...(Object.keys(MULTI) as MultiSlot[]).map((slot) => ({
    name: `multi-choice ${slot}`,
    parse: (text: string) => parseMultiChoice(text, OPTIONS[slot]),
    rows: MULTI[slot],
  })),
  { name: 'amount', parse: parseAmount, rows: AMOUNTS },
  { name: 'count', parse: parseCount, rows: COUNTS },
  { name: `date (today ${TODAY})`, parse: (text: string) => parseDate(text, TODAY), rows: DATES },
  ...(Object.keys(DONT_KNOW) as DontKnowParser[]).map((parser) => ({
    name: `don't know: ${parser}`,
    parse: PARSERS[parser],
    rows: DONT_KNOW[parser],
  })),
];

const label = (row: Row<unknown>) => `${row.lang} ${row.who}: ${JSON.stringify(row.text)}`;

function check(parse: Parse, row: Row<unknown>): void {
  const result = parse(row.text);
  const where = label(row);
  if ('error' in row.expected) {
    expect(result, where).toEqual({ ok: false, error: row.expected.error });
    return;
  }
  expect(result.ok ? { ok: true, value: result.value } : result, where).toEqual({
    ok: true,
    value: row.expected.value,
  });
  if (!result.ok) return;
  const note = row.expected.note;
  if (note === undefined) expect(result.note, `${where}: no note`).toBeUndefined();
  else if (typeof note === 'string') expect(result.note?.kind, `${where}: note`).toBe(note);
  else expect(result.note, `${where}: note`).toEqual(note);
}

describe('the phrasing table', () => {
  for (const group of GROUPS) {
    describe(group.name, () => {
      it.each(group.rows.map((row) => [label(row), row] as const))('%s', (_, row) => check(group.parse, row));
    });
  }

  it('holds at least 400 real phrasings, in both languages and from both audiences in every input kind', () => {
    const all = GROUPS.flatMap((g) => g.rows);
    expect(all.length).toBeGreaterThanOrEqual(400);
    const kinds: [string, readonly Row<unknown>[]][] = [
      ['yes/no', YES_NO],
      ['choice', Object.values(CHOICES).flat()],
      ['multi-choice', Object.values(MULTI).flat()],
      ['amount', AMOUNTS],
      ['count', COUNTS],
      ['date', DATES],
      ["don't know", Object.values(DONT_KNOW).flat()],
    ];
    for (const [kind, rows] of kinds) {
      for (const lang of ['nl', 'en'] as const) {
        for (const who of ['resident', 'buurtwerker'] as const) {
          expect(
            rows.some((r) => r.lang === lang && r.who === who),
            `${kind}: ${lang} ${who}`,
          ).toBe(true);
        }
      }
    }
    // No phrasing twice in the same group: each row tests something.
    for (const group of GROUPS) {
      const texts = group.rows.map((r) => r.text);
      expect(new Set(texts).size, group.name).toBe(texts.length);
    }
  });
});
