import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChoiceOption, parseChoice, parseMultiChoice } from '../../../dialogs/parsers/index.js';
import type { ParseError } from '../../../dialogs/parsers/result.js';
import {
  type APPLICANT_KINDS,
  KADERS,
  type SUBSIDY_TYPES,
  THEMES,
  type TIERS,
} from '../../../rules/index.js';
import { assertFastOnPathological, assertNeverThrows, randomCase } from './arbitraries.js';

// The titles as the locales had them when these tests were written; the last block re-runs the
// properties against whatever the locale files say now.
const THEME_OPTIONS: ChoiceOption<(typeof THEMES)[number]>[] = [
  { code: 'levendigheid', titles: ['Levendigheid', 'Liveliness'] },
  { code: 'verbinding', titles: ['Verbinding', 'Connection'] },
  { code: 'omzien-naar-elkaar', titles: ['Omzien naar elkaar', 'Caring for each other'] },
  { code: 'vitaliteit', titles: ['Vitaliteit', 'Vitality'] },
];
const KADER_OPTIONS: ChoiceOption<(typeof KADERS)[number]>[] = [
  {
    code: 'vraag-inwoner',
    titles: ['De vraag van de inwoner staat centraal', 'The question of the resident comes first'],
  },
  {
    code: 'samen-bouwen',
    titles: ['Samen bouwen en elkaar vertrouwen', 'Building together and trusting each other'],
  },
  { code: 'voorkomen', titles: ['Voorkomen is beter dan genezen', 'Prevention is better than cure'] },
  { code: 'dichtbij', titles: ['Dichtbij de inwoner', 'Close to the resident'] },
  {
    code: 'kracht-inwoners',
    titles: [
      'De kracht van inwoners en organisaties wordt benut',
      'The strength of residents and organisations is used',
    ],
  },
];
const TYPE_OPTIONS: ChoiceOption<(typeof SUBSIDY_TYPES)[number]>[] = [
  { code: 'kernactiviteit', titles: ['Kernactiviteit', 'Core activity'] },
  { code: 'eenmalig', titles: ['Eenmalig initiatief', 'One-off initiative'] },
  { code: 'evenement', titles: ['Evenement', 'Event'] },
  { code: 'sport', titles: ['Sport en bewegen', 'Sport and exercise'] },
];
const KIND_OPTIONS: ChoiceOption<(typeof APPLICANT_KINDS)[number]>[] = [
  { code: 'resident', titles: ['Inwoner', 'Resident'], synonyms: ['bewoner', 'particulier', 'ik woon hier'] },
  {
    code: 'organisation',
    titles: ['Organisatie', 'Organisation'],
    synonyms: ['vereniging', 'stichting', 'club'],
  },
  {
    code: 'kvk-professional',
    titles: ['Ondernemer met KvK-inschrijving', 'Business owner registered with the KvK'],
  },
];
const TIER_OPTIONS: ChoiceOption<(typeof TIERS)[number]>[] = [
  { code: 'buurt-500', titles: ['Buurtinitiatief tot en met € 500', 'Neighbourhood initiative up to € 500'] },
  { code: 'tot-1000', titles: ['Tot en met € 1.000', 'Up to € 1,000'] },
  { code: 'tot-10000', titles: ['Tot en met € 10.000', 'Up to € 10,000'] },
  { code: 'boven-10000', titles: ['Meer dan € 10.000', 'More than € 10,000'] },
];
const YES_NO_OPTIONS: ChoiceOption<'yes' | 'no'>[] = [
  { code: 'yes', titles: ['Ja', 'Yes'] },
  { code: 'no', titles: ['Nee', 'No'] },
];
const ALL_OPTION_LISTS: readonly (readonly ChoiceOption<string>[])[] = [
  THEME_OPTIONS,
  KADER_OPTIONS,
  TYPE_OPTIONS,
  KIND_OPTIONS,
  TIER_OPTIONS,
  YES_NO_OPTIONS,
];

