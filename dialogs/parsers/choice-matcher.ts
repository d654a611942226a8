/**
 * How one piece of an answer is matched against the options of a choice question. An option matches by
 * its code, any of its titles (the dialog passes the Dutch and the English one), or a synonym; case,
 * diacritics, punctuation, hyphens and a leading article do not matter, and `en`/`and`/`&`/`+` are the same
 * word. A number (`2`, `2.`, `optie 2`) picks the option at that position (1-based, as a terminal lists
 * them), and a unique prefix of at least three characters of a code, title or synonym matches too.
 *
 * When none of that fits, `Matcher.scan` reads the answer as a sentence (`ik ben bewoner`, `wij zijn een
 * voetbalvereniging`, `stichtng`): filler words (FILLERS) are dropped from the answer and from every title
 * and synonym, and a title or synonym is found when all its remaining words occur in a row, each word
 * exactly, with a plural or inflected ending (`bewoners`, `eenmalige`), within a typo tolerance that grows
 * with its length (TYPO_TOLERANCE; the first letter must be right), or, for a one-word synonym, as the end
 * of a compound (`voetbalvereniging`, `buurtbewoner`). A longer find wins over a shorter one inside it
 * (`buiten Hardinxveld` over `Hardinxveld`), an exact find over a typo on the same words, and a find
 * right after `geen`/`niet`/`not` does not count (`geen stichting maar bewoner`).
 */
import { distance } from 'fastest-levenshtein';
import { dontKnow } from './dont-know.js';
import { fold } from './normalize.js';
import type { ParseError, ParseNote } from './result.js';

export interface ChoiceOption<C extends string> {
  code: C;
  titles: readonly string[];
  synonyms?: readonly string[];
}

const MIN_PREFIX = 3;
const CONNECTOR = '&';
const CONNECTOR_WORDS = new Set(['en', 'and', '&', '+']);
const ARTICLES = new Set(['de', 'het', 'een', 'the', 'a', 'an']);
const NUMBER_WORDS = new Set(['optie', 'option', 'keuze', 'choice', 'nummer', 'number', 'nr']);
const WORD_SPLIT = /[^\p{L}\p{N}&,]+/u;
const SYMBOLS = /[&+,]/g;
const COMMA = ',';

/**
 * The words of folded text: letters and digits, with `&` for `en`/`and`/`&`/`+` and `,` for a comma, and
 * everything else dropped. The multiple-choice parser splits on these; choiceKey drops the commas.
 */
export function wordsOf(folded: string): string[] {
  return folded
    .replace(SYMBOLS, (c) => (c === COMMA ? ' , ' : ' & '))
    .split(WORD_SPLIT)
    .filter((word) => word !== '')
    .map((word) => (CONNECTOR_WORDS.has(word) ? CONNECTOR : word));
}

/**
 * The comparable form of an answer or a title: folded, words only, connectors as `&`.
 * `Samen bouwen en elkaar vertrouwen` → `samen bouwen & elkaar vertrouwen`; `omzien-naar-elkaar` →
 * `omzien naar elkaar`.
 */
export function choiceKey(text: string): string {
  return wordsOf(fold(text))
    .filter((word) => word !== COMMA)
    .join(' ');
}

function withoutArticle(key: string): string {
  const space = key.indexOf(' ');
  return space > 0 && ARTICLES.has(key.slice(0, space)) ? key.slice(space + 1) : key;
}

interface Entry<C extends string> {
  code: C;
  key: string;
}

/** Matching prepared once per call: every key of every option, with and without a leading article. */
export class Matcher<C extends string> {
  readonly entries: readonly Entry<C>[];
  readonly codes: readonly C[];

  /** Titles and synonyms as the sentence reader compares them (without fillers), one of each. */
  readonly phrases: readonly Phrase<C>[];
  /** An option itself means "I don't know" (the `Weet ik nog niet` shortcut): then it is a choice, not 'dont-know'. */
  handlesDontKnow = false;

