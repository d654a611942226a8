import type { Stores } from '../../storage/open-stores.js';
import { openStores } from '../../storage/open-stores.js';
import { backendEnv } from './backends.js';

/**
 * The stores of the database a test server at `databasePath` uses: the SQLite file, or (in a run on
 * PostgreSQL) the schema `backendEnv` gave it. What a test reads back, it reads through the same
 * interfaces the server writes through. Close them when done.
 */
export async function storesAt(databasePath: string): Promise<Stores> {
  const env = backendEnv(databasePath);
  return openStores({
    DATABASE_PATH: databasePath,
    ...(env.DATABASE_URL && { DATABASE_URL: env.DATABASE_URL }),
    DATABASE_SCHEMA: env.DATABASE_SCHEMA ?? 'public',
    DATABASE_POOL_SIZE: 2,
    DATABASE_INIT: true,
  });
}

/** Raw SQL on the database a test server uses, in each backend's own dialect: for what no interface does. */
export async function rawSql(
  databasePath: string,
  statements: {
    sqlite: (db: import('better-sqlite3').Database) => unknown;
    /** One statement with `values`, or several, each with its own (PostgreSQL takes one per query). */
    postgres: string | { text: string; values?: unknown[] }[];
    values?: unknown[];
  },
): Promise<void> {
  const env = backendEnv(databasePath);
  if (env.DATABASE_URL) {
    const { openPostgres } = await import('../../storage/postgres/database.js');
    const db = await openPostgres({ url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA });
    try {
      const list =
        typeof statements.postgres === 'string'
          ? [{ text: statements.postgres, values: statements.values }]
          : statements.postgres;
      for (const { text, values } of list) await db.query(text, values);
    } finally {
      await db.close();
    }
    return;
  }
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(databasePath);
  try {
    statements.sqlite(db);
  } finally {
    db.close();
  }
}
