import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DraftStatus } from '../../drafts/draft.js';
import { DRAFT_STATUSES } from '../../drafts/draft.js';
import type { PdfRenderer } from '../../drafts/pdf-renderer.js';
import { SUBSIDY_TYPES, TIERS } from '../../rules/index.js';
import type { DraftFilter, DraftStore } from '../../storage/interfaces.js';
import type { ConsulentAuth } from './auth.js';
import { minutesOf } from './auth.js';
import { draftsCsv } from './csv.js';
import type { SafeHtml } from './html.js';
import type { Session } from './session.js';
import { t } from './texts.js';
import { deletePage, detailPage } from './views/detail.js';
import type { Viewer } from './views/layout.js';
import { messagePage } from './views/layout.js';
import { listPage } from './views/list.js';
import { loginPage } from './views/login.js';

const here = dirname(fileURLToPath(import.meta.url));

/** No scripts at all; styles from our own stylesheet only; forms post back here only; never framed. */
const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const REFERENCE = /^MAG-\d{4}-\d{6}$/;
/** Drafts per page of the inbox: a screen's worth, whatever the year brought. */
const PAGE_SIZE = 50;
/** Where the login may send back to: a path of these pages, nothing that could leave the site. */
// Segments never start with a dot and hold no escapes, so no `..` (or `%2e%2e`) can climb out of /consulent.
const SAFE_NEXT = /^\/consulent(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*(?:\?[A-Za-z0-9._~%&=+-]*)?$/;

export interface PagesOptions {
  auth: ConsulentAuth;
  drafts: DraftStore;
  pdf: PdfRenderer;
}

interface Caller {
  session: Session;
  viewer: Viewer;
}

type Form = Record<string, string | undefined>;
type IdRequest = FastifyRequest<{ Params: { id: string } }>;

const isStatus = (v: unknown): v is DraftStatus => DRAFT_STATUSES.includes(v as DraftStatus);
const oneOf = <T extends string>(codes: readonly T[], v: unknown): T | undefined =>
  codes.includes(v as T) ? (v as T) : undefined;

/** The filters of a page's query string; an unknown value means "all", as the select would show it. */
export function pageFilter(query: unknown): DraftFilter {
  const q = (query ?? {}) as Record<string, unknown>;
  const status = oneOf(DRAFT_STATUSES, q.status);
  const type = oneOf(SUBSIDY_TYPES, q.type);
  const tier = oneOf(TIERS, q.tier);
  return { ...(status && { status }), ...(type && { type }), ...(tier && { tier }) };
}

const safeNext = (next: unknown): string | undefined =>
  typeof next === 'string' &&
  SAFE_NEXT.test(next) &&
  !next.startsWith('/consulent/login') &&
  !next.startsWith('/consulent/logout')
    ? next
    : undefined;

function sendHtml(reply: FastifyReply, status: number, page: SafeHtml) {
  return reply.code(status).type('text/html; charset=utf-8').send(page.value);
}

/** `/consulent`: login, inbox, detail, status, delete, CSV and PDF. Server-rendered, no scripts. */
export async function consulentPages(
  app: FastifyInstance,
  { auth, drafts, pdf: renderer }: PagesOptions,
): Promise<void> {
  const stylesheet = readFileSync(join(here, 'public', 'consulent.css'));
  const callers = new WeakMap<FastifyRequest, Caller>();
  const caller = (request: FastifyRequest) => callers.get(request)!;

  // HTML forms post `application/x-www-form-urlencoded`; small bodies only (a status, a token).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    reply
      .header('content-security-policy', CSP)
      .header('x-frame-options', 'DENY')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      // Personal data: never kept by a browser cache or a proxy.
      .header('cache-control', 'no-store');
    if (path === '/consulent/assets/consulent.css') return;
    if (!auth.configured) {
      return sendHtml(
        reply,
        503,
        messagePage(t('notConfigured.heading'), [t('notConfigured.text'), t('notConfigured.admin')]),
      );
    }
    if (path === '/consulent/login') return;
    const session = await auth.sessionOf(request);
    if (!session) {
      const next = request.method === 'GET' ? safeNext(request.url) : undefined;
      const query = next && next !== '/consulent' ? `?next=${encodeURIComponent(next)}` : '';
      return reply.redirect(`/consulent/login${query}`, 303);
    }
    callers.set(request, { session, viewer: { user: session.user, csrf: auth.sessions.csrfToken(session) } });
  });

  // Every state-changing form carries the session's CSRF token (the login form has no session yet).
  app.addHook('preHandler', async (request, reply) => {
    const current = callers.get(request);
    if (request.method !== 'POST' || !current) return;
    const { session, viewer } = current;
    if (!auth.sessions.checkCsrf(session, (request.body as Form | undefined)?._csrf)) {
      request.log.warn({ by: session.user }, 'consulent form without a valid csrf token');
      return sendHtml(reply, 403, messagePage(t('errors.csrfTitle'), [t('errors.csrf')], viewer));
    }
  });

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendHtml(
      reply,
      404,
      messagePage(t('errors.notFoundTitle'), [t('errors.notFound')], callers.get(request)?.viewer),
    );
  app.setNotFoundHandler(notFound);

  app.get('/assets/consulent.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(stylesheet),
  );

  app.get<{ Querystring: { next?: string; uitgelogd?: string } }>('/login', async (request, reply) => {
    if (await auth.sessionOf(request)) return reply.redirect('/consulent', 303);
    return sendHtml(
      reply,
      200,
      loginPage({ next: safeNext(request.query.next), loggedOut: request.query.uitgelogd === '1' }),
    );
  });

  app.post('/login', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const name = typeof form.name === 'string' ? form.name.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const next = safeNext(form.next);
    const result = await auth.login(request.ip, name, password);
    if (result.ok) {
      const { cookie } = auth.sessions.issue(result.user);
      auth.setSessionCookie(reply, cookie);
      request.log.info({ user: result.user.name }, 'consulent logged in');
      return reply.redirect(next ?? '/consulent', 303);
    }
    // One message for a wrong name and a wrong password; the name typed is never logged (it may be a password).
    request.log.warn({ throttled: result.blockedMs > 0 }, 'consulent login failed');
    if (result.blockedMs > 0) {
      const minutes = minutesOf(result.blockedMs);
      reply.header('retry-after', String(Math.ceil(result.blockedMs / 1000)));
      return sendHtml(reply, 429, loginPage({ name, next, error: t('login.throttled', { minutes }) }));
    }
    return sendHtml(reply, 401, loginPage({ name, next, error: t('login.failed') }));
  });

  app.post('/logout', async (request, reply) => {
    const { session } = caller(request);
    await auth.logout(session);
    auth.clearSessionCookie(reply);
    request.log.info({ user: session.user }, 'consulent logged out');
    return reply.redirect('/consulent/login?uitgelogd=1', 303);
  });

  app.get<{ Querystring: Record<string, unknown> }>('/', async (request, reply) => {
    const filter = pageFilter(request.query);
    const asked = Number(request.query.page);
    const wanted = Number.isSafeInteger(asked) && asked >= 1 ? asked : 1;
    const counts = await drafts.countByStatus();
    let found = await drafts.page(filter, { limit: PAGE_SIZE, offset: (wanted - 1) * PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
    // A page past the end (drafts were deleted meanwhile): the last page there is.
    const page = Math.min(wanted, pages);
    if (page !== wanted)
      found = await drafts.page(filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const deleted = request.query.verwijderd;
    return sendHtml(
      reply,
      200,
      listPage(
        {
          drafts: found.drafts,
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

  app.get('/export.csv', async (request, reply) => {
    const list = await drafts.list(pageFilter(request.query));
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${t('csv.filename')}-${day}.csv"`)
      .send(draftsCsv(list));
  });

  app.get<{ Params: { id: string }; Querystring: { melding?: string } }>(
    '/drafts/:id',
    async (request, reply) => {
      const draft = await drafts.get(request.params.id);
      if (!draft) return notFound(request, reply);
      const melding = request.query.melding;
      const statusNotice =
        melding === 'status-gewijzigd'
          ? 'changed'
          : melding === 'status-ongewijzigd'
            ? 'unchanged'
            : undefined;
      return sendHtml(
        reply,
        200,
        detailPage({ draft, ...(statusNotice && { statusNotice }) }, caller(request).viewer),
      );
    },
  );

  app.post('/drafts/:id/status', async (request: IdRequest, reply) => {
    const { session, viewer } = caller(request);
    const status = (request.body as Form | undefined)?.status;
    if (!isStatus(status)) {
      return sendHtml(reply, 400, messagePage(t('errors.badRequestTitle'), [t('errors.badStatus')], viewer));
    }
    const id = request.params.id;
    const current = await drafts.get(id);
    if (!current) return notFound(request, reply);
    const target = `/consulent/drafts/${encodeURIComponent(id)}`;
    if (current.status === status) return reply.redirect(`${target}?melding=status-ongewijzigd`, 303);
    const updated = await drafts.setStatus(id, status, session.user);
    if (!updated) return notFound(request, reply);
    const { reference } = updated;
    request.log.info({ draft: id, reference, status, by: session.user }, 'draft status changed');
    return reply.redirect(`${target}?melding=status-gewijzigd`, 303);
  });

  app.get('/drafts/:id/delete', async (request: IdRequest, reply) => {
    const draft = await drafts.get(request.params.id);
    if (!draft) return notFound(request, reply);
    return sendHtml(reply, 200, deletePage(draft, caller(request).viewer));
  });

  app.post('/drafts/:id/delete', async (request: IdRequest, reply) => {
    const { session } = caller(request);
    const deleted = await drafts.delete(request.params.id);
    if (!deleted) return notFound(request, reply);
    // By id and reference only: no names, e-mail addresses or answers in the log.
    request.log.info({ draft: deleted.id, reference: deleted.reference, by: session.user }, 'draft deleted');
    return reply.redirect(`/consulent?verwijderd=${encodeURIComponent(deleted.reference)}`, 303);
  });

  app.get('/drafts/:id/document.pdf', async (request: IdRequest, reply) => {
    const draft = await drafts.get(request.params.id);
    if (!draft) return notFound(request, reply);
    let pdf: Buffer;
    try {
      // The consulent's copy is always Dutch, whatever language the resident spoke.
      pdf = await renderer.render(draft, 'nl');
    } catch (error) {
      request.log.error({ err: error, draft: draft.id }, 'draft pdf failed');
      return sendHtml(
        reply,
        503,
        messagePage(t('errors.pdfUnavailableTitle'), [t('errors.pdfUnavailable')], caller(request).viewer),
      );
    }
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${draft.reference}.pdf"`)
      .send(pdf);
  });
}
