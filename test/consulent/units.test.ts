import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../bot/consulent/csv.js';
import { escapeHtml, html } from '../../bot/consulent/html.js';
import { Sessions } from '../../bot/consulent/session.js';
import { formatAmount, formatAmountPlain, formatInstant } from '../../bot/consulent/texts.js';
import { hashPassword, parseUsers, verifyPassword } from '../../bot/consulent/users.js';
import { SqliteAuthStore } from '../../storage/sqlite/auth-store.js';
import { openDatabase } from '../../storage/sqlite/database.js';

describe('html', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const evil = `<script>alert(1)</script>" onmouseover='x' \`&`;
    const out = html`<p title="${evil}">${evil}</p>`.value;
    expect(out).not.toContain('<script');
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&#39;x&#39; &#96;&amp;">&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&#39;x&#39; &#96;&amp;</p>',
    );
  });

  it('passes its own fragments and arrays of them, and renders nothing for false, null and undefined', () => {
    const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${false}${null}${undefined}${0}`.value).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul>0',
    );
  });

  it('has one escape helper for the five HTML specials and the backtick', () => {
    expect(escapeHtml(`&<>"'\``)).toBe('&amp;&lt;&gt;&quot;&#39;&#96;');
  });
});

describe('csv', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+31 6 1234', "'+31 6 1234"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['a;b', '"a;b"'],
    ['zei "hoi"', '"zei ""hoi"""'],
    ['regel 1\nregel 2', '"regel 1\nregel 2"'],
    ['=a;b', `"'=a;b"`],
    ['gewoon', 'gewoon'],
    ['1250,50', '1250,50'],
  ])('guards and quotes %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('starts with a byte order mark, separates with ; and ends lines with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBe('\uFEFFa;b\r\nc;d\r\n');
  });
});

describe('formatting', () => {
  it('writes amounts the Dutch way, always with cents', () => {
    const nbsp = (s: string) => s.replace(' ', '\u00a0');
    expect(formatAmount(1250.5)).toBe(nbsp('€ 1.250,50'));
    expect(formatAmount(700)).toBe(nbsp('€ 700,00'));
    expect(formatAmount(1234567.89)).toBe(nbsp('€ 1.234.567,89'));
    expect(formatAmount(0.1 + 0.2)).toBe(nbsp('€ 0,30'));
    expect(formatAmountPlain(12000)).toBe('12000,00');
  });

  it('shows instants in Dutch time, summer and winter', () => {
    expect(formatInstant('2026-11-23T13:05:00Z')).toBe('23 november 2026, 14:05');
    expect(formatInstant('2026-07-01T22:30:00Z')).toBe('2 juli 2026, 00:30');
  });
});

describe('users', () => {
  it('makes an entry that verifies with the right password only', async () => {
    const users = parseUsers(await hashPassword('anna', 'geheim wachtwoord 1'));
    expect((await verifyPassword(users, 'anna', 'geheim wachtwoord 1'))?.name).toBe('anna');
    expect(await verifyPassword(users, 'anna', 'geheim wachtwoord 2')).toBeUndefined();
    expect(await verifyPassword(users, 'bert', 'geheim wachtwoord 1')).toBeUndefined();
  });

  it('stores scrypt with a random salt: the same password never gives the same entry', async () => {
    const [a, b] = await Promise.all([
      hashPassword('anna', 'x'.repeat(12)),
      hashPassword('anna', 'x'.repeat(12)),
    ]);
    expect(a).toMatch(/^anna:scrypt:[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('xxxx');
  });

  it('reads several entries and treats an empty value as no users', () => {
    const entry = (name: string) => `${name}:scrypt:${'ab'.repeat(16)}:${'cd'.repeat(64)}`;
    expect([...parseUsers(` ${entry('a')} , ${entry('b')} `).keys()]).toEqual(['a', 'b']);
    expect(parseUsers('').size).toBe(0);
    expect(parseUsers(undefined).size).toBe(0);
  });

  it('refuses a malformed entry by position, without echoing it', () => {
    const secret = `anna:plain:${'ab'.repeat(16)}:${'cd'.repeat(64)}`;
    expect(() => parseUsers(secret)).toThrow(/entry 1 is not name:scrypt/);
    try {
      parseUsers(`ok:scrypt:${'ab'.repeat(16)}:${'cd'.repeat(64)},anna:hunter2`);
    } catch (error) {
      expect((error as Error).message).toMatch(/entry 2/);
      expect((error as Error).message).not.toContain('hunter2');
    }
    expect(() => parseUsers(`a:b:scrypt:${'ab'.repeat(16)}:${'cd'.repeat(64)}`)).toThrow();
    expect(() => parseUsers(`anna:scrypt:${'ab'.repeat(16)}:${'cd'.repeat(10)}`)).toThrow();
  });
});

describe('sessions', () => {
  const users = parseUsers(
    [
      `anna:scrypt:${'ab'.repeat(16)}:${'cd'.repeat(64)}`,
      `bert:scrypt:${'ab'.repeat(16)}:${'ef'.repeat(64)}`,
    ].join(','),
  );
  const anna = users.get('anna')!;
  let now = Date.parse('2026-11-23T08:00:00Z');
  const sessions = new Sessions(Buffer.from('k'.repeat(32)), 8, () => now);

  it('reads back what it issued, until it expires', () => {
    const { cookie } = sessions.issue(anna);
    expect(sessions.read(cookie, users)?.user).toBe('anna');
    now += 8 * 3_600_000 - 1;
    expect(sessions.read(cookie, users)?.user).toBe('anna');
    now += 1;
    expect(sessions.read(cookie, users)).toBeUndefined();
  });

  it('refuses a changed payload, another key, and a user whose password changed', () => {
    const { cookie } = sessions.issue(anna);
    const [payload, signature] = cookie.split('.') as [string, string];
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...data, u: 'bert' })).toString('base64url');
    expect(sessions.read(`${forged}.${signature}`, users)).toBeUndefined();
    const longer = Buffer.from(JSON.stringify({ ...data, e: data.e + 1e9 })).toString('base64url');
    expect(sessions.read(`${longer}.${signature}`, users)).toBeUndefined();
    expect(new Sessions(Buffer.from('o'.repeat(32)), 8, () => now).read(cookie, users)).toBeUndefined();
    const rehashed = parseUsers(`anna:scrypt:${'ab'.repeat(16)}:${'99'.repeat(64)}`);
    expect(sessions.read(cookie, rehashed)).toBeUndefined();
    expect(sessions.read('garbage', users)).toBeUndefined();
    expect(sessions.read('', users)).toBeUndefined();
  });

  it('ties the CSRF token to the session', () => {
    const a = sessions.issue(anna);
    const b = sessions.issue(anna);
    expect(sessions.checkCsrf(a.session, sessions.csrfToken(a.session))).toBe(true);
    expect(sessions.checkCsrf(a.session, sessions.csrfToken(b.session))).toBe(false);
    expect(sessions.checkCsrf(a.session, undefined)).toBe(false);
  });
});

