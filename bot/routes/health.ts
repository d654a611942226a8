import type { FastifyInstance } from 'fastify';

export type ReadinessCheck = () => Promise<void> | void;

/** `GET /healthz`: the process answers. `GET /readyz`: every dependency (storage) answers too. */
export async function healthRoutes(app: FastifyInstance, opts: { checks: ReadinessCheck[] }): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    try {
      for (const check of opts.checks) await check();
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'not ready');
      return reply.code(503).send({ status: 'not-ready' });
    }
  });
}
