/**
 * Dutch at level B1, measured. Every text a resident or a buurtwerker reads in `locales/nl/dialog.json`,
 * `rules.json` and `page.json` is scored with its placeholders filled in as the chat fills them, once for
 * each audience: the resident (the plain text) and the buurtwerker's intake (a text's `_intake` variant where
 * it has one, and each `_intake_organisation` variant as a text of its own). Per audience the test reports
 * the average sentence length, the longest sentence and the Flesch–Douma reading ease, over every text and
 * over all of them together, and fails when
 *
 * - a sentence is longer than {@link LIMITS.longestSentence} words (the offenders are printed);
 * - all texts together average more than {@link LIMITS.averageSentence} words a sentence, or score below
 *   {@link LIMITS.fleschDouma};
 * - a text uses a word residents do not know (kernactiviteit, GALA, diaconaal, (MAG-)kaders, KvK) without
 *   its plain explanation in the same text. A choice's button title is exempt when the question it belongs
 *   to explains the word (the type "Kernactiviteit" is explained on its line of the question).
 *
 * Out of scope, each with its reason: {@link OUT_OF_SCOPE}. Texts of one word (a title, a label, a command)
 * and texts made only of placeholders ("({{source}})") are no sentences and are skipped as well.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rulesetFigures } from '../../rules/index.js';
import { leaves, type Tree } from './leaves.js';
import type { Readability } from './readability.js';
import {
  fleschDouma,
  readability,
  readabilityOfAll,
  readabilityOfSentences,
  sentences,
  syllables,
  words,
} from './readability.js';

/** B1: what the municipality's writing guide asks of texts for residents. */
const LIMITS = { averageSentence: 12, longestSentence: 20, fleschDouma: 65 } as const;

const NAMESPACES = ['dialog', 'rules', 'page'] as const;
type Namespace = (typeof NAMESPACES)[number];
type Audience = 'resident' | 'intake';

/** What residents and buurtwerkers do not read as text, and why. */
const OUT_OF_SCOPE: readonly { ns: Namespace; key: RegExp; why: string }[] = [
  { ns: 'dialog', key: /^synonyms\./, why: 'words a typed answer is matched against; never shown' },
  { ns: 'rules', key: /^dates\./, why: 'month names and the date format: parts of a date' },
  {
    ns: 'rules',
    key: /^validation\./,
    why: "the API's answers to the program that calls /api/assess, about its JSON fields",
  },
  {
    ns: 'dialog',
    key: /^(values|retention)\./,
    why: 'fragments put into other texts ("weet ik nog niet", "een jaar"): measured there, filled in',
  },
  {
    ns: 'page',
    key: /^(switchLanguage|switchLanguageLabel|switchCommand|languageCommand)$/,
    why: 'the way to the English chat: English on purpose, or a command word',
  },
];

/** Realistic values for the placeholders the caller fills; the ruleset's figures fill the rest. */
const VALUES: Record<string, string | number> = {
  year: 2027,
  exampleYear: 2027,
  nextYear: 2028,
  lastYear: 2026,
  date: '18 april 2027',
  startDate: '13 juni 2027',
  lastDay: '31 oktober 2027',
  nextLastDay: '15 september 2027',
  art5Before: '16 augustus 2027',
  bijlage2LastDay: '15 september 2027',
  advised: '15 augustus 2027',
  expected: '18 januari 2027',
  latest: '1 maart 2027',
  label: 'Aanvraag uiterlijk binnen bij de gemeente',
  amount: '€ 750',
  answer: '€ 350',
  requested: '€ 12.000',
  remaining: '€ 30.635',
  maxAmount: '€ 700',
  value: '€ 35',
  said: 'ongeveer 750 euro',
  from: 15,
  to: 20,
  per: 'per maand',
  max: 3,
  weeks: 8,
  count: 2,
  participants: 40,
  title: 'Dichtbij de inwoner',
  items: 'Verbinding, Dichtbij de inwoner',
  retention: 'een jaar',
  reference: 'MAG-2026-0042',
  when: 'binnen twee werkdagen, op werkdagen tussen 9 en 17 uur',
  contact: 'buurtwerk@welzijn-hg.nl of 0184 123456',
  source: 'art. 3 sub a',
  type: 'Eenmalig initiatief',
  tier: 'Tot en met € 1.000',
  decider: 'de MAG-consulent van de gemeente',
  advisors: 'de klankbordgroep',
  budgetLine: 'sport en bewegen',
  description: 'Na afloop hoeft u niets te sturen.',
  inbox: 'https://mag.hardinxveld-giessendam.nl/consulent',
  url: 'https://mag.hardinxveld-giessendam.nl/concept/MAG-2026-0042.pdf',
};
/** Where a placeholder means something else in one text. */
const VALUES_OF: Record<string, Record<string, string | number>> = {
  'rules:findings.non-core-twice-a-year': { max: 2 },
  'rules:findings.non-core-cap': { max: '€ 10.000' },
};

