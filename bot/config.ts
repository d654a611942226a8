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
// A signing key or secret short enough to guess is refused at start-up, not discovered in a breach.
const secret = z.preprocess(
  unset,
  z.string().min(32, 'at least 32 characters (e.g. `openssl rand -hex 32`)').optional(), // operator-facing
);
const number = (min: number, max: number, fallback: number) =>
  z.preprocess(unset, z.coerce.number().min(min).max(max).default(fallback));

const fields = z.object({
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
  // PostgreSQL instead of the SQLite file, for several instances on one database (`postgres://…`), and the
  // schema its tables live in.
  DATABASE_URL: z.preprocess(
    unset,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://') // operator-facing
      .optional(),
  ),
  DATABASE_SCHEMA: z.preprocess(
    unset,
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'DATABASE_SCHEMA: lower-case letters, digits and underscores') // operator-facing
      .default('public'),
  ),
  DATABASE_POOL_SIZE: number(2, 200, 10),
  // Production makes a new database only when told: once, at the first start.
  DATABASE_INIT: z
    .preprocess(unset, z.enum(['true', 'false']).default('false'))
    .transform((v) => v === 'true'),
  PUBLIC_URL: z.preprocess(unset, z.string().url().optional()),
  DIRECTLINE_SECRET: secret,
  DIRECTLINE_TOKEN_TTL_SECONDS: number(60, 86_400, 1800),
  TOKEN_SIGNING_KEY: secret,
  RATE_LIMIT_PER_MINUTE: number(1, 100_000, 60),
  // Bounds on one website conversation and on one address, so a script cannot fill the disk or the memory.
  DIRECTLINE_POSTS_PER_MINUTE: number(1, 100_000, 60),
  CONVERSATIONS_PER_HOUR: number(1, 1_000_000, 60),
  CONVERSATION_TTL_HOURS: number(1, 24 * 365, 168),
  // Which proxies may say who the client is (X-Forwarded-For/-Proto), as Fastify's `trustProxy` takes it: the
  // number of proxies in front (1 for one load balancer; `true` means that one), or their addresses or
  // networks, comma-separated. Never every client's own header: that would let anyone choose their address.
  TRUST_PROXY: z
    .preprocess(unset, z.string().default('false'))
    .transform((v, ctx): false | number | string => {
      const value = v.trim();
      if (value === '' || value === 'false' || value === '0') return false;
      if (value === 'true') return 1;
      if (/^\d+$/.test(value)) return Number(value);
      const parts = value.split(',').map((p) => p.trim());
      if (parts.every((p) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(p))) return parts.join(',');
      const message = 'TRUST_PROXY: a number of proxies, or their addresses (comma-separated)'; // operator-facing
      ctx.addIssue({ code: 'custom', message });
      return false;
    }),
  CONSULENT_USERS: optionalText,
  CONSULENT_SESSION_HOURS: number(1, 24 * 30, 8),
  DRAFT_RETENTION_DAYS: number(1, 3650, 365),
  // How residents reach the buurtwerk (neighbourhood initiatives up to € 500), as a referral says it.
  BUURTWERK_CONTACT: optionalText,
  BUURTWERK_CONTACT_EN: optionalText,
  // The buurtwerk's mailbox for callback requests about neighbourhood initiatives (else CONSULENT_EMAIL's).
  BUURTWERK_EMAIL: z.preprocess(unset, z.string().email().optional()),
  // When someone gets in touch after a callback request ("Dat gebeurt …"): the chat's default otherwise.
  CALLBACK_PROMISE: optionalText,
  CALLBACK_PROMISE_EN: optionalText,
  // Callback requests are deleted this many days after they were made; unset: as drafts.
  CALLBACK_RETENTION_DAYS: z.preprocess(unset, z.coerce.number().min(1).max(3650).optional()),
  // Outgoing mail (mail/): the SMTP server that relays it (smtp://host:port, smtps:// for TLS from the first
  // byte, user:password@ when it asks for a login). Unset: no mail is sent, and the start-up log says so.
  SMTP_URL: z.preprocess(
    unset,
    z
      .string()
      .url()
      .refine((v) => /^smtps?:\/\//.test(v), 'SMTP_URL must start with smtp:// or smtps://') // operator-facing
      .optional(),
  ),
  // The sender of every mail (`MAG-assistent <mag@hardinxveld-giessendam.nl>`); required with SMTP_URL.
  MAIL_FROM: optionalText,
  // The consulent's mailbox (comma-separated for several): told of each new draft, without personal data.
  CONSULENT_EMAIL: optionalText,
  NODE_ENV: optionalText,
  // Teams without authentication, for a client on this machine (Agents Playground, the Emulator, tests).
  TEAMS_LOCAL: z.preprocess(unset, z.enum(['true', 'false']).default('false')).transform((v) => v === 'true'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.preprocess(
    unset,
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  ),
  MicrosoftAppTenantId: optionalText,
});

// An open /api/messages is a way to make the server call any address: never by accident, never in production.
const schema = fields.superRefine((config, ctx) => {
  // Links in chats and mails are built from PUBLIC_URL only: never from a Host header a caller sends.
  if (config.NODE_ENV === 'production' && !config.PUBLIC_URL) {
    const message = 'PUBLIC_URL is required when NODE_ENV=production'; // operator-facing
    ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message });
  }
  if (!config.TEAMS_LOCAL) return;
  if (config.NODE_ENV === 'production') {
    const message = 'TEAMS_LOCAL=true is refused when NODE_ENV=production'; // operator-facing
    ctx.addIssue({ code: 'custom', path: ['TEAMS_LOCAL'], message });
  }
  if (config.MicrosoftAppId) {
    const message = 'TEAMS_LOCAL=true is for a server without MicrosoftAppId'; // operator-facing
    ctx.addIssue({ code: 'custom', path: ['TEAMS_LOCAL'], message });
  }
});

export type Config = z.infer<typeof schema>;

/** How `/api/messages` trusts its callers (see `TeamsMode`). */
export function teamsModeOf(config: Config): 'authenticated' | 'local' | 'off' {
  if (config.MicrosoftAppId) return 'authenticated';
  return config.TEAMS_LOCAL ? 'local' : 'off';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The intake's wording settings from the configuration: the buurtwerk's contact, how long drafts are kept. */
export function wordingOf(config: Config) {
  const nl = config.BUURTWERK_CONTACT;
  const promise = config.CALLBACK_PROMISE;
  return {
    ...(nl && { buurtwerkContact: { nl, en: config.BUURTWERK_CONTACT_EN ?? nl } }),
    // An English phrase only when one is set: a Dutch one in an English sentence reads worse than the default.
    ...(promise && {
      callbackPromise: { nl: promise, ...(config.CALLBACK_PROMISE_EN && { en: config.CALLBACK_PROMISE_EN }) },
    }),
    draftRetentionDays: config.DRAFT_RETENTION_DAYS,
  };
}