describe('parseChoice accepts', () => {
  it.each<[string, string, readonly ChoiceOption<string>[]]>([
    ['kernactiviteit', 'kernactiviteit', TYPE_OPTIONS],
    ['Kernactiviteit', 'kernactiviteit', TYPE_OPTIONS],
    ['Core activity', 'kernactiviteit', TYPE_OPTIONS],
    ['core-activity', 'kernactiviteit', TYPE_OPTIONS],
    ['eenmalig', 'eenmalig', TYPE_OPTIONS],
    ['Eenmalig initiatief.', 'eenmalig', TYPE_OPTIONS],
    ['one-off initiative', 'eenmalig', TYPE_OPTIONS],
    ['  EVENEMENT!  ', 'evenement', TYPE_OPTIONS],
    ['event', 'evenement', TYPE_OPTIONS],
    ['Sport en bewegen', 'sport', TYPE_OPTIONS],
    ['sport & bewegen', 'sport', TYPE_OPTIONS],
    ['sport and exercise', 'sport', TYPE_OPTIONS],
    ['sport', 'sport', TYPE_OPTIONS],
    // numbers, as a terminal lists the options
    ['1', 'kernactiviteit', TYPE_OPTIONS],
    ['2.', 'eenmalig', TYPE_OPTIONS],
    [' 4 ', 'sport', TYPE_OPTIONS],
    ['optie 3', 'evenement', TYPE_OPTIONS],
    ['option 3', 'evenement', TYPE_OPTIONS],
    ['nr. 2', 'eenmalig', TYPE_OPTIONS],
    // unique prefixes of three characters or more
    ['ker', 'kernactiviteit', TYPE_OPTIONS],
    ['eenm', 'eenmalig', TYPE_OPTIONS],
    ['eve', 'evenement', TYPE_OPTIONS],
    ['spo', 'sport', TYPE_OPTIONS],
    ['one-off', 'eenmalig', TYPE_OPTIONS],
    ['ondernemer', 'kvk-professional', KIND_OPTIONS],
    ['kvk', 'kvk-professional', KIND_OPTIONS],
    ['kracht van inwoners', 'kracht-inwoners', KADER_OPTIONS],
    ['De kracht', 'kracht-inwoners', KADER_OPTIONS],
    ['samen bouwen', 'samen-bouwen', KADER_OPTIONS],
    ['strength of residents', 'kracht-inwoners', KADER_OPTIONS],
    // diacritics, case, punctuation, hyphens
    ['Omzien naar elkaar', 'omzien-naar-elkaar', THEME_OPTIONS],
    ['omzien-naar-elkaar', 'omzien-naar-elkaar', THEME_OPTIONS],
    ['OMZIEN NAAR ELKAAR!!', 'omzien-naar-elkaar', THEME_OPTIONS],
    ['Vitalitéit', 'vitaliteit', THEME_OPTIONS],
    ['caring for each other', 'omzien-naar-elkaar', THEME_OPTIONS],
    ['\u200eVerbinding\u200f', 'verbinding', THEME_OPTIONS],
    // synonyms
    ['bewoner', 'resident', KIND_OPTIONS],
    ['Ik woon hier', 'resident', KIND_OPTIONS],
    ['stichting', 'organisation', KIND_OPTIONS],
    ['Organisation', 'organisation', KIND_OPTIONS],
    ['organisatie', 'organisation', KIND_OPTIONS],
    // titles with amounts in them
    ['Tot en met € 1.000', 'tot-1000', TIER_OPTIONS],
    ['up to € 10,000', 'tot-10000', TIER_OPTIONS],
    ['tot-10000', 'tot-10000', TIER_OPTIONS],
    ['buurt', 'buurt-500', TIER_OPTIONS],
    ['yes', 'yes', YES_NO_OPTIONS],
    ['Nee', 'no', YES_NO_OPTIONS],
  ])('%j → %s', (input, code, options) => {
    expect(parseChoice(input, options)).toEqual({ ok: true, value: code });
  });
});

