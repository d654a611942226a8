import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DraftApplication } from '../../drafts/draft.js';
import type { PdfRenderer } from '../../drafts/pdf-renderer.js';
import type { DraftStore } from '../../storage/interfaces.js';
import type { DraftLinks } from '../draft-links.js';

interface DocumentRoute {
  Params: { id: string };
  Querystring: { sig?: unknown };
}
type DocumentRequest = FastifyRequest<DocumentRoute>;

/** The resident's own copy of the draft as JSON: everything except who changed the status at the municipality. */
export function residentDraftJson(draft: DraftApplication) {
  return {
    ...draft,
    statusHistory: draft.statusHistory.map(({ status, at }) => ({ status, at })),
  };
}

/** Private, never cached or indexed, never sniffed, and the signed address never leaks as a referrer. */
function privateHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex, nofollow');
}

/**
 * `GET /drafts/:id/document.pdf?sig=…`: the resident's own document, in the conversation's language.
 * `GET /drafts/:id/document.json?sig=…`: the same draft as data. The signature (`DraftLinks`) is the
 * only key: a wrong or missing one and an unknown draft get the same 404, so nobody learns which drafts
 * exist. The consulent's copies (always Dutch) go through the consulent's own pages.
 */
export async function draftDocumentRoute(
  app: FastifyInstance,
  opts: { drafts: DraftStore; links: DraftLinks; pdf: PdfRenderer },
): Promise<void> {
  async function authorised(request: DocumentRequest): Promise<DraftApplication | undefined> {
    const { id } = request.params;
    const sig = typeof request.query.sig === 'string' ? request.query.sig : undefined;
    if (id.length > 100 || !opts.links.verify(id, sig)) return undefined;
    return opts.drafts.get(id);
  }

  const notFound = (reply: FastifyReply) => privateHeaders(reply).code(404).send({ error: 'not-found' });
  // Rendering costs a little CPU: a generous limit per client keeps one client from hogging it.
  const config = { rateLimit: { max: 60, timeWindow: '1 minute' } };

  app.get<DocumentRoute>('/drafts/:id/document.pdf', { config }, async (request, reply) => {
    const draft = await authorised(request);
    if (!draft) return notFound(reply);
    let pdf: Buffer;
    try {
      pdf = await opts.pdf.render(draft, draft.lang === 'en' ? 'en' : 'nl');
    } catch (error) {
      // Nothing the link's holder did: try again later (the draft itself is safe).
      request.log.error({ err: error, draft: draft.id }, 'draft pdf failed');
      return privateHeaders(reply).code(503).header('retry-after', '30').send({ error: 'pdf-unavailable' });
    }
    return privateHeaders(reply)
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${safeFilename(draft.reference)}.pdf"`)
      .send(pdf);
  });

  app.get<DocumentRoute>('/drafts/:id/document.json', { config }, async (request, reply) => {
    const draft = await authorised(request);
    if (!draft) return notFound(reply);
    return privateHeaders(reply)
      .type('application/json; charset=utf-8')
      .header('content-disposition', `inline; filename="${safeFilename(draft.reference)}.json"`)
      .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
      .send(residentDraftJson(draft));
  });
}

/** References are `MAG-2026-000123`; anything else is reduced to safe characters for the header. */
const safeFilename = (reference: string): string => reference.replace(/[^A-Za-z0-9._-]/g, '_') || 'concept';
