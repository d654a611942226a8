/**
 * A number inside what a person wrote, for amounts and counts, when the strict readers (amount.ts,
 * count.ts) found none: `ongeveer 400 euro`, `de buren betalen zelf 150`, `15 à 20`, `tussen de 50 en 60`,
 * `around 20 per month`, `we verwachten twintig mensen`, `nog nooit`. The result says what was assumed
 * (the lower end of a range, an estimate, a number per period, a number picked out of a sentence); the
 * caller turns the digits into cents or a count and picks the note. Linear in the input: one pass over
 * its words, and only short words are tried as written-out numbers.
 */
import { type DontKnow, dontKnow } from './dont-know.js';
import { fold } from './normalize.js';
import { type DecimalDigits, parseDecimal } from './number.js';
import { isNumberWord, numberOfWords } from './number-words.js';
import type { ParseError, ParseNote } from './result.js';

export type Per = Extract<ParseNote, { kind: 'per-period' }>['per'];

export interface Quantity {
  /** The number taken: the only one, or the lower end of a range. */
  value: DecimalDigits;
  /** The other end of a range. */
  upper?: DecimalDigits;
  /** The first estimate word (`ongeveer`, `about`, `ca`, `~`). */
  estimate?: string;
  /** A number per day, week, …, or per person. */
  per?: Per;
  /** Other words around the number: it was picked out of a sentence. */
  inSentence: boolean;
  /** The number as typed (folded), for the note. */
  said: string;
}

export type QuantityResult = { ok: true; value: Quantity } | { ok: false; error: ParseError };

export interface QuantityOptions {
  /** Words after a number that say what is counted (`mensen`, `people`); none for amounts. */
  units: ReadonlySet<string>;
  /** Whether euro signs and words belong to the number (amounts). */
  currency: boolean;
}

/** More words than this is a letter, not an answer with a number in it. */
const MAX_WORDS = 40;

const CURRENCY_WORDS = new Set(['euro', 'euros', 'eur', '€', 'eu']);
const FOREIGN_CURRENCY = new Set([
  'dollar',
  'dollars',
  '$',
  'usd',
  'pond',
  'ponden',
  'pound',
  'pounds',
  '£',
  'gbp',
]);
const CURRENCY_PREFIX = /^(?:euros|euro|eur|€)/;
const CURRENCY_SUFFIX = /(?:euros|euro|eur|€)$/;
const NO_CENTS_SUFFIX = /[.,][-=\u2013\u2014]{1,2}$/;

/** Estimate words and phrases (folded, apostrophes dropped), before or after the number. */
const ESTIMATES: readonly (readonly string[])[] = [
  ['een', 'stuk', 'of'],
  ['min', 'of', 'meer'],
  ['more', 'or', 'less'],
  ['or', 'so'],
  ['of', 'zo'],
  ['rond', 'de'],
  ['at', 'least'],
  ['at', 'most'],
  ['up', 'to'],
  ['denk', 'ik'],
  ['i', 'think'],
  ['zon'],
  ['ongeveer'],
  ['ca'],
  ['circa'],
  ['rond'],
  ['rondom'],
  ['ruim'],
  ['bijna'],
  ['plusminus'],
  ['pakweg'],
  ['hooguit'],
  ['maximaal'],
  ['max'],
  ['minimaal'],
  ['minstens'],
  ['zeker'],
  ['verwacht'],
  ['verwachten'],
  ['schat'],
  ['geschat'],
  ['schatting'],
  ['misschien'],
  ['ofzo'],
  ['about'],
  ['around'],
  ['approximately'],
  ['approx'],
  ['roughly'],
  ['nearly'],
  ['almost'],
  ['maybe'],
  ['perhaps'],
  ['estimated'],
  ['expect'],
  ['expects'],
  ['expected'],
  ['expecting'],
  ['ish'],
  ['tot'],
  ['~'],
  ['±'],
  ['≈'],
];

