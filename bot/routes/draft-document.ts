import type { FastifyInstance } from 'fastify';
import type { DraftLinks } from '../../drafts/links.js';
import type { DraftStore } from '../../storage/interfaces.js';

/** `GET /drafts/:id/document.pdf?sig=…`: the resident's own document, in the conversation's language. */
export async function draftDocumentRoute(
  _app: FastifyInstance,
  _opts: { drafts: DraftStore; links: DraftLinks },
): Promise<void> {}
