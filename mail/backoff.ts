/**
 * When a mail that could not be sent is tried again: soon at first (a mail server restarting, a network
 * hiccup), then less and less often, and not after `giveUpAfterMs` from when it was queued.
 */
export interface Backoff {
  /** The wait after the 1st, 2nd, … failed attempt. */
  delaysMs: readonly number[];
  /** The wait after every later failed attempt. */
  thenEveryMs: number;
  /** Counted from when the mail was queued: the last attempt is at this moment at the latest. */
  giveUpAfterMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, then every 3 h; given up after 3 days. */
export const DEFAULT_BACKOFF: Backoff = {
  delaysMs: [10 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR],
  thenEveryMs: 3 * HOUR,
  giveUpAfterMs: 3 * 24 * HOUR,
};

/** The wait after failed attempt number `attempts` (1 for the first). */
export function delayAfter(backoff: Backoff, attempts: number): number {
  return backoff.delaysMs[Math.max(attempts, 1) - 1] ?? backoff.thenEveryMs;
}

/**
 * After a failed attempt at `now`: when to try again, or to give up. The last attempt falls exactly on the
 * end of the period (a retry that would come later is moved to it), and a failure at or after that end
 * gives up.
 */
export function retryDecision(
  backoff: Backoff,
  failure: { attempts: number; createdAt: number; now: number },
): { retryAt: number } | { giveUp: true } {
  const end = failure.createdAt + backoff.giveUpAfterMs;
  if (failure.now >= end) return { giveUp: true };
  return { retryAt: Math.min(failure.now + delayAfter(backoff, failure.attempts), end) };
}
