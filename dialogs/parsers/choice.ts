/**
 * Choice answers: one option (parseChoice), or any number of them (parseMultiChoice). How a piece of text
 * matches an option is in choice-matcher.ts.
 */
import {
  type ChoiceOption,
  choiceKey,
  FILLERS,
  type Find,
  type Match,
  Matcher,
  noteOf,
  scan,
  wordsOf,
} from './choice-matcher.js';
import { dontKnow } from './dont-know.js';
import { fold, prepare } from './normalize.js';
import { fail, ok, type ParseError, type ParseResult } from './result.js';

export type { ChoiceOption } from './choice-matcher.js';

/**
 * One option out of `options`; 'unknown-choice' when none fits, 'ambiguous-choice' when several do,
 * 'dont-know' for `weet ik niet` and the like (unless an option itself means that). A code, title, synonym,
 * number or prefix as the whole answer gives the option without a note; an option read inside a sentence
 * (`ik ben bewoner`), from a compound (`voetbalvereniging`) or despite a typo (`stichtng`) says so in the
 * note (see Matcher.read). A list of options is prepared once and kept (matcherFor): treat it as immutable.
 */
export function parseChoice<C extends string>(
  text: string,
  options: readonly ChoiceOption<C>[],
): ParseResult<C> {
  const prepared = prepare(text);
  if (!prepared.ok) return prepared;
  const matcher = matcherFor(options);
  const match = matcher.match(choiceKey(prepared.value));
  if (match.kind === 'match') return ok(match.code);
  if (match.kind === 'ambiguous') return fail('ambiguous-choice');
  const unsure = matcher.handlesDontKnow ? undefined : dontKnow(prepared.value);
  if (unsure === 'leading') return fail('dont-know');
  const reading = matcher.read(wordsOf(fold(prepared.value)));
  if (reading.kind === 'match') return ok(reading.code, reading.note);
  if (reading.kind === 'ambiguous') return fail('ambiguous-choice');
  return fail(unsure === 'inside' ? 'dont-know' : 'unknown-choice');
}

/**
 * One Matcher per list of options: the dialog passes the same (cached, never changed) list for a
 * question every time, and preparing the titles and synonyms is most of the work for a short answer.
 */
const matchers = new WeakMap<readonly ChoiceOption<string>[], Matcher<string>>();

