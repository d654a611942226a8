import { EventEmitter } from 'node:events';
import type { ActivitySignal, Exclusive, TurnOrder } from './interfaces.js';

/** New activities, told to the streams of this process. */
export class LocalActivitySignal implements ActivitySignal {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  notify(conversationId: string): void {
    this.emitter.emit(conversationId);
  }

  subscribe(conversationId: string, listener: () => void): () => void {
    this.emitter.on(conversationId, listener);
    return () => this.emitter.off(conversationId, listener);
  }
}

/**
 * One conversation's turns one after the other in this process. Only conversations with a turn running or
 * waiting are kept: a finished conversation leaves nothing behind.
 */
export class LocalTurnOrder implements TurnOrder {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.tails.set(conversationId, tail);
    void tail.then(() => {
      if (this.tails.get(conversationId) === tail) this.tails.delete(conversationId);
    });
    return next;
  }
}

/**
 * One run at a time in this process. On SQLite that is enough: processes sharing the file wait for each
 * other's write lock, and the expiry job's deletes do the same thing twice at worst.
 */
export class LocalExclusive implements Exclusive {
  private readonly running = new Set<string>();

  async run<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
    if (this.running.has(name)) return undefined;
    this.running.add(name);
    try {
      return await work();
    } finally {
      this.running.delete(name);
    }
  }
}