const CATALOGUES = Object.fromEntries(
  NAMESPACES.map((ns) => [ns, leaves(JSON.parse(readFileSync(`locales/nl/${ns}.json`, 'utf8')) as Tree)]),
) as Record<Namespace, Map<string, unknown>>;

const FIGURES = rulesetFigures('mag-2024', 'nl');
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

function fill(id: string, text: string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = VALUES_OF[id]?.[name] ?? FIGURES[name] ?? VALUES[name];
    if (value === undefined) throw new Error(`${id}: give {{${name}}} a realistic value in VALUES`);
    return String(value);
  });
}

const VARIANT = /_intake(_organisation)?$/;
const text = (ns: Namespace, key: string) => {
  const v = CATALOGUES[ns].get(key);
  return typeof v === 'string' ? v : undefined;
};

interface Text {
  /** `ns:key` of the text read (a variant's own key). */
  id: string;
  /** `ns:key` of the resident's text it stands for. */
  base: string;
  raw: string;
  filled: string;
}

/** The texts one audience reads, in scope, placeholders filled in. */
function textsOf(audience: Audience): Text[] {
  const out: Text[] = [];
  for (const ns of NAMESPACES) {
    // The buurtwerker works in Teams: the web page is the resident's only.
    if (audience === 'intake' && ns === 'page') continue;
    for (const key of CATALOGUES[ns].keys()) {
      if (VARIANT.test(key) || OUT_OF_SCOPE.some((o) => o.ns === ns && o.key.test(key))) continue;
      const base = text(ns, key);
      if (base === undefined) continue;
      const read = [audience === 'intake' && text(ns, `${key}_intake`) !== undefined ? `${key}_intake` : key];
      if (audience === 'intake' && text(ns, `${key}_intake_organisation`) !== undefined) {
        read.push(`${key}_intake_organisation`);
      }
      for (const k of read) {
        const raw = text(ns, k)!;
        const id = `${ns}:${k}`;
        // Only placeholders and punctuation: its words are other texts, measured on their own.
        if (words(raw.replace(PLACEHOLDER, '')).length === 0) continue;
        const filled = fill(`${ns}:${key}`, raw);
        if (words(filled).length < 2) continue;
        out.push({ id, base: `${ns}:${key}`, raw, filled });
      }
    }
  }
  return out;
}

/**
 * Words a resident does not know, each with the plain explanations accepted in the same text: in the same
 * sentence as the word, before or after it.
 */
