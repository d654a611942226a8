import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { FastifyInstance, FastifyReply } from 'fastify';

export interface MessagesRouteOptions {
  adapter: TeamsAdapter;
  runBot: (context: TurnContext) => Promise<void>;
}

/**
 * The Express-like response botbuilder's CloudAdapter writes to, recorded and sent once through Fastify
 * (Fastify's `reply.send` ends the response, the adapter may call `status`, `send` and `end` in turn).
 */
class ResponseShim {
  statusCode = 200;
  body: unknown;
  readonly headers: Record<string, string> = {};
  readonly socket = {};
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: string) {
    this.headers[name] = value;
    return this;
  }
  send(body?: unknown) {
    if (body !== undefined) this.body = body;
    return this;
  }
  end() {
    return this;
  }
  flush(reply: FastifyReply) {
    return reply
      .code(this.statusCode)
      .headers(this.headers)
      .send(this.body ?? '');
  }
}

/**
 * `POST /api/messages`: Bot Framework activities as Teams (through Azure Bot Service) sends them. With
 * `MicrosoftAppId` set the adapter validates the channel's JWT; without it runs in local mode.
 */
export async function messagesRoute(app: FastifyInstance, opts: MessagesRouteOptions): Promise<void> {
  app.post('/api/messages', async (request, reply) => {
    // botbuilder throws (a 500) on an activity without a type; that is the sender's mistake, not ours.
    const body = request.body as { type?: unknown } | undefined;
    if (typeof body !== 'object' || body === null || typeof body.type !== 'string') {
      return reply.code(400).send({ error: 'invalid-activity' });
    }
    const res = new ResponseShim();
    try {
      await opts.adapter.process(
        {
          body: request.body as Record<string, unknown>,
          headers: request.headers as Record<string, string>,
          method: request.method,
        },
        res as never,
        opts.runBot,
      );
    } catch (error) {
      // Authentication failures come back as errors with a status code; never leak details.
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 401 || status === 403) return reply.code(status).send({ error: 'unauthorized' });
      throw error;
    }
    return res.flush(reply);
  });
}
