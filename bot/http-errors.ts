import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { InputIssue } from '../rules/index.js';
import { message } from '../rules/index.js';

export function invalidInput(reply: FastifyReply, issues: InputIssue[]) {
  return reply.code(400).send({ error: 'invalid-input', issues });
}

/**
 * One error handler for the whole server: input the client got wrong (bad JSON, too large, wrong
 * content type) gets a 4xx that says so; anything else is logged and answered without details.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const key =
        status === 413
          ? 'validation.tooLarge'
          : error instanceof SyntaxError || error.code?.includes('JSON')
            ? 'validation.json'
            : 'validation.invalid';
      const lang = (request.query as Record<string, unknown> | undefined)?.lang === 'en' ? 'en' : 'nl';
      return reply
        .code(status)
        .send({ error: 'invalid-input', issues: [{ path: '', message: message(lang, key) }] });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal-error' });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not-found' }));
}