const S = '[^.?!\\n]*';
const JARGON: readonly { word: string; found: RegExp; explained: RegExp[]; example: string }[] = [
  {
    word: 'kernactiviteit',
    found: /kernactiviteit/i,
    explained: [
      new RegExp(`kernactiviteit${S}(hoofdtaak|belangrijkste werk)${S}(elk|ieder) jaar`, 'i'),
      new RegExp(`kernactiviteit${S}(elk|ieder) jaar${S}(hoofdtaak|belangrijkste werk)`, 'i'),
      new RegExp(`(hoofdtaak|belangrijkste werk)${S}(elk|ieder) jaar${S}kernactiviteit`, 'i'),
    ],
    example: 'een kernactiviteit (de hoofdtaak van de organisatie, elk jaar)',
  },
  {
    word: 'GALA',
    found: /\bGALA\b/,
    explained: [
      new RegExp(`GALA${S}[Gg]ezond en [Aa]ctief [Ll]even`),
      new RegExp(`[Gg]ezond en [Aa]ctief [Ll]even${S}GALA`),
    ],
    example: 'het GALA (Gezond en Actief Leven Akkoord)',
  },
  {
    word: 'diaconaal',
    found: /\bdiacona(al|le)\b/i,
    explained: [
      new RegExp(`diacona(al|le)${S}(hulp|zorg)${S}kerk`, 'i'),
      new RegExp(`(hulp|zorg)${S}kerk${S}diacona(al|le)`, 'i'),
    ],
    example: 'diaconaal (hulp aan mensen vanuit de kerk)',
  },
  {
    word: 'kaders',
    found: /\bkaders?\b/i,
    explained: [new RegExp(`uitgangspunt${S}kaders?\\b`, 'i'), new RegExp(`\\bkaders?${S}uitgangspunt`, 'i')],
    example: 'de uitgangspunten van de MAG (de MAG-kaders)',
  },
  {
    word: 'KvK',
    found: /\bKvK\b/,
    explained: [new RegExp(`KvK${S}Kamer van Koophandel`), new RegExp(`Kamer van Koophandel${S}KvK`)],
    example: 'de KvK (Kamer van Koophandel)',
  },
];

/**
 * A choice's button title and the question it belongs to: a title is exempt from the jargon check when the
 * question explains the word. `rules:codes.types.kernactiviteit` is shown as "Kernactiviteit: De hoofdtaak
 * van een organisatie, elk jaar." in the question; the applicant kinds under `questions.applicant.kind`.
 */
function questionOf(id: string, audience: Audience): string | undefined {
  const explained = /^rules:codes\.(types|themes|kaders)\.([^.]+)$/.exec(id);
  if (explained) {
    const [, group, code] = explained;
    return `${text('rules', `codes.${group}.${code}`)}: ${text('dialog', `explain.${group}.${code}`) ?? ''}`;
  }
  const question = (key: string) =>
    (audience === 'intake' ? text('dialog', `${key}_intake`) : undefined) ?? text('dialog', key);
  if (/^rules:codes\.applicantKinds\./.test(id)) return question('questions.applicant.kind');
  const option = /^dialog:options\.help\.(location|conditions|history)\./.exec(id);
  if (option) return question(`questions.help.${option[1]}`);
  return undefined;
}

function unexplained(t: Text, audience: Audience): string[] {
  return JARGON.filter((j) => j.found.test(t.filled))
    .filter((j) => !j.explained.some((e) => e.test(t.filled)))
    .filter((j) => {
      const question = questionOf(t.base, audience);
      return !(question && j.explained.some((e) => e.test(question)));
    })
    .map((j) => `${t.id}: "${j.word}" without its explanation, e.g. "${j.example}"\n    ${t.filled}`);
}

const round = (n: number) => Math.round(n * 10) / 10;
const describeScore = (r: Readability) =>
  `${r.sentences} sentences, ${r.words} words; ${round(r.averageSentence)} words a sentence; ` +
  `longest ${r.longest.words}; Flesch–Douma ${round(r.fleschDouma)}`;

