import type {
  CallbackStore,
  ConversationLog,
  ConversationStateStore,
  DraftStore,
  Exclusive,
  RateStore,
} from '../storage/interfaces.js';

/**
 * Abandoned conversations are personal data nobody needs: every few minutes, forget the dialog state and
 * the activity log of conversations untouched for longer than the retention period.
 */
export function startExpiry(opts: {
  storage: ConversationStateStore;
  log: ConversationLog;
  ttlMs: number;
  /** Drafts (with their transcripts) are deleted this long after they were made. */
  drafts?: DraftStore;
  draftRetentionMs?: number;
  /** Callback requests are deleted this long after they were made; deletions reported by reference. */
  callbacks?: {
    store: CallbackStore;
    retentionMs: number;
    onDeleted?: (deleted: { id: string; reference: string }[]) => void;
  };
  /** Counting windows (per conversation, per hashed address) are forgotten once they are over. */
  rates?: RateStore;
  everyMs?: number;
  /** After a run that deleted something: make it unreadable in the files too. */
  afterDelete?: () => Promise<void> | void;
  /** With several instances on one database, a run happens on one of them at a time; the others skip it. */
  exclusive?: Exclusive;
  /** A run that failed (a locked or full disk): reported, and the next run tries again. */
  onError?: (error: unknown) => void;
  onExpired?: (count: number) => void;
  onDraftsDeleted?: (deleted: { id: string; reference: string }[]) => void;
}): { stop: () => void; runOnce: () => Promise<number> } {
  const run = async () => {
    const now = Date.now();
    const before = now - opts.ttlMs;
    let count = await opts.storage.purgeIdle(before);
    for (const id of await opts.log.idleSince(before)) {
      await opts.log.delete(id);
      count++;
    }
    if (count > 0) opts.onExpired?.(count);
    if (opts.drafts && opts.draftRetentionMs !== undefined) {
      const deleted = await opts.drafts.deleteCreatedBefore(
        new Date(now - opts.draftRetentionMs).toISOString(),
      );
      if (deleted.length > 0) opts.onDraftsDeleted?.(deleted);
      count += deleted.length;
    }
    if (opts.callbacks) {
      const { store, retentionMs, onDeleted } = opts.callbacks;
      const deleted = await store.deleteCreatedBefore(new Date(now - retentionMs).toISOString());
      if (deleted.length > 0) onDeleted?.(deleted);
      count += deleted.length;
    }
    await opts.rates?.purge(now - 2 * 3_600_000);
    if (count > 0) await opts.afterDelete?.();
    return count;
  };
  const runOnce = async () => (opts.exclusive ? ((await opts.exclusive.run('expiry', run)) ?? 0) : run());
  const timer = setInterval(
    () => void runOnce().catch((error: unknown) => opts.onError?.(error)),
    opts.everyMs ?? 10 * 60_000,
  );
  timer.unref();
  return { stop: () => clearInterval(timer), runOnce };
}
