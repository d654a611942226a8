/**
 * Choice answers: one option (parseChoice), or any number of them (parseMultiChoice). How a piece of text
 * matches an option is in choice-matcher.ts.
 */
import { type ChoiceOption, choiceKey, type Match, Matcher, matchError, wordsOf } from './choice-matcher.js';
import { fold, prepare } from './normalize.js';
import { fail, ok, type ParseResult } from './result.js';

export type { ChoiceOption } from './choice-matcher.js';

/** One option out of `options`; 'unknown-choice' when none fits, 'ambiguous-choice' when several do. */
export function parseChoice<C extends string>(
  text: string,
  options: readonly ChoiceOption<C>[],
): ParseResult<C> {
  const prepared = prepare(text);
  if (!prepared.ok) return prepared;
  const match = new Matcher(options).match(choiceKey(prepared.value));
  return match.kind === 'match' ? ok(match.code) : fail(matchError(match));
}

/** Answers meaning "none of these" (in choiceKey form). */
const NONE = new Set([
  'geen',
  'geen van allen',
  'geen van alle',
  'geen van beide',
  'geen van deze',
  'geen enkele',
  'geen enkel',
  'niets',
  'niks',
  'none',
  'none of them',
  'none of these',
  'none of the above',
  'nothing',
  'neither',
]);
/** Answers meaning "all of these". */
const ALL = new Set(['alle', 'allemaal', 'alles', 'all', 'all of them', 'all of these', 'all of the above']);

const AND_OR = /\b(?:en|and) ?\/ ?(?:of|or)\b/g;
const HARD_SEPARATORS = /[,;\n/]/g;
const COMMA = ',';
const CONNECTOR = '&';

/**
 * Several options: codes, titles or numbers separated by commas, semicolons, new lines, `en`, `and`, `&`,
 * `+` or `en/of`; `1, 3`, `1 en 3` and `1 3` pick by position. `geen`/`none` (and the like) is the empty
 * list, `alle`/`all` every option. Titles that themselves contain `en` (`Samen bouwen en elkaar
 * vertrouwen`) are found because the longest pieces that match an option win, and the split with the
 * fewest pieces is taken. The result has no duplicates and follows the order of `options`; a piece that
 * matches nothing makes the whole answer 'unknown-choice'.
 */
export function parseMultiChoice<C extends string>(
  text: string,
  options: readonly ChoiceOption<C>[],
): ParseResult<C[]> {
  const prepared = prepare(text, { keepNewlines: true });
  if (!prepared.ok) return prepared;
  const matcher = new Matcher(options);

  const whole = choiceKey(prepared.value);
  const exact = matcher.exact(whole);
  if (exact.kind === 'match') return ok([exact.code]);
  if (NONE.has(whole)) return ok([]);
  if (ALL.has(whole)) return ok([...matcher.codes]);

  const tokens = tokenize(prepared.value);
  const atoms = atomsOf(tokens);
  if (atoms.length === 0) return fail('empty');
  let maxSpan = 1;
  for (const option of options) {
    for (const text of [option.code, ...option.titles, ...(option.synonyms ?? [])]) {
      maxSpan = Math.max(maxSpan, atomCount(text));
    }
  }

  const spanKey = (from: number, to: number): string =>
    tokens
      .slice(atoms[from]!.start, atoms[to - 1]!.end)
      .filter((t) => t !== COMMA)
      .join(' ');

  // pieces[i]: the fewest pieces that cover atoms i…; first[i]: the first of those pieces (longest on a tie).
  const pieces: number[] = [];
  const first: { length: number; code: C }[] = [];
  const singles: Match<C>[] = [];
  let ambiguous = false;
  pieces[atoms.length] = 0;
  for (let i = atoms.length - 1; i >= 0; i--) {
    for (let length = Math.min(maxSpan, atoms.length - i); length >= 1; length--) {
      const match = matcher.match(spanKey(i, i + length));
      if (length === 1) singles[i] = match;
      if (match.kind === 'ambiguous') ambiguous = true;
      const rest = pieces[i + length];
      if (match.kind !== 'match' || rest === undefined) continue;
      const current = pieces[i];
      if (current === undefined || rest + 1 < current) {
        pieces[i] = rest + 1;
        first[i] = { length, code: match.code };
      }
    }
  }

  if (pieces[0] === undefined) {
    const onlyAmbiguity = ambiguous && singles.every((m) => m.kind !== 'none');
    return fail(onlyAmbiguity ? 'ambiguous-choice' : 'unknown-choice');
  }
  const chosen = new Set<C>();
  for (let i = 0; i < atoms.length; ) {
    const piece = first[i]!;
    chosen.add(piece.code);
    i += piece.length;
  }
  return ok(matcher.codes.filter((code) => chosen.has(code)));
}

/** Words in choiceKey form, with `,` for every hard separator and `&` for `en`/`and`/`&`/`+`. */
function tokenize(text: string): string[] {
  return wordsOf(fold(text).replace(AND_OR, COMMA).replace(HARD_SEPARATORS, COMMA));
}

interface Atom {
  start: number;
  end: number;
}

/**
 * Runs of words between separators. When every word is a number, each number is a piece of its own, so
 * `1 3` means the first and the third option.
 */
function atomsOf(tokens: readonly string[]): Atom[] {
  const isSeparator = (t: string) => t === COMMA || t === CONNECTOR;
  const words = tokens.filter((t) => !isSeparator(t));
  const eachWord = words.length > 0 && words.every((w) => /^\d{1,4}$/.test(w));
  const atoms: Atom[] = [];
  let start = -1;
  tokens.forEach((token, i) => {
    if (isSeparator(token)) {
      if (start >= 0) atoms.push({ start, end: i });
      start = -1;
    } else if (eachWord) {
      atoms.push({ start: i, end: i + 1 });
    } else if (start < 0) {
      start = i;
    }
  });
  if (start >= 0) atoms.push({ start, end: tokens.length });
  return atoms;
}

/** How many pieces a code, title or synonym falls into when typed: the longest piece worth trying. */
function atomCount(text: string): number {
  return atomsOf(tokenize(text)).length;
}
