import { hasGlyph } from './pdf-fonts.js';

/**
 * Text for the PDF's font, DejaVu Sans. Everything goes through `pdfText` first: control and direction
 * characters are removed and unusual spaces become plain ones; every other character the font has a
 * glyph for is kept as typed (ş, ı, Ελένη, Ольга). Only what the font lacks changes: a letter loses
 * an accent the font cannot set, emoji are left out, and anything else becomes `?`. The stored draft
 * keeps the exact text.
 */

/** Stand-ins, should the font lack these: letters and signs with no decomposition into letter plus accent. */
const FALLBACK: Record<string, string> = {
  ı: 'i',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
  Ħ: 'H',
  ŧ: 't',
  Ŧ: 'T',
  ŋ: 'n',
  Ŋ: 'N',
  ĸ: 'k',
  ſ: 's',
  ĳ: 'ij',
  Ĳ: 'IJ',
  ŀ: 'l',
  Ŀ: 'L',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '―': '—',
  '−': '-',
  '‛': '‘',
  '‟': '“',
  '′': "'",
  '″': '"',
  '⁄': '/',
};

/** Unicode spaces other than U+0020 and U+00A0. */
const OTHER_SPACE = /[\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
/**
 * Invisible characters: C0/C1 controls (tab and newline are handled before), soft hyphen, zero-width and
 * direction marks and overrides, word joiners, BOM, variation selectors, emoji tags.
 */
const INVISIBLE_RANGES: readonly [number, number][] = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff0, 0xfffb],
  [0x1d173, 0x1d17a],
  [0xe0000, 0xe0fff],
];
const isInvisible = (cp: number): boolean => INVISIBLE_RANGES.some(([from, to]) => cp >= from && cp <= to);
/** Emoji, their skin-tone modifiers and flags, and the keycap mark (1️⃣). */
const PICTOGRAPHIC = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator})$/u;
const KEYCAP = 0x20e3;
const COMBINING = /\p{M}/gu;

const fontHas = (text: string): boolean => {
  for (const ch of text) if (!hasGlyph(ch.codePointAt(0)!)) return false;
  return text !== '';
};

function mapChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x20 && cp <= 0x7e) return ch;
  if (isInvisible(cp)) return '';
  if (OTHER_SPACE.test(ch)) return ' ';
  if (cp === KEYCAP) return '';
  if (hasGlyph(cp)) return ch;
  const fallback = FALLBACK[ch];
  if (fallback !== undefined && fontHas(fallback)) return fallback;
  if (PICTOGRAPHIC.test(ch)) return '';
  // Compatibility forms first (full-width letters, ligatures), then a letter with an accent the font
  // lacks becomes the letter alone.
  const compatible = ch.normalize('NFKC');
  if (compatible !== ch && fontHas(compatible)) return compatible;
  const base = ch.normalize('NFKD').replace(COMBINING, '');
  if (base !== ch && fontHas(base)) return base;
  // A lone combining mark the font lacks: drop it.
  if (/^\p{M}$/u.test(ch)) return '';
  return '?';
}

/**
 * Text a person typed, ready for the PDF: only characters DejaVu Sans can show. `multiline` keeps line
 * breaks (at most one empty line in a row); otherwise every line break becomes a space.
 */
export function pdfText(value: string, { multiline = false }: { multiline?: boolean } = {}): string {
  const normalized = value.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
  let out = '';
  for (const ch of normalized) {
    if (ch === '\n') out += multiline ? '\n' : ' ';
    else out += mapChar(ch);
  }
  out = out.replace(/[ \u00a0]+\n/g, '\n').replace(/\n[ \u00a0]+/g, '\n');
  out = multiline ? out.replace(/\n{3,}/g, '\n\n') : out;
  return out.replace(/ {2,}/g, ' ').trim();
}
