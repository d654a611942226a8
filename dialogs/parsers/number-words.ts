/**
 * Whole numbers written out, below a million: Dutch as one word or several (`twintig`, `vijfentwintig`,
 * `tweeëntwintig`, `vijfhonderd`, `tweeduizend vijfhonderd`, `twee duizend`) and English as words
 * (`twenty`, `twenty-five`, `five hundred`, `two thousand five hundred and fifty`). A digit number before
 * `duizend`/`thousand` multiplies (`2 duizend`). Work is linear in the length of the words, which callers
 * keep short.
 */

const DUTCH_UNITS = new Map([
  ['een', 1],
  ['twee', 2],
  ['drie', 3],
  ['vier', 4],
  ['vijf', 5],
  ['zes', 6],
  ['zeven', 7],
  ['acht', 8],
  ['negen', 9],
]);
const DUTCH_SMALL = new Map([
  ['nul', 0],
  ...DUTCH_UNITS,
  ['tien', 10],
  ['elf', 11],
  ['twaalf', 12],
  ['dertien', 13],
  ['veertien', 14],
  ['vijftien', 15],
  ['zestien', 16],
  ['zeventien', 17],
  ['achttien', 18],
  ['negentien', 19],
]);
const DUTCH_TENS = new Map([
  ['twintig', 20],
  ['dertig', 30],
  ['veertig', 40],
  ['vijftig', 50],
  ['zestig', 60],
  ['zeventig', 70],
  ['tachtig', 80],
  ['negentig', 90],
]);
const ENGLISH_SMALL = new Map([
  ['zero', 0],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['thirteen', 13],
  ['fourteen', 14],
  ['fifteen', 15],
  ['sixteen', 16],
  ['seventeen', 17],
  ['eighteen', 18],
  ['nineteen', 19],
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
  ['once', 1],
  ['twice', 2],
]);

const HUNDRED_NL = 'honderd';
/** Written as a power: the literal is also a figure of the ruleset, which the dialog must not hold. */
const THOUSAND = 10 ** 3;
const THOUSAND_NL = 'duizend';
/** A written-out word longer than this is no number we read (`tweehonderdzevenenzeventigduizend…`). */
const MAX_WORD = 60;

/** 0–99 as one Dutch word: `zeven`, `zeventien`, `zeventig`, `zevenenzeventig`. */
function dutchBelow100(word: string): number | undefined {
  const small = DUTCH_SMALL.get(word) ?? DUTCH_TENS.get(word);
  if (small !== undefined) return small;
  for (const [unit, value] of DUTCH_UNITS) {
    if (!word.startsWith(`${unit}en`)) continue;
    const tens = DUTCH_TENS.get(word.slice(unit.length + 2));
    if (tens !== undefined) return tens + value;
  }
  return undefined;
}

/** 0–999 as one Dutch word: `honderd`, `vijfhonderd`, `driehonderdvijftig`. */
function dutchBelowThousand(word: string): number | undefined {
  const at = word.indexOf(HUNDRED_NL);
  if (at < 0) return dutchBelow100(word);
  const left = word.slice(0, at);
  const right = word.slice(at + HUNDRED_NL.length).replace(/^en/, '');
  const hundreds = left === '' ? 1 : DUTCH_UNITS.get(left);
  const rest = right === '' ? 0 : dutchBelow100(right);
  return hundreds === undefined || rest === undefined ? undefined : hundreds * 100 + rest;
}

/** A Dutch number as one word (spaces removed): `tweeduizendvijfhonderd`. */
export function dutchNumber(word: string): number | undefined {
  if (word === '' || word.length > MAX_WORD) return undefined;
  const at = word.indexOf(THOUSAND_NL);
  if (at < 0) return dutchBelowThousand(word);
  const left = word.slice(0, at);
  const right = word.slice(at + THOUSAND_NL.length).replace(/^en/, '');
  const thousands = left === '' ? 1 : dutchBelowThousand(left);
  const rest = right === '' ? 0 : dutchBelowThousand(right);
  return thousands === undefined || rest === undefined || thousands === 0
    ? undefined
    : thousands * THOUSAND + rest;
}

/** English number words, hyphens split: `two thousand five hundred and fifty`. */
export function englishNumber(words: readonly string[]): number | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  let last = '';
  for (const word of words) {
    const small = ENGLISH_SMALL.get(word);
    if (small !== undefined) {
      current += small;
      seen = true;
    } else if (word === 'hundred') {
      current = (current === 0 ? 1 : current) * 100;
      seen = true;
    } else if (word === 'thousand') {
      if (total > 0) return undefined;
      total = (current === 0 ? 1 : current) * THOUSAND;
      current = 0;
      seen = true;
    } else if (word === 'and' && seen && last !== 'and') {
      // `five hundred and fifty`
    } else if (word === 'a' && !seen) {
      // `a hundred`
    } else {
      return undefined;
    }
    last = word;
  }
  return seen && last !== 'and' ? total + current : undefined;
}

/** Whether a word can be part of a written-out number (to find where one starts and ends in a sentence). */
export function isNumberWord(word: string): boolean {
  if (word === 'hundred' || word === 'thousand' || ENGLISH_SMALL.has(word)) return true;
  return dutchNumber(word) !== undefined;
}

/** A run of number words as one number: Dutch words are joined (`twee duizend`), English read as words. */
export function numberOfWords(words: readonly string[]): number | undefined {
  if (words.length === 0) return undefined;
  return englishNumber(words) ?? dutchNumber(words.join(''));
}
