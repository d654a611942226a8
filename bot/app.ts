import type { FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import type { Config } from './config.js';
import { installErrorHandler } from './http-errors.js';
import { remainingBudgetOf } from './remaining-budget.js';
import { assessRoutes } from './routes/assess.js';
import type { ReadinessCheck } from './routes/health.js';
import { healthRoutes } from './routes/health.js';
import { makeClock } from './today.js';

export interface AppDependencies {
  readinessChecks?: ReadinessCheck[];
}

/** Builds the server without listening: tests use `app.inject()`, `server.ts` listens. */
export async function buildApp(config: Config, deps: AppDependencies = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      // Residents' answers are personal data: never log bodies or credentials.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
  });
  installErrorHandler(app);

  const today = makeClock(config.MAG_TODAY);
  const remainingBudget = remainingBudgetOf(config);

  await app.register(healthRoutes, { checks: deps.readinessChecks ?? [] });
  await app.register(assessRoutes, { today, remainingBudget });
  return app;
}
