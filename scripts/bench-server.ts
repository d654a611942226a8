/**
 * The server as `npm run bench` starts it: `bot/server.ts`'s own path (`buildApp(loadConfig(env))`, listen),
 * plus one thing only the benchmark has. Started with `node --expose-gc`, a SIGUSR2 from the benchmark
 * collects the garbage and answers on standard output with `process.memoryUsage()` as one JSON line, so
 * memory is compared without what is merely not collected yet. Production never loads this file, and without
 * `--expose-gc` it does not listen for the signal at all.
 */
import { buildApp } from '../bot/app.js';
import { loadConfig } from '../bot/config.js';

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

process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});

await app.listen({ port: config.PORT, host: config.HOST });
process.stdout.write(`${JSON.stringify({ listening: config.PORT })}\n`);
