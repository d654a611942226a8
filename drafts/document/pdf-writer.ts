import PDFDocument from 'pdfkit';
import type { Severity } from '../../rules/index.js';
import type { Block, DocumentModel, FieldRow } from './model.js';
import { fontData } from './pdf-fonts.js';
import { pdfText } from './pdf-text.js';

/**
 * Lays a `DocumentModel` out on A4 in DejaVu Sans (embedded, only the glyphs used): a title block, then
 * sections of label/value rows, lists and paragraphs, and a footer with the reference and page numbers.
 * The PDF is tagged (headings, paragraphs, tables, lists; lines and boxes are artifacts), so a screen
 * reader reads it in order. Every string passes `pdfText` first: only characters the font has.
 */

const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 24 * MM, left: 20 * MM, right: 20 * MM };
const LABEL_WIDTH = 150;
const WIDE_LABEL_WIDTH = 250;
const GUTTER = 14;
const FOOTER_OFFSET = 12 * MM;

const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;
const SIZE = { title: 20, subtitle: 10.5, heading: 13.5, body: 10.5, small: 9 } as const;
const LINE_GAP = 2.5;

/** Colours with at least 4.5:1 contrast on white. */
const COLOR = {
  text: '#1b1b1b',
  muted: '#4f4f4f',
  accent: '#1f4e79',
  rule: '#c9d3de',
  band: '#eef3f8',
  positive: '#1d6b34',
  negative: '#a4262c',
  neutral: '#1f4e79',
} as const;

const SEVERITY_COLOR: Record<Severity, string> = {
  refusal: '#a4262c',
  risk: '#9a4a00',
  warning: '#7a5d00',
  info: '#1f4e79',
};

type Struct = PDFKit.PDFStructureElement;

export interface WriterOptions {
  lang: 'nl' | 'en';
  /** Document title in the PDF's metadata (shown in the viewer's title bar). */
  title: string;
  subject: string;
  author: string;
  creationDate?: Date;
}

