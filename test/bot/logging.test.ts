import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { backendEnv } from '../helpers/backends.js';
import { httpViaInject, RestConversation } from '../helpers/directline-rest.js';

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
      loadConfig({
        DATABASE_PATH: join(dir, 'mag.sqlite'),
        ...backendEnv(join(dir, 'mag.sqlite')),
        MAG_TODAY: '2026-11-23',
        LOG_LEVEL: 'info',
      }),
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
    // The route's pattern: the draft's id stays out of the log.
    expect(logged).toContain('/drafts/:id/document.pdf');
    expect(logged).not.toContain('/drafts/abc');
    expect(logged).toContain('/api/assess');
    expect(logged).not.toContain('SIGNATURE-SECRET');
    expect(logged).not.toContain('10.1.2.3');
    expect(logged).not.toContain('123.45');
    expect(logged).not.toContain('lang=nl');
  });

  it('at info level, a whole website conversation leaves no conversation id, user id or token in the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mag-logs-'));
    let logged = '';
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk);
        done();
      },
    });
    const app = await buildApp(
      loadConfig({
        DATABASE_PATH: join(dir, 'mag.sqlite'),
        ...backendEnv(join(dir, 'mag.sqlite')),
        MAG_TODAY: '2026-11-23',
        LOG_LEVEL: 'info',
      }),
      { logStream },
    );
    let conversation: RestConversation & { userId: string };
    try {
      conversation = await RestConversation.start(httpViaInject(app));
      await conversation.answer('organisation');
      await conversation.answer('Een buurtfeest');
      await conversation.get('0');
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(logged).toContain('/v3/directline/conversations/:id/activities');
    expect(logged).not.toContain(conversation.conversationId);
    expect(logged).not.toContain(conversation.userId);
    expect(logged).not.toContain(conversation.token);
  });
});
