import { createHmac, randomBytes } from 'node:crypto';
import { secretMatches } from '../secrets.js';

/** What a Direct Line token grants: one conversation, as one user, until it expires. */
export interface TokenClaims {
  conversationId: string;
  userId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** How many checked tokens are remembered (a few hundred bytes each): far more than turns in flight. */
const VERIFIED_TOKENS = 1024;

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const HEADER = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * Signed, short-lived tokens (HS256 JWTs) bound to their conversation. The signing key never leaves the
 * server; a token for one conversation never opens another.
 */
export class TokenService {
  /**
   * Tokens whose signature was checked, with their claims: every request of a turn carries the same token,
   * and the HMAC is the dearest part of checking it. Keyed by the whole token, so only the very same string
   * is found; expiry is checked on every call. Bounded: the oldest goes first.
   */
  private readonly verified = new Map<string, TokenClaims>();

  constructor(
    private readonly key: Buffer,
    readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(conversationId: string, userId: string): { token: string; expiresIn: number } {
    const claims = {
      conv: conversationId,
      sub: userId,
      // Web Chat takes the user id from this claim, so a page cannot pose as another user.
      user: userId,
      iat: Math.floor(this.now() / 1000),
      exp: Math.floor(this.now() / 1000) + this.ttlSeconds,
    };
    const body = `${HEADER}.${b64url(JSON.stringify(claims))}`;
    return { token: `${body}.${this.sign(body)}`, expiresIn: this.ttlSeconds };
  }

  /** The claims of a valid, unexpired token; `undefined` for anything else. */
  verify(token: string | undefined): TokenClaims | undefined {
    if (!token || token.length > 2048) return undefined;
    const known = this.verified.get(token);
    if (known) {
      if (known.exp * 1000 > this.now()) return { ...known };
      this.verified.delete(token);
      return undefined;
    }
    const claims = this.check(token);
    if (claims) {
      if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, claims);
      return { ...claims };
    }
    return undefined;
  }

  private check(token: string): TokenClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
    if (!secretMatches(parts[2], this.sign(`${parts[0]}.${parts[1]}`))) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
      if (
        typeof claims.conv !== 'string' ||
        typeof claims.sub !== 'string' ||
        typeof claims.exp !== 'number'
      ) {
        return undefined;
      }
      if (claims.exp * 1000 <= this.now()) return undefined;
      return { conversationId: claims.conv, userId: claims.sub, exp: claims.exp };
    } catch {
      return undefined;
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

export const randomId = (bytes = 16): string => randomBytes(bytes).toString('base64url');
