import { createHash, randomBytes } from 'node:crypto';
import { openPostgres, type PostgresDatabase } from '../../storage/postgres/database.js';

/**
 * Which databases the tests run on. SQLite always; PostgreSQL when `TEST_DATABASE_URL` names a server
 * (`.ci/run` starts one). `TEST_BACKEND=postgres` also puts every server a test builds on PostgreSQL,
 * each in a schema of its own, so the whole suite runs on it.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const SERVERS_ON_POSTGRES = process.env.TEST_BACKEND === 'postgres';

if (SERVERS_ON_POSTGRES && !TEST_DATABASE_URL) {
  throw new Error('TEST_BACKEND=postgres needs TEST_DATABASE_URL');
}

/** A schema nobody else uses: tests running in parallel never see each other's rows. */
export function freshSchema(): string {
  return `t_${process.pid}_${randomBytes(6).toString('hex')}`;
}

/**
 * The configuration that puts a server on PostgreSQL when the run asks for it. The schema follows from the
 * SQLite path the test chose: a test that restarts a server on the same file gets the same schema, one
 * on `:memory:` (or none) a fresh one.
 */
export function backendEnv(databasePath?: string): Record<string, string> {
  if (!SERVERS_ON_POSTGRES || !TEST_DATABASE_URL) return {};
  const schema =
    databasePath && databasePath !== ':memory:'
      ? `t_${createHash('sha256').update(databasePath).digest('hex').slice(0, 24)}`
      : freshSchema();
  return { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema };
}

/** A migrated PostgreSQL database in a fresh schema; `undefined` without a test server. */
export async function freshPostgres(): Promise<PostgresDatabase | undefined> {
  if (!TEST_DATABASE_URL) return undefined;
  return openPostgres({ url: TEST_DATABASE_URL, schema: freshSchema() });
}

/** The backends a storage test runs on: `describe.each(BACKENDS)`. */
export const BACKENDS: ('sqlite' | 'postgres')[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