  constructor(options: readonly ChoiceOption<C>[]) {
    const entries: Entry<C>[] = [];
    const phrases = new Map<string, Phrase<C>>();
    for (const option of options) {
      for (const text of [option.code, ...option.titles, ...(option.synonyms ?? [])]) {
        const key = choiceKey(text);
        if (key === '') continue;
        entries.push({ code: option.code, key });
        const bare = withoutArticle(key);
        if (bare !== key) entries.push({ code: option.code, key: bare });
        const all = key.split(' ').filter((w) => !isSeparator(w));
        const words = all.filter((w) => !FILLERS.has(w));
        // `een dag` is not found as `dag` in any sentence: a phrase cut down to short words only is too weak.
        const usable = words.length === all.length || words.some((w) => w.length >= MIN_FLEXIBLE);
        const id = `${option.code}\u0000${words.join(' ')}`;
        if (words.length > 0 && usable && !phrases.has(id)) phrases.set(id, { code: option.code, words });
        if (dontKnow(key) !== undefined) this.handlesDontKnow = true;
      }
    }
    this.entries = entries;
    this.codes = options.map((o) => o.code);
    this.phrases = [...phrases.values()];
  }

  /**
   * One option read the lenient way, after `match` found nothing: the answer without spaces against each
   * key without spaces (`kern activiteit`, `ik zelf`), then the sentence reader (scan). Several options
   * found: ambiguous.
   */
  read(tokens: readonly string[]): Reading<C> {
    const joined = tokens.filter((t) => t !== ',').join('');
    if (joined === '') return { kind: 'none' };
    const together = new Set(
      this.entries.filter((e) => e.key.replace(/ /g, '') === joined).map((e) => e.code),
    );
    if (together.size > 0)
      return together.size === 1 ? { kind: 'match', code: [...together][0]! } : { kind: 'ambiguous' };
    const found = scan(this.phrases, tokens);
    const codes = new Set(found.finds.map((f) => f.code));
    if (codes.size === 0) return { kind: 'none' };
    if (codes.size > 1 || found.tied) return { kind: 'ambiguous' };
    const code = [...codes][0]!;
    const note = noteOf(found, code);
    return note === undefined ? { kind: 'match', code } : { kind: 'match', code, note };
  }

  /** Exact key match only (code, title or synonym). */
  exact(key: string): Match<C> {
    return this.pick(key, (entry, k) => entry.key === k);
  }

  /** Exact, then a position number, then a unique prefix. */
  match(key: string): Match<C> {
    if (key === '') return { kind: 'none' };
    const exact = this.exact(key);
    if (exact.kind !== 'none') return exact;
    const position = this.position(key);
    if (position !== undefined) return position;
    if (key.length < MIN_PREFIX) return { kind: 'none' };
    return this.pick(key, (entry, k) => k.length >= MIN_PREFIX && entry.key.startsWith(k));
  }

  private position(key: string): Match<C> | undefined {
    const words = key.split(' ');
    const digits =
      words.length === 2 && NUMBER_WORDS.has(words[0]!) ? words[1]! : words.length === 1 ? key : '';
    if (!/^\d{1,4}$/.test(digits)) return undefined;
    const code = this.codes[Number(digits) - 1];
    return code === undefined ? { kind: 'none' } : { kind: 'match', code };
  }

  private pick(key: string, test: (entry: Entry<C>, key: string) => boolean): Match<C> {
    const found = new Set<C>();
    for (const k of new Set([key, withoutArticle(key)])) {
      for (const entry of this.entries) if (test(entry, k)) found.add(entry.code);
    }
    const [first, second] = found;
    if (first === undefined) return { kind: 'none' };
    return second === undefined ? { kind: 'match', code: first } : { kind: 'ambiguous' };
  }
}

export type Match<C extends string> = { kind: 'match'; code: C } | { kind: 'ambiguous' } | { kind: 'none' };
/** A lenient match says what it assumed. */
export type Reading<C extends string> =
  | { kind: 'match'; code: C; note?: ParseNote }
  | { kind: 'ambiguous' }
  | { kind: 'none' };

