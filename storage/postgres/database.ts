import { createHash } from 'node:crypto';
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import pg from 'pg';

/** A pool or a client inside a transaction: what every store's statements run on. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` (`DATABASE_URL`). */
  url: string;
  /**
   * The schema the tables live in (`DATABASE_SCHEMA`, default `public`): several deployments, or test
   * servers, can share one database without seeing each other's rows, locks or notifications.
   */
  schema?: string;
  /** Connections for statements and transactions. */
  poolSize?: number;
  /**
   * Whether an empty schema may be made into a new database (default yes). Production says no unless
   * told (`DATABASE_INIT`): a wrong URL or schema must not silently start the reference sequence again.
   */
  mayCreate?: boolean;
}

/** bigint (epoch ms, counts) as a number: every value we store is far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The PostgreSQL side of the storage: a pool whose connections see only `schema`, and the keys of the
 * advisory locks and the notification channel, named within that schema.
 */
export class PostgresDatabase {
  readonly pool: pg.Pool;
  readonly schema: string;

  constructor(options: PostgresOptions) {
    this.schema = options.schema ?? 'public';
    if (!SCHEMA_NAME.test(this.schema)) {
      throw new Error('DATABASE_SCHEMA must be lower-case letters, digits and underscores'); // operator-facing
    }
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      options: `-c search_path=${this.schema}`,
      types,
    });
    // An idle connection that the server drops (a restart, a failover) is replaced; it must not crash us.
    this.pool.on('error', () => undefined);
  }

  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<QueryResult<R>> {
    return this.pool.query<R>(text, values);
  }

  /** Runs `work` in one transaction on one connection: committed when it returns, rolled back when it throws. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** A 64-bit advisory lock key for `name` in this schema (so two schemas never share a lock). */
  lockKey(name: string): string {
    const digest = createHash('sha256').update(`${this.schema}\0${name}`).digest();
    return digest.readBigInt64BE(0).toString();
  }

  /** The notification channel for `name` in this schema. */
  channel(name: string): string {
    return `mag_${createHash('sha256').update(`${this.schema}\0${name}`).digest('hex').slice(0, 24)}`;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * Schema changes, in order; each runs once (tracked in `schema_migrations`). Never edit one that shipped.
 * The first is the SQLite schema as it stands after its eighth migration, in PostgreSQL's types.
 */
const MIGRATIONS: readonly string[] = [
  `create table state (
     key text primary key,
     etag bigint not null,
     value text not null,
     updated_at bigint not null
   );
   create index state_updated on state (updated_at);
   create table dl_conversations (
     id text primary key,
     user_id text not null,
     resume_hash text,
     next_seq bigint not null default 0,
     stored_count bigint not null default 0,
     stored_bytes bigint not null default 0,
     created_at bigint not null,
     updated_at bigint not null
   );
   create index dl_conversations_updated on dl_conversations (updated_at);
   create table dl_activities (
     conversation_id text not null references dl_conversations (id) on delete cascade,
     seq bigint not null,
     activity text not null,
     primary key (conversation_id, seq)
   );
   create table settings (key text primary key, value text not null);
   create table draft_sequences (year integer primary key, last bigint not null);
   create table drafts (
     id text primary key,
     reference text not null unique,
     idempotency_key text collate "C" not null unique,
     status text not null,
     type text not null,
     tier text not null,
     created_at text not null,
     updated_at text not null,
     document text not null,
     summary text
   );
   create index drafts_created on drafts (created_at);
   create table login_attempts (
     key text primary key,
     window_start bigint not null,
     attempts bigint not null,
     blocked_until bigint not null
   );
   create table revoked_sessions (id text primary key, expires bigint not null);
   create index revoked_sessions_expires on revoked_sessions (expires);
   create table rate_windows (key text primary key, window_start bigint not null, count bigint not null);
   create index rate_windows_start on rate_windows (window_start);
   create table mail_outbox (
     id text primary key,
     kind text not null,
     reference text,
     message text,
     status text not null default 'pending',
     attempts integer not null default 0,
     created_at bigint not null,
     next_attempt_at bigint not null,
     locked_until bigint,
     claim_token text,
     last_error text,
     finished_at bigint
   );
   create index mail_outbox_due on mail_outbox (status, next_attempt_at);
   create index mail_outbox_finished on mail_outbox (finished_at);
   create table budget_changes (
     id bigint generated always as identity primary key,
     year integer not null,
     line text not null,
     ceiling bigint,
     remaining bigint,
     changed_by text not null,
     changed_at text not null
   );
   create index budget_changes_line on budget_changes (year, line, id);
   create table callback_sequences (year integer primary key, last bigint not null);
   create table callbacks (
     id text primary key,
     reference text not null unique,
     idempotency_key text collate "C" not null unique,
     status text not null,
     caller text not null,
     created_at text not null,
     updated_at text not null,
     document text not null,
     summary text not null
   );
   create index callbacks_created on callbacks (created_at);`,
  // An inbox line as JSON, or nothing when it is not JSON (a damaged row): searching and sorting on its
  // fields must never fail the whole list for one row.
  `create function json_or_null(value text) returns jsonb language plpgsql immutable as $$
   begin
     return value::jsonb;
   exception when others then
     return null;
   end $$;`,
];

/**
 * Connects, creates the schema when it is new and brings it up to date. Under an advisory lock: two
 * instances starting at once migrate it once.
 */
export async function openPostgres(options: PostgresOptions): Promise<PostgresDatabase> {
  const db = new PostgresDatabase(options);
  try {
    await db.transaction(async (client) => {
      await client.query('select pg_advisory_xact_lock($1)', [db.lockKey('migrate')]);
      const { rows: found } = await client.query<{ present: string | null }>(
        'select to_regclass($1) as present',
        [`${db.schema}.schema_migrations`],
      );
      if (!found[0]?.present && options.mayCreate === false) {
        throw new Error(
          `DATABASE_URL has no MAG tables in schema ${db.schema}. A new database in production needs DATABASE_INIT=true, once.`, // operator-facing
        );
      }
      await client.query(`create schema if not exists ${db.schema}`);
      await client.query('create table if not exists schema_migrations (version integer primary key)');
      const { rows } = await client.query<{ version: number | null }>(
        'select max(version) as version from schema_migrations',
      );
      for (let i = rows[0]?.version ?? 0; i < MIGRATIONS.length; i++) {
        await client.query(MIGRATIONS[i]!);
        await client.query('insert into schema_migrations (version) values ($1)', [i + 1]);
      }
    });
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}

/** The same prefix bounds as SQLite's: the unique (C-collated) index on the key answers it. */
export function prefixBounds(prefix: string): [string, string] {
  return [prefix, `${prefix}\uffff`];
}
