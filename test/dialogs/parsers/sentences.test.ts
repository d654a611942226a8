/**
 * Properties of the readers for answers as people write them: a yes or no with a reason, "I don't know",
 * a choice inside a sentence or with a typo, numbers with estimates, ranges and periods, dates counted
 * from today or without a day. The phrasing table (test/dialogs/phrasings/) holds the real examples; these
 * properties say the same for every generated variant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choiceOptions } from '../../../dialogs/choice-options.js';
import { FILLERS, typoTolerance } from '../../../dialogs/parsers/choice-matcher.js';
import {
  type ChoiceOption,
  formatDateForInput,
  parseAmount,
  parseChoice,
  parseCount,
  parseDate,
  parseMultiChoice,
  parseYesNo,
} from '../../../dialogs/parsers/index.js';
import { fold } from '../../../dialogs/parsers/normalize.js';
import { APPLICANT_KINDS, addDays, KADERS, makeDate, SUBSIDY_TYPES, THEMES } from '../../../rules/index.js';
import { assertFastOnPathological, randomCase } from './arbitraries.js';

const TODAY = '2026-11-23';

const LISTS: Record<string, ChoiceOption<string>[]> = {
  'applicant.kind': choiceOptions('applicant.kind', APPLICANT_KINDS),
  'initiative.type': choiceOptions('initiative.type', SUBSIDY_TYPES),
  'help.location': choiceOptions('help.location', ['in-own-neighbourhood', 'in-municipality', 'outside']),
  'initiative.themes': choiceOptions('initiative.themes', THEMES),
  'initiative.kaders': choiceOptions('initiative.kaders', KADERS),
};
const FIT = choiceOptions('help.fit', [...THEMES, ...KADERS]);

/** Reasons people give after a yes or no: no yes or no word in them, no "I don't know". */
const REASONS = [
  'in mijn eigen straat',
  'het is pas in juni',
  'voor iedereen in de straat',
  'in Hardinxveld',
  'het is voor de buren',
  'we doen het samen met de kerk',
  'ze doen het gratis',
  'because it is free',
  'for the whole street',
  'it starts in June',
  'de bewoner heeft het zelf gezegd',
  'we doen het samen 😊',
];
const YES_LEADS = [
  'ja',
  'Ja',
  'JA',
  'jazeker',
  'ja hoor',
  'yes',
  'Yes',
  'yep',
  'yeah',
  'zeker',
  'klopt',
  'natuurlijk',
];
const NO_LEADS = ['nee', 'Nee', 'NEE', 'nee hoor', 'no', 'No', 'nope', 'neen', 'zeker niet', 'helemaal niet'];