// Reading a choice inside a sentence ------------------------------------------------------------------

/**
 * Words that carry no choice, in both languages: pronouns, forms of "to be", articles, possessives,
 * prepositions, `zelf`, `dus`, `ja`/`nee`. `ik`, `me` and `I` are synonyms of "resident" as a whole answer,
 * but in a sentence (`ik ben een stichting`) they only say who is speaking.
 */
export const FILLERS = new Set([
  // Dutch
  'ik',
  'mij',
  'me',
  'wij',
  'we',
  'jij',
  'je',
  'u',
  'hij',
  'zij',
  'ze',
  'men',
  'ben',
  'bent',
  'is',
  'zijn',
  'was',
  'waren',
  'wordt',
  'worden',
  'word',
  'heb',
  'hebt',
  'heeft',
  'hebben',
  'een',
  'de',
  'het',
  't',
  'der',
  'den',
  'mijn',
  'onze',
  'ons',
  'uw',
  'jouw',
  'hun',
  'haar',
  'zelf',
  'dus',
  'als',
  'van',
  'voor',
  'in',
  'op',
  'aan',
  'te',
  'er',
  'ook',
  'wel',
  'gewoon',
  'eigenlijk',
  'hoor',
  'nou',
  'maar',
  'want',
  'omdat',
  'denk',
  'dat',
  'dit',
  'die',
  'deze',
  'daar',
  'met',
  'namens',
  'bij',
  'graag',
  'alleen',
  'even',
  'heel',
  'erg',
  'echt',
  'ja',
  'nee',
  'oke',
  'ok',
  'okay',
  'eh',
  'ehm',
  'uh',
  'um',
  'gaat',
  'om',
  'soort',
  'iets',
  'zo',
  'n',
  'zon',
  's',
  'kan',
  'wil',
  'willen',
  'wilt',
  'doen',
  'doe',
  'doet',
  'mee',
  'vanuit',
  'via',
  'uit',
  'naar',
  'over',
  'door',
  'zou',
  'volgens',
  'lijkt',
  'hallo',
  'hoi',
  'beste',
  // English
  'i',
  'im',
  'm',
  'am',
  'a',
  'an',
  'the',
  're',
  'are',
  'be',
  'been',
  'were',
  'it',
  'its',
  'my',
  'our',
  'your',
  'their',
  'his',
  'her',
  'us',
  'they',
  'them',
  'you',
  'as',
  'of',
  'for',
  'on',
  'at',
  'to',
  'with',
  'by',
  'from',
  'just',
  'so',
  'also',
  'well',
  'yes',
  'that',
  'this',
  'these',
  'those',
  'like',
  'kind',
  'sort',
  'really',
  'basically',
  'actually',
  'think',
  'do',
  'does',
  'have',
  'has',
  'would',
  'will',
  'can',
  'behalf',
  'herself',
  'himself',
  'themselves',
  'ourselves',
  'hi',
  'hello',
  'here',
]);
/** A find right before one of these is something else: `een dag later` is not `een dag`. */
const SHIFTED = new Set([
  'later',
  'eerder',
  'erna',
  'ervoor',
  'daarna',
  'daarvoor',
  'after',
  'before',
  'earlier',
  'afterwards',
]);
/** A find right after one of these (fillers in between allowed, no comma) does not count. */
const NEGATIONS = new Set(['geen', 'niet', 'not', 'no', 'non', 'noch', 'nor', 'zonder', 'without', 'never']);
/** Endings of a plural or an inflected word that still mean the option: `bewoners`, `eenmalige`, `clubs`. */
const ENDINGS = ['s', 'en', 'n', 'e', 'es', 'er', 'je', 'tje', 'jes', 'tjes'] as const;
/** Shortest option word that an ending, a compound or a typo may change. */
const MIN_FLEXIBLE = 4;
/** Letters a compound needs in front of the option word: `voetbal|vereniging`, not `s|club`. */
const MIN_COMPOUND_HEAD = 3;

