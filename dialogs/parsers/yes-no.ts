/**
 * Yes or no, in Dutch or English, with any case, punctuation and spacing: `Ja!`, `nee hoor`, `Yes please`,
 * `nope`, the choice codes `yes`/`no`, and 👍/👎. Also a yes or no with a reason (`ja, in mijn eigen
 * straat`, `nee, het is pas in juni`, `yes, in Hardinxveld`), after an echo of the question (`zij wil winst
 * maken? nee`) or at the end (`het is bij ons in de straat, dus ja`), but never when the answer also holds
 * the opposite word (`ja en nee`, `yes or no`). An answer read from a longer text has an 'in-sentence' note
 * naming the yes or no that was read, so that a caller can tell `nee` from `nee, maar wel …`. `weet ik
 * niet`, `geen idee`, `not sure`, 🤷 give 'dont-know'.
 */
import { answerWords, dontKnow } from './dont-know.js';
import { fold, prepare } from './normalize.js';
import { fail, ok, type ParseResult } from './result.js';

const YES = new Set([
  'yes',
  'ja',
  'j',
  'jazeker',
  'ja zeker',
  'zeker',
  'zeker weten',
  'klopt',
  'ja klopt',
  'dat klopt',
  'ja dat klopt',
  'correct',
  'juist',
  'jawel',
  'ja hoor',
  'ja graag',
  'graag',
  'natuurlijk',
  'ja natuurlijk',
  'uiteraard',
  'y',
  'yep',
  'yup',
  'yeah',
  'yea',
  'sure',
  'true',
  'of course',
  'yes please',
  'that s right',
  'right',
  'indeed',
  'absolutely',
  'definitely',
  'jep',
  'jup',
  'jawohl',
  'inderdaad',
  'ja inderdaad',
  'ja zeker weten',
  'klopt helemaal',
  'dat is zo',
  'ja dat is zo',
  'zeker wel',
  'ja hoor dat klopt',
  'denk het wel',
  'ik denk het wel',
  'ik denk van wel',
  'volgens mij wel',
  'i think so',
  'yes indeed',
  'yes of course',
  'yes it is',
  'yes they do',
  'yes we do',
  'yes she does',
  'yes he does',
  'that s correct',
  'that is right',
  'that s true',
  'ok yes',
]);

const NO = new Set([
  'no',
  'nee',
  'n',
  'neen',
  'nope',
  'nah',
  'false',
  'niet',
  'nee hoor',
  'nee dank je',
  'nee dankjewel',
  'nee bedankt',
  'zeker niet',
  'helemaal niet',
  'klopt niet',
  'dat klopt niet',
  'nee dat klopt niet',
  'not',
  'no thanks',
  'no thank you',
  'not at all',
  'certainly not',
  'of course not',
  'definitely not',
  'absolutely not',
  'nee joh',
  'welnee',
  'echt niet',
  'niet echt',
  'juist niet',
  'nee niet',
  'nee zeker niet',
  'nooit',
  'nog nooit',
  'never',
  'denk het niet',
  'ik denk het niet',
  'ik denk van niet',
  'volgens mij niet',
  'niet dat ik weet',
  'not really',
  'i don t think so',
  'i dont think so',
  'don t think so',
  'no it isn t',
  'no it is not',
  'not that i know',
  'not that i know of',
]);

const THUMBS_UP = new Set(['👍', '✅', '✔', '☑']);
const THUMBS_DOWN = new Set(['👎', '❌', '✖', '❎']);
/** Skin tones and the emoji presentation selector, which do not change the meaning of a thumb. */
const EMOJI_MODIFIERS = /[\u{1F3FB}-\u{1F3FF}\uFE0F]/gu;
const NOT_WORD = /[^a-z0-9]+/g;
/** Stretched words: `jaaa`, `neee`, `yesss`, `nooo`. */
const STRETCHED_YES = /^(?:j+a+|y+e+s+|y+e+p+)$/;
const STRETCHED_NO = /^(?:n+e+|n+o+|n+o+p+e+)$/;

/** Sounds before the answer that change nothing: `eh ja`, `nou nee`, `oh yes`. */
const INTERJECTIONS = new Set(['eh', 'ehm', 'euh', 'uh', 'uhm', 'um', 'hmm', 'hm', 'nou', 'oh', 'well', 'o']);
/** A yes or no that opens a longer answer must be one of these words, not `right` or a lone `j`. */
const NOT_LEADING = new Set(['j', 'n', 'y', 'right', 'true', 'false', 'correct', 'not', 'niet', 'graag']);
/** A reason that opens with one of these words leaves the answer open: `ja of nee`, `ja misschien`. */
const UNDECIDED = new Set(['of', 'or', 'misschien', 'maybe', 'perhaps', 'wellicht', 'possibly']);
/** Words before a closing yes or no: `…, dus ja`, `…, so no`, `de bewoner zegt ja`. */
const SO_WORDS = new Set([
  'dus',
  'so',
  'then',
  'dan',
  'daarom',
  'therefore',
  'zegt',
  'zei',
  'says',
  'said',
  'antwoordt',
  'answers',
]);
/** The words that say yes or no in any position; the opposite one in the reason makes the answer unclear. */
const YES_WORDS = new Set(['ja', 'yes', 'yep', 'yeah', 'jawel', 'jazeker', 'jep', 'jup', 'yup']);
const NO_WORDS = new Set(['nee', 'neen', 'no', 'nope', 'nah', 'welnee']);
/** Longest yes or no phrase tried at the start or end of a longer answer, in words. */
const MAX_PHRASE = 5;
/** The buurtwerker echoes the question: the answer is what follows the last question mark. */
const QUESTION_MARK = '?';