describe('parseYesNo with a reason', () => {
  it('reads the yes or no that opens an answer, whatever reason follows', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...YES_LEADS).map((w) => [w, true] as const),
          fc.constantFrom(...NO_LEADS).map((w) => [w, false] as const),
        ),
        fc.constantFrom(', ', ' ', '! ', ': ', ' - ', ',  '),
        fc.constantFrom(...REASONS),
        fc.constantFrom('', '.', '!', ' 🙂'),
        ([lead, value], separator, reason, end) => {
          // With an 'in-sentence' note: `nee, maar wel …` is told apart from a plain `nee`.
          expect(parseYesNo(`${lead}${separator}${reason}${end}`)).toEqual({
            ok: true,
            value,
            note: { kind: 'in-sentence', said: fold(lead) },
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads the answer after an echoed question, or a closing yes or no after a comma or `dus`', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'zij wil winst maken?',
          'is het in de eigen buurt?',
          'does she want to make a profit?',
        ),
        fc.constantFrom(...REASONS),
        fc.boolean(),
        (question, reason, value) => {
          const answer = value ? 'ja' : 'nee';
          const english = value ? 'yes' : 'no';
          const note = (said: string) => ({ kind: 'in-sentence', said });
          expect(parseYesNo(`${question} ${answer}`)).toEqual({ ok: true, value, note: note(answer) });
          expect(parseYesNo(`${reason}, dus ${answer}`)).toEqual({ ok: true, value, note: note(answer) });
          expect(parseYesNo(`${reason}: ${english}`)).toEqual({ ok: true, value, note: note(english) });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never reads an answer that also holds the opposite word', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REASONS), fc.boolean(), (reason, yesFirst) => {
        const [first, second] = yesFirst ? ['ja', 'nee'] : ['nee', 'ja'];
        expect(parseYesNo(`${first}, ${reason}, ${second}`).ok).toBe(false);
        expect(parseYesNo(`${first} of ${second}`).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

/** "I don't know" in the ways people write it. */
const DONT_KNOW = [
  'weet ik niet',
  'weet ik nog niet',
  'dat weet ik nog niet',
  'weet niet',
  'geen idee',
  'geen flauw idee',
  'ik twijfel',
  'ik weet het niet zeker',
  'ze weet het nog niet',
  'onbekend',
  'no idea',
  "I don't know",
  'I dont know',
  'not sure',
  "I'm not sure yet",
  'dunno',
  'she does not know yet',
  '🤷',
  '🤷‍♀️',
];

describe("every parser says 'dont-know' for I don't know", () => {
  const parsers: [string, (text: string) => { ok: boolean; error?: string }][] = [
    ['yes/no', parseYesNo],
    ['amount', parseAmount],
    ['count', parseCount],
    ['date', (t) => parseDate(t, TODAY)],
    ...Object.entries(LISTS).map(
      ([slot, options]) =>
        [slot, (t: string) => parseChoice(t, options)] as [string, (t: string) => { ok: boolean }],
    ),
    ['help.fit (multi)', (t) => parseMultiChoice(t, FIT)],
    ['initiative.themes (multi)', (t) => parseMultiChoice(t, LISTS['initiative.themes']!)],
  ];

  it.each(parsers)('%s', (_, parse) => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DONT_KNOW),
        fc.constantFrom('', 'eh ', 'nee, ', 'sorry, ', 'hmm... ', 'Nou, '),
        fc.constantFrom('', '.', '!', '...', ' eigenlijk', ' 😅', ', moet ik navragen'),
        fc.array(fc.boolean(), { maxLength: 5 }),
        (phrase, before, after, casing) => {
          const text = `${before}${randomCase(phrase, casing)}${after}`;
          expect(parse(text), text).toEqual({ ok: false, error: 'dont-know' });
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each(parsers)('%s: a question mark without words', (_, parse) => {
    for (const text of ['?', '??', 'eh?', 'hmm ??', '? eigenlijk'])
      expect(parse(text), text).toEqual({ ok: false, error: 'dont-know' });
  });

  it('is not fooled by `nee` inside `geen idee`, nor by an option that means it', () => {
    expect(parseYesNo('geen idee')).toEqual({ ok: false, error: 'dont-know' });
    const shortcuts: ChoiceOption<'skip' | 'keep'>[] = [
      { code: 'skip', titles: ['Weet ik nog niet'], synonyms: ['weet niet', 'onbekend'] },
      { code: 'keep', titles: ['Houden'] },
    ];
    expect(parseChoice('dat weet ik nog niet', shortcuts)).toEqual({ ok: true, value: 'skip' });
  });
});

/** The single words of the real option lists that a typo may change: five letters or more, no digits. */
function optionWords(options: readonly ChoiceOption<string>[]): { code: string; word: string }[] {
  const out = new Map<string, { code: string; word: string }>();
  for (const option of options) {
    for (const text of [...option.titles, ...(option.synonyms ?? [])]) {
      const word = fold(text);
      if (/^\p{L}{5,}$/u.test(word)) out.set(`${option.code}:${word}`, { code: option.code, word });
    }
  }
  return [...out.values()];
}

/** One typo a person makes, never in the first letter: a letter dropped, doubled, changed or swapped. */
const typo = (word: string) =>
  fc
    .record({
      kind: fc.constantFrom('drop', 'double', 'change', 'swap'),
      at: fc.integer({ min: 1, max: word.length - 1 }),
      letter: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
    })
    .map(({ kind, at, letter }) => {
      switch (kind) {
        case 'drop':
          return word.slice(0, at) + word.slice(at + 1);
        case 'double':
          return word.slice(0, at) + word[at] + word.slice(at);
        case 'change':
          return word.slice(0, at) + letter + word.slice(at + 1);
        default:
          return at + 1 < word.length
            ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
            : word;
      }
    });

describe('parseChoice reads typos and sentences in the real option lists', () => {
  for (const [slot, options] of Object.entries(LISTS)) {
    const words = optionWords(options);
    if (words.length === 0) continue;

    it(`${slot}: one typo in an option word gives that option, or asks which; never another option`, () => {
      fc.assert(
        fc.property(
          fc
            .constantFrom(...words)
            .chain(({ code, word }) => typo(word).map((typed) => ({ code, word, typed }))),
          ({ code, typed }) => {
            const result = parseChoice(typed, options);
            if (result.ok) expect(result.value, typed).toBe(code);
            // A typo that makes a filler word (`sport` → `sort`) or a short word is not read; any other is.
            else if (typed.length >= 5 && !FILLERS.has(typed))
              expect(result.error, typed).toBe('ambiguous-choice');
          },
        ),
        { numRuns: 500 },
      );
    });

    it(`${slot}: an option word inside a sentence of filler words gives that option`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...words),
          fc.constantFrom('ik ben ', 'wij zijn een ', 'het is ', "I'm a ", 'we are the ', 'de ', 'dus ', ''),
          fc.constantFrom('', ' zelf', ' dus', '!', ' 😊', '.'),
          ({ code, word }, before, after) => {
            const text = `${before}${word}${after}`;
            const result = parseChoice(text, options);
            if (result.ok) expect(result.value, text).toBe(code);
            else expect(result.error, text).toBe('ambiguous-choice');
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  it('reads a compound that ends in a one-word option (voetbal|vereniging, buurt|bewoner)', () => {
    const options = LISTS['applicant.kind']!;
    const words = optionWords(options).filter(({ word }) => !word.includes(' '));
    fc.assert(
      fc.property(
        fc.constantFrom(...words),
        fc.constantFrom('voetbal', 'buurt', 'wijk', 'dorps', 'muziek', 'jeugd'),
        ({ code, word }, head) => {
          const result = parseChoice(`wij zijn een ${head}${word}`, options);
          if (result.ok) expect(result.value).toBe(code);
          else expect(result.error).toBe('ambiguous-choice');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('tolerates more typos in longer words', () => {
    expect([3, 4, 5, 7, 8, 12].map(typoTolerance)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('drops an option after `geen`/`niet`/`not` and takes the one that is left', () => {
    const options = LISTS['applicant.kind']!;
    expect(parseChoice('geen stichting, ik ben bewoner', options)).toMatchObject({
      ok: true,
      value: 'resident',
    });
    expect(parseChoice('not a club, I am a resident', options)).toMatchObject({
      ok: true,
      value: 'resident',
    });
    expect(parseChoice('ik ben bewoner, niet een organisatie', options)).toMatchObject({
      ok: true,
      value: 'resident',
    });
  });

  it('stays fast on long pathological input, with the real option lists', () => {
    assertFastOnPathological((text) => parseChoice(text, LISTS['applicant.kind']!));
    assertFastOnPathological((text) => parseMultiChoice(text, FIT));
  });
});

describe('parseAmount and parseCount read numbers in sentences', () => {
  const euros = fc.integer({ min: 0, max: 99_999 });

  it('`ongeveer N euro` is N with an approximate note', () => {
    fc.assert(
      fc.property(euros, fc.constantFrom('ongeveer', 'about', 'ca.', 'circa', 'zo’n', '±'), (n, word) => {
        const result = parseAmount(`${word} ${n} euro`);
        expect(result).toMatchObject({ ok: true, value: n * 100, note: { kind: 'approximate' } });
      }),
      { numRuns: 500 },
    );
  });

  it('a range is its lower end, and says so', () => {
    fc.assert(
      fc.property(
        euros,
        euros,
        fc.constantFrom(' à ', '-', ' - ', ' tot ', ' of ', ' to ', ' – '),
        (a, b, between) => {
          fc.pre(a !== b);
          const [low, high] = a < b ? [a, b] : [b, a];
          expect(parseAmount(`${a}${between}${b} euro`)).toEqual({
            ok: true,
            value: low * 100,
            note: { kind: 'range-lower', from: low * 100, to: high * 100 },
          });
          expect(parseCount(`${a}${between}${b} mensen`)).toEqual({
            ok: true,
            value: low,
            note: { kind: 'range-lower', from: low, to: high },
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('one number in a sentence is that number, picked out of it', () => {
    fc.assert(
      fc.property(
        euros,
        fc.constantFrom('de buren betalen zelf', 'de sponsor geeft', 'we vragen', 'the neighbours pay'),
        (n, sentence) => {
          expect(parseAmount(`${sentence} ${n}`)).toEqual({
            ok: true,
            value: n * 100,
            note: { kind: 'in-sentence', said: String(n) },
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('`N per maand` is N for one period', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.constantFrom(
          ['per maand', 'month'],
          ['per month', 'month'],
          ['a week', 'week'],
          ['per keer', 'time'],
          ['each year', 'year'],
        ),
        (n, [period, per]) => {
          expect(parseCount(`around ${n} ${period}`)).toEqual({
            ok: true,
            value: n,
            note: { kind: 'per-period', per },
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseDate reads dates in sentences and counted from today', () => {
  const today = fc.integer({ min: 0, max: 3650 }).map((d) => addDays('2025-01-01', d));

  it('`over N weken` / `in N days` is counted from today, and says how far', () => {
    fc.assert(
      fc.property(
        today,
        fc.integer({ min: 1, max: 99 }),
        fc.constantFrom(['weken', 7], ['weeks', 7], ['dagen', 1], ['days', 1]),
        fc.constantFrom('over', 'in'),
        (now, n, [unit, days], word) => {
          const result = parseDate(`${word} ${n} ${unit}`, now);
          expect(result).toEqual({
            ok: true,
            value: addDays(now, n * days),
            note: { kind: 'relative', days: n * days },
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a month and year is the first day of that month, and says so', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('nl' as const, 'en' as const),
        fc.constantFrom('', 'begin ', 'in ', 'ergens in ', 'early '),
        (year, month, lang, before) => {
          const name = formatDateForInput(makeDate(2000, month, 1), lang).split(' ')[1]!;
          expect(parseDate(`${before}${name} ${year}`, TODAY)).toEqual({
            ok: true,
            value: makeDate(year, month, 1),
            note: { kind: 'first-of-month', month, year, yearAssumed: false },
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a month without a day never gives a later date than any day of that month typed in full', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.constantFrom('nl' as const, 'en' as const),
        fc.constantFrom('', 'begin ', 'eind ', 'half ', 'end of ', 'mid '),
        (year, month, day, lang, before) => {
          const full = formatDateForInput(makeDate(year, month, day), lang);
          const [, name] = full.split(' ');
          const vague = parseDate(`${before}${name} ${year}`, TODAY);
          const exact = parseDate(full, TODAY);
          if (!vague.ok || !exact.ok) throw new Error(`${before}${name} ${year}`);
          expect(vague.value <= exact.value).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a date followed by words is that date; a weekday named after it is checked', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3650 }).map((d) => addDays('2026-01-01', d)),
        fc.constantFrom('nl' as const, 'en' as const),
        fc.constantFrom(', in de speeltuin', ', bij het buurthuis', ' in the park', ', de hele dag'),
        (date, lang, words) => {
          const typed = formatDateForInput(date, lang);
          expect(parseDate(`${typed}${words}`, TODAY)).toMatchObject({ ok: true, value: date });
          const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
          const names = lang === 'nl' ? NL_WEEKDAYS : EN_WEEKDAYS;
          expect(parseDate(`${typed}, ${names[weekday]}`, TODAY)).toMatchObject({ ok: true, value: date });
          expect(parseDate(`${typed}, ${names[(weekday + 1) % 7]}`, TODAY)).toEqual({
            ok: false,
            error: 'weekday-mismatch',
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

const NL_WEEKDAYS = ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'];
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
