import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';

describe('request logs', () => {
  it('name method and path, never a query string (tokens, signed links), a body or the client address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mag-logs-'));
    let logged = '';
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk);
        done();
      },
    });
    const app = await buildApp(
      loadConfig({ DATABASE_PATH: join(dir, 'mag.sqlite'), MAG_TODAY: '2026-11-23', LOG_LEVEL: 'info' }),
      { logStream },
    );
    try {
      await app.inject({ method: 'GET', url: '/drafts/abc/document.pdf?sig=SIGNATURE-SECRET' });
      await app.inject({
        method: 'POST',
        url: '/api/assess?lang=nl',
        payload: { applicant: { kind: 'resident' }, money: { requested: 123.45 }, partial: true },
        remoteAddress: '10.1.2.3',
      });
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(logged).toContain('/drafts/abc/document.pdf');
    expect(logged).toContain('/api/assess');
    expect(logged).not.toContain('SIGNATURE-SECRET');
    expect(logged).not.toContain('10.1.2.3');
    expect(logged).not.toContain('123.45');
    expect(logged).not.toContain('lang=nl');
  });
});
