import type {} from '@fastify/websocket';
import type { Activity, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { translator } from '../../dialogs/i18n.js';
import type { Lang } from '../../rules/index.js';
import type { ActivitySignal, ConversationLog, RateStore, TurnOrder } from '../../storage/interfaces.js';
import { addressKey } from '../address-key.js';
import { secretMatches } from '../secrets.js';
import type { DirectLineAdapter } from './adapter.js';
import { BOT_ID, CHANNEL_ID } from './adapter.js';
import type { TokenClaims, TokenService } from './tokens.js';
import { randomId } from './tokens.js';

export interface DirectLineOptions {
  log: ConversationLog;
  tokens: TokenService;
  adapter: DirectLineAdapter;
  queue: TurnOrder;
  notifier: ActivitySignal;
  /** Runs the bot for one activity (`directLineBot`: the IntakeBot, without teams-ai's Application). */
  runBot: (context: TurnContext) => Promise<void>;
  /** The Direct Line secret for server-to-server token generation; unset disables it. */
  secret?: string;
  rates: RateStore;
  limits: DirectLineLimits;
}

export interface DirectLineLimits {
  postsPerMinute: number;
  conversationsPerHour: number;
}

/** What one conversation may hold and do: far above what a person needs, far below what hurts the server. */
export const BOUNDS = {
  /** An activity as JSON, and how deeply its values nest (a card's value is two or three levels). */
  activityBytes: 24 * 1024,
  depth: 16,
  /** The stored log; a whole intake is about 150 activities and 300 kB. */
  logActivities: 2_000,
  logBytes: 4 * 1024 * 1024,
  /** Activities per GET or WebSocket message, as the real service pages them. */
  page: 100,
  /** Open streams per conversation (a tab or two); the oldest is closed for a newer one. */
  sockets: 3,
  /** What a stream may have unsent before it counts as not reading and is closed. */
  bufferedBytes: 1024 * 1024,
} as const;

/** Whether `value` nests deeper than `max` (counted without recursion: depth is what is being checked). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

const incomingActivity = z
  .object({
    type: z.string().max(64),
    text: z.string().max(10_000).optional(),
    value: z.unknown().optional(),
    locale: z.string().max(35).optional(),
    channelData: z.unknown().optional(),
    textFormat: z.string().max(20).optional(),
    attachments: z.array(z.unknown()).max(0).optional(),
  })
  .passthrough();

/** What Fastify sends for an object. */
const JSON_TYPE = 'application/json; charset=utf-8';

const bearer = (request: FastifyRequest): string | undefined => {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
};

const parseWatermark = (raw: unknown): number => {
  const n = typeof raw === 'string' && /^\d{1,12}$/.test(raw) ? Number(raw) : 0;
  return Number.isSafeInteger(n) ? n : 0;
};

/** Where Web Chat opens the WebSocket for a conversation, on the origin the browser used. */
function streamUrl(
  request: FastifyRequest,
  conversationId: string,
  token: string,
  watermark?: number,
): string {
  const scheme = request.protocol === 'https' ? 'wss' : 'ws';
  // A reconnect at a watermark replays only what came after it (Direct Line 3.0, "Reconnect").
  const after = watermark === undefined ? '' : `watermark=${watermark}&`;
  return `${scheme}://${request.host}/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream?${after}t=${encodeURIComponent(token)}`;
}

const tokenOf = (request: FastifyRequest): string | undefined =>
  bearer(request) ?? (request.query as { t?: string }).t;

const conversationStartBody = z
  .object({ locale: z.string().max(35).optional() })
  .passthrough()
  .optional();

const deny = (reply: FastifyReply, status: 400 | 401 | 403 | 404 | 413 | 429, error: string) =>
  reply.code(status).send({ error: { code: error, message: error } }); // operator-facing

const tooMany = (reply: FastifyReply, retryAfterMs: number) =>
  deny(
    reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000)))),
    429,
    'TooManyRequests',
  );

