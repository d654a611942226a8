/**
 * The server as `npm run bench` starts it: `bot/server.ts`'s own path (`buildApp(loadConfig(env))`, listen),
 * plus two things only the benchmark has. Production never loads this file.
 *  - Started with `node --expose-gc`, a SIGUSR2 from the benchmark collects the garbage and answers on
 *    standard output with `process.memoryUsage()` as one JSON line, so memory is compared without what is
 *    merely not collected yet. Without `--expose-gc` it does not listen for the signal at all.
 *  - The line `parts` on standard input answers with where the turns' time went so far (`TurnParts`).
 */
import { createInterface } from 'node:readline';
import { buildApp } from '../bot/app.js';
import { loadConfig } from '../bot/config.js';
import { IntakeSession } from '../dialogs/session.js';
import { SqliteTurnStore } from '../storage/sqlite/turn-store.js';

/**
 * Milliseconds spent inside the dialog (`IntakeSession.handle`: parse, machine, rules, wording) and inside
 * SQLite's turn transactions (`SqliteTurnStore`'s group commit, several turns each), and how often each
 * ran. Both run synchronously from call to return, so the time between is their own work, never another
 * request's. PostgreSQL's commit waits for the network, so its time is not its CPU: it is not counted.
 */
export interface TurnParts {
  dialogMs: number;
  dialogs: number;
  sqliteCommitMs: number;
  sqliteCommits: number;
}
const parts: TurnParts = { dialogMs: 0, dialogs: 0, sqliteCommitMs: 0, sqliteCommits: 0 };

/** Wraps a method that runs synchronously, adding its time and its calls to two of `parts`. */
function timed(
  target: object,
  name: string,
  msKey: 'dialogMs' | 'sqliteCommitMs',
  callsKey: 'dialogs' | 'sqliteCommits',
): void {
  const methods = target as Record<string, (...args: unknown[]) => unknown>;
  const original = methods[name];
  // A method renamed elsewhere would leave the bench timing nothing: it stops here instead.
  if (typeof original !== 'function') throw new Error(`bench-server: no method ${name} to time`);
  methods[name] = function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      parts[msKey] += performance.now() - t0;
      parts[callsKey]++;
    }
  };
}
timed(IntakeSession.prototype, 'handle', 'dialogMs', 'dialogs');
// A group of turns commits at once, after they have all been handed over: that is the work to time.
timed(SqliteTurnStore.prototype, 'commitPending', 'sqliteCommitMs', 'sqliteCommits');

const config = loadConfig(process.env);
const app = await buildApp(config);

const gc = (globalThis as { gc?: (options?: { type: 'major'; execution: 'sync' }) => void }).gc;
if (gc) {
  process.on('SIGUSR2', () => {
    // Twice: what a first collection finalises (weak references, finalisers) is freed by the second.
    gc();
    gc();
    process.stdout.write(`${JSON.stringify({ gc: process.memoryUsage() })}\n`);
  });
}
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'parts') process.stdout.write(`${JSON.stringify({ parts })}\n`);
});

process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});

await app.listen({ port: config.PORT, host: config.HOST });
process.stdout.write(`${JSON.stringify({ listening: config.PORT })}\n`);
