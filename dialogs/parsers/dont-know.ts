/**
 * "I don't know", in the ways people write it: `weet ik niet`, `geen idee`, `dat weet ik nog niet`,
 * `ik twijfel`, `no idea`, `I don't know`, `not sure`, `dunno`, 🤷. A parser that cannot read an answer
 * returns 'dont-know' when the answer says this, so that the dialog helps the person find out instead of
 * repeating the question. Linear in the input: a fixed set of short word sequences is compared at every
 * word.
 */
import { fold } from './normalize.js';

/** Words that soften a phrase without changing it: `weet ik nog niet precies` is `weet ik niet`. */
const SOFTENERS = new Set([
  'nog',
  'echt',
  'precies',
  'eigenlijk',
  'helemaal',
  'goed',
  'zo',
  'even',
  'het',
  'er',
  'nu',
  'momenteel',
  'flauw',
  'flauwe',
  'really',
  'exactly',
  'quite',
  'totally',
  'just',
  'still',
  'yet',
  'actually',
  'honestly',
  'the',
  'faintest',
  'slightest',
  'completely',
  'entirely',
  '100',
]);

/** The phrases, as words after softeners are dropped. */
const PHRASES: readonly (readonly string[])[] = [
  // Dutch
  ['weet', 'niet'],
  ['weet', 't', 'niet'],
  ['weet', 'ik', 't', 'niet'],
  ['ik', 'weet', 't', 'niet'],
  ['weetniet'],
  ['weet', 'ik', 'niet'],
  ['weet', 'ik', 'veel'],
  ['weet', 'we', 'niet'],
  ['weten', 'we', 'niet'],
  ['weten', 'wij', 'niet'],
  ['weten', 'ze', 'niet'],
  ['weten', 'zij', 'niet'],
  ['weet', 'ze', 'niet'],
  ['weet', 'zij', 'niet'],
  ['weet', 'hij', 'niet'],
  ['ik', 'weet', 'niet'],
  ['we', 'weten', 'niet'],
  ['wij', 'weten', 'niet'],
  ['ze', 'weet', 'niet'],
  ['zij', 'weet', 'niet'],
  ['hij', 'weet', 'niet'],
  ['ze', 'weten', 'niet'],
  ['zij', 'weten', 'niet'],
  ['niet', 'weten'],
  ['geen', 'idee'],
  ['geen', 'benul'],
  ['geen', 'flauw', 'idee'],
  ['ik', 'twijfel'],
  ['twijfel'],
  ['twijfels'],
  ['twijfelt'],
  ['twijfelen'],
  ['onbekend'],
  ['niet', 'bekend'],
  ['onzeker'],
  ['niet', 'zeker'],
  ['onduidelijk'],
  ['niet', 'duidelijk'],
  ['niet', 'besloten'],
  ['niet', 'beslist'],
  ['uitzoeken'],
  ['uitrekenen'],
  ['uitgerekend'],
  ['moet', 'ik', 'kijken'],
  ['moet', 'ik', 'nakijken'],
  ['uitgezocht'],
  ['navragen'],
  ['zoek', 'ik', 'uit'],
  ['zoeken', 'we', 'uit'],
  ['vraag', 'ik', 'na'],
  ['kan', 'ik', 'niet', 'zeggen'],
  ['lastig', 'te', 'zeggen'],
  ['moeilijk', 'te', 'zeggen'],
  ['hangt', 'ervan', 'af'],
  ['hangt', 'van'],
  ['hangt', 'af'],
  // English
  ['don', 't', 'know'],
  ['dont', 'know'],
  ['do', 'not', 'know'],
  ['doesn', 't', 'know'],
  ['doesnt', 'know'],
  ['does', 'not', 'know'],
  ['didn', 't', 'decide'],
  ['dunno'],
  ['idk'],
  ['no', 'idea'],
  ['no', 'clue'],
  ['not', 'sure'],
  ['unsure'],
  ['not', 'certain'],
  ['uncertain'],
  ['unknown'],
  ['not', 'known'],
  ['hard', 'to', 'say'],
  ['can', 't', 'say'],
  ['cannot', 'say'],
  ['not', 'decided'],
  ['haven', 't', 'decided'],
  ['hasn', 't', 'decided'],
  ['has', 'not', 'decided'],
  ['isn', 't', 'sure'],
  ['aren', 't', 'sure'],
  ['isn', 't', 'certain'],
  ['need', 'to', 'check'],
  ['have', 'to', 'check'],
  ['to', 'be', 'determined'],
  ['tbd'],
  ['it', 'depends'],
];

