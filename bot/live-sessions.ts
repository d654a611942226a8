/**
 * The sessions of the conversations that spoke last, kept between their turns so that a turn need not
 * parse and restore its stored state (a third of a turn's own work). A turn takes its conversation's
 * session out, so two turns never share one, and puts it back with the eTag its commit gave. Whether it
 * may go on with it, the store says (`readUnlessCurrent`): anything written since (another instance's
 * turn, a retried turn) makes it restore from the store as before, and a turn that fails puts nothing
 * back. So the store stays the only truth, and what is kept here is at most `limit` conversations, none
 * idle for longer than `idleMs` (a timer drops them also when nobody speaks: they hold personal data).
 */
export class LiveSessions<T> {
  private readonly entries = new Map<string, { eTag: string; value: T; at: number }>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly limit: number,
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.sweep = setInterval(() => this.dropIdle(), Math.max(1000, idleMs / 2));
    this.sweep.unref();
  }

  /** Keeps nothing any more (the server closes). */
  clear(): void {
    clearInterval(this.sweep);
    this.entries.clear();
  }

  /** The session kept for `key` and the eTag it was stored with; it is no longer kept. */
  take(key: string): { eTag: string; value: T } | undefined {
    this.dropIdle();
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    return { eTag: entry.eTag, value: entry.value };
  }

  /** Keeps `value`, stored with `eTag`, as the most recent; the least recent goes past the limit. */
  put(key: string, eTag: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { eTag, value, at: this.now() });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limit) break;
      this.entries.delete(oldest);
    }
    this.dropIdle();
  }

  get size(): number {
    return this.entries.size;
  }

  // The map is in order of use, so the idle ones are at its start.
  private dropIdle(): void {
    const before = this.now() - this.idleMs;
    for (const [key, entry] of this.entries) {
      if (entry.at >= before) break;
      this.entries.delete(key);
    }
  }
}