/** Typos allowed in a word of this length: none up to 4 letters, one up to 7, two from 8. */
export function typoTolerance(length: number): number {
  return length <= 4 ? 0 : length <= 7 ? 1 : 2;
}

/**
 * Edit distance (Levenshtein, from fastest-levenshtein) where swapping two neighbouring letters is one
 * typo (`stihcting`, `sprot`), as it is for a person typing.
 */
function typoDistance(a: string, b: string): number {
  const d = distance(a, b);
  return d === 2 && isSwap(a, b) ? 1 : d;
}

function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let first = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (first >= 0)
      return i === first + 1 && a[first] === b[i] && a[i] === b[first] && a.slice(i + 1) === b.slice(i + 1);
    first = i;
  }
  return false;
}

/** How a word of the answer matches a word of an option: 0 exact, more for typos; compound as its own kind. */
interface WordFit {
  cost: number;
  compound: boolean;
}

const ENDING_SET: ReadonlySet<string> = new Set(ENDINGS);
const EXACT: WordFit = { cost: 0, compound: false };
const COMPOUND: WordFit = { cost: 0, compound: true };

function wordFit(said: string, option: string): WordFit | undefined {
  if (said === option) return EXACT;
  if (option.length < MIN_FLEXIBLE || /\d/.test(option)) return undefined;
  // The option word with an ending (`bewoners`), or at the end of a compound (`voetbal|vereniging`).
  const at = said.lastIndexOf(option);
  if (at === 0 || at >= MIN_COMPOUND_HEAD) {
    const ending = said.slice(at + option.length);
    if (ending === '' || ENDING_SET.has(ending)) return at === 0 ? EXACT : COMPOUND;
  }
  const tolerance = typoTolerance(option.length);
  if (tolerance === 0 || said[0] !== option[0] || Math.abs(said.length - option.length) > tolerance)
    return undefined;
  const d = typoDistance(said, option);
  return d <= tolerance ? { cost: d, compound: false } : undefined;
}

/** An option's title or synonym as the sentence reader compares it: the words left after FILLERS. */
interface Phrase<C extends string> {
  code: C;
  words: readonly string[];
}

/** One find of an option in the answer: which content words (from…to), and whether it is exact. */
export interface Find<C extends string> {
  code: C;
  /** Positions in `Scan.tokens` of the first and after the last word found. */
  from: number;
  to: number;
  /** 0: exact, compound or inflected; more: the typos in it. */
  cost: number;
  /** The answer's words that were read as the option, joined by spaces. */
  said: string;
  /** Read as the end of a compound word (`voetbal|vereniging`). */
  compound: boolean;
}

export interface Scan<C extends string> {
  /** The answer's tokens, as wordsOf gives them (with `,` and `&`). */
  tokens: readonly string[];
  /** The finds that count: no shorter find inside a longer one, no typo on words found exactly, none negated. */
  finds: readonly Find<C>[];
  /** Two options found at the same words with the same cost. */
  tied: boolean;
  /** Content words (not fillers) that no find covers: the choice came out of a longer sentence. */
  extra: boolean;
}

const isSeparator = (t: string) => t === ',' || t === '&';