function matcherFor<C extends string>(options: readonly ChoiceOption<C>[]): Matcher<C> {
  let matcher = matchers.get(options);
  if (matcher === undefined) {
    matcher = new Matcher(options);
    matchers.set(options, matcher);
  }
  return matcher as Matcher<C>;
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
 * fewest pieces is taken. The result has no duplicates and follows the order of `options`. When a piece
 * matches nothing, the answer is read as sentences (readInSentence: `buren leren elkaar kennen, dus
 * verbinding`, `verbindng en vitaliteit`), with a note; a short piece that matches nothing still makes the
 * whole answer 'unknown-choice'. `weet ik niet` and the like: 'dont-know'.
 */
export function parseMultiChoice<C extends string>(
  text: string,
  options: readonly ChoiceOption<C>[],
): ParseResult<C[]> {
  const prepared = prepare(text, { keepNewlines: true });
  if (!prepared.ok) return prepared;
  const matcher = matcherFor(options);

  const whole = choiceKey(prepared.value);
  const exact = matcher.exact(whole);
  if (exact.kind === 'match') return ok([exact.code]);
  if (NONE.has(whole)) return ok([]);
  if (ALL.has(whole)) return ok([...matcher.codes]);

  const tokens = tokenize(prepared.value);
  const atoms = atomsOf(tokens);
  if (atoms.length === 0)
    return fail(!matcher.handlesDontKnow && dontKnow(prepared.value) === 'leading' ? 'dont-know' : 'empty');
  const maxSpan = longestOption(options);

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
    const strict: ParseError = onlyAmbiguity ? 'ambiguous-choice' : 'unknown-choice';
    const unsure = matcher.handlesDontKnow ? undefined : dontKnow(prepared.value);
    if (unsure === 'leading') return fail('dont-know');
    const read = readInSentence(matcher, tokens);
    if (read.ok || read.error === 'ambiguous-choice') return read;
    return fail(unsure === 'inside' ? 'dont-know' : strict);
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

/** The most pieces any code, title or synonym of `options` spans, worked out once per list (as matcherFor). */
const spans = new WeakMap<readonly ChoiceOption<string>[], number>();

function longestOption(options: readonly ChoiceOption<string>[]): number {
  let longest = spans.get(options);
  if (longest === undefined) {
    longest = 1;
    for (const option of options) {
      for (const text of [option.code, ...option.titles, ...(option.synonyms ?? [])]) {
        longest = Math.max(longest, atomCount(text));
      }
    }
    spans.set(options, longest);
  }
  return longest;
}

/** A piece that starts with one of these explains the choice: `verbinding, want de buren…`. */
const EXPLAINING = new Set([
  'want',
  'omdat',
  'dus',
  'zodat',
  'zoals',
  'bijvoorbeeld',
  'waar',
  'wat',
  'die',
  'dat',
  'because',
  'so',
  'since',
  'as',
  'like',
  'which',
  'that',
  'where',
]);
/** A piece of this many words or more without a choice in it is a sentence, not a choice we do not know (`de bewoner doet het zelf`). */
const PROSE_WORDS = 3;

/**
 * Several options inside sentences (`buren leren elkaar kennen, dus verbinding`), after the strict reading
 * found none: the options scan finds, provided every piece between separators either holds one or is an
 * explanation (PROSE_WORDS words or more, or opening with `want`, `dus`, `because`…). A short piece that
 * matches nothing (`levendigheid, voetbal`) is a choice we do not know, so the answer stays
 * 'unknown-choice'. Two options found at the same words: 'ambiguous-choice'.
 */
function readInSentence<C extends string>(matcher: Matcher<C>, tokens: readonly string[]): ParseResult<C[]> {
  const pieces: { from: number; to: number }[] = [];
  let start = 0;
  for (let end = 0; end <= tokens.length; end++) {
    if (end < tokens.length && tokens[end] !== COMMA && tokens[end] !== CONNECTOR) continue;
    if (end > start) pieces.push({ from: start, to: end });
    start = end + 1;
  }
  // A piece that is an option by itself (code, title, a prefix of one: `de kracht van inwoners`) counts too.
  const whole: Find<C>[] = [];
  for (const { from, to } of pieces) {
    const key = tokens.slice(from, to).join(' ');
    const match = matcher.match(key);
    if (match.kind === 'match')
      whole.push({ code: match.code, from, to, cost: 0, said: key, compound: false });
  }
  const found = scan(matcher.phrases, tokens, whole);
  if (found.finds.length === 0) return fail('unknown-choice');
  if (found.tied) return fail('ambiguous-choice');
  for (const { from, to } of pieces) {
    const holdsChoice = found.finds.some((f) => f.from < to && from < f.to);
    const piece = tokens.slice(from, to);
    const explains = piece.length >= PROSE_WORDS || EXPLAINING.has(piece[0] ?? '');
    if (!holdsChoice && piece.some((t) => !FILLERS.has(t)) && !explains) return fail('unknown-choice');
  }
  const codes = matcher.codes.filter((code) => found.finds.some((f) => f.code === code));
  const typo = codes.find((code) => noteOf(found, code)?.kind === 'typo');
  if (typo !== undefined) return ok(codes, noteOf(found, typo));
  const said = [...new Set([...found.finds].sort((a, b) => a.from - b.from).map((f) => f.said))].join(', ');
  return found.extra ? ok(codes, { kind: 'in-sentence', said }) : ok(codes);
}
