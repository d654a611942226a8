import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ConversationLog, RateStore } from '../../storage/interfaces.js';
import { addressKey } from '../address-key.js';
import type { TokenService } from '../directline/tokens.js';
import { randomId } from '../directline/tokens.js';

const body = z
  .object({
    conversationId: z.string().max(100).optional(),
    resume: z.string().max(200).optional(),
  })
  .strict()
  .optional();

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * `POST /api/webchat/token`: a short-lived Direct Line token for the website, without any secret in the page.
 * A browser that keeps the conversation's resume secret gets a fresh token for the same conversation after
 * a reload or a closed tab; everyone else gets a new conversation.
 */
export async function webchatTokenRoute(
  app: FastifyInstance,
  opts: {
    log: ConversationLog;
    tokens: TokenService;
    perMinute: number;
    rates: RateStore;
    conversationsPerHour: number;
  },
): Promise<void> {
  app.post(
    '/api/webchat/token',
    { config: { rateLimit: { max: opts.perMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const parsed = body.safeParse(request.body ?? undefined);
      if (!parsed.success) return reply.code(400).send({ error: 'invalid-input' });
      const { conversationId, resume } = parsed.data ?? {};
      if (conversationId && resume) {
        const known = await opts.log.get(conversationId);
        if (known?.resumeHash && known.resumeHash === hash(resume)) {
          const { token, expiresIn } = opts.tokens.issue(known.id, known.userId);
          return {
            conversationId: known.id,
            userId: known.userId,
            token,
            expires_in: expiresIn,
            resume,
            resumed: true,
          };
        }
      }
      // New conversations per address per hour, counted by every instance together and kept over a restart.
      const hit = await opts.rates.hit(
        `dl-new:${addressKey(request.ip)}`,
        opts.conversationsPerHour,
        3_600_000,
        Date.now(),
      );
      if (!hit.allowed) {
        reply.header('retry-after', String(Math.max(1, Math.ceil(hit.retryAfterMs / 1000))));
        return reply.code(429).send({ error: 'too-many-requests' });
      }
      const id = randomId(18);
      const userId = `dl_${randomId(12)}`;
      const secret = randomId(24);
      await opts.log.create({ id, userId, resumeHash: hash(secret) });
      const { token, expiresIn } = opts.tokens.issue(id, userId);
      return { conversationId: id, userId, token, expires_in: expiresIn, resume: secret, resumed: false };
    },
  );
}