describe('the readability measures', () => {
  // Syllables as a Dutch speaker counts them (hyphenation of the Woordenlijst).
  const KNOWN: [string, number][] = [
    ['aanvraag', 2],
    ['subsidie', 3],
    ['gemeente', 3],
    ['initiatief', 5],
    ['organisatie', 5],
    ['activiteit', 4],
    ['kernactiviteit', 5],
    ['vrijwilligers', 4],
    ['ideeën', 3],
    ['geïnteresseerd', 5],
    ['financiën', 4],
    ['België', 3],
    ['knieën', 2],
    ['reünie', 3],
    ['coöperatie', 5],
    ['café', 2],
    ['crème', 2],
    ['één', 1],
    ['vóór', 1],
    ['materiaal', 4],
    ['sportmateriaal', 5],
    ['situatie', 4],
    ['januari', 4],
    ['actueel', 3],
    ['theater', 3],
    ['museum', 3],
    ['religieus', 4],
    ['religieuze', 5],
    ['diaconaal', 4],
    ['diaconale', 5],
    ['nieuw', 1],
    ['nieuwe', 2],
    ['milieu', 2],
    ['eeuw', 1],
    ['mooie', 2],
    ['draaien', 2],
    ['moeilijk', 2],
    ['groei', 1],
    ['buurtwerker', 3],
    ['bijeenkomst', 3],
    ['beoordeling', 4],
    ['uitgangspunten', 4],
    ['koffieochtend', 4],
    ['voedselbank', 3],
    ['evenement', 4],
    ['bewoner', 3],
    ['deelnemers', 3],
    ['jaarrekening', 4],
    ['verantwoording', 4],
    ['wethouder', 3],
    ['buiten', 2],
    ['eigen', 2],
    ['houden', 2],
    ['auto', 2],
    ['baby', 2],
    ['radio', 3],
    ['uur', 1],
    ['Italiaans', 4],
    ["euro's", 2],
    ["thema's", 2],
    ['MAG-subsidie', 4],
    ['Hardinxveld-Giessendam', 6],
    ['KvK', 3],
    ['GALA', 2],
    ['e-mail', 2],
  ];
  it.each(KNOWN)('"%s" has %i syllables', (word, count) => {
    expect(syllables(word)).toBe(count);
  });

  it('counts an amount, a date, a number or an address as one word of a few syllables', () => {
    expect(words('Typ € 1.250,50 of 13-6-2027, of mail naam@voorbeeld.nl.')).toEqual([
      'Typ',
      '€1.250,50',
      'of',
      '13-6-2027',
      'of',
      'mail',
      'naam@voorbeeld.nl',
    ]);
    for (const w of ['€1.250,50', '13-6-2027', '140184', 'naam@voorbeeld.nl']) expect(syllables(w)).toBe(3);
    expect(syllables('40')).toBe(2);
    expect(words('- Kies \'Ja\', of typ "nee".')).toEqual(['Kies', 'Ja', 'of', 'typ', 'nee']);
  });

  it('splits sentences, but not at an abbreviation, an amount or a date', () => {
    expect(
      sentences(
        "Kijk bijv. in art. 3 sub a. Er is o.a. € 1.250,50 over, tot 1.3.2027! Klopt het? Typ 'ja'.\n- Een punt\n2. Een keuze",
      ),
    ).toEqual([
      'Kijk bijv. in art. 3 sub a.',
      'Er is o.a. € 1.250,50 over, tot 1.3.2027!',
      'Klopt het?',
      "Typ 'ja'.",
      'Een punt',
      'Een keuze',
    ]);
    expect(sentences('Waarom:\nHet past niet. "Past het?" Dan wel.')).toEqual([
      'Waarom:',
      'Het past niet.',
      '"Past het?"',
      'Dan wel.',
    ]);
  });

  it('scores Flesch–Douma as 206.835 − 0.93 × words a sentence − 77 × syllables a word', () => {
    expect(fleschDouma(10, 1.5)).toBeCloseTo(206.835 - 9.3 - 115.5);
    const r = readability('Ik stel een paar korte vragen. Daarna weet u meer.');
    expect(r).toMatchObject({ sentences: 2, words: 10, syllables: 13, averageSentence: 5 });
    expect(r.longest.words).toBe(6);
    expect(r.fleschDouma).toBeCloseTo(206.835 - 0.93 * 5 - 77 * 1.3);
  });
});

