import { timingSafeEqual } from 'node:crypto';

/** Compares a presented secret or signature with the expected one without leaking timing. */
export function secretMatches(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