describe('parseChoice refuses', () => {
  const confusable: ChoiceOption<'a' | 'b'>[] = [
    { code: 'a', titles: ['Verbinding'] },
    { code: 'b', titles: ['Verbouwing'] },
  ];
  it.each<[string, ParseError, readonly ChoiceOption<string>[]]>([
    ['', 'empty', TYPE_OPTIONS],
    ['  ', 'empty', TYPE_OPTIONS],
    ['voetbal', 'unknown-choice', TYPE_OPTIONS],
    ['ke', 'unknown-choice', TYPE_OPTIONS],
    ['0', 'unknown-choice', TYPE_OPTIONS],
    ['5', 'unknown-choice', TYPE_OPTIONS],
    ['!!!', 'unknown-choice', TYPE_OPTIONS],
    // Two options named: which one is meant is asked (it was 'unknown-choice').
    ['kernactiviteit en evenement', 'ambiguous-choice', TYPE_OPTIONS],
    ['constructor', 'unknown-choice', TYPE_OPTIONS],
    ['__proto__', 'unknown-choice', TYPE_OPTIONS],
    ['verb', 'ambiguous-choice', confusable],
    ['ver', 'ambiguous-choice', confusable],
    ['tot en met', 'ambiguous-choice', TIER_OPTIONS],
    ['the', 'ambiguous-choice', KADER_OPTIONS],
    ['anything', 'unknown-choice', []],
    ['1', 'unknown-choice', []],
    ['x'.repeat(2001), 'too-long', TYPE_OPTIONS],
  ])('%j → %s', (input, error, options) => {
    expect(parseChoice(input, options)).toEqual({ ok: false, error });
  });

  it('takes a longer prefix that is unique', () => {
    expect(parseChoice('verbi', confusable)).toEqual({ ok: true, value: 'a' });
    expect(parseChoice('verbo', confusable)).toEqual({ ok: true, value: 'b' });
  });
});

