/**
 * Readability of Dutch texts, for the B1 test (`b1.test.ts`): words, syllables, sentences and the
 * Flesch–Douma reading ease (Douma 1960, Flesch's formula fitted to Dutch):
 *
 *   206.835 − 0.93 × (words per sentence) − 77 × (syllables per word)
 *
 * B1 Dutch ("taalniveau B1") scores about 60–70 and higher; below 50 reads as academic text.
 *
 * The syllable counter follows Dutch spelling, not English: every syllable has one vowel sound, written as
 * one vowel letter or one of the fixed vowel spellings (aa, ee, oo, uu, ie, oe, eu, ui, ei, ij, au, ou;
 * aai, ooi, oei, eeu, ieu). Two vowel letters that are not such a spelling are two syllables ("ma-te-ri-aal",
 * "si-tu-a-tie"). A diaeresis always starts a new syllable ("i-dee-ën", "ge-ïn-te-res-seerd", "Bel-gi-ë").
 * Dutch has no silent e: a final e is a sound of its own ("bui-ten-wij-ke", "deel-ne-me"). é, è, ê, á, ó
 * are vowels ("ca-fé", "crè-me"; "één" is one syllable: two accented e's are one long e).
 */

/** The fixed Dutch vowel spellings, longest first: each is one vowel sound, so one syllable. */
const VOWEL_SPELLINGS = [
  'aai',
  'ooi',
  'oei',
  'eeu',
  'ieu',
  'aa',
  'ee',
  'oo',
  'uu',
  'ie',
  'oe',
  'eu',
  'ui',
  'ei',
  'ij',
  'au',
  'ou',
] as const;

/** Vowel letters, without and with accents. A letter with a diaeresis starts a syllable of its own. */
const VOWELS = 'aeiouyáéíóúàèìòùâêîôûäëïöüý';
const DIAERESIS = 'äëïöü';
/** Accented forms that are the same vowel: "één" and "vóór" are spelled like "een" and "voor". */
const PLAIN: Record<string, string> = { á: 'a', é: 'e', í: 'i', ó: 'o', ú: 'u', à: 'a', è: 'e', ò: 'o' };

/**
 * Words whose spelling the rules above miscount: English loanwords common in Dutch, and "-eum"
 * ("mu-se-um", where eu is not the eu of "neus"). Counts are for the word as a whole.
 */
const EXCEPTIONS: Record<string, number> = {
  mail: 1,
  mails: 1,
  'e-mail': 2,
  'e-mails': 2,
  'e-mailadres': 4,
  team: 1,
  teams: 1,
  service: 2,
  website: 2,
  online: 2,
  download: 2,
  chat: 1,
  chatten: 2,
  sportservice: 3,
  javascript: 3,
  english: 2,
  stuwkr8: 3,
  zzp: 3,
  "zzp'er": 4,
  pdf: 3,
  csv: 3,
};

/** A word that is a number, an amount, a date, an e-mail or web address, or a reference: said as a name. */
const NAME_LIKE = /[\d€@]|\.nl\b|:\/\//;
/** How many syllables a number, amount, date or address counts for ("a few"): short numbers 2, longer 3. */
const nameSyllables = (word: string) => (/^\d{1,2}$/.test(word) ? 2 : 3);

