import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.js';
import { openStores } from '../../storage/open-stores.js';
import { freshSchema, TEST_DATABASE_URL } from '../helpers/backends.js';

/** The configuration chooses the backend; production never silently makes a new, empty database. */
describe('the stores the configuration names', () => {
  it('DATABASE_URL must be a PostgreSQL URL and DATABASE_SCHEMA a plain name', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/mag' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_SCHEMA: 'mag; drop table drafts' })).toThrow(/DATABASE_SCHEMA/);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/mag' }).DATABASE_SCHEMA).toBe('public');
  });

  it('without DATABASE_URL: SQLite', async () => {
    const stores = await openStores(loadConfig({ DATABASE_PATH: ':memory:' }));
    try {
      expect(stores.backend).toBe('sqlite');
      await stores.check();
    } finally {
      await stores.close();
    }
  });

  it.skipIf(!TEST_DATABASE_URL)(
    'with DATABASE_URL: PostgreSQL; in production an empty schema needs DATABASE_INIT=true once',
    async () => {
      const env = {
        DATABASE_URL: TEST_DATABASE_URL!,
        DATABASE_SCHEMA: freshSchema(),
        NODE_ENV: 'production',
      };
      const production = { ...env, PUBLIC_URL: 'https://mag.example.nl' };
      await expect(openStores(loadConfig(production))).rejects.toThrow(/DATABASE_INIT=true/);
      const first = await openStores(loadConfig({ ...production, DATABASE_INIT: 'true' }));
      expect(first.backend).toBe('postgres');
      await first.settings.setIfAbsent('token-signing-key', 'k1');
      await first.close();
      // Made once: the next start in production needs nothing and finds what was stored.
      const again = await openStores(loadConfig(production));
      try {
        await again.check();
        expect(await again.settings.get('token-signing-key')).toBe('k1');
      } finally {
        await again.close();
      }
    },
  );
});