/** Between two numbers: a range (`15 à 20`, `50-60`, `15 tot 20`, `350 of 400`, `20 to 30`). */
const RANGE_WORDS = new Set([
  '-',
  '\u2013',
  '\u2014',
  'a',
  'tot',
  't/m',
  'tm',
  'to',
  'of',
  'or',
  'till',
  'until',
]);
const RANGE_PAIRS = new Set(['tot en met', 'tot aan']);
/** `tussen 15 en 20`, `between 15 and 20`: the opening word and the word between. */
const BETWEEN: readonly (readonly [string, string])[] = [
  ['tussen', 'en'],
  ['between', 'and'],
  ['van', 'tot'],
  ['from', 'to'],
];

const PERIODS = new Map<string, Per>([
  ['dag', 'day'],
  ['dagen', 'day'],
  ['day', 'day'],
  ['days', 'day'],
  ['week', 'week'],
  ['weken', 'week'],
  ['weeks', 'week'],
  ['wk', 'week'],
  ['maand', 'month'],
  ['maanden', 'month'],
  ['mnd', 'month'],
  ['month', 'month'],
  ['months', 'month'],
  ['jaar', 'year'],
  ['jaren', 'year'],
  ['jr', 'year'],
  ['year', 'year'],
  ['years', 'year'],
  ['annum', 'year'],
  ['keer', 'time'],
  ['time', 'time'],
  ['times', 'time'],
  ['bijeenkomst', 'time'],
  ['activiteit', 'time'],
  ['avond', 'time'],
  ['middag', 'time'],
  ['ochtend', 'time'],
  ['les', 'time'],
  ['sessie', 'time'],
  ['editie', 'time'],
  ['session', 'time'],
  ['meeting', 'time'],
  ['evening', 'time'],
  ['event', 'time'],
  ['occasion', 'time'],
  ['edition', 'time'],
  ['persoon', 'person'],
  ['person', 'person'],
  ['deelnemer', 'person'],
  ['participant', 'person'],
  ['kind', 'person'],
  ['child', 'person'],
  ['head', 'person'],
]);
/** Before a period word: `per maand`, `a month`, `each week`, `elke keer`. */
const PER_WORDS = new Set(['per', 'a', 'an', 'each', 'every', 'elke', 'iedere', 'ieder', 'elk', '/', 'p']);
const PER_ADVERBS = new Map<string, Per>([
  ['dagelijks', 'day'],
  ['daily', 'day'],
  ['wekelijks', 'week'],
  ['weekly', 'week'],
  ['maandelijks', 'month'],
  ['monthly', 'month'],
  ['jaarlijks', 'year'],
  ['yearly', 'year'],
  ['annually', 'year'],
]);

/** Zero without a digit: `nog nooit`, `never`, `niks`, `geen sponsors`, `nothing yet`. */
export const ZERO_WORDS = new Set([
  'geen',
  'nul',
  'niets',
  'niks',
  'none',
  'nothing',
  'zero',
  'nihil',
  'nooit',
  'never',
  'nada',
]);

/**
 * Words that carry no meaning next to a number: the person speaking, the verb, `euro` aside. They do not
 * make the number one "picked out of a sentence" (`we verwachten 60 mensen` does).
 */
const QUIET = new Set([
  'ik',
  'we',
  'wij',
  'i',
  'het',
  'is',
  'de',
  'een',
  'the',
  'it',
  's',
  'nog',
  'yet',
  'dan',
  'so',
  'dus',
  'van',
  'en',
  'and',
  'wel',
  'toe',
  'nu',
  'far',
  'helemaal',
  'echt',
  'zelfs',
  'totaal',
  'total',
  'in',
  'zij',
  'ze',
  'hij',
  'she',
  'he',
  'they',
]);

