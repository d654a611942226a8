import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ConversationLog } from '../../storage/interfaces.js';
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
  opts: { log: ConversationLog; tokens: TokenService; perMinute: number },
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
      const id = randomId(18);
      const userId = `dl_${randomId(12)}`;
      const secret = randomId(24);
      await opts.log.create({ id, userId, resumeHash: hash(secret) });
      const { token, expiresIn } = opts.tokens.issue(id, userId);
      return { conversationId: id, userId, token, expires_in: expiresIn, resume: secret, resumed: false };
    },
  );
}
