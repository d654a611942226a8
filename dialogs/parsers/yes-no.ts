/**
 * Yes or no, in Dutch or English, with any case, punctuation and spacing: `Ja!`, `nee hoor`, `Yes please`,
 * `nope`, the choice codes `yes`/`no`, and 👍/👎.
 */
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
]);

const THUMBS_UP = new Set(['👍', '✅', '✔', '☑']);
const THUMBS_DOWN = new Set(['👎', '❌', '✖', '❎']);
/** Skin tones and the emoji presentation selector, which do not change the meaning of a thumb. */
const EMOJI_MODIFIERS = /[\u{1F3FB}-\u{1F3FF}\uFE0F]/gu;
const NOT_WORD = /[^a-z0-9]+/g;
/** Stretched words: `jaaa`, `neee`, `yesss`, `nooo`. */
const STRETCHED_YES = /^(?:j+a+|y+e+s+|y+e+p+)$/;
const STRETCHED_NO = /^(?:n+e+|n+o+|n+o+p+e+)$/;

export function parseYesNo(text: string): ParseResult<boolean> {
  const prepared = prepare(text);
  if (!prepared.ok) return prepared;
  const emoji = prepared.value.replace(EMOJI_MODIFIERS, '');
  if (THUMBS_UP.has(emoji)) return ok(true);
  if (THUMBS_DOWN.has(emoji)) return ok(false);

  const key = fold(prepared.value).replace(NOT_WORD, ' ').trim();
  if (YES.has(key) || STRETCHED_YES.test(key)) return ok(true);
  if (NO.has(key) || STRETCHED_NO.test(key)) return ok(false);
  return fail('not-yes-no');
}
