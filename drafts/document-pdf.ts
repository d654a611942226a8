import { buildDocumentModel } from './document/model.js';
import { PdfWriter } from './document/pdf-writer.js';
import type { DraftApplication } from './draft.js';

/**
 * The draft as a PDF: the MAG application form filled in with the answers, the assistant's check with
 * the articles it applied, the attachments still to send, the dates and what happens next. The
 * resident's copy is in the conversation's language (`draft.lang`); the consulent's is always Dutch.
 */
export async function renderDraftPdf(
  draft: DraftApplication,
  lang: 'nl' | 'en',
  reader: 'resident' | 'consulent' = 'resident',
): Promise<Buffer> {
  const model = buildDocumentModel(draft, lang, reader);
  const created = new Date(draft.createdAt);
  const writer = new PdfWriter({
    lang,
    title: `${model.title} ${draft.reference}`,
    subject: model.subtitle,
    author: model.author,
    ...(!Number.isNaN(created.getTime()) && { creationDate: created }),
  });
  writer.titleBlock(model);
  for (const section of model.sections) writer.section(section.heading, section.blocks);
  return writer.finish(draft.reference, model.footerPage);
}
