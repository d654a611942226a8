import { z } from 'zod';
import { isCalendarDate } from '../rules/index.js';

/**
 * Configuration from the environment; `.env.example` documents every variable. Read once at start-up,
 * so a wrong value stops the server with a clear message instead of failing a request later.
 */
const euros = z.coerce.number().min(0).optional();

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3978),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAG_TODAY: z
    .string()
    .refine(isCalendarDate, 'MAG_TODAY must be a date like 2026-11-23') // operator-facing
    .optional()
    .or(z.literal('').transform(() => undefined)),
  BUDGET_REMAINING_SPORT_EN_BEWEGEN: euros,
  BUDGET_REMAINING_OVERIGE_INITIATIEVEN: euros,
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
