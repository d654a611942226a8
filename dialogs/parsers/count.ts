/**
 * Counts (participants, applications): whole numbers from 0 to MAX_COUNT.
 * Accepts `60`, `1.000`, `1,000`, `1 000`, an estimate (`ongeveer 60`, `ca. 60`, `zo'n 60`, `about 60`,
 * `~60`, `60+`), a unit behind (`60 mensen`, `60 people`), and number words from zero to twenty and the tens
 * (`geen`, `nul`, `twaalf`, `none`, `zero`, `twelve`, `honderd`, `hundred`). Fractions are refused
 * ('not-a-whole-number'). These come without a note: a count is an estimate by nature. A count in a longer
 * answer is read by quantity.ts and says what was assumed: `15 à 20`, `50-60`, `tussen 50 en 60`
 * (range-lower: the lower end), `around 20 per month` (per-period), `we verwachten twintig mensen`
 * (in-sentence); `nog nooit`, `never` are 0. `weet ik niet` and the like: 'dont-know'.
 */
import { dontKnow } from './dont-know.js';
import { fold, prepare } from './normalize.js';
import { parseDecimal } from './number.js';
import { readQuantity, worthReading } from './quantity.js';
import { fail, ok, type ParseNote, type ParseResult } from './result.js';

export const MAX_COUNT = 1_000_000;

const NUMBER_WORDS = new Map<string, number>();
const WORD_LISTS: readonly (readonly [number, readonly string[]])[] = [
  [
    0,
    [
      'geen',
      'nul',
      'niemand',
      'geen enkele',
      'none',
      'zero',
      'nobody',
      'no one',
      'nothing',
      'niets',
      'nooit',
      'never',
    ],
  ],
  [1, ['een', 'one', 'eentje']],
  [2, ['twee', 'two']],
  [3, ['drie', 'three']],
  [4, ['vier', 'four']],
  [5, ['vijf', 'five']],
  [6, ['zes', 'six']],
  [7, ['zeven', 'seven']],
  [8, ['acht', 'eight']],
  [9, ['negen', 'nine']],
  [10, ['tien', 'ten']],
  [11, ['elf', 'eleven']],
  [12, ['twaalf', 'twelve']],
  [13, ['dertien', 'thirteen']],
  [14, ['veertien', 'fourteen']],
  [15, ['vijftien', 'fifteen']],
  [16, ['zestien', 'sixteen']],
  [17, ['zeventien', 'seventeen']],
  [18, ['achttien', 'eighteen']],
  [19, ['negentien', 'nineteen']],
  [20, ['twintig', 'twenty']],
  [30, ['dertig', 'thirty']],
  [40, ['veertig', 'forty']],
  [50, ['vijftig', 'fifty']],
  [60, ['zestig', 'sixty']],
  [70, ['zeventig', 'seventy']],
  [80, ['tachtig', 'eighty']],
  [90, ['negentig', 'ninety']],
  [100, ['honderd', 'hundred', 'a hundred', 'one hundred', 'een honderd']],
  [1000, ['duizend', 'thousand', 'a thousand', 'one thousand', 'een duizend']],
];
for (const [value, words] of WORD_LISTS) for (const word of words) NUMBER_WORDS.set(word, value);

/** Estimates in front of the number, as whole word sequences (after folding, `ca.` → `ca`). */
const BEFORE = [
  ['een', 'stuk', 'of'],
  ['zo', 'n'],
  ['zon'],
  ['rond', 'de'],
  ['ongeveer'],
  ['ca'],
  ['circa'],
  ['rond'],
  ['ruim'],
  ['bijna'],
  ['plusminus'],
  ['pakweg'],
  ['maximaal'],
  ['minimaal'],
  ['minstens'],
  ['hooguit'],
  ['verwacht'],
  ['about'],
  ['around'],
  ['approximately'],
  ['approx'],
  ['roughly'],
  ['nearly'],
  ['almost'],
  ['some'],
  ['maybe'],
  ['misschien'],
  ['max'],
  ['at', 'least'],
  ['at', 'most'],
  ['up', 'to'],
  ['tot'],
  ['~'],
  ['±'],
  ['≈'],
] as const;
/** Units and vague endings behind the number. */
const AFTER = new Set([
  'mensen',
  'personen',
  'pers',
  'deelnemers',
  'bezoekers',
  'kinderen',
  'inwoners',
  'leden',
  'stuks',
  'man',
  'keer',
  'aanvragen',
  'people',
  'persons',
  'participants',
  'visitors',
  'children',
  'kids',
  'residents',
  'members',
  'times',
  'applications',
  'buren',
  'buurtbewoners',
  'gasten',
  'vrijwilligers',
  'ouderen',
  'jongeren',
  'gezinnen',
  'huishoudens',
  'neighbours',
  'neighbors',
  'guests',
  'volunteers',
  'seniors',
  'families',
  'households',
  'ongeveer',
  'ofzo',
]);
const APPROX_SIGNS = /[~±≈]/g;
/** More than enough for `plusminus een stuk of 1 000 deelnemers ongeveer`. */
const MAX_WORDS = 12;
const MINUS = new Set(['-', '\u2212', '\u2013', '\u2014']);