export function parseYesNo(text: string): ParseResult<boolean> {
  const prepared = prepare(text);
  if (!prepared.ok) return prepared;
  const emoji = prepared.value.replace(EMOJI_MODIFIERS, '');
  if (THUMBS_UP.has(emoji)) return ok(true);
  if (THUMBS_DOWN.has(emoji)) return ok(false);
  // A thumb that opens a longer answer is its yes or no: `👍 prima`.
  const thumb = [...emoji][0] ?? '';
  const thumbed = THUMBS_UP.has(thumb) ? 'ja' : THUMBS_DOWN.has(thumb) ? 'nee' : undefined;
  if (thumbed !== undefined) return parseYesNo(`${thumbed}, ${emoji.slice(thumb.length)}`);

  const unsure = dontKnow(prepared.value);
  if (unsure === 'leading') return fail('dont-know');
  const whole = exactly(keyOf(prepared.value));
  if (whole !== undefined) return ok(whole);

  // After an echo of the question, the answer is what follows it: `zij wil winst maken? nee`.
  const mark = prepared.value.lastIndexOf(QUESTION_MARK);
  const after = mark >= 0 ? prepared.value.slice(mark + 1).trim() : '';
  if (after !== '') {
    const key = keyOf(after);
    const exact = exactly(key);
    const read = exact === undefined ? withReason(answerWords(after)) : { answer: exact, said: key };
    if (read !== undefined && !contradicts(answerWords(prepared.value.slice(0, mark)), read.answer))
      return ok(read.answer, { kind: 'in-sentence', said: read.said });
  }
  const read = withReason(answerWords(prepared.value)) ?? closing(prepared.value);
  if (read !== undefined)
    return read.alone ? ok(read.answer) : ok(read.answer, { kind: 'in-sentence', said: read.said });
  return fail(unsure === 'inside' ? 'dont-know' : 'not-yes-no');
}

/** A yes or no read from a longer answer: the words that said it; `alone` when only `eh`-sounds were beside it. */
interface Read {
  answer: boolean;
  said: string;
  alone?: boolean;
}

function keyOf(text: string): string {
  return fold(text).replace(NOT_WORD, ' ').trim();
}

/** The whole key is a yes or a no. */
function exactly(key: string): boolean | undefined {
  if (YES.has(key) || STRETCHED_YES.test(key)) return true;
  if (NO.has(key) || STRETCHED_NO.test(key)) return false;
  return undefined;
}

/** A yes or no phrase of the words from..to, or undefined. */
function phrase(words: readonly string[], from: number, to: number): boolean | undefined {
  const key = words.slice(from, to).join(' ');
  if (to - from === 1 && NOT_LEADING.has(key)) return undefined;
  return exactly(key);
}

/** A yes or no followed by a reason: `ja, in mijn eigen straat`, `nee hoor, het is pas in juni`. */
function withReason(words: readonly string[]): Read | undefined {
  let start = 0;
  while (start < words.length - 1 && INTERJECTIONS.has(words[start]!)) start++;
  for (let end = Math.min(words.length, start + MAX_PHRASE); end > start; end--) {
    const answer = phrase(words, start, end);
    if (answer === undefined) continue;
    const reason = words.slice(end);
    if (reason.length > 0 && UNDECIDED.has(reason[0]!)) return undefined;
    if (contradicts(reason, answer)) return undefined;
    return { answer, said: words.slice(start, end).join(' '), alone: reason.length === 0 };
  }
  return undefined;
}

/**
 * A yes or no at the end, after a comma, a colon, a dash or `dus`/`so`: `bij ons in de straat, dus ja`,
 * `voor de buurt: nee`.
 */
function closing(text: string): Read | undefined {
  const words = answerWords(text);
  const folded = fold(text).trimEnd();
  for (let start = Math.max(1, words.length - MAX_PHRASE); start < words.length; start++) {
    const answer = phrase(words, start, words.length);
    if (answer === undefined) continue;
    const before = words.slice(0, start);
    const marked = SO_WORDS.has(before[before.length - 1]!) || endsAfterBreak(folded, words.slice(start));
    if (!marked) return undefined;
    return contradicts(before, answer) ? undefined : { answer, said: words.slice(start).join(' ') };
  }
  return undefined;
}

/** Whether the text ends with `tail` right after a comma, colon, semicolon, dash or full stop. */
function endsAfterBreak(folded: string, tail: readonly string[]): boolean {
  let end = folded.length;
  while (end > 0 && !/[\p{L}\p{N}]/u.test(folded[end - 1]!)) end--;
  let rest = folded.slice(0, end);
  for (let i = tail.length - 1; i >= 0; i--) {
    const word = tail[i]!;
    if (!rest.endsWith(word)) return false;
    rest = rest.slice(0, rest.length - word.length).trimEnd();
    if (i > 0) rest = rest.replace(/[^\p{L}\p{N}]+$/u, '');
  }
  return /[,:;.\-\u2013\u2014]$/.test(rest);
}

/**
 * Whether `words` (the rest of the answer) hold the opposite of `answer`: `ja en nee`, `nee, ja`. An
 * English `no` before another word is a determiner (`yes, no problem`), not an answer.
 */
function contradicts(words: readonly string[], answer: boolean): boolean {
  return words.some((word, i) => {
    if (answer) {
      if (!NO_WORDS.has(word)) return false;
      const next = words[i + 1];
      return word !== 'no' || next === undefined || YES_WORDS.has(next) || NO_WORDS.has(next);
    }
    return YES_WORDS.has(word);
  });
}