describe('sign-in store (SQLite): login attempts and revoked sessions', () => {
  const store = () => new SqliteAuthStore(openDatabase(':memory:'));

  it('refuses an address after 5 attempts for 15 minutes; a correct password clears the count', async () => {
    const s = store();
    const window = 15 * 60_000;
    for (let i = 0; i < 5; i++) {
      expect(await s.reserveAttempt('a', 0, 5, window)).toEqual({
        allowed: true,
        retryAfterMs: 0,
        remaining: 4 - i,
      });
    }
    expect(await s.reserveAttempt('a', 0, 5, window)).toEqual({
      allowed: false,
      retryAfterMs: window,
      remaining: 0,
    });
    expect((await s.reserveAttempt('b', 0, 5, window)).allowed).toBe(true);
    expect(await s.reserveAttempt('a', window - 1, 5, window)).toEqual({
      allowed: false,
      retryAfterMs: 1,
      remaining: 0,
    });
    expect((await s.reserveAttempt('a', window + 1, 5, window)).allowed).toBe(true);
    await s.reserveAttempt('b', 1, 5, window);
    await s.clearAttempts('b');
    for (let i = 0; i < 5; i++) expect((await s.reserveAttempt('b', 2, 5, window)).allowed).toBe(true);
  });

  it('forgets attempts older than the window', async () => {
    const s = store();
    for (let i = 0; i < 4; i++) await s.reserveAttempt('a', 0, 5, 1000);
    expect((await s.reserveAttempt('a', 1001, 5, 1000)).allowed).toBe(true);
    for (let i = 0; i < 4; i++) expect((await s.reserveAttempt('a', 1002, 5, 1000)).allowed).toBe(true);
    expect((await s.reserveAttempt('a', 1003, 5, 1000)).allowed).toBe(false);
  });

  it('keeps a revoked session until it would have expired, and purges what no longer matters', async () => {
    const s = store();
    await s.revokeSession('x', 1000);
    expect(await s.isRevoked('x', 999)).toBe(true);
    expect(await s.isRevoked('x', 1000)).toBe(false);
    expect(await s.isRevoked('y', 0)).toBe(false);
    await s.reserveAttempt('a', 0, 5, 10);
    await s.purge(2000, 10);
    expect(await s.isRevoked('x', 0)).toBe(false);
  });

  it('is shared: a second connection to the same file sees the same counts and revocations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mag-auth-'));
    const file = join(dir, 'mag.sqlite');
    const one = new SqliteAuthStore(openDatabase(file));
    const two = new SqliteAuthStore(openDatabase(file));
    for (let i = 0; i < 3; i++) await one.reserveAttempt('a', 0, 5, 1000);
    for (let i = 0; i < 2; i++) expect((await two.reserveAttempt('a', 0, 5, 1000)).allowed).toBe(true);
    expect((await one.reserveAttempt('a', 0, 5, 1000)).allowed).toBe(false);
    await one.revokeSession('s', 10_000);
    expect(await two.isRevoked('s', 0)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});
