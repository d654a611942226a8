import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { FastifyInstance } from 'fastify';

/**
 * How `/api/messages` trusts its callers. `authenticated`: every request carries the channel's JWT
 * (MicrosoftAppId is set). `local`: no authentication, for a Teams client on this machine (Agents
 * Playground, Bot Framework Emulator, tests); replies only ever go to a loopback `serviceUrl`. `off`:
 * neither is configured, and the route does not exist.
 */
export type TeamsMode = 'authenticated' | 'local' | 'off';

/** teams-ai's adapter with its authenticated turn reachable without `process()` and its console output. */
export class TeamsChannelAdapter extends TeamsAdapter {
  handle(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

export interface MessagesRouteOptions {
  adapter: TeamsChannelAdapter;
  mode: Exclude<TeamsMode, 'off'>;
  runBot: (context: TurnContext) => Promise<void>;
}

/** A `serviceUrl` on this machine: the only place local mode sends replies to. */
export function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname;
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

// botbuilder's own `validateAndFixActivity`, which `process()` runs and `processActivity` does not.
function withDates(body: Record<string, unknown>): Activity {
  const activity = { ...body } as Record<string, unknown>;
  for (const field of ['timestamp', 'expiration', 'localTimestamp'] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[`raw${field[0]!.toUpperCase()}${field.slice(1)}`] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

// jsonwebtoken's own errors: a token that is malformed, unsigned (`alg: none`), badly signed or expired.
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * Whether botbuilder refused the token itself (its AuthenticationError with 401/403, or jsonwebtoken's
 * errors it lets through), as opposed to failing to fetch the channel's keys (a network error, or an
 * AuthenticationError with 500: "Failed to load openID config").
 */
function isRefusedToken(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  if (status === 401 || status === 403) return true;
  return error instanceof Error && TOKEN_ERRORS.has(error.name);
}

/**
 * `POST /api/messages`: Bot Framework activities as Teams (through Azure Bot Service) sends them.
 * botbuilder's `process()` prints errors with their stack to the console and answers 500 with the upstream
 * message; this route calls `processActivity` itself and answers in a few generic words instead.
 */
export async function messagesRoute(app: FastifyInstance, opts: MessagesRouteOptions): Promise<void> {
  app.post('/api/messages', async (request, reply) => {
    // botbuilder throws on an activity without a type; that is the sender's mistake, not ours.
    const body = request.body as { type?: unknown; serviceUrl?: unknown } | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof body.type !== 'string') {
      return reply.code(400).send({ error: 'invalid-activity' });
    }
    // Without authentication anyone could name any host as the place to send replies to.
    if (opts.mode === 'local' && !isLoopbackUrl(body.serviceUrl)) {
      return reply.code(400).send({ error: 'service-url-not-allowed' });
    }
    const authorization = request.headers.authorization ?? '';
    try {
      const response = await opts.adapter.handle(
        authorization,
        withDates(body as Record<string, unknown>),
        opts.runBot,
      );
      return reply.code(response?.status ?? 200).send(response?.body ?? '');
    } catch (error) {
      if (isRefusedToken(error)) {
        request.log.warn('teams request refused');
        return reply.code(401).send({ error: 'unauthorized' });
      }
      // The channel's key endpoint could not be read: ours to retry, not the caller's fault.
      const reason = error instanceof Error ? error.name : 'unknown';
      request.log.warn({ reason }, 'teams authentication failed');
      return reply.code(503).header('retry-after', '30').send({ error: 'authentication-unavailable' });
    }
  });
}
