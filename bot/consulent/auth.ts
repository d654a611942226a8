import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthStore } from '../../storage/interfaces.js';
import type { Session } from './session.js';
import { Sessions } from './session.js';
import type { ConsulentUser } from './users.js';
import { parseUsers, verifyPassword } from './users.js';

/** A failure says how long the address is refused now (0: it may try again). */
export type LoginResult = { ok: true; user: ConsulentUser } | { ok: false; blockedMs: number };

/** Attempts an address may make in the window before it is refused for the window (the form and Basic alike). */
export const LOGIN_LIMIT = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;

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
  /** `__Host-` binds the cookie to this host and path `/` when it can (it needs `Secure`). */
  readonly cookieName: string;
  readonly secure: boolean;
  private readonly key: Buffer;
  private readonly store: AuthStore;
  private readonly basicCache = new Map<string, { user: string; until: number }>();

  constructor(
    options: {
      users: string | undefined;
      sessionKey: Buffer;
      sessionHours: number;
      secureCookies: boolean;
      store: AuthStore;
    },
    private readonly now: () => number = () => Date.now(),
  ) {
    this.users = parseUsers(options.users);
    this.key = options.sessionKey;
    this.secure = options.secureCookies;
    this.store = options.store;
    this.sessions = new Sessions(options.sessionKey, options.sessionHours, now);
    this.cookieName = options.secureCookies ? '__Host-mag-consulent' : 'mag-consulent';
  }

  get configured(): boolean {
    return this.users.size > 0;
  }

  /** The session of the request's cookie: signed, not expired, and not logged out (on any instance). */
  async sessionOf(request: FastifyRequest): Promise<Session | undefined> {
    const session = this.sessions.read(readCookie(request.headers.cookie, this.cookieName), this.users);
    if (!session || (await this.store.isRevoked(session.id, this.now()))) return undefined;
    return session;
  }

  /** Logging out revokes the session until it would have expired: also after a restart. */
  async logout(session: Session): Promise<void> {
    await this.store.revokeSession(session.id, session.expires);
    await this.store.purge(this.now(), LOGIN_WINDOW_MS);
  }

  /**
   * The attempt is counted before the password is checked, so a burst of parallel guesses gets no more
   * tries than a slow one; a correct password clears the count.
   */
  async login(address: string, name: string, password: string): Promise<LoginResult> {
    const attempt = await this.store.reserveAttempt(address, this.now(), LOGIN_LIMIT, LOGIN_WINDOW_MS);
    if (!attempt.allowed) return { ok: false, blockedMs: attempt.retryAfterMs };
    const user = await verifyPassword(this.users, name, password);
    // The last attempt failed: the address is refused from now on, and is told so at once.
    if (!user) return { ok: false, blockedMs: attempt.remaining === 0 ? LOGIN_WINDOW_MS : 0 };
    await this.store.clearAttempts(address);
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
    reply.header('set-cookie', this.cookie(value, this.sessions.hours * 3600, reply.request.protocol));
  }

  clearSessionCookie(reply: FastifyReply): void {
    reply.header('set-cookie', this.cookie('', 0, reply.request.protocol));
  }

  /** `Secure` behind https: the configured public URL says so, or a trusted proxy's X-Forwarded-Proto does. */
  private cookie(value: string, maxAge: number, protocol: string): string {
    return [
      `${this.cookieName}=${value}`,
      'Path=/',
      `Max-Age=${maxAge}`,
      'HttpOnly',
      'SameSite=Strict',
      ...(this.secure || protocol === 'https' ? ['Secure'] : []),
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
