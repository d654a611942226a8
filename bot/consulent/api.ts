import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DRAFT_STATUSES } from '../../drafts/draft.js';
import { SUBSIDY_TYPES, TIERS } from '../../rules/index.js';
import type { DraftStore } from '../../storage/interfaces.js';
import { DRAFT_SORTS } from '../../storage/interfaces.js';
import type { ConsulentAuth } from './auth.js';
import { minutesOf } from './auth.js';
import { t } from './texts.js';

export interface ApiOptions {
  auth: ConsulentAuth;
  drafts: DraftStore;
}

const BASIC_CHALLENGE = 'Basic realm="MAG-consulent", charset="UTF-8"'; // operator-facing: an HTTP header

const filterSchema = z.strictObject({
  status: z.enum(DRAFT_STATUSES).optional(),
  type: z.enum(SUBSIDY_TYPES).optional(),
  tier: z.enum(TIERS).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(DRAFT_SORTS).optional(),
  // A page of the list: what one request reads stays bounded however full the inbox is.
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const patchSchema = z.strictObject({ status: z.enum(DRAFT_STATUSES) });

interface Issue {
  path: string;
  message: string;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const key of path) node = (node as Record<PropertyKey, unknown> | undefined)?.[key];
  return node;
}

/** zod's issues in the shape `/api/assess` uses: `{ path, message }`, naming the wrong value and the choices. */
export function issuesOf(error: z.ZodError, data: unknown): Issue[] {
  return error.issues.flatMap((issue): Issue[] => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        message: t('api.unknownField'),
      }));
    }
    const value = valueAt(data, issue.path);
    if (value === undefined) return [{ path, message: t('api.required') }];
    if (issue.code === 'invalid_value') {
      const shown = (typeof value === 'string' ? value : JSON.stringify(value)).slice(0, 60);
      const values = issue.values.map(String).join(', ');
      return [
        {
          path,
          message: t(path === 'status' ? 'api.unknownStatus' : 'api.unknownCode', { value: shown, values }),
        },
      ];
    }
    return [{ path, message: t('api.invalid') }];
  });
}

const invalid = (reply: FastifyReply, issues: Issue[]) =>
  reply.code(400).send({ error: 'invalid-input', issues });
const notFound = (reply: FastifyReply) =>
  reply.code(404).send({ error: 'not-found', message: t('api.notFound') });

/**
 * `/api/drafts` for a case system: HTTP Basic with a consulent's credentials, or the page session (then a
 * change also needs the session's CSRF token in `x-csrf-token`). JSON in, JSON out; never cached.
 */
export async function draftsApi(app: FastifyInstance, { auth, drafts }: ApiOptions): Promise<void> {
  const callers = new WeakMap<FastifyRequest, string>();

  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
    if (!auth.configured) {
      return reply.code(503).send({ error: 'not-configured', message: t('api.notConfigured') });
    }
    const session = await auth.sessionOf(request);
    if (session) {
      const changes = request.method !== 'GET' && request.method !== 'HEAD';
      if (changes && !auth.sessions.checkCsrf(session, request.headers['x-csrf-token'])) {
        return reply.code(403).send({ error: 'csrf', message: t('api.csrf') });
      }
      callers.set(request, session.user);
      return;
    }
    const basic = await auth.basic(request);
    if (basic?.ok) {
      callers.set(request, basic.user.name);
      return;
    }
    if (basic) request.log.warn({ throttled: basic.blockedMs > 0 }, 'consulent api login failed');
    if (basic && basic.blockedMs > 0) {
      const minutes = minutesOf(basic.blockedMs);
      return reply
        .code(429)
        .header('retry-after', String(Math.ceil(basic.blockedMs / 1000)))
        .send({ error: 'too-many-attempts', message: t('api.throttled', { minutes }) });
    }
    return reply
      .code(401)
      .header('www-authenticate', BASIC_CHALLENGE)
      .send({ error: 'unauthorized', message: t('api.unauthorized') });
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not-found' }));

  app.get('/', async (request, reply) => {
    const parsed = filterSchema.safeParse(request.query ?? {});
    if (!parsed.success) return invalid(reply, issuesOf(parsed.error, request.query));
    const { limit, offset, ...filter } = parsed.data;
    const page = await drafts.page(filter, { limit, offset });
    return { ...page, limit, offset };
  });

  app.get<{ Params: { id: string } }>('/:id', async (request, reply) => {
    const draft = await drafts.get(request.params.id);
    return draft ?? notFound(reply);
  });

  app.patch<{ Params: { id: string } }>('/:id', async (request, reply) => {
    const body: unknown = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return invalid(reply, [{ path: '', message: t('api.body') }]);
    }
    const parsed = patchSchema.safeParse(body);
    if (!parsed.success) return invalid(reply, issuesOf(parsed.error, body));
    const id = request.params.id;
    const current = await drafts.get(id);
    if (!current) return notFound(reply);
    // The same status again changes nothing: no second history line for a retried request.
    if (current.status === parsed.data.status) return current;
    const by = callers.get(request)!;
    const updated = await drafts.setStatus(id, parsed.data.status, by);
    if (!updated) return notFound(reply);
    const { reference, status } = updated;
    request.log.info({ draft: id, reference, status, by }, 'draft status changed');
    return updated;
  });

  app.delete<{ Params: { id: string } }>('/:id', async (request, reply) => {
    const deleted = await drafts.delete(request.params.id);
    if (!deleted) return notFound(reply);
    // By id and reference only: no names, e-mail addresses or answers in the log.
    request.log.info(
      { draft: deleted.id, reference: deleted.reference, by: callers.get(request) },
      'draft deleted',
    );
    return reply.code(204).send();
  });
}
