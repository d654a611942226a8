import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { backendEnv } from './backends.js';

export const TODAY = '2026-11-23';

export interface ChannelServer {
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>`; empty when the server does not listen (inject only). */
  base: string;
  dir: string;
  databasePath: string;
  close: () => Promise<void>;
}

/** A fresh temporary directory; removed by the returned function. */
export function tempDir(prefix = 'mag-channels-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The whole server on a fresh SQLite file in a temporary directory, with the date fixed and logs off.
 * `listen: true` listens on 127.0.0.1 on a free port (real HTTP and WebSocket); otherwise use `inject`.
 * `setup` runs before listening (hooks cannot be added after).
 */
export async function startServer(
  env: Record<string, string> = {},
  { listen = true, setup }: { listen?: boolean; setup?: (app: FastifyInstance) => void | Promise<void> } = {},
): Promise<ChannelServer> {
  const { dir, remove } = tempDir();
  const databasePath = join(dir, 'mag.sqlite');
  let app: FastifyInstance;
  try {
    app = await buildApp(
      loadConfig({
        MAG_TODAY: TODAY,
        LOG_LEVEL: 'silent',
        DATABASE_PATH: databasePath,
        ...backendEnv(databasePath),
        ...env,
      }),
    );
  } catch (error) {
    remove();
    throw error;
  }
  let base = '';
  try {
    await setup?.(app);
    if (listen) {
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    }
  } catch (error) {
    await app.close();
    remove();
    throw error;
  }
  return {
    app,
    base,
    dir,
    databasePath,
    close: async () => {
      await app.close();
      remove();
    },
  };
}

export interface RecordedRequest {
  method: string;
  url: string;
  authorization?: string;
}

/** Records every request the server receives (add with `setup`). */
export function recordRequests(into: RecordedRequest[]) {
  return (app: FastifyInstance) => {
    app.addHook('onRequest', async (request) => {
      into.push({ method: request.method, url: request.url, authorization: request.headers.authorization });
    });
  };
}
