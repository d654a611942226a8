import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from './session.js';
import { Sessions } from './session.js';
import { FailureThrottle } from './throttle.js';
import type { ConsulentUser } from './users.js';
import { parseUsers, verifyPassword } from './users.js';

/** A failure says how long the address is refused now (0: it may try again). */
export type LoginResult = { ok: true; user: ConsulentUser } | { ok: false; blockedMs: number };

/** How long a correct HTTP Basic header is remembered, so a case system's polling is not one scrypt each. */
const BASIC_CACHE_MS = 5 * 60_000;
const BASIC_CACHE_SIZE = 100;

/**
 * Who is asking: the session cookie of the pages, or HTTP Basic with the same credentials (for a case
 * system on `/api/drafts`). Failures of either count against the caller's address.
 */
export class ConsulentAuth {
  readonly users: ReadonlyMap<string, ConsulentUser>;
  readonly sessions: Sessions;
  readonly throttle: FailureThrottle;
  /** `__Host-` binds the cookie to this host and path `/` when it can (it needs `Secure`). */
  readonly cookieName: string;
  readonly secure: boolean;
  private readonly key: Buffer;
  private readonly basicCache = new Map<string, { user: string; until: number }>();

  constructor(
    options: { users: string | undefined; sessionKey: Buffer; sessionHours: number; secureCookies: boolean },
    private readonly now: () => number = () => Date.now(),
  ) {
    this.users = parseUsers(options.users);
    this.key = options.sessionKey;
    this.secure = options.secureCookies;
    this.sessions = new Sessions(options.sessionKey, options.sessionHours, now);
    this.throttle = new FailureThrottle(5, 15 * 60_000, now);
    this.cookieName = options.secureCookies ? '__Host-mag-consulent' : 'mag-consulent';
  }

  get configured(): boolean {
    return this.users.size > 0;
  }

  sessionOf(request: FastifyRequest): Session | undefined {
    return this.sessions.read(readCookie(request.headers.cookie, this.cookieName), this.users);
  }

  async login(address: string, name: string, password: string): Promise<LoginResult> {
    const blockedMs = this.throttle.blockedFor(address);
    if (blockedMs > 0) return { ok: false, blockedMs };
    const user = await verifyPassword(this.users, name, password);
    if (!user) {
      this.throttle.fail(address);
      return { ok: false, blockedMs: this.throttle.blockedFor(address) };
    }
    this.throttle.succeed(address);
    return { ok: true, user };
  }

  /** HTTP Basic: the user, `undefined` without the header, or the failure. */
  async basic(request: FastifyRequest): Promise<LoginResult | undefined> {
    const header = request.headers.authorization;
    if (!header?.startsWith('Basic ')) return undefined;
    const digest = createHmac('sha256', this.key).update(`basic\n${header}`).digest('base64url');
    const cached = this.basicCache.get(digest);
    const user = cached && cached.until > this.now() ? this.users.get(cached.user) : undefined;
    if (user) return { ok: true, user };
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const result = await this.login(
      request.ip,
      colon < 0 ? decoded : decoded.slice(0, colon),
      colon < 0 ? '' : decoded.slice(colon + 1),
    );
    if (result.ok) {
      if (this.basicCache.size >= BASIC_CACHE_SIZE) this.basicCache.clear();
      this.basicCache.set(digest, { user: result.user.name, until: this.now() + BASIC_CACHE_MS });
    }
    return result;
  }

  setSessionCookie(reply: FastifyReply, value: string): void {
    reply.header('set-cookie', this.cookie(value, this.sessions.hours * 3600));
  }

  clearSessionCookie(reply: FastifyReply): void {
    reply.header('set-cookie', this.cookie('', 0));
  }

  private cookie(value: string, maxAge: number): string {
    return [
      `${this.cookieName}=${value}`,
      'Path=/',
      `Max-Age=${maxAge}`,
      'HttpOnly',
      'SameSite=Strict',
      ...(this.secure ? ['Secure'] : []),
    ].join('; ');
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export const minutesOf = (ms: number): number => Math.max(1, Math.ceil(ms / 60_000));