/** The syllables of one word without hyphens (a hyphenated word is counted part by part). */
function partSyllables(part: string): number {
  const word = part.toLowerCase().replace(/['’]/g, '');
  if (word === '') return 0;
  if (EXCEPTIONS[word] !== undefined) return EXCEPTIONS[word];
  const letters = [...word].map((ch) => PLAIN[ch] ?? ch);
  let count = 0;
  let i = 0;
  while (i < letters.length) {
    const ch = letters[i]!;
    if (!VOWELS.includes(ch)) {
      i++;
      continue;
    }
    if (DIAERESIS.includes(ch)) {
      count++;
      i++;
      continue;
    }
    const rest = letters.slice(i).join('');
    // "-eum" at the end: two syllables (museum, jubileum), unlike "neus" or "deur".
    if (/^eum$/.test(rest)) {
      count += 2;
      break;
    }
    // "ieu" is one sound before a w or at the end (nieuw, milieu), two otherwise (re-li-gi-eus, se-ri-eus).
    const spelling = VOWEL_SPELLINGS.find(
      (v) => rest.startsWith(v) && (v !== 'ieu' || rest.length === 3 || rest[3] === 'w'),
    );
    count++;
    i += spelling ? spelling.length : 1;
  }
  // An acronym without vowel letters is spelled out: "KvK" is ka-vee-ka.
  if (count === 0) return [...word].filter((ch) => /\p{L}/u.test(ch)).length || 1;
  return count;
}

/** The number of syllables of a Dutch word; a number, amount, date or address counts as a few. */
export function syllables(word: string): number {
  if (NAME_LIKE.test(word)) return nameSyllables(word);
  const lower = word.toLowerCase();
  if (EXCEPTIONS[lower] !== undefined) return EXCEPTIONS[lower];
  const parts = lower.split(/[-/]/).filter((p) => p !== '');
  return Math.max(
    1,
    parts.reduce((sum, p) => sum + partSyllables(p), 0),
  );
}

/**
 * The words of a text. An amount with its euro sign is one word ("€ 1.250,50"), and so are a date
 * ("13-6-2027"), an e-mail address and a web address; punctuation, quotes and list marks are not words.
 */
export function words(text: string): string[] {
  const joined = text.replace(/€\s+(?=\d)/g, '€');
  const out: string[] = [];
  for (const raw of joined.split(/\s+/)) {
    // Strip punctuation around the word; keep what is inside (1.250,50; naam@voorbeeld.nl; zzp'er).
    const token = raw.replace(/^[^\p{L}\p{N}€]+|[^\p{L}\p{N}€]+$/gu, '');
    if (token === '' || !/[\p{L}\p{N}€]/u.test(token)) continue;
    out.push(token);
  }
  return out;
}

/**
 * Abbreviations that end in a full stop without ending the sentence (compared lowercase, without the final
 * full stop). "o.a." and "d.w.z." need no entry for their inner stops: a stop followed by a letter or a digit
 * never ends a sentence, so amounts ("€ 1.250,50"), dates ("1.3.2027") and addresses are safe too.
 */
const ABBREVIATIONS = new Set([
  'bijv',
  'bv',
  'art',
  'artt',
  'o.a',
  'a.u.b',
  'd.w.z',
  'm.a.w',
  'i.p.v',
  't.a.v',
  'z.s.m',
  'enz',
  'etc',
  'nr',
  'ca',
  'incl',
  'excl',
  'max',
  'min',
  'mr',
  'mevr',
  'dhr',
  'jl',
  'e.d',
  'e.g',
  'i.e',
  'vs',
  'feb',
  'mrt',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'okt',
  'nov',
  'dec',
]);

/**
 * The sentences of a text. A sentence ends at ".", "!" or "?" followed by a space and what can start a
 * sentence, unless the "." ends an abbreviation ("bijv.", "art.", "o.a."); a line break always ends one
 * (a list item, a heading such as "Waarom:", a numbered choice), and so does a colon before a list.
 */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const item of text.split(/\n+/)) {
    // A list mark ("- ", "1. ") is not part of the sentence.
    const line = item.replace(/^\s*(?:[-*•]|\d{1,2}[.)])\s+/, '');
    let start = 0;
    // The end mark with any closing quote or bracket, before a space and what can start a sentence.
    const re = /[.!?]+["'”’)]*(?=\s+["'“‘(]*[\p{Lu}\p{N}€-])/gu;
    let m: RegExpExecArray | null = re.exec(line);
    while (m !== null) {
      const before = line.slice(start, m.index);
      const lastWord =
        /(\S+)$/
          .exec(before)?.[1]
          ?.toLowerCase()
          .replace(/^[("'“‘]+/, '') ?? '';
      if (!(m[0].startsWith('.') && m[0].replace(/["'”’)]+$/, '') === '.' && ABBREVIATIONS.has(lastWord))) {
        out.push(line.slice(start, m.index + m[0].length));
        start = m.index + m[0].length;
      }
      m = re.exec(line);
    }
    out.push(line.slice(start));
  }
  return out.map((s) => s.trim()).filter((s) => words(s).length > 0);
}

export const fleschDouma = (wordsPerSentence: number, syllablesPerWord: number): number =>
  206.835 - 0.93 * wordsPerSentence - 77 * syllablesPerWord;

export interface Readability {
  sentences: number;
  words: number;
  syllables: number;
  /** Words per sentence. */
  averageSentence: number;
  /** The longest sentence and its number of words. */
  longest: { words: number; sentence: string };
  fleschDouma: number;
}

function summary(parts: { sentence: string; words: string[] }[]): Readability {
  const wordCount = parts.reduce((n, p) => n + p.words.length, 0);
  const syllableCount = parts.reduce((n, p) => n + p.words.reduce((s, w) => s + syllables(w), 0), 0);
  const longest = parts.reduce<{ words: number; sentence: string }>(
    (best, p) => (p.words.length > best.words ? { words: p.words.length, sentence: p.sentence } : best),
    { words: 0, sentence: '' },
  );
  const averageSentence = parts.length === 0 ? 0 : wordCount / parts.length;
  return {
    sentences: parts.length,
    words: wordCount,
    syllables: syllableCount,
    averageSentence,
    longest,
    fleschDouma: wordCount === 0 ? 0 : fleschDouma(averageSentence, syllableCount / wordCount),
  };
}

const parsed = (text: string) => sentences(text).map((sentence) => ({ sentence, words: words(sentence) }));

/** The readability of one text. */
export const readability = (text: string): Readability => summary(parsed(text));

/** The readability of many texts together: every sentence of every text counts once. */
export const readabilityOfAll = (texts: readonly string[]): Readability => summary(texts.flatMap(parsed));

/** The readability of these sentences (as `sentences` gives them) together. */
export const readabilityOfSentences = (list: readonly string[]): Readability =>
  summary(list.map((sentence) => ({ sentence, words: words(sentence) })));
