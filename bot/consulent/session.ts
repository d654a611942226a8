import { createHmac, randomBytes } from 'node:crypto';
import { secretMatches } from '../secrets.js';
import type { ConsulentUser } from './users.js';

/**
 * A consulent's session: a cookie `<payload>.<signature>`, HMAC-SHA256 with the server's session key.
 * The payload holds the name, a random id and the expiry; the signature also covers the user's password
 * hash, so a new password (or a removed user) ends every session of that user. Logging out revokes the id
 * until it would have expired anyway: that list is kept in storage (`AuthStore`), read by `ConsulentAuth`.
 */
export interface Session {
  user: string;
  id: string;
  /** Epoch ms. */
  expires: number;
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class Sessions {
  constructor(
    private readonly key: Buffer,
    readonly hours: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  private sign(payload: string, user: ConsulentUser): string {
    return createHmac('sha256', this.key)
      .update(`session\n${payload}\n`)
      .update(user.hash)
      .digest('base64url');
  }

  issue(user: ConsulentUser): { cookie: string; session: Session } {
    const session: Session = {
      user: user.name,
      id: randomBytes(16).toString('base64url'),
      expires: this.now() + this.hours * 3_600_000,
    };
    const payload = b64(JSON.stringify({ u: session.user, i: session.id, e: session.expires }));
    return { cookie: `${payload}.${this.sign(payload, user)}`, session };
  }

  /** The session of a cookie value, when its signature holds and it has not expired (revocation: the caller). */
  read(value: string | undefined, users: ReadonlyMap<string, ConsulentUser>): Session | undefined {
    if (!value || value.length > 1024) return undefined;
    const dot = value.indexOf('.');
    if (dot < 1) return undefined;
    const payload = value.slice(0, dot);
    let data: unknown;
    try {
      data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const { u, i, e } = (data ?? {}) as { u?: unknown; i?: unknown; e?: unknown };
    if (typeof u !== 'string' || typeof i !== 'string' || typeof e !== 'number') return undefined;
    const user = users.get(u);
    if (!user || !secretMatches(value.slice(dot + 1), this.sign(payload, user))) return undefined;
    if (e <= this.now()) return undefined;
    return { user: u, id: i, expires: e };
  }

  /** The CSRF token of a session: forms carry it, and it is worthless with any other session. */
  csrfToken(session: Session): string {
    return createHmac('sha256', this.key).update(`csrf\n${session.id}`).digest('base64url');
  }

  checkCsrf(session: Session, token: unknown): boolean {
    return typeof token === 'string' && secretMatches(token, this.csrfToken(session));
  }
}
