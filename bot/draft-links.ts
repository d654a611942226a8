import { createHmac } from 'node:crypto';
import { secretMatches } from './secrets.js';

/**
 * The resident's link to their own document: signed with the server's key, so only whoever got the link
 * in their chat can open it, and it stops working when the draft is deleted.
 */
export class DraftLinks {
  constructor(private readonly key: Buffer) {}

  signature(draftId: string): string {
    return createHmac('sha256', this.key).update(`draft-document:${draftId}`).digest('base64url');
  }

  verify(draftId: string, signature: string | undefined): boolean {
    return secretMatches(signature, this.signature(draftId));
  }

  residentUrl(baseUrl: string, draftId: string): string {
    return `${baseUrl.replace(/\/$/, '')}/drafts/${encodeURIComponent(draftId)}/document.pdf?sig=${this.signature(draftId)}`;
  }
}
