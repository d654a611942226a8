import type { FastifyInstance } from 'fastify';
import type { DraftStore } from '../../storage/interfaces.js';

export interface ConsulentOptions {
  drafts: DraftStore;
  /** `CONSULENT_USERS`: `name:scrypt:<salt hex>:<hash hex>` entries, comma-separated. */
  users: string | undefined;
  /** Signs session cookies. */
  sessionKey: Buffer;
  sessionHours: number;
  /** Use the `Secure` cookie flag (behind https). */
  secureCookies: boolean;
}

/** `/consulent` pages and `/api/drafts`: the MAG-consulent's inbox of drafted applications. */
export async function consulentRoutes(_app: FastifyInstance, _opts: ConsulentOptions): Promise<void> {}
