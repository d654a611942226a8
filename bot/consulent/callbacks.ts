import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CallbackStatus } from '../../callbacks/callback.js';
import { CALLBACK_STATUSES, CALLERS } from '../../callbacks/callback.js';
import type { CallbackFilter, CallbackStore } from '../../storage/interfaces.js';
import type { ConsulentAuth } from './auth.js';
import { type Form, guardConsulentPages, sendHtml } from './guard.js';
import { t } from './texts.js';
import {
  CALLBACKS_PATH,
  callbackDeletePage,
  callbackDetailPage,
  callbackListPage,
} from './views/callbacks.js';
import { messagePage } from './views/layout.js';

export { CALLBACKS_PATH } from './views/callbacks.js';

const REFERENCE = /^TB-\d{4}-\d{6}$/;
/** Requests per page of the list. */
const PAGE_SIZE = 50;

export interface CallbackPagesOptions {
  auth: ConsulentAuth;
  callbacks: CallbackStore;
}

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

const oneOf = <T extends string>(codes: readonly T[], v: unknown): T | undefined =>
  codes.includes(v as T) ? (v as T) : undefined;

/** The filters of the list's query string; an unknown value means "all", as the select would show it. */
export function callbackFilter(query: unknown): CallbackFilter {
  const q = (query ?? {}) as Record<string, unknown>;
  const status = oneOf(CALLBACK_STATUSES, q.status);
  const caller = oneOf(CALLERS, q.caller);
  return { ...(status && { status }), ...(caller && { caller }) };
}

/**
 * `/consulent/terugbelverzoeken`: the callback requests ("Ik wil iemand spreken"), newest first, a request
 * with its contact, question, answers, transcript and status history, its status and its deletion. The
 * same security as the drafts' pages (`pages.ts`): a session, the CSRF token on every form, no scripts,
 * every value escaped, nothing cached. The login itself is the drafts' pages'.
 */
export async function callbackPages(
  app: FastifyInstance,
  { auth, callbacks }: CallbackPagesOptions,
): Promise<void> {
  const { caller, viewerOf } = guardConsulentPages(app, auth);

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendHtml(reply, 404, messagePage(t('errors.notFoundTitle'), [t('errors.notFound')], viewerOf(request)));

  app.get<{ Querystring: Record<string, unknown> }>('/', async (request, reply) => {
    const filter = callbackFilter(request.query);
    const asked = Number(request.query.page);
    const wanted = Number.isSafeInteger(asked) && asked >= 1 ? asked : 1;
    const counts = await callbacks.countByStatus();
    let found = await callbacks.page(filter, { limit: PAGE_SIZE, offset: (wanted - 1) * PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
    // A page past the end (requests were deleted meanwhile): the last page there is.
    const page = Math.min(wanted, pages);
    if (page !== wanted)
      found = await callbacks.page(filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const deleted = request.query.verwijderd;
    return sendHtml(
      reply,
      200,
      callbackListPage(
        {
          callbacks: found.callbacks,
          total: found.total,
          page,
          pages,
          counts,
          filter,
          ...(typeof deleted === 'string' && REFERENCE.test(deleted) && { deleted }),
        },
        caller(request).viewer,
      ),
    );
  });

  app.get<{ Params: { id: string }; Querystring: { melding?: string } }>('/:id', async (request, reply) => {
    const callback = await callbacks.get(request.params.id);
    if (!callback) return notFound(request, reply);
    const melding = request.query.melding;
    const statusNotice =
      melding === 'status-gewijzigd' ? 'changed' : melding === 'status-ongewijzigd' ? 'unchanged' : undefined;
    return sendHtml(
      reply,
      200,
      callbackDetailPage({ callback, ...(statusNotice && { statusNotice }) }, caller(request).viewer),
    );
  });

  app.post('/:id/status', async (request: IdRequest, reply) => {
    const { session, viewer } = caller(request);
    const status = oneOf<CallbackStatus>(CALLBACK_STATUSES, (request.body as Form | undefined)?.status);
    if (!status) {
      return sendHtml(reply, 400, messagePage(t('errors.badRequestTitle'), [t('errors.badStatus')], viewer));
    }
    const id = request.params.id;
    const current = await callbacks.get(id);
    if (!current) return notFound(request, reply);
    const target = `${CALLBACKS_PATH}/${encodeURIComponent(id)}`;
    if (current.status === status) return reply.redirect(`${target}?melding=status-ongewijzigd`, 303);
    const updated = await callbacks.setStatus(id, status, session.user);
    if (!updated) return notFound(request, reply);
    const change = { callback: id, reference: updated.reference, status, by: session.user };
    request.log.info(change, 'callback request status changed');
    return reply.redirect(`${target}?melding=status-gewijzigd`, 303);
  });

  app.get('/:id/delete', async (request: IdRequest, reply) => {
    const callback = await callbacks.get(request.params.id);
    if (!callback) return notFound(request, reply);
    return sendHtml(reply, 200, callbackDeletePage(callback, caller(request).viewer));
  });

  app.post('/:id/delete', async (request: IdRequest, reply) => {
    const { session } = caller(request);
    const deleted = await callbacks.delete(request.params.id);
    if (!deleted) return notFound(request, reply);
    // By id and reference only: no phone numbers, addresses or questions in the log.
    const gone = { callback: deleted.id, reference: deleted.reference, by: session.user };
    request.log.info(gone, 'callback request deleted');
    return reply.redirect(`${CALLBACKS_PATH}?verwijderd=${encodeURIComponent(deleted.reference)}`, 303);
  });
}
