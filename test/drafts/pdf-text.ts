import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfContent {
  pages: number;
  /** Text per page, items joined with spaces (a line that wraps continues with a space). */
  pageTexts: string[];
  /** All text, pages joined. */
  text: string;
  info: Record<string, unknown>;
  language: string | null;
  hasStructTree: boolean;
}

/** Reads a PDF back as text with pdf.js (no rendering, no worker thread). */
export async function readPdf(pdf: Buffer): Promise<PdfContent> {
  const task = getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    const pageTexts: string[] = [];
    let hasStructTree = false;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const parts: string[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        parts.push(item.str);
        if (item.hasEOL) parts.push(' ');
      }
      pageTexts.push(parts.join('').replace(/\s+/g, ' ').trim());
      if (n === 1) hasStructTree = (await page.getStructTree()) !== null;
    }
    const metadata = await doc.getMetadata();
    const language = await doc
      .getMarkInfo()
      .then(() => (metadata.info as { Language?: string }).Language ?? null);
    return {
      pages: doc.numPages,
      pageTexts,
      text: pageTexts.join(' '),
      info: metadata.info as Record<string, unknown>,
      language,
      hasStructTree,
    };
  } finally {
    await doc.destroy();
  }
}