export function parseCount(text: string): ParseResult<number> {
  const prepared = prepare(text);
  if (!prepared.ok) return prepared;
  const strict = strictCount(prepared.value);
  if (strict.ok || strict.error !== 'not-a-number') return strict;
  if (!prepared.value.includes(' ') && !worthReading(prepared.value))
    return dontKnow(prepared.value) === undefined ? strict : fail('dont-know');
  const read = readQuantity(prepared.value, { units: AFTER, currency: false });
  if (!read.ok) return read;
  const { value, upper, per, inSentence, said } = read.value;
  if (/[1-9]/.test(value.fraction) || /[1-9]/.test(upper?.fraction ?? '')) return fail('not-a-whole-number');
  if (value.integer.length > String(MAX_COUNT).length || Number(value.integer) > MAX_COUNT)
    return fail('too-large');
  const count = Number(value.integer);
  let note: ParseNote | undefined;
  if (per !== undefined) note = { kind: 'per-period', per };
  else if (upper !== undefined) note = { kind: 'range-lower', from: count, to: Number(upper.integer) };
  else if (inSentence) note = { kind: 'in-sentence', said };
  return ok(count, note);
}

/** The count as the whole answer: one number or number word, with estimate words and units around it. */
function strictCount(text: string): ParseResult<number> {
  const words = fold(text)
    .replace(APPROX_SIGNS, (c) => ` ${c} `)
    .split(' ')
    .map(trimWordPunctuation)
    .filter((w) => w !== '');
  // No count needs more words than `een stuk of 60 mensen`; a long sentence is not a count.
  if (words.length > MAX_WORDS) return fail('not-a-number');

  let start = 0;
  let end = words.length;
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const phrase of BEFORE) {
      if (phrase.length < end - start && phrase.every((w, i) => words[start + i] === w)) {
        start += phrase.length;
        stripped = true;
      }
    }
  }
  while (end - start > 1 && AFTER.has(words[end - 1]!)) end--;
  const body = words.slice(start, end).join(' ');
  const word = NUMBER_WORDS.get(body);
  if (word !== undefined) return ok(word);

  let digits = body;
  let negative = false;
  if (MINUS.has(digits[0] ?? '')) {
    negative = true;
    digits = digits.slice(1).trimStart();
  } else if (digits.startsWith('+')) {
    digits = digits.slice(1).trimStart();
  }
  if (digits.endsWith('+')) digits = digits.slice(0, -1).trimEnd(); // `60+`: at least 60
  const number = parseDecimal(digits);
  if (!number.ok) return fail(number.error === 'too-many-decimals' ? 'not-a-whole-number' : number.error);
  const { integer, fraction } = number.value;
  if (/[1-9]/.test(fraction)) return fail('not-a-whole-number');
  if (negative && integer !== '0') return fail('negative');
  if (integer.length > String(MAX_COUNT).length || Number(integer) > MAX_COUNT) return fail('too-large');
  return ok(Number(integer));
}

/** Punctuation at the edges of a word goes, apostrophes anywhere: `ca.` → `ca`, `60,` → `60`, `zo'n` → `zon`. */
function trimWordPunctuation(word: string): string {
  let from = 0;
  let to = word.length;
  const edge = (c: string | undefined) =>
    c === '.' || c === ',' || c === '!' || c === '?' || c === ':' || c === '(' || c === ')';
  while (from < to && edge(word[from])) from++;
  while (to > from && edge(word[to - 1])) to--;
  return word.slice(from, to).replace(/['’]/g, '');
}
