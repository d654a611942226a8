import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * The fonts the PDF is set in: DejaVu Sans, regular and bold, from the `dejavu-fonts-ttf` package
 * (Latin with every accent, Greek, Cyrillic, Hebrew, Arabic, many symbols). pdfkit embeds only the glyphs a
 * document uses. The package has no `exports` field, so its files resolve as plain subpaths, from wherever
 * this module is loaded (not the working directory).
 */

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;

export type FontStyle = keyof typeof FONT_FILES;

let data: Record<FontStyle, Buffer> | undefined;

/** The font files' bytes, read once (every document registers them again). */
export function fontData(): Record<FontStyle, Buffer> {
  data ??= { regular: readFileSync(FONT_FILES.regular), bold: readFileSync(FONT_FILES.bold) };
  return data;
}

/** The part of fontkit's font object (as pdfkit loads it) that tells whether a character has a glyph. */
interface GlyphSource {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

let fonts: GlyphSource[] | undefined;
const glyphCache = new Map<number, boolean>();

/** The fonts as pdfkit parses them (with fontkit), loaded once through a document that is never written. */
function loadedFonts(): GlyphSource[] {
  if (fonts) return fonts;
  const doc = new PDFDocument({ autoFirstPage: false });
  const files = fontData();
  fonts = (['regular', 'bold'] as const).map((style) => {
    doc.font(files[style]);
    return (doc as unknown as { _font: { font: GlyphSource } })._font.font;
  });
  return fonts;
}

/** Whether both the regular and the bold font can show the character (any text may be set in either). */
export function hasGlyph(codePoint: number): boolean {
  let known = glyphCache.get(codePoint);
  if (known === undefined) {
    known = loadedFonts().every((font) => font.hasGlyphForCodePoint(codePoint));
    glyphCache.set(codePoint, known);
  }
  return known;
}
