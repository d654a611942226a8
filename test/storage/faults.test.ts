import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { startExpiry } from '../../bot/expiry.js';
import { SqliteConversationLog } from '../../storage/sqlite/conversation-log.js';
import { openDatabase } from '../../storage/sqlite/database.js';
import { SqliteStorage } from '../../storage/sqlite/sqlite-storage.js';
import { TODAY, tempDir } from '../helpers/channel-server.js';

/** Storage faults are seen, never silent: readiness, a new database in production, background jobs. */
const config = (env: Record<string, string>) => loadConfig({ MAG_TODAY: TODAY, LOG_LEVEL: 'silent', ...env });

describe('/readyz', () => {
  it('is 503 once the data folder is removed under the running server, and when the file is replaced', async () => {
    const temp = tempDir('mag-faults-');
    const path = join(temp.dir, 'data', 'mag.sqlite');
    const app = await buildApp(config({ DATABASE_PATH: path }));
    try {
      expect((await app.inject('/readyz')).statusCode).toBe(200);
      // A file of another database at the same path (a restore over a running server).
      renameSync(path, `${path}.old`);
      writeFileSync(path, '');
      expect((await app.inject('/readyz')).statusCode).toBe(503);
      rmSync(join(temp.dir, 'data'), { recursive: true, force: true });
      expect((await app.inject('/readyz')).statusCode).toBe(503);
    } finally {
      await app.close();
      temp.remove();
    }
  });
});

describe('a new database', () => {
  it('in production is refused unless DATABASE_INIT=true; an existing one opens as always', async () => {
    const temp = tempDir('mag-faults-');
    const path = join(temp.dir, 'mag.sqlite');
    const production = { DATABASE_PATH: path, NODE_ENV: 'production', PUBLIC_URL: 'https://mag.example.nl' };
    try {
      await expect(buildApp(config(production))).rejects.toThrow(/DATABASE_INIT=true/);
      const first = await buildApp(config({ ...production, DATABASE_INIT: 'true' }));
      await first.close();
      const again = await buildApp(config(production));
      expect((await again.inject('/readyz')).statusCode).toBe(200);
      await again.close();
      // Outside production a missing file is simply made (development, tests).
      const dev = await buildApp(config({ DATABASE_PATH: join(temp.dir, 'dev.sqlite') }));
      await dev.close();
    } finally {
      temp.remove();
    }
  });
});

describe('the expiry job', () => {
  it('a failing run is reported and the next one runs; the process never sees an unhandled rejection', async () => {
    const db = openDatabase(':memory:');
    const storage = new SqliteStorage(db);
    const log = new SqliteConversationLog(db);
    let calls = 0;
    vi.spyOn(log, 'idleSince').mockImplementation(async () => {
      calls++;
      if (calls === 1) throw new Error('database is locked');
      return [];
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const errors: unknown[] = [];
    const expiry = startExpiry({ storage, log, ttlMs: 1000, everyMs: 20, onError: (e) => errors.push(e) });
    try {
      await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(2), { timeout: 2000 });
      expect(errors).toHaveLength(1);
      expect(String(errors[0])).toContain('database is locked');
      expect(unhandled).toEqual([]);
    } finally {
      expiry.stop();
      process.off('unhandledRejection', onUnhandled);
      db.close();
    }
  });
});
