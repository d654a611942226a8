import type { RateStore } from '../storage/interfaces.js';
import { addressKey } from './address-key.js';

type Done = (error: Error | null, result?: { current: number; ttl: number }) => void;
interface RouteLimit {
  routeInfo?: { url?: string; method?: string | string[] };
  timeWindow?: unknown;
  max?: unknown;
}

/**
 * A store for `@fastify/rate-limit` on the server's `RateStore`: a route's limit per client counts the
 * requests of every instance together and survives a restart, where the plugin's own store counts per
 * process. The address is hashed before it is stored (`addressKey`).
 */
export function sharedRateLimitStore(rates: RateStore) {
  return class SharedRateLimitStore {
    private readonly route: string;

    constructor(private readonly options: RouteLimit = {}) {
      const info = options.routeInfo;
      this.route = `${String(info?.method ?? '')} ${info?.url ?? ''}`;
    }

    // The plugin passes the route's window and limit (its types leave them out); the route's own options
    // say the same.
    incr(key: string, done: Done, timeWindow?: number, max?: number): void {
      const windowMs =
        timeWindow ?? (typeof this.options.timeWindow === 'number' ? this.options.timeWindow : 60_000);
      const limit = max ?? (typeof this.options.max === 'number' ? this.options.max : 1000);
      rates.hit(`http ${this.route} ${addressKey(key)}`, limit, windowMs, Date.now()).then(
        (hit) => done(null, { current: hit.allowed ? hit.count : limit + 1, ttl: hit.resetMs }),
        (error: Error) => done(error),
      );
    }

    child(routeOptions: object) {
      return new SharedRateLimitStore(routeOptions as RouteLimit);
    }
  };
}