const NUMBER_TOKEN = /\d/;
/** Spaces around signs people glue to numbers: `~60`, `±60`, `€400`, `50-60`, `20/maand`. */
const GLUED = /([~±≈€$£/])/g;
const RANGE_DASH = /(\d)\s*([-\u2013\u2014])\s*(?=\d)/g;
/** `15 t/m 20`: "tot en met", before the slash is read as "per". */
const T_M = /(?<!\p{L})t\s*\/\s*m(?!\p{L})/gu;
/** `p.p.`, `p.p`: per person. */
const PP = /(?<!\p{L})p\.\s?p(?:\.|(?!\p{L}))/gu;
/** `twenty-five`: the words of a hyphenated word are read one by one. */
const HYPHENATED = /(\p{L})-(?=\p{L})/gu;
const LONE_RANGE_OR_TIMES = /\d\s*[-\u2013\u2014]\s*\d|^\d+x$|^[\d.,]+\/\p{L}+$/u;

/**
 * Whether a one-word answer that the strict readers refuse is still worth reading here: a range
 * (`350-400`), a count of times (`2x`) or a written-out number (`vijfentwintig`, `twice`). Any other lone
 * word (`350.`, `abc`) is refused as the strict reader said.
 */
export function worthReading(word: string): boolean {
  if (LONE_RANGE_OR_TIMES.test(word)) return true;
  const folded = fold(word).replace(EDGE, '');
  return folded.length <= 30 && numberOfWords(folded.split('-')) !== undefined;
}
/** After a digit number: `2 duizend`, `3 thousand`, `1 miljoen`: the number of zeros it adds. */
const MULTIPLIERS = new Map([
  ['duizend', 3],
  ['thousand', 3],
  ['miljoen', 6],
  ['million', 6],
]);
const EDGE = /^[([{"'“‘]+|[)\]}"'”’.,!?:;]+$/g;
const APOSTROPHES = /['’]/g;

type Token =
  | { kind: 'number'; value: DecimalDigits; said: string; currency: boolean; zeros?: number }
  | { kind: 'negative' }
  | { kind: 'bad'; error: ParseError }
  | { kind: 'word'; word: string };

/** Reads the number in `text`; see the module comment. */
export function readQuantity(text: string, options: QuantityOptions): QuantityResult {
  const unsure: DontKnow = dontKnow(text);
  if (unsure === 'leading') return { ok: false, error: 'dont-know' };
  const raw = fold(text)
    .replace(T_M, ' tm ')
    .replace(PP, ' pp ')
    .replace(RANGE_DASH, '$1 $2 ')
    .replace(HYPHENATED, '$1 ')
    .replace(GLUED, ' $1 ')
    .split(' ')
    .map((w) => w.replace(EDGE, ''))
    .filter((w) => w !== '');
  if (raw.length > MAX_WORDS) return { ok: false, error: unsure === 'inside' ? 'dont-know' : 'not-a-number' };
  const tokens = tokenize(raw, options);
  const result = read(tokens, options);
  if (!result.ok && result.error === 'not-a-number' && unsure === 'inside')
    return { ok: false, error: 'dont-know' };
  return result;
}

function tokenize(raw: readonly string[], options: QuantityOptions): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const word = raw[i]!;
    let token: Token | undefined;
    let end = i + 1;
    if (NUMBER_TOKEN.test(word)) {
      token = numberToken(word, options) ?? { kind: 'word', word };
    } else {
      // A run of number words: `twee duizend`, `five hundred and fifty`.
      end = i;
      while (
        end < raw.length &&
        raw[end]!.length <= 30 &&
        (isNumberWord(raw[end]!) || (end > i && raw[end] === 'and'))
      )
        end++;
      while (end > i && raw[end - 1] === 'and') end--;
      const run = raw.slice(i, end);
      const value = numberOfWords(run);
      // `een`, `one` and `a` alone are articles in a sentence.
      const article = run.length === 1 && (run[0] === 'een' || run[0] === 'one');
      if (end > i && value !== undefined && !article) {
        token = {
          kind: 'number',
          value: { integer: String(value), fraction: '' },
          said: run.join(' '),
          currency: false,
        };
      } else {
        token = { kind: 'word', word: word.replace(APOSTROPHES, '') };
        end = i + 1;
      }
    }
    // `2 duizend`, `drie miljoen`, `3 thousand`
    const zeros = MULTIPLIERS.get(raw[end] ?? '');
    if (token.kind === 'number' && zeros !== undefined && token.value.fraction === '') {
      token = {
        ...token,
        value: { integer: token.value.integer + '0'.repeat(zeros), fraction: '' },
        said: `${token.said} ${raw[end]}`,
        zeros,
      };
      end++;
    }
    tokens.push(token);
    i = end - 1;
  }
  return tokens;
}

/** A token with digits: `150`, `€400`, `1.250,50`, `400euro`, `350,-`, `60+`, `2x`; or a minus sign. */
function numberToken(word: string, options: QuantityOptions): Token | undefined {
  let s = word;
  let currency = false;
  if (s.startsWith('-') || s.startsWith('\u2212'))
    return /\d/.test(s.slice(1, 2)) ? { kind: 'negative' } : undefined;
  if (s.startsWith('+')) s = s.slice(1);
  if (options.currency) {
    for (let changed = true; changed; ) {
      changed = false;
      const prefix = CURRENCY_PREFIX.exec(s);
      if (prefix) {
        s = s.slice(prefix[0].length);
        currency = changed = true;
      }
      const suffix = CURRENCY_SUFFIX.exec(s);
      if (suffix) {
        s = s.slice(0, s.length - suffix[0].length);
        currency = changed = true;
      }
      const noCents = NO_CENTS_SUFFIX.exec(s);
      if (noCents) {
        s = s.slice(0, s.length - noCents[0].length);
        currency = changed = true;
      }
    }
  } else if (s.endsWith('x')) {
    s = s.slice(0, -1); // `2x`: twice
  }
  if (s.endsWith('+')) s = s.slice(0, -1);
  const number = parseDecimal(s);
  if (number.ok) return { kind: 'number', value: number.value, said: word, currency };
  return number.error === 'too-many-decimals' ? { kind: 'bad', error: number.error } : undefined;
}

function startsAt(words: readonly string[], at: number, phrase: readonly string[]): boolean {
  return phrase.every((w, k) => words[at + k] === w);
}

function read(tokens: readonly Token[], options: QuantityOptions): QuantityResult {
  if (tokens.some((t) => t.kind === 'negative')) return { ok: false, error: 'negative' };
  const bad = tokens.find((t) => t.kind === 'bad');
  if (bad?.kind === 'bad') return { ok: false, error: bad.error };
  const words = tokens.map((t) => (t.kind === 'word' ? t.word : '#'));
  if (words.some((w) => FOREIGN_CURRENCY.has(w))) return { ok: false, error: 'not-a-number' };

  // Words that say how the number is meant; what is left over is a sentence around the number.
  const used = new Set<number>();
  let estimate: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const phrase = ESTIMATES.find((p) => startsAt(words, i, p));
    if (phrase === undefined) continue;
    estimate ??= phrase.join(' ');
    for (let k = 0; k < phrase.length; k++) used.add(i + k);
  }
  let per: Per | undefined;
  for (let i = 0; i < words.length; i++) {
    const adverb = PER_ADVERBS.get(words[i]!);
    const period = PERIODS.get(words[i + 1] ?? '');
    const article = words[i] === 'a' || words[i] === 'an';
    if (adverb !== undefined || words[i] === 'pp') {
      per ??= adverb ?? 'person';
      used.add(i);
    } else if (PER_WORDS.has(words[i]!) && period !== undefined && !(article && period === 'person')) {
      per ??= period;
      used.add(i);
      used.add(i + 1);
    }
  }

  const numbers: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind === 'number') numbers.push(i);
  });
  if (numbers.length === 0) {
    const zero = words.findIndex((w) => ZERO_WORDS.has(w));
    if (zero < 0) return { ok: false, error: 'not-a-number' };
    const inSentence = words.some((w, i) => i !== zero && !used.has(i) && isChatter(w, options));
    return { ok: true, value: { value: { integer: '0', fraction: '' }, inSentence, said: words[zero]! } };
  }

  let at: number | undefined;
  let other: number | undefined;
  const range = numbers.length === 2 ? rangeWords(words, numbers[0]!, numbers[1]!) : undefined;
  if (range !== undefined) {
    [at, other] = numbers as [number, number];
    for (const i of range) used.add(i);
  } else if (numbers.length === 1) {
    at = numbers[0]!;
  } else {
    // Several numbers: the one marked as money or as a count (`in 2027 vragen we 400 euro`).
    const marked = numbers.filter((i) => isMarked(tokens, i, options));
    if (marked.length !== 1) return { ok: false, error: 'not-a-number' };
    at = marked[0]!;
  }
  const first = tokens[at] as Extract<Token, { kind: 'number' }>;
  let value = first.value;
  let upper: DecimalDigits | undefined;
  if (other !== undefined) {
    const last = tokens[other] as Extract<Token, { kind: 'number' }>;
    // `2 à 3 duizend`: the thousands belong to both ends.
    if (last.zeros !== undefined && first.zeros === undefined && value.fraction === '')
      value = { integer: value.integer + '0'.repeat(last.zeros), fraction: '' };
    const second = last.value;
    [value, upper] = compare(value, second) <= 0 ? [value, second] : [second, value];
    if (compare(value, upper) === 0) upper = undefined;
  }
  const inSentence =
    numbers.length > (other === undefined ? 1 : 2) ||
    words.some((w, i) => w !== '#' && !used.has(i) && isChatter(w, options));
  return {
    ok: true,
    value: {
      value,
      ...(upper !== undefined && { upper }),
      ...(estimate !== undefined && { estimate }),
      ...(per !== undefined && { per }),
      inSentence,
      said: first.said,
    },
  };
}