describe.each(['resident', 'intake'] as const)('Dutch B1 for the %s', (audience) => {
  const texts = textsOf(audience);
  const scored = texts.map((t) => ({ ...t, score: readability(t.filled) }));
  const all = readabilityOfAll(texts.map((t) => t.filled));

  it('reads the texts in scope', () => {
    expect(texts.length).toBeGreaterThan(audience === 'resident' ? 300 : 250);
    // The report: the whole set; the whole sentences only (titles and labels left out); the hardest texts
    // of some length (a score of two words says nothing).
    const whole = readabilityOfSentences(
      texts.flatMap((t) => sentences(t.filled)).filter((s) => /[.?!]["'”’)]*$/.test(s)),
    );
    const hardest = scored
      .filter((t) => t.score.words >= 12)
      .sort((a, b) => a.score.fleschDouma - b.score.fleschDouma)
      .slice(0, 10);
    const longest = scored.reduce((a, b) => (b.score.longest.words > a.score.longest.words ? b : a));
    console.log(
      [
        `[b1] ${audience}: ${texts.length} texts.`,
        `     all together:        ${describeScore(all)}`,
        `     whole sentences only: ${describeScore(whole)}`,
        `     longest (${longest.id}): "${longest.score.longest.sentence}"`,
        '     hardest texts of 12 words or more:',
        ...hardest.map((t) => `       ${t.id}: ${describeScore(t.score)}`),
      ].join('\n'),
    );
  });

  it(`has no sentence longer than ${LIMITS.longestSentence} words`, () => {
    const long = scored
      .filter((t) => t.score.longest.words > LIMITS.longestSentence)
      .map((t) => `${t.id} (${t.score.longest.words} words): ${t.score.longest.sentence}`);
    expect(long, long.join('\n')).toEqual([]);
  });

  it(`averages at most ${LIMITS.averageSentence} words a sentence over all texts`, () => {
    expect(all.averageSentence, describeScore(all)).toBeLessThanOrEqual(LIMITS.averageSentence);
  });

  it(`scores at least ${LIMITS.fleschDouma} on Flesch–Douma over all texts`, () => {
    const hardest = scored
      .filter((t) => t.score.words >= 12)
      .sort((a, b) => a.score.fleschDouma - b.score.fleschDouma)
      .slice(0, 15)
      .map((t) => `${t.id}: ${describeScore(t.score)}`);
    expect(all.fleschDouma, `${describeScore(all)}\nhardest:\n${hardest.join('\n')}`).toBeGreaterThanOrEqual(
      LIMITS.fleschDouma,
    );
  });

  it('explains kernactiviteit, GALA, diaconaal, kaders and KvK wherever a text uses them', () => {
    const offenders = texts.flatMap((t) => unexplained(t, audience));
    expect(offenders, offenders.join('\n')).toEqual([]);
  });
});

describe('the jargon check', () => {
  const check = (filled: string, base = 'dialog:x') =>
    unexplained({ id: base, base, raw: filled, filled }, 'resident');
  it('accepts the plain explanations and refuses the bare words', () => {
    expect(check('Stuur een uittreksel van de KvK (Kamer van Koophandel).')).toEqual([]);
    expect(check('Stuur een uittreksel van de KvK.')).toHaveLength(1);
    expect(check('Past het bij het GALA (Gezond en Actief Leven Akkoord)?')).toEqual([]);
    expect(check('Past het bij het GALA? Het is een akkoord.')).toHaveLength(1);
    expect(check('Is het een diaconaal project (hulp aan mensen vanuit de kerk)?')).toEqual([]);
    expect(check('Voor een kernactiviteit (de hoofdtaak van een organisatie, elk jaar) kan dat.')).toEqual(
      [],
    );
    expect(check('Voor een kernactiviteit kan dat.')).toHaveLength(1);
    expect(check('Welke uitgangspunten van de MAG (de MAG-kaders) passen?')).toEqual([]);
    expect(check('Welke MAG-kaders passen?')).toHaveLength(1);
  });
  it('exempts a choice title that its question explains', () => {
    expect(check('Kernactiviteit', 'rules:codes.types.kernactiviteit')).toEqual([]);
  });
});
