/**
 * How one piece of an answer is matched against the options of a choice question. An option matches by
 * its code, any of its titles (the dialog passes the Dutch and the English one), or a synonym; case,
 * diacritics, punctuation, hyphens and a leading article do not matter, and `en`/`and`/`&`/`+` are the same
 * word. A number (`2`, `2.`, `optie 2`) picks the option at that position (1-based, as a terminal lists
 * them), and a unique prefix of at least three characters of a code, title or synonym matches too.
 */
import { fold } from './normalize.js';
import type { ParseError } from './result.js';

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

  constructor(options: readonly ChoiceOption<C>[]) {
    const entries: Entry<C>[] = [];
    for (const option of options) {
      for (const text of [option.code, ...option.titles, ...(option.synonyms ?? [])]) {
        const key = choiceKey(text);
        if (key === '') continue;
        entries.push({ code: option.code, key });
        const bare = withoutArticle(key);
        if (bare !== key) entries.push({ code: option.code, key: bare });
      }
    }
    this.entries = entries;
    this.codes = options.map((o) => o.code);
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

export function matchError(match: { kind: 'ambiguous' } | { kind: 'none' }): ParseError {
  return match.kind === 'ambiguous' ? 'ambiguous-choice' : 'unknown-choice';
}