/** Reads a choice inside a sentence; see the module comment. `given`: finds made otherwise, weighed alike. */
export function scan<C extends string>(
  phrases: readonly Phrase<C>[],
  tokens: readonly string[],
  given: readonly Find<C>[] = [],
): Scan<C> {
  const content: number[] = [];
  tokens.forEach((t, i) => {
    if (!isSeparator(t) && !FILLERS.has(t)) content.push(i);
  });
  const byFirst = new Map<string, Phrase<C>[]>();
  for (const phrase of phrases) {
    const list = byFirst.get(phrase.words[0]!) ?? [];
    list.push(phrase);
    byFirst.set(phrase.words[0]!, list);
  }
  const firstWords = [...byFirst.keys()];
  const fits = new Map<string, WordFit | undefined>();
  const fitOf = (said: string, option: string): WordFit | undefined => {
    const key = `${said}\u0000${option}`;
    if (!fits.has(key)) fits.set(key, wordFit(said, option));
    return fits.get(key);
  };
  const starters = new Map<string, string[]>();

  const found: Find<C>[] = [...given];
  for (let p = 0; p < content.length; p++) {
    const word = tokens[content[p]!]!;
    let options = starters.get(word);
    if (options === undefined) {
      options = firstWords.filter((first) => fitOf(word, first) !== undefined);
      starters.set(word, options);
    }
    for (const first of options) {
      for (const phrase of byFirst.get(first)!) {
        if (p + phrase.words.length > content.length) continue;
        let cost = 0;
        let compound = false;
        for (let k = 0; k < phrase.words.length && cost < Number.POSITIVE_INFINITY; k++) {
          const f = fitOf(tokens[content[p + k]!]!, phrase.words[k]!);
          compound ||= f?.compound === true;
          cost =
            f === undefined || (f.compound && phrase.words.length > 1)
              ? Number.POSITIVE_INFINITY
              : cost + f.cost;
        }
        if (cost === Number.POSITIVE_INFINITY) continue;
        const from = content[p]!;
        const to = content[p + phrase.words.length - 1]! + 1;
        const said = content
          .slice(p, p + phrase.words.length)
          .map((i) => tokens[i])
          .join(' ');
        found.push({ code: phrase.code, from, to, cost, said, compound });
      }
    }
  }

  const inside = (a: Find<C>, b: Find<C>) =>
    b.from <= a.from && a.to <= b.to && b.to - b.from > a.to - a.from;
  const overlaps = (a: Find<C>, b: Find<C>) => a.from < b.to && b.from < a.to;
  const kept = found.filter(
    (f) =>
      !negated(tokens, f.from, f.to) &&
      !found.some((g) => g.code !== f.code && inside(f, g)) &&
      !(f.cost > 0 && found.some((g) => g.cost === 0 && overlaps(f, g))),
  );
  const tied = kept.some((f) =>
    kept.some((g) => g.code !== f.code && g.from === f.from && g.to === f.to && g.cost === f.cost),
  );
  const covered = new Uint8Array(tokens.length);
  for (const f of kept) covered.fill(1, f.from, f.to);
  const extra = content.some((i) => covered[i] === 0);
  return { tokens, finds: kept, tied, extra };
}

/**
 * Whether the words from…to are negated: a negation right before them, with only fillers between
 * (`geen (echte) stichting`, `not a club`), or a Dutch `niet` or a shift in time right after them
 * (`klopt niet`, `one day later`).
 */
function negated(tokens: readonly string[], from: number, to: number): boolean {
  for (let i = from - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (NEGATIONS.has(t)) return true;
    if (isSeparator(t) || !FILLERS.has(t)) break;
  }
  for (let i = to; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === 'niet' || SHIFTED.has(t)) return true;
    if (isSeparator(t) || !FILLERS.has(t)) break;
  }
  return false;
}

/**
 * The note for a choice read by scan: a typo when every find of it has one; the words taken when the
 * answer held more than the choice or it was read from a compound (`de bewoner zelf` has none: only
 * fillers besides it).
 */
export function noteOf<C extends string>(found: Scan<C>, code: C): ParseNote | undefined {
  const mine = found.finds.filter((f) => f.code === code);
  const exact = mine.find((f) => f.cost === 0 && !f.compound) ?? mine.find((f) => f.cost === 0);
  if (exact) return found.extra || exact.compound ? { kind: 'in-sentence', said: exact.said } : undefined;
  return { kind: 'typo', said: mine[0]?.said ?? '', meant: code };
}

export function matchError(match: { kind: 'ambiguous' } | { kind: 'none' }): ParseError {
  return match.kind === 'ambiguous' ? 'ambiguous-choice' : 'unknown-choice';
}