/** Words before a phrase that still make it the whole answer: `eh, dat weet ik niet`, `nee, geen idee`. */
const PRELUDE = new Set([
  'eh',
  'ehm',
  'euh',
  'uh',
  'uhm',
  'um',
  'hmm',
  'hm',
  'pff',
  'tja',
  'nou',
  'oh',
  'ach',
  'sorry',
  'dat',
  'dit',
  'die',
  'that',
  'this',
  'i',
  'well',
  'ja',
  'nee',
  'yes',
  'no',
  'maar',
  'but',
  'ik',
  'we',
  'wij',
  'ze',
  'zij',
  'hij',
  'ben',
  'is',
  'zijn',
  'she',
  'he',
  'they',
  'm',
  'am',
  're',
  'are',
  's',
  'eerlijk',
  'gezegd',
  'to',
  'be',
  'honest',
]);

const FIRST_WORDS = new Map<string, (readonly string[])[]>();
for (const phrase of PHRASES) {
  const list = FIRST_WORDS.get(phrase[0]!) ?? [];
  list.push(phrase);
  FIRST_WORDS.set(phrase[0]!, list);
}

/** The shrug, with or without skin tone, gender sign and joiners: read as the word `idk`. */
const SHRUG = /\u{1F937}(?:[\u{1F3FB}-\u{1F3FF}]|\u200D|\u2640|\u2642|\uFE0F)*/gu;
/** Sounds that may stand beside a lone question mark: `eh?`, `hmm??`. */
const SOUNDS = new Set([
  'eh',
  'ehm',
  'euh',
  'uh',
  'uhm',
  'um',
  'hmm',
  'hm',
  'pff',
  'tja',
  'nou',
  'oh',
  'ach',
  'sorry',
  'well',
]);
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Where the person says they do not know: at the start of the answer, somewhere inside it, or not at all. */
export type DontKnow = 'leading' | 'inside' | undefined;

/** The words of an answer as this module compares them: folded, letters and digits only. */
export function answerWords(text: string): string[] {
  return fold(text)
    .replace(NOT_WORD, ' ')
    .split(' ')
    .filter((w) => w !== '');
}

/**
 * Whether `text` says "I don't know", and where: 'leading' when the phrase opens the answer (after
 * `eh`, `nee`, `dat`, `sorry` and the like), 'inside' when it comes later (`juni, maar ik weet het niet
 * zeker`). 🤷 is the phrase `idk`; a question mark with no words (`?`, `eh??`) is leading.
 */
export function dontKnow(text: string): DontKnow {
  const all = answerWords(text.replace(SHRUG, ' idk '));
  if (text.includes('?') && all.every((w) => SOUNDS.has(w) || SOFTENERS.has(w))) return 'leading';
  const words = all.filter((w) => !SOFTENERS.has(w));
  let prelude = 0;
  while (prelude < words.length && PRELUDE.has(words[prelude]!)) prelude++;
  for (let i = 0; i < words.length; i++) {
    const phrases = FIRST_WORDS.get(words[i]!);
    const found = phrases?.some((phrase) => phrase.every((w, k) => words[i + k] === w)) || knowsNot(words, i);
    if (found) return i <= prelude ? 'leading' : 'inside';
  }
  return undefined;
}

/** Who may stand between `weet` and `niet`: `dat weet de bewoner nog niet`, `weet mijn buurvrouw niet`. */
const KNOWER = new Set([
  'de',
  'mijn',
  'haar',
  'zijn',
  'bewoner',
  'bewoonster',
  'aanvrager',
  'aanvraagster',
  'buurman',
  'buurvrouw',
  'mevrouw',
  'meneer',
  'u',
  'jij',
  'je',
  'men',
  'iemand',
  'niemand',
]);
/** The most words between `weet` and `niet`. */
const MAX_KNOWER = 3;

function knowsNot(words: readonly string[], at: number): boolean {
  if (words[at] !== 'weet' && words[at] !== 'weten') return false;
  for (let k = 1; k <= MAX_KNOWER + 1; k++) {
    const word = words[at + k];
    if (word === 'niet') return k > 1;
    if (word === undefined || !KNOWER.has(word)) return false;
  }
  return false;
}
