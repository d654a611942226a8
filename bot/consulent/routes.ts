import type { FastifyInstance } from 'fastify';
import type { PdfRenderer } from '../../drafts/pdf-renderer.js';
import type { CalendarDate } from '../../rules/index.js';
import type { AuthStore, CallbackStore, DraftStore } from '../../storage/interfaces.js';
import type { BudgetBook } from '../remaining-budget.js';
import { draftsApi } from './api.js';
import { ConsulentAuth } from './auth.js';
import { budgetPages } from './budget.js';
import { CALLBACKS_PATH, callbackPages } from './callbacks.js';
import type { PagesOptions } from './pages.js';
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
  /** Callback requests ("Ik wil iemand spreken"): `/consulent/terugbelverzoeken`. */
  callbacks?: CallbackStore;
  today: () => CalendarDate;
  /** The budget figures per subsidy year: `/consulent/budget`. */
  budget: BudgetBook;
  onStatusChange?: PagesOptions['onStatusChange'];
}

/** `/consulent` pages and `/api/drafts`: the MAG-consulent's inbox of drafted applications. */
export async function consulentRoutes(app: FastifyInstance, opts: ConsulentOptions): Promise<void> {
  // One authority for both: the same users, sessions and failed-login throttle.
  const auth = new ConsulentAuth(opts);
  await app.register(consulentPages, {
    prefix: '/consulent',
    auth,
    drafts: opts.drafts,
    pdf: opts.pdf,
    today: opts.today,
    ...(opts.onStatusChange && { onStatusChange: opts.onStatusChange }),
  });
  await app.register(draftsApi, { prefix: '/api/drafts', auth, drafts: opts.drafts });
  await app.register(budgetPages, {
    prefix: '/consulent/budget',
    auth,
    budget: opts.budget,
    drafts: opts.drafts,
    today: opts.today,
  });
  if (opts.callbacks)
    await app.register(callbackPages, { prefix: CALLBACKS_PATH, auth, callbacks: opts.callbacks });
}
