import { z } from 'zod';
import { isCalendarDate } from '../rules/index.js';

/**
 * Configuration from the environment; `.env.example` documents every variable. Read once at start-up,
 * so a wrong value stops the server with a clear message instead of failing a request later.
 */
// An empty line in `.env` means "not set", never 0 or "".
const unset = (v: unknown) => (v === '' ? undefined : v);
const euros = z.preprocess(unset, z.coerce.number().min(0).optional());
const optionalText = z.preprocess(unset, z.string().optional());
const number = (min: number, max: number, fallback: number) =>
  z.preprocess(unset, z.coerce.number().min(min).max(max).default(fallback));

const schema = z.object({
  PORT: number(0, 65_535, 3978),
  HOST: z.preprocess(unset, z.string().default('127.0.0.1')),
  LOG_LEVEL: z.preprocess(
    unset,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  MAG_TODAY: z.preprocess(
    unset,
    z.string().refine(isCalendarDate, 'MAG_TODAY must be a date like 2026-11-23').optional(), // operator-facing
  ),
  BUDGET_REMAINING_SPORT_EN_BEWEGEN: euros,
  BUDGET_REMAINING_OVERIGE_INITIATIEVEN: euros,
  BODY_LIMIT_BYTES: number(1024, 10_000_000, 64 * 1024),
  DATABASE_PATH: z.preprocess(unset, z.string().default('data/mag.sqlite')),
  PUBLIC_URL: z.preprocess(unset, z.string().url().optional()),
  DIRECTLINE_SECRET: optionalText,
  DIRECTLINE_TOKEN_TTL_SECONDS: number(60, 86_400, 1800),
  TOKEN_SIGNING_KEY: optionalText,
  RATE_LIMIT_PER_MINUTE: number(1, 100_000, 60),
  CONVERSATION_TTL_HOURS: number(1, 24 * 365, 168),
  TRUST_PROXY: z.preprocess(unset, z.enum(['true', 'false']).default('false')).transform((v) => v === 'true'),
  CONSULENT_USERS: optionalText,
  CONSULENT_SESSION_HOURS: number(1, 24 * 30, 8),
  DRAFT_RETENTION_DAYS: number(1, 3650, 365),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.preprocess(
    unset,
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  ),
  MicrosoftAppTenantId: optionalText,
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
