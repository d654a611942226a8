import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DraftApplication, DraftStatus } from '../../drafts/draft.js';
import { DRAFT_STATUSES } from '../../drafts/draft.js';
import type { PdfRenderer } from '../../drafts/pdf-renderer.js';
import type { CalendarDate } from '../../rules/index.js';
import { SUBSIDY_TYPES, TIERS } from '../../rules/index.js';
import type { DraftFilter, DraftStore } from '../../storage/interfaces.js';
import { DRAFT_SORTS } from '../../storage/interfaces.js';
import type { ConsulentAuth } from './auth.js';
import { minutesOf } from './auth.js';
import { draftsCsv } from './csv.js';
import { type Form, guardConsulentPages, safeNext, sendHtml } from './guard.js';
import { t } from './texts.js';
import { deletePage, detailPage } from './views/detail.js';
import { messagePage } from './views/layout.js';
import { listPage } from './views/list.js';
import { loginPage } from './views/login.js';

const here = dirname(fileURLToPath(import.meta.url));

const REFERENCE = /^MAG-\d{4}-\d{6}$/;
/** Drafts per page of the inbox: a screen's worth, whatever the year brought. */
const PAGE_SIZE = 50;

export interface PagesOptions {
  auth: ConsulentAuth;
  drafts: DraftStore;
  pdf: PdfRenderer;
  /** The municipality's today: days waiting, passed dates. */
  today: () => CalendarDate;
  /** After a status change (the mail to the applicant when `told`). */
  onStatusChange?: (draft: DraftApplication, change: { told: boolean }) => Promise<void>;
}

/** A consulent's note with a status: one paragraph's worth. */
const MAX_NOTE = 2000;

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
  const sort = oneOf(DRAFT_SORTS, q.sort);
  const search = typeof q.q === 'string' ? q.q.trim().slice(0, 100) : '';
  return {
    ...(status && { status }),
    ...(type && { type }),
    ...(tier && { tier }),
    ...(search && { q: search }),
    ...(sort && sort !== 'received' && { sort }),
  };
}

/** `/consulent`: login, inbox, detail, status, delete, CSV and PDF. Server-rendered, no scripts. */
export async function consulentPages(
  app: FastifyInstance,
  { auth, drafts, pdf: renderer, today, onStatusChange }: PagesOptions,
): Promise<void> {
  const stylesheet = readFileSync(join(here, 'public', 'consulent.css'));

  const { caller, viewerOf } = guardConsulentPages(app, auth, {
    assets: '/consulent/assets/consulent.css',
    login: '/consulent/login',
  });

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendHtml(reply, 404, messagePage(t('errors.notFoundTitle'), [t('errors.notFound')], viewerOf(request)));
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
          today: today(),
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
      const statusNotice = (
        {
          'status-gewijzigd': 'changed',
          'status-ongewijzigd': 'unchanged',
          toegewezen: 'assigned',
          bijlagen: 'received',
        } as const
      )[melding as string];
      const consulents = [...auth.users.keys()];
      return sendHtml(
        reply,
        200,
        detailPage({ draft, consulents, ...(statusNotice && { statusNotice }) }, caller(request).viewer),
      );
    },
  );

  app.post('/drafts/:id/status', async (request: IdRequest, reply) => {
    const { session, viewer } = caller(request);
    const body = (request.body as Form | undefined) ?? {};
    const status = body.status;
    if (!isStatus(status)) {
      return sendHtml(reply, 400, messagePage(t('errors.badRequestTitle'), [t('errors.badStatus')], viewer));
    }
    const note = (typeof body.note === 'string' ? body.note : '').trim().slice(0, MAX_NOTE);
    const tell = body.tell === 'yes';
    const id = request.params.id;
    const current = await drafts.get(id);
    if (!current) return notFound(request, reply);
    const target = `/consulent/drafts/${encodeURIComponent(id)}`;
    // "Aanvullen gevraagd" says what must be added: the applicant (and the next consulent) must know.
    if (status === 'aanvullen-gevraagd' && note === '') {
      return sendHtml(
        reply,
        400,
        messagePage(t('errors.badRequestTitle'), [t('detail.noteRequired')], viewer),
      );
    }
    if (current.status === status && note === '')
      return reply.redirect(`${target}?melding=status-ongewijzigd`, 303);
    const told = tell && current.contact.email !== '';
    const updated = await drafts.setStatus(id, status, session.user, { note, told });
    if (!updated) return notFound(request, reply);
    const { reference } = updated;
    request.log.info({ draft: id, reference, status, by: session.user, told }, 'draft status changed');
    await onStatusChange?.(updated, { told });
    return reply.redirect(`${target}?melding=status-gewijzigd`, 303);
  });

  app.post('/drafts/:id/assignee', async (request: IdRequest, reply) => {
    const { session, viewer } = caller(request);
    const name = (request.body as Form | undefined)?.assignee ?? '';
    if (typeof name !== 'string' || (name !== '' && !auth.users.has(name))) {
      return sendHtml(
        reply,
        400,
        messagePage(t('errors.badRequestTitle'), [t('detail.badAssignee')], viewer),
      );
    }
    const updated = await drafts.setAssignee(request.params.id, name === '' ? null : name, session.user);
    if (!updated) return notFound(request, reply);
    request.log.info({ draft: updated.id, reference: updated.reference, by: session.user }, 'draft assigned');
    return reply.redirect(`/consulent/drafts/${encodeURIComponent(updated.id)}?melding=toegewezen`, 303);
  });

  app.post('/drafts/:id/received', async (request: IdRequest, reply) => {
    const { session } = caller(request);
    const current = await drafts.get(request.params.id);
    if (!current) return notFound(request, reply);
    const body = (request.body as Record<string, unknown> | undefined) ?? {};
    const ticked = ([] as unknown[])
      .concat(body.received ?? [])
      .filter((v): v is string => typeof v === 'string');
    // Only attachments this draft's checklist asks for.
    const known = new Set<string>((current.assessment.checklist ?? []).map((c) => c.id));
    const updated = await drafts.setReceived(
      current.id,
      ticked.filter((id) => known.has(id)),
      session.user,
    );
    if (!updated) return notFound(request, reply);
    return reply.redirect(
      `/consulent/drafts/${encodeURIComponent(updated.id)}?melding=bijlagen#received-heading`,
      303,
    );
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
      pdf = await renderer.render(draft, 'nl', 'consulent');
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