export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly root: Struct;
  private current: Struct;
  private readonly done: Promise<Buffer>;
  private fill: string = COLOR.text;

  constructor(options: WriterOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      tagged: true,
      lang: options.lang === 'nl' ? 'nl-NL' : 'en-GB',
      displayTitle: true,
      pdfVersion: '1.7',
      info: {
        Title: pdfText(options.title),
        Subject: pdfText(options.subject),
        Author: pdfText(options.author),
        Creator: pdfText(options.author),
        ...(options.creationDate && { CreationDate: options.creationDate, ModDate: options.creationDate }),
      },
    });
    const chunks: Buffer[] = [];
    this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
    this.current = this.root;
    const files = fontData();
    this.doc.registerFont(FONT.regular, files.regular);
    this.doc.registerFont(FONT.bold, files.bold);
    this.doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text);
  }

  private get pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private get pageHeight(): number {
    return this.bottom - this.doc.page.margins.top;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  private keep(height: number): void {
    if (this.doc.y + height > this.bottom && this.doc.y > this.doc.page.margins.top + 1) this.newPage();
  }

  /** A new page starts with a fresh graphics state: the text colour must be set again. */
  private newPage(): void {
    this.doc.addPage();
    this.doc.fillColor(this.fill);
  }

  private tag(type: string, draw: () => void): void {
    this.current.add(this.doc.struct(type, {}, draw));
  }

  private group(type: string, fill: () => void): void {
    const element = this.doc.struct(type);
    this.current.add(element);
    const parent = this.current;
    this.current = element;
    try {
      fill();
    } finally {
      this.current = parent;
      element.end();
    }
  }

  private artifact(draw: () => void): void {
    this.doc.markContent('Artifact');
    draw();
    // Drawing with a colour changes pdfkit's remembered fill colour, which it sets again when text runs
    // onto a new page: make it the text colour again.
    this.doc.fillColor(this.fill);
    this.doc.endMarkedContent();
  }

  private style(font: keyof typeof FONT, size: number, color: string): this {
    this.doc.font(FONT[font]).fontSize(size).fillColor(color);
    this.fill = color;
    return this;
  }

  private height(text: string, width: number): number {
    return this.doc.heightOfString(text, { width, lineGap: LINE_GAP });
  }

  titleBlock(model: DocumentModel): void {
    const doc = this.doc;
    this.style('bold', SIZE.title, COLOR.accent);
    this.tag('H1', () => doc.text(pdfText(model.title), this.left, doc.y, { width: this.width }));
    doc.moveDown(0.15);
    this.style('regular', SIZE.subtitle, COLOR.muted);
    this.tag('P', () =>
      doc.text(pdfText(model.subtitle), this.left, doc.y, { width: this.width, lineGap: LINE_GAP }),
    );
    doc.moveDown(0.8);

    // Reference and date in a light band.
    const pad = 8;
    const top = doc.y;
    const rowsHeight = model.meta.length * (SIZE.body + LINE_GAP + 4);
    this.artifact(() => {
      doc
        .save()
        .rect(this.left, top, this.width, rowsHeight + pad * 2)
        .fill(COLOR.band)
        .restore();
    });
    doc.y = top + pad;
    this.group('Table', () => {
      for (const row of model.meta) {
        const y = doc.y;
        this.group('TR', () => {
          this.style('regular', SIZE.body, COLOR.muted);
          this.tag('TH', () =>
            doc.text(pdfText(row.label), this.left + pad, y, { width: LABEL_WIDTH - pad }),
          );
          this.style('bold', SIZE.body, COLOR.text);
          this.tag('TD', () =>
            doc.text(pdfText(row.value), this.left + LABEL_WIDTH + GUTTER, y, {
              width: this.width - LABEL_WIDTH - GUTTER - pad,
            }),
          );
        });
        doc.y = y + SIZE.body + LINE_GAP + 4;
      }
    });
    doc.y = top + rowsHeight + pad * 2 + 10;
    this.paragraph(model.intro);
  }

  section(heading: string, blocks: readonly Block[]): void {
    this.group('Sect', () => {
      this.heading(heading);
      for (const block of blocks) this.block(block);
    });
  }

  private heading(text: string): void {
    const doc = this.doc;
    this.style('bold', SIZE.heading, COLOR.accent);
    const safe = pdfText(text);
    // A heading never ends a page alone: keep room for the first lines under it.
    this.keep(this.height(safe, this.width) + 60);
    doc.moveDown(0.9);
    if (doc.y > this.bottom - 60) this.newPage();
    this.tag('H2', () => doc.text(safe, this.left, doc.y, { width: this.width }));
    const y = doc.y + 2;
    this.artifact(() => {
      doc
        .save()
        .moveTo(this.left, y)
        .lineTo(this.left + this.width, y)
        .lineWidth(0.8)
        .strokeColor(COLOR.rule)
        .stroke()
        .restore();
    });
    doc.y = y + 7;
    this.style('regular', SIZE.body, COLOR.text);
  }

  private block(block: Block): void {
    switch (block.kind) {
      case 'fields':
        this.fields(block.rows, { labelWidth: block.wide ? WIDE_LABEL_WIDTH : LABEL_WIDTH });
        break;
      case 'longText':
        this.longText(block.label, block.text);
        break;
      case 'paragraph':
        this.paragraph(block.text, block.emphasis);
        break;
      case 'verdict':
        this.verdict(block.text, block.tone);
        break;
      case 'findings':
        this.findings(block.items);
        break;
      case 'checklist':
        this.checklist(block.items.map((i) => i.label));
        break;
      case 'dates':
        this.fields(
          block.items.map((i) => ({ label: i.date, value: i.label })),
          { strongLabel: true },
        );
        break;
      case 'bullets':
        this.bullets(block.items);
        break;
    }
  }

  private paragraph(text: string, emphasis?: 'strong' | 'muted'): void {
    const doc = this.doc;
    if (emphasis === 'strong') this.style('bold', SIZE.body, COLOR.text);
    else if (emphasis === 'muted') this.style('regular', SIZE.small + 0.5, COLOR.muted);
    else this.style('regular', SIZE.body, COLOR.text);
    const safe = pdfText(text, { multiline: true });
    this.keep(Math.min(this.height(safe, this.width), 3 * (SIZE.body + LINE_GAP)));
    this.tag('P', () => doc.text(safe, this.left, doc.y, { width: this.width, lineGap: LINE_GAP }));
    doc.moveDown(0.5);
    this.style('regular', SIZE.body, COLOR.text);
  }

  /** Label/value rows, as a table with row headers; a value taller than a page flows on under its label. */
  private fields(rows: readonly FieldRow[], { strongLabel = false, labelWidth = LABEL_WIDTH } = {}): void {
    const doc = this.doc;
    const valueX = this.left + labelWidth + GUTTER;
    const valueWidth = this.width - labelWidth - GUTTER;
    const rowGap = 5;
    this.group('Table', () => {
      for (const row of rows) {
        const label = pdfText(row.label);
        const value = pdfText(row.value, { multiline: !row.typed });
        this.style(strongLabel ? 'bold' : 'regular', SIZE.body, strongLabel ? COLOR.text : COLOR.muted);
        const labelHeight = this.height(label, labelWidth);
        this.style('regular', SIZE.body, COLOR.text);
        const valueHeight = this.height(value || ' ', valueWidth);
        const rowHeight = Math.max(labelHeight, valueHeight);
        if (rowHeight <= this.pageHeight) this.keep(rowHeight + rowGap);
        else this.keep(labelHeight + 3 * (SIZE.body + LINE_GAP));
        const y = doc.y;
        const pagesBefore = this.pageCount;
        this.group('TR', () => {
          this.style(strongLabel ? 'bold' : 'regular', SIZE.body, strongLabel ? COLOR.text : COLOR.muted);
          this.tag('TH', () => doc.text(label, this.left, y, { width: labelWidth, lineGap: LINE_GAP }));
          this.style('regular', SIZE.body, COLOR.text);
          this.tag('TD', () => doc.text(value || ' ', valueX, y, { width: valueWidth, lineGap: LINE_GAP }));
        });
        // The value may have flowed onto a new page: continue under whatever ended lowest.
        const samePage = this.pageCount === pagesBefore;
        doc.y = samePage ? Math.max(y + labelHeight, doc.y) : doc.y;
        doc.y += rowGap - LINE_GAP;
        const lineY = doc.y - rowGap / 2;
        this.artifact(() => {
          doc
            .save()
            .moveTo(this.left, lineY)
            .lineTo(this.left + this.width, lineY)
            .lineWidth(0.4)
            .strokeColor(COLOR.rule)
            .stroke()
            .restore();
        });
        doc.y += 2;
      }
    });
    doc.x = this.left;
    doc.moveDown(0.4);
  }

  /** A long typed text under its own label, full width: it may run over several pages. */
  private longText(label: string, text: string): void {
    const doc = this.doc;
    const safe = pdfText(text, { multiline: true });
    this.style('regular', SIZE.body, COLOR.muted);
    this.keep(this.height(label, this.width) + 3 * (SIZE.body + LINE_GAP));
    this.tag('P', () => doc.text(pdfText(label), this.left, doc.y, { width: this.width }));
    doc.moveDown(0.2);
    this.style('regular', SIZE.body, COLOR.text);
    const top = doc.y;
    const pages = this.pageCount;
    const indent = 10;
    this.tag('P', () =>
      doc.text(safe || ' ', this.left + indent, doc.y, { width: this.width - indent, lineGap: LINE_GAP }),
    );
    const end = doc.y;
    // A quiet bar beside the text (not for a text that ran over a page).
    if (this.pageCount === pages) {
      this.artifact(() => {
        doc
          .save()
          .rect(this.left, top, 2.5, end - top - LINE_GAP)
          .fill(COLOR.rule)
          .restore();
      });
    }
    doc.x = this.left;
    doc.moveDown(0.6);
  }

  private verdict(text: string, tone: 'positive' | 'negative' | 'neutral'): void {
    const doc = this.doc;
    const pad = 8;
    this.style('bold', SIZE.body + 1, COLOR[tone]);
    const safe = pdfText(text);
    const h = this.height(safe, this.width - pad * 2 - 4);
    this.keep(h + pad * 2 + 8);
    const top = doc.y;
    this.artifact(() => {
      doc
        .save()
        .rect(this.left, top, this.width, h + pad * 2)
        .fill(COLOR.band)
        .rect(this.left, top, 4, h + pad * 2)
        .fill(COLOR[tone])
        .restore();
    });
    this.style('bold', SIZE.body + 1, COLOR[tone]);
    this.tag('P', () =>
      doc.text(safe, this.left + pad + 4, top + pad, { width: this.width - pad * 2 - 4, lineGap: LINE_GAP }),
    );
    doc.x = this.left;
    doc.y = top + h + pad * 2 + 10;
    this.style('regular', SIZE.body, COLOR.text);
  }

  private findings(
    items: readonly { severity: Severity; severityLabel: string; message: string; source: string }[],
  ): void {
    const doc = this.doc;
    const indent = 12;
    const width = this.width - indent;
    this.group('L', () => {
      for (const item of items) {
        const label = pdfText(item.severityLabel);
        const message = pdfText(item.message, { multiline: true });
        const source = pdfText(item.source);
        this.style('bold', SIZE.body, SEVERITY_COLOR[item.severity]);
        const h1 = this.height(label, width);
        this.style('regular', SIZE.body, COLOR.text);
        const h2 = this.height(message, width);
        this.style('regular', SIZE.small, COLOR.muted);
        const h3 = this.height(source, width);
        const total = h1 + h2 + h3 + 4;
        this.keep(total + 8);
        const top = doc.y;
        const pages = this.pageCount;
        this.group('LI', () => {
          this.group('LBody', () => {
            this.style('bold', SIZE.body, SEVERITY_COLOR[item.severity]);
            this.tag('P', () => doc.text(label, this.left + indent, top, { width, lineGap: LINE_GAP }));
            this.style('regular', SIZE.body, COLOR.text);
            this.tag('P', () =>
              doc.text(message, this.left + indent, doc.y + 1, { width, lineGap: LINE_GAP }),
            );
            this.style('regular', SIZE.small, COLOR.muted);
            this.tag('P', () =>
              doc.text(source, this.left + indent, doc.y + 1, { width, lineGap: LINE_GAP }),
            );
          });
        });
        const end = doc.y;
        if (this.pageCount === pages) {
          this.artifact(() => {
            doc
              .save()
              .rect(this.left, top + 1, 3, end - top - LINE_GAP - 1)
              .fill(SEVERITY_COLOR[item.severity])
              .restore();
          });
        }
        doc.x = this.left;
        doc.y = end + 9;
      }
    });
    this.style('regular', SIZE.body, COLOR.text);
  }

  private checklist(items: readonly string[]): void {
    const doc = this.doc;
    const box = 9;
    const indent = box + 9;
    const width = this.width - indent;
    this.group('L', () => {
      for (const item of items) {
        const label = pdfText(item);
        this.style('regular', SIZE.body, COLOR.text);
        const h = this.height(label, width);
        this.keep(h + 6);
        const top = doc.y;
        this.artifact(() => {
          doc
            .save()
            .rect(this.left + 0.5, top + 0.5, box, box)
            .lineWidth(0.9)
            .strokeColor(COLOR.accent)
            .stroke()
            .restore();
        });
        this.group('LI', () => {
          this.tag('LBody', () => doc.text(label, this.left + indent, top, { width, lineGap: LINE_GAP }));
        });
        doc.x = this.left;
        doc.y += 5;
      }
    });
    doc.moveDown(0.3);
  }

  private bullets(items: readonly string[]): void {
    const doc = this.doc;
    const indent = 14;
    const width = this.width - indent;
    this.group('L', () => {
      for (const item of items) {
        const text = pdfText(item, { multiline: true });
        this.style('regular', SIZE.body, COLOR.text);
        const h = this.height(text, width);
        this.keep(h + 4);
        const top = doc.y;
        this.artifact(() => {
          doc
            .save()
            .circle(this.left + 4, top + SIZE.body * 0.45, 1.8)
            .fill(COLOR.accent)
            .restore();
        });
        this.group('LI', () => {
          this.tag('LBody', () => doc.text(text, this.left + indent, top, { width, lineGap: LINE_GAP }));
        });
        doc.x = this.left;
        doc.y += 4;
      }
    });
    doc.moveDown(0.3);
  }

  /** Footers on every page (reference left, page number right), then the finished PDF. */
  async finish(reference: string, footerPage: (page: number, pages: number) => string): Promise<Buffer> {
    const doc = this.doc;
    this.root.end();
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottomMargin = doc.page.margins.bottom;
      // Writing below the bottom margin would start a new page: lift the margin while drawing the footer.
      doc.page.margins.bottom = 0;
      const y = doc.page.height - FOOTER_OFFSET;
      const left = doc.page.margins.left;
      const width = doc.page.width - left - doc.page.margins.right;
      this.artifact(() => {
        doc
          .save()
          .moveTo(left, y - 6)
          .lineTo(left + width, y - 6)
          .lineWidth(0.5)
          .strokeColor(COLOR.rule)
          .stroke()
          .restore();
        doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted);
        doc.text(pdfText(reference), left, y, { width: width / 2, lineBreak: false });
        doc.text(pdfText(footerPage(i - range.start + 1, range.count)), left + width / 2, y, {
          width: width / 2,
          align: 'right',
          lineBreak: false,
        });
      });
      doc.page.margins.bottom = bottomMargin;
    }
    doc.end();
    return this.done;
  }
}
