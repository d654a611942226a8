import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConsulentAuth } from './auth.js';
import type { SafeHtml } from './html.js';
import type { Session } from './session.js';
import { t } from './texts.js';
import type { Viewer } from './views/layout.js';
import { messagePage } from './views/layout.js';

/** No scripts at all; styles from our own stylesheet only; forms post back here only; never framed. */
export const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Where the login may send back to: a path of these pages, nothing that could leave the site. */
// Segments never start with a dot and hold no escapes, so no `..` (or `%2e%2e`) can climb out of /consulent.
const SAFE_NEXT = /^\/consulent(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*(?:\?[A-Za-z0-9._~%&=+-]*)?$/;

export const safeNext = (next: unknown): string | undefined =>
  typeof next === 'string' &&
  SAFE_NEXT.test(next) &&
  !next.startsWith('/consulent/login') &&
  !next.startsWith('/consulent/logout')
    ? next
    : undefined;

export interface Caller {
  session: Session;
  viewer: Viewer;
}

/** A posted form; a name sent more than once (ticked boxes) is a list. */
export type Form = Record<string, string | string[] | undefined>;

export function sendHtml(reply: FastifyReply, status: number, page: SafeHtml) {
  return reply.code(status).type('text/html; charset=utf-8').send(page.value);
}

/**
 * What every consulent page needs, for the routes of one plugin (Fastify does not share hooks between
 * plugins registered side by side): the form parser, the security headers, a session (else the login,
 * coming back here afterwards) and the CSRF token on every POST. `open` paths need no session: the
 * stylesheet and the login itself. Returns who is asking.
 */
export function guardConsulentPages(
  app: FastifyInstance,
  auth: ConsulentAuth,
  open: { assets?: string; login?: string } = {},
): {
  caller: (request: FastifyRequest) => Caller;
  viewerOf: (request: FastifyRequest) => Viewer | undefined;
} {
  const callers = new WeakMap<FastifyRequest, Caller>();

  // HTML forms post `application/x-www-form-urlencoded`; small bodies only (a status, a note, a token).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16 * 1024 },
    (_request, body, done) => {
      const fields: Record<string, string | string[]> = {};
      for (const [key, value] of new URLSearchParams(body as string)) {
        const before = fields[key];
        fields[key] = before === undefined ? value : ([] as string[]).concat(before, value);
      }
      done(null, fields);
    },
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
    if (path === open.assets) return;
    if (!auth.configured) {
      return sendHtml(
        reply,
        503,
        messagePage(t('notConfigured.heading'), [t('notConfigured.text'), t('notConfigured.admin')]),
      );
    }
    if (path === open.login) return;
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

  return { caller: (request) => callers.get(request)!, viewerOf: (request) => callers.get(request)?.viewer };
}
