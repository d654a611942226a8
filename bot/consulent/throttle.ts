/**
 * Failed logins per address (the login form and HTTP Basic alike): after `limit` failures within
 * `windowMs` the address is refused for `windowMs`, even with the right password. In memory: a restart
 * forgets it, which is acceptable for a handful of consulent accounts.
 */
export class FailureThrottle {
  private readonly entries = new Map<string, { failures: number; since: number; blockedUntil: number }>();

  constructor(
    readonly limit = 5,
    readonly windowMs = 15 * 60_000,
    private readonly now: () => number = () => Date.now(),
    private readonly maxEntries = 10_000,
  ) {}

  /** Milliseconds until `address` may try again; 0 when it may now. */
  blockedFor(address: string): number {
    const entry = this.entries.get(address);
    return entry ? Math.max(0, entry.blockedUntil - this.now()) : 0;
  }

  fail(address: string): void {
    const now = this.now();
    let entry = this.entries.get(address);
    if (!entry || now - entry.since > this.windowMs) {
      if (!entry && this.entries.size >= this.maxEntries) this.prune(now);
      entry = { failures: 0, since: now, blockedUntil: 0 };
      this.entries.set(address, entry);
    }
    entry.failures += 1;
    if (entry.failures >= this.limit) entry.blockedUntil = now + this.windowMs;
  }

  succeed(address: string): void {
    this.entries.delete(address);
  }

  private prune(now: number): void {
    for (const [address, entry] of this.entries) {
      if (entry.blockedUntil <= now && now - entry.since > this.windowMs) this.entries.delete(address);
    }
    // Still full (a flood of addresses): forget the oldest rather than grow without bound.
    for (const address of this.entries.keys()) {
      if (this.entries.size < this.maxEntries) break;
      this.entries.delete(address);
    }
  }
}
