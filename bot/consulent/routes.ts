import type { FastifyInstance } from 'fastify';
import type { PdfRenderer } from '../../drafts/pdf-renderer.js';
import type { AuthStore, DraftStore } from '../../storage/interfaces.js';
import { draftsApi } from './api.js';
import { ConsulentAuth } from './auth.js';
import { consulentPages } from './pages.js';

export interface ConsulentOptions {
  drafts: DraftStore;
  /** `CONSULENT_USERS`: `name:scrypt:<salt hex>:<hash hex>` entries, comma-separated. */
  users: string | undefined;
  /** Signs session cookies. */
  sessionKey: Buffer;
  sessionHours: number;
  /** Use the `Secure` cookie flag (behind https). */
  secureCookies: boolean;
  /** Login attempts and revoked sessions, shared by every instance. */
  store: AuthStore;
  /** Renders the consulent's PDFs off the main thread. */
  pdf: PdfRenderer;
}

/** `/consulent` pages and `/api/drafts`: the MAG-consulent's inbox of drafted applications. */
export async function consulentRoutes(app: FastifyInstance, opts: ConsulentOptions): Promise<void> {
  // One authority for both: the same users, sessions and failed-login throttle.
  const auth = new ConsulentAuth(opts);
  await app.register(consulentPages, { prefix: '/consulent', auth, drafts: opts.drafts, pdf: opts.pdf });
  await app.register(draftsApi, { prefix: '/api/drafts', auth, drafts: opts.drafts });
}
