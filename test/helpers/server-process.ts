import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** A port nobody listens on right now (asked from the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `tsx bot/server.ts` as a real process, the way `npm start` runs it. tsx runs the server in a child
 * process of its own, so the process is started in a new process group and killed as a group.
 */
export class ServerProcess {
  private child?: ChildProcess;
  output = '';
  base = '';

  constructor(private readonly env: Record<string, string>) {}

  async start(timeoutMs = 20_000): Promise<this> {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, ...this.env, PORT: String(port), HOST: '127.0.0.1' };
    // Only what the test sets: no signing key or secret from the environment of the test run.
    for (const key of ['TOKEN_SIGNING_KEY', 'DIRECTLINE_SECRET', 'MicrosoftAppId', 'MicrosoftAppPassword']) {
      if (!(key in this.env)) delete env[key];
    }
    this.child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['bot/server.ts'], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => {
      this.output += String(d);
    });
    this.child.stderr!.on('data', (d) => {
      this.output += String(d);
    });
    this.base = `http://127.0.0.1:${port}`;
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`the server exited early:\n${this.output}`);
      try {
        const res = await fetch(`${this.base}/readyz`);
        if (res.status === 200) return this;
      } catch {
        // not listening yet
      }
      if (Date.now() > until) throw new Error(`the server was not ready in time:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Kills the whole process group with `signal` (SIGKILL: no shutdown hook runs) and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
    await exited;
  }
}