describe('parseChoice properties', () => {
  it('maps every code, title and position number of every option list to its option', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_OPTION_LISTS).chain((options) =>
          fc.record({
            options: fc.constant(options),
            index: fc.integer({ min: 0, max: options.length - 1 }),
            which: fc.nat(),
            casing: fc.array(fc.boolean(), { maxLength: 6 }),
            punctuation: fc.constantFrom('', '.', '!', ' ', '?'),
          }),
        ),
        ({ options, index, which, casing, punctuation }) => {
          const option = options[index]!;
          const forms = [option.code, ...option.titles, ...(option.synonyms ?? []), String(index + 1)];
          const form = forms[which % forms.length]!;
          expect(parseChoice(`${randomCase(form, casing)}${punctuation}`, options)).toEqual({
            ok: true,
            value: option.code,
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws and returns a known error code, whatever the input', () => {
    assertNeverThrows((text) => parseChoice(text, KADER_OPTIONS));
  });

  it('never throws whatever the options hold', () => {
    const options = fc.array(
      fc.record({
        code: fc.string({ maxLength: 10 }),
        titles: fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { maxLength: 3 }),
      }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), options, (text, opts) => {
        expect(typeof parseChoice(text, opts).ok).toBe('boolean');
        expect(typeof parseMultiChoice(text, opts).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('stays fast on long pathological input', () => {
    assertFastOnPathological((text) => parseChoice(text, KADER_OPTIONS));
  });
});

describe('parseMultiChoice accepts', () => {
  it.each<[string, string[], readonly ChoiceOption<string>[]]>([
    ['levendigheid', ['levendigheid'], THEME_OPTIONS],
    ['levendigheid, verbinding', ['levendigheid', 'verbinding'], THEME_OPTIONS],
    ['verbinding en levendigheid', ['levendigheid', 'verbinding'], THEME_OPTIONS],
    ['Verbinding and Liveliness', ['levendigheid', 'verbinding'], THEME_OPTIONS],
    ['verbinding; vitaliteit', ['verbinding', 'vitaliteit'], THEME_OPTIONS],
    ['verbinding\nvitaliteit', ['verbinding', 'vitaliteit'], THEME_OPTIONS],
    ['verbinding\r\n\r\nvitaliteit', ['verbinding', 'vitaliteit'], THEME_OPTIONS],
    ['verbinding & vitaliteit', ['verbinding', 'vitaliteit'], THEME_OPTIONS],
    ['verbinding + vitaliteit', ['verbinding', 'vitaliteit'], THEME_OPTIONS],
    ['verbinding en/of vitaliteit', ['verbinding', 'vitaliteit'], THEME_OPTIONS],
    ['verbinding, en vitaliteit', ['verbinding', 'vitaliteit'], THEME_OPTIONS],
    ['Omzien naar elkaar en verbinding', ['verbinding', 'omzien-naar-elkaar'], THEME_OPTIONS],
    ['omzien-naar-elkaar, levendigheid', ['levendigheid', 'omzien-naar-elkaar'], THEME_OPTIONS],
    ['levendigheid, levendigheid', ['levendigheid'], THEME_OPTIONS],
    ['Levendigheid, liveliness, 1', ['levendigheid'], THEME_OPTIONS],
    ['levendigheid,', ['levendigheid'], THEME_OPTIONS],
    ['lev, verb', ['levendigheid', 'verbinding'], THEME_OPTIONS],
    // numbers
    ['1, 3', ['levendigheid', 'omzien-naar-elkaar'], THEME_OPTIONS],
    ['1 en 3', ['levendigheid', 'omzien-naar-elkaar'], THEME_OPTIONS],
    ['3 and 1', ['levendigheid', 'omzien-naar-elkaar'], THEME_OPTIONS],
    ['1 3 4', ['levendigheid', 'omzien-naar-elkaar', 'vitaliteit'], THEME_OPTIONS],
    ['1,2,3,4', ['levendigheid', 'verbinding', 'omzien-naar-elkaar', 'vitaliteit'], THEME_OPTIONS],
    ['2. en 4.', ['verbinding', 'vitaliteit'], THEME_OPTIONS],
    ['1 en vitaliteit', ['levendigheid', 'vitaliteit'], THEME_OPTIONS],
    ['- levendigheid\n- verbinding', ['levendigheid', 'verbinding'], THEME_OPTIONS],
    ['* 1\n* 2', ['levendigheid', 'verbinding'], THEME_OPTIONS],
    // titles that contain "en" / "and"
    ['Samen bouwen en elkaar vertrouwen', ['samen-bouwen'], KADER_OPTIONS],
    ['De kracht van inwoners en organisaties wordt benut', ['kracht-inwoners'], KADER_OPTIONS],
    [
      'Samen bouwen en elkaar vertrouwen en De kracht van inwoners en organisaties wordt benut',
      ['samen-bouwen', 'kracht-inwoners'],
      KADER_OPTIONS,
    ],
    [
      'The strength of residents and organisations is used and building together and trusting each other',
      ['samen-bouwen', 'kracht-inwoners'],
      KADER_OPTIONS,
    ],
    ['samen bouwen, voorkomen', ['samen-bouwen', 'voorkomen'], KADER_OPTIONS],
    ['samen bouwen en voorkomen', ['samen-bouwen', 'voorkomen'], KADER_OPTIONS],
    [
      'Dichtbij de inwoner en de vraag van de inwoner staat centraal',
      ['vraag-inwoner', 'dichtbij'],
      KADER_OPTIONS,
    ],
    ['Sport en bewegen, evenement', ['evenement', 'sport'], TYPE_OPTIONS],
    // none and all
    ['geen', [], THEME_OPTIONS],
    ['Geen van allen', [], THEME_OPTIONS],
    ['geen van alle.', [], THEME_OPTIONS],
    ['niets', [], THEME_OPTIONS],
    ['none', [], THEME_OPTIONS],
    ['None of them', [], THEME_OPTIONS],
    ['none of the above', [], THEME_OPTIONS],
    ['alle', ['levendigheid', 'verbinding', 'omzien-naar-elkaar', 'vitaliteit'], THEME_OPTIONS],
    ['All of them!', ['levendigheid', 'verbinding', 'omzien-naar-elkaar', 'vitaliteit'], THEME_OPTIONS],
  ])('%j → %j', (input, codes, options) => {
    expect(parseMultiChoice(input, options)).toEqual({ ok: true, value: codes });
  });
});

describe('parseMultiChoice refuses', () => {
  const confusable: ChoiceOption<'a' | 'b'>[] = [
    { code: 'a', titles: ['Verbinding'] },
    { code: 'b', titles: ['Verbouwing'] },
  ];
  it.each<[string, ParseError, readonly ChoiceOption<string>[]]>([
    ['', 'empty', THEME_OPTIONS],
    [' \n ', 'empty', THEME_OPTIONS],
    [', , ;', 'empty', THEME_OPTIONS],
    ['en', 'empty', THEME_OPTIONS],
    ['voetbal', 'unknown-choice', THEME_OPTIONS],
    ['levendigheid, voetbal', 'unknown-choice', THEME_OPTIONS],
    ['levendigheid en voetbal', 'unknown-choice', THEME_OPTIONS],
    ['geen, levendigheid', 'unknown-choice', THEME_OPTIONS],
    ['1, 5', 'unknown-choice', THEME_OPTIONS],
    ['0', 'unknown-choice', THEME_OPTIONS],
    ['elkaar vertrouwen', 'unknown-choice', KADER_OPTIONS],
    ['verb', 'ambiguous-choice', confusable],
    ['verbinding, verb', 'ambiguous-choice', confusable],
    ['x, '.repeat(700), 'too-long', THEME_OPTIONS],
  ])('%j → %s', (input, error, options) => {
    expect(parseMultiChoice(input, options)).toEqual({ ok: false, error });
  });
});

/** Property (d), and its stronger forms, for one list of options. */
function multiChoiceProperties(name: string, options: readonly ChoiceOption<string>[]): void {
  const codes = options.map((o) => o.code);
  const inOptionOrder = (picked: readonly string[]) => codes.filter((c) => picked.includes(c));

  describe(`parseMultiChoice properties (${name})`, () => {
    it("returns any subset of codes joined with ', ' or ' en ' in option order", () => {
      fc.assert(
        fc.property(
          fc.shuffledSubarray(codes, { minLength: 1 }),
          fc.constantFrom(', ', ' en '),
          (picked, joiner) => {
            expect(parseMultiChoice(picked.join(joiner), options)).toEqual({
              ok: true,
              value: inOptionOrder(picked),
            });
          },
        ),
        { numRuns: 500 },
      );
    });

    it('returns any subset given as codes, Dutch or English titles or numbers, with any separator', () => {
      const item = fc.record({ index: fc.integer({ min: 0, max: options.length - 1 }), form: fc.nat() });
      fc.assert(
        fc.property(
          fc.array(item, { minLength: 1, maxLength: options.length + 2 }),
          fc.array(fc.constantFrom(', ', ' en ', ' and ', '; ', '\n', ' & ', ' + ', ',', ' en/of '), {
            minLength: 1,
          }),
          fc.array(fc.boolean(), { maxLength: 5 }),
          (items, joiners, casing) => {
            const texts = items.map(({ index, form }) => {
              const option = options[index]!;
              const forms = [option.code, ...option.titles, String(index + 1)];
              return randomCase(forms[form % forms.length]!, casing);
            });
            const text = texts.reduce(
              (acc, t, i) => (i === 0 ? t : `${acc}${joiners[i % joiners.length]}${t}`),
              '',
            );
            const picked = items.map(({ index }) => codes[index]!);
            expect(parseMultiChoice(text, options), text).toEqual({ ok: true, value: inOptionOrder(picked) });
          },
        ),
        { numRuns: 1000 },
      );
    });

    it('never throws and returns a known error code, whatever the input', () => {
      assertNeverThrows((text) => parseMultiChoice(text, options));
    });

    it('stays fast on long pathological input', () => {
      assertFastOnPathological((text) => parseMultiChoice(text, options));
    });
  });
}

multiChoiceProperties('themes', THEME_OPTIONS);
multiChoiceProperties('kaders', KADER_OPTIONS);

/** The titles the bot will really show: read from the locale files, so a new title that breaks parsing shows here. */
function localeOptions<C extends string>(group: string, codes: readonly C[]): ChoiceOption<C>[] {
  const titles = (lang: string): Record<string, unknown> => {
    const json = JSON.parse(
      readFileSync(new URL(`../../../locales/${lang}/rules.json`, import.meta.url), 'utf8'),
    );
    return (json?.codes?.[group] ?? {}) as Record<string, unknown>;
  };
  const [nl, en] = [titles('nl'), titles('en')];
  return codes.map((code) => ({
    code,
    titles: [nl[code], en[code]].filter((t): t is string => typeof t === 'string'),
  }));
}

multiChoiceProperties('themes from the locale files', localeOptions('themes', THEMES));
multiChoiceProperties('kaders from the locale files', localeOptions('kaders', KADERS));