/**
 * The words that make the numbers at `a` and `b` a range, or undefined: one range word between them
 * (`15 à 20`, `50-60`, `15 tot 20`, `350 of 400`), `tot en met`, or `tussen (de) 15 en 20`, `between 15
 * and 20`, `van 15 tot 20`.
 */
function rangeWords(words: readonly string[], a: number, b: number): number[] | undefined {
  const between: number[] = [];
  for (let i = a + 1; i < b; i++) if (!CURRENCY_WORDS.has(words[i]!)) between.push(i);
  const text = between.map((i) => words[i]).join(' ');
  if (between.length === 1 && RANGE_WORDS.has(text)) return between;
  if (RANGE_PAIRS.has(text)) return between;
  for (const [open, middle] of BETWEEN) {
    if (text !== middle) continue;
    // `tussen (de) (€) 15 en 20`
    const before: number[] = [];
    let i = a - 1;
    while (i >= 0 && (words[i] === 'de' || CURRENCY_WORDS.has(words[i]!))) before.push(i--);
    if (words[i] === open) return [...between, ...before, i];
  }
  return undefined;
}

/** A word that makes the number one picked out of a sentence: not currency, unit or a quiet word. */
function isChatter(word: string, options: QuantityOptions): boolean {
  if (options.currency && CURRENCY_WORDS.has(word)) return false;
  return !options.units.has(word) && !QUIET.has(word) && !ZERO_WORDS.has(word);
}

/** A number next to a currency sign or word (amounts) or followed by a unit (counts). */
function isMarked(tokens: readonly Token[], at: number, options: QuantityOptions): boolean {
  const t = tokens[at] as Extract<Token, { kind: 'number' }>;
  const near = (i: number) => {
    const n = tokens[i];
    return n?.kind === 'word' ? n.word : '';
  };
  if (options.currency)
    return t.currency || CURRENCY_WORDS.has(near(at - 1)) || CURRENCY_WORDS.has(near(at + 1));
  return options.units.has(near(at + 1));
}

/** Compares two non-negative decimals. */
export function compare(a: DecimalDigits, b: DecimalDigits): number {
  const ai = a.integer.replace(/^0+(?=\d)/, '');
  const bi = b.integer.replace(/^0+(?=\d)/, '');
  if (ai.length !== bi.length) return ai.length - bi.length;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const af = a.fraction.padEnd(2, '0');
  const bf = b.fraction.padEnd(2, '0');
  return af === bf ? 0 : af < bf ? -1 : 1;
}
