import { createHash } from 'node:crypto';

/**
 * A client address as a counter's key: hashed, so the rate windows in the database hold no address (AVG);
 * the same address gives the same key on every instance.
 */
export const addressKey = (address: string): string =>
  createHash('sha256').update(`mag-address:${address}`).digest('base64url').slice(0, 22);
