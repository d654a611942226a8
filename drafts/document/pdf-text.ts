/**
 * Text for pdfkit's built-in Helvetica. Helvetica in a PDF is a WinAnsi font: it has Latin-1 plus a few
 * typographic characters (€, curly quotes, dashes, …) and nothing else. pdfkit does not check this: a
 * character outside WinAnsi comes out as garbage. So everything goes through `pdfText` first: control
 * and direction characters are removed, letters with accents WinAnsi lacks lose the accent (ş → s),
 * emoji are left out, and anything else becomes `?`. The stored draft keeps the exact text.
 */

/** The characters WinAnsi has above Latin-1's range (pdfkit maps them to the right code). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Letters WinAnsi lacks that have no decomposition into a letter plus an accent. */
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

function inWinAnsi(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(ch);
}

function mapChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x20 && cp <= 0x7e) return ch;
  if (isInvisible(cp)) return '';
  if (inWinAnsi(ch)) return ch;
  if (OTHER_SPACE.test(ch)) return ' ';
  const fallback = FALLBACK[ch];
  if (fallback !== undefined) return fallback;
  if (cp === KEYCAP || PICTOGRAPHIC.test(ch)) return '';
  // Compatibility forms first (ﬁ → fi, ǅ → Dž, full-width letters), then a letter with an accent
  // WinAnsi lacks becomes the letter alone (ş → s).
  const compatible = ch.normalize('NFKC');
  if (compatible !== ch && compatible !== '' && [...compatible].every(inWinAnsi)) return compatible;
  const base = ch.normalize('NFKD').replace(COMBINING, '');
  if (base !== ch && base !== '' && [...base].every(inWinAnsi)) return base;
  // A lone combining mark (already composed where possible): drop it.
  if (/^\p{M}$/u.test(ch)) return '';
  return '?';
}

/**
 * Text a person typed, ready for the PDF: only characters Helvetica can show. `multiline` keeps line
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