/**
 * Direct Line 3.0, as Web Chat and botframework-directlinejs use it, served by our own server so residents'
 * conversations never leave the municipality's hosting.
 */
export async function directLineRoutes(app: FastifyInstance, opts: DirectLineOptions): Promise<void> {
  const { log, tokens, adapter, queue, notifier, runBot, rates, limits } = opts;
  const sockets = new Map<string, Set<{ close(code: number, reason: string): void }>>();

  /** New conversations per client address per hour; undefined when allowed, else the 429 sent. */
  async function refuseNewConversation(request: FastifyRequest, reply: FastifyReply) {
    const hit = await rates.hit(
      `dl-new:${addressKey(request.ip)}`,
      limits.conversationsPerHour,
      3_600_000,
      Date.now(),
    );
    return hit.allowed ? undefined : tooMany(reply, hit.retryAfterMs);
  }

  /** The token's claims if it is valid for this conversation; replies 401/403 otherwise. */
  function claimsOf(request: FastifyRequest, reply: FastifyReply, conversationId?: string) {
    const token = tokenOf(request);
    if (!token) return void deny(reply, 401, 'MissingToken');
    const claims = tokens.verify(token);
    // 403 tells Web Chat the token expired; it then refreshes or asks for a new one.
    if (!claims) return void deny(reply, 403, 'TokenInvalidOrExpired');
    if (conversationId !== undefined && claims.conversationId !== conversationId) {
      return void deny(reply, 403, 'TokenNotForThisConversation');
    }
    return claims;
  }

  /** The token's claims if it opens this conversation; replies 401/403/404 otherwise. */
  async function authorize(request: FastifyRequest, reply: FastifyReply, conversationId?: string) {
    const claims = claimsOf(request, reply, conversationId);
    if (!claims) return undefined;
    if (!(await log.get(claims.conversationId))) return void deny(reply, 404, 'ConversationNotFound');
    return claims;
  }

  /**
   * The activities after `watermark`, a page at a time, as the JSON a GET or a stream sends: the stored
   * text of each activity joined, byte for byte what `JSON.stringify({ activities, watermark })` gives,
   * without parsing every activity and serialising it again.
   */
  async function pageOf(conversationId: string, watermark: number) {
    const page = await log.sinceJson(conversationId, watermark, BOUNDS.page);
    const json = `{"activities":[${page.activities.join(',')}],"watermark":"${page.watermark}"}`;
    return { json, count: page.activities.length, watermark: page.watermark, more: page.more };
  }

  async function newConversation(userId?: string) {
    const id = randomId(18);
    const user =
      userId && /^[\w:.-]{1,64}$/.test(userId) && !userId.startsWith('dl_')
        ? `dl_${userId}`
        : `dl_${randomId(12)}`;
    await log.create({ id, userId: user, resumeHash: null });
    return { id, userId: user };
  }

  /**
   * Runs an activity through the bot, one turn of a conversation at a time. A posted one (`lang`) is
   * stored with the turn; a turn that failed stores it with an apology, so the person can try again.
   */
  function turn(activity: Partial<Activity>, lang?: Lang) {
    return queue.run(activity.conversation!.id, () => turnNow(activity, lang));
  }

  /** `turn` for a caller that already holds the conversation's place in the turn order. */
  function turnNow(activity: Partial<Activity>, lang?: Lang) {
    const store = lang && {
      failed: () => ({ type: ActivityTypes.Message, text: translator(lang, 'resident')('turnFailed') }),
    };
    return adapter.process(activity as Activity, runBot, store);
  }

  function conversationStart(
    claims: TokenClaims,
    request: FastifyRequest,
    locale: string | undefined,
  ): Partial<Activity> {
    return {
      type: ActivityTypes.ConversationUpdate,
      channelId: CHANNEL_ID,
      serviceUrl: `${request.protocol}://${request.host}`,
      conversation: { id: claims.conversationId } as Activity['conversation'],
      from: { id: claims.userId, role: 'user' } as Activity['from'],
      recipient: { id: BOT_ID, role: 'bot' } as Activity['recipient'],
      membersAdded: [{ id: claims.userId, name: '' }],
      timestamp: new Date(),
      locale,
    };
  }

  app.post('/v3/directline/tokens/generate', async (request, reply) => {
    if (!secretMatches(bearer(request), opts.secret)) return deny(reply, 403, 'InvalidSecret');
    if (await refuseNewConversation(request, reply)) return reply;
    const body = (request.body ?? {}) as { user?: { id?: unknown } };
    const { id, userId } = await newConversation(
      typeof body.user?.id === 'string' ? body.user.id : undefined,
    );
    const { token, expiresIn } = tokens.issue(id, userId);
    return { conversationId: id, token, expires_in: expiresIn };
  });

  app.post('/v3/directline/tokens/refresh', async (request, reply) => {
    const claims = await authorize(request, reply);
    if (!claims) return reply;
    const { token, expiresIn } = tokens.issue(claims.conversationId, claims.userId);
    return { conversationId: claims.conversationId, token, expires_in: expiresIn };
  });

  app.post('/v3/directline/conversations', async (request, reply) => {
    const body = conversationStartBody.safeParse(request.body);
    if (!body.success) return deny(reply, 400, 'BadArgument');
    let claims: TokenClaims | undefined;
    let token = bearer(request);
    if (secretMatches(token, opts.secret)) {
      if (await refuseNewConversation(request, reply)) return reply;
      const created = await newConversation();
      token = tokens.issue(created.id, created.userId).token;
      claims = tokens.verify(token);
    } else {
      claims = await authorize(request, reply);
    }
    if (!claims || !token) return reply;
    // The bot greets a new conversation at once; for a known one it stays silent.
    await turn(conversationStart(claims, request, body.data?.locale));
    return reply.code(201).send({
      conversationId: claims.conversationId,
      token,
      expires_in: tokens.ttlSeconds,
      streamUrl: streamUrl(request, claims.conversationId, token),
    });
  });

  app.get<{ Params: { id: string }; Querystring: { watermark?: string } }>(
    '/v3/directline/conversations/:id',
    async (request, reply) => {
      const claims = await authorize(request, reply, request.params.id);
      if (!claims) return reply;
      const token = tokenOf(request)!;
      const watermark = request.query.watermark ? parseWatermark(request.query.watermark) : undefined;
      return {
        conversationId: claims.conversationId,
        token,
        expires_in: Math.max(0, claims.exp - Math.floor(Date.now() / 1000)),
        streamUrl: streamUrl(request, claims.conversationId, token, watermark),
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { watermark?: string } }>(
    '/v3/directline/conversations/:id/activities',
    async (request, reply) => {
      const claims = claimsOf(request, reply, request.params.id);
      if (!claims) return reply;
      // A page at a time, as the real service does: the client asks again from the new watermark. A page
      // with activities proves the conversation exists; only an empty one asks (a forgotten conversation
      // is a 404, one emptied by `stop` an empty page).
      const page = await pageOf(claims.conversationId, parseWatermark(request.query.watermark));
      if (page.count === 0 && !(await log.get(claims.conversationId))) {
        return deny(reply, 404, 'ConversationNotFound');
      }
      return reply.type(JSON_TYPE).send(page.json);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/v3/directline/conversations/:id/activities',
    async (request, reply) => {
      const claims = claimsOf(request, reply, request.params.id);
      if (!claims) return reply;
      const parsed = incomingActivity.safeParse(request.body);
      if (!parsed.success) {
        return reply.code(400).send({ error: { code: 'BadArgument', message: 'Not a valid activity' } }); // operator-facing
      }
      const body = parsed.data;
      if (body.type === ActivityTypes.Typing) return { id: '' };
      if (nestsDeeperThan(body, BOUNDS.depth)) return deny(reply, 400, 'BadArgument');
      if (JSON.stringify(body).length > BOUNDS.activityBytes) return deny(reply, 413, 'ActivityTooLarge');
      // The place in the turn order is taken on arrival, before anything waits for the database: messages
      // sent at once are answered in the order they came, whichever read returns first.
      return queue.run(claims.conversationId, () => post(request, reply, claims, body));
    },
  );

  async function post(
    request: FastifyRequest,
    reply: FastifyReply,
    claims: TokenClaims,
    body: z.infer<typeof incomingActivity>,
  ) {
    // One read says whether the conversation exists and how much its log holds.
    const size = await log.size(claims.conversationId);
    if (!size) return deny(reply, 404, 'ConversationNotFound');
    const hit = await rates.hit(
      `dl-post:${claims.conversationId}`,
      limits.postsPerMinute,
      60_000,
      Date.now(),
    );
    if (!hit.allowed) return tooMany(reply, hit.retryAfterMs);
    if (size.count >= BOUNDS.logActivities || size.bytes >= BOUNDS.logBytes) {
      return deny(reply, 413, 'ConversationTooLarge');
    }
    // The user is who the token says, whatever the body claims.
    const incoming: Partial<Activity> = {
      ...(body as Partial<Activity>),
      channelId: CHANNEL_ID,
      serviceUrl: `${request.protocol}://${request.host}`,
      timestamp: new Date(),
      from: { id: claims.userId, role: 'user' } as Activity['from'],
      recipient: { id: BOT_ID, role: 'bot' } as Activity['recipient'],
      conversation: { id: claims.conversationId } as Activity['conversation'],
    };
    const stored = await turnNow(incoming, body.locale?.toLowerCase().startsWith('en') ? 'en' : 'nl');
    return { id: stored!.id };
  }

  app.post(
    '/v3/directline/conversations/:id/upload',
    async (_request, reply) =>
      reply.code(400).send({ error: { code: 'BadArgument', message: 'Attachments are not accepted' } }), // operator-facing
  );

  app.get<{ Params: { id: string }; Querystring: { watermark?: string; t?: string } }>(
    '/v3/directline/conversations/:id/stream',
    { websocket: true },
    async (socket, request) => {
      const claims = tokens.verify(request.query.t);
      if (!claims || claims.conversationId !== request.params.id || !(await log.get(claims.conversationId))) {
        socket.close(4003, 'token');
        return;
      }
      let watermark = parseWatermark(request.query.watermark);
      // A few streams per conversation: a newer one (a reload, a second tab) closes the oldest.
      const open = sockets.get(claims.conversationId) ?? new Set();
      sockets.set(claims.conversationId, open);
      open.add(socket);
      for (const old of open) {
        if (open.size <= BOUNDS.sockets) break;
        open.delete(old);
        old.close(1000, 'replaced');
      }
      let sending = Promise.resolve();
      const push = () => {
        sending = sending
          .then(async () => {
            for (let more = true; more && socket.readyState === socket.OPEN; ) {
              // A client that does not read would make the server hold everything for it: it is closed.
              if (socket.bufferedAmount > BOUNDS.bufferedBytes) return socket.terminate();
              const page = await pageOf(claims.conversationId, watermark);
              if (page.count === 0) return;
              watermark = page.watermark;
              more = page.more;
              socket.send(page.json);
            }
          })
          .catch((error: unknown) => {
            request.log.warn({ err: error }, 'stream could not be sent');
            socket.terminate();
          });
      };
      const unsubscribe = notifier.subscribe(claims.conversationId, push);
      // A stream ends when its token would have: the client then reconnects with a fresh one.
      const expiry = setTimeout(
        () => socket.close(1000, 'token expired'),
        Math.max(0, claims.exp * 1000 - Date.now()),
      );
      expiry.unref();
      socket.on('close', () => {
        unsubscribe();
        clearTimeout(expiry);
        open.delete(socket);
        if (open.size === 0 && sockets.get(claims.conversationId) === open)
          sockets.delete(claims.conversationId);
      });
      push();
    },
  );
}
