import type { FastifyInstance } from 'fastify';
import type { AppDependencies } from '../../bot/app.js';
import { buildApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { backendEnv } from './backends.js';

/** A server for `inject()`, with the date fixed and logs off. */
export async function testApp(
  env: Record<string, string> = {},
  deps: AppDependencies = {},
): Promise<FastifyInstance> {
  return buildApp(
    loadConfig({ MAG_TODAY: '2026-11-23', LOG_LEVEL: 'silent', ...backendEnv(env.DATABASE_PATH), ...env }),
    deps,
  );
}
