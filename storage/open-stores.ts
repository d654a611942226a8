import { existsSync } from 'node:fs';
import type { MailOutbox } from '../mail/outbox.js';
import type {
  ActivitySignal,
  AuthStore,
  BudgetStore,
  CallbackStore,
  ConversationLog,
  ConversationStateStore,
  DraftStore,
  Exclusive,
  RateStore,
  SettingsStore,
  TurnMails,
  TurnOrder,
  TurnStore,
} from './interfaces.js';
import { LocalActivitySignal, LocalExclusive, LocalTurnOrder } from './local-coordination.js';
import { PostgresAuthStore } from './postgres/auth-store.js';
import { PostgresBudgetStore } from './postgres/budget-store.js';
import { PostgresCallbackStore } from './postgres/callback-store.js';
import { PostgresConversationLog } from './postgres/conversation-log.js';
import { PostgresActivitySignal, PostgresExclusive, PostgresTurnOrder } from './postgres/coordination.js';
import { openPostgres } from './postgres/database.js';
import { PostgresDraftStore } from './postgres/draft-store.js';
import { PostgresMailOutbox } from './postgres/mail-outbox.js';
import { PostgresRateStore } from './postgres/rate-store.js';
import { PostgresSettingsStore } from './postgres/settings-store.js';
import { PostgresStateStore } from './postgres/state-store.js';
import { PostgresTurnStore } from './postgres/turn-store.js';
import { SqliteAuthStore } from './sqlite/auth-store.js';
import { SqliteBudgetStore } from './sqlite/budget-store.js';
import { SqliteCallbackStore } from './sqlite/callback-store.js';
import { SqliteConversationLog } from './sqlite/conversation-log.js';
import { openDatabase } from './sqlite/database.js';
import { SqliteDraftStore } from './sqlite/draft-store.js';
import { databaseCheck } from './sqlite/health.js';
import { SqliteMailOutbox } from './sqlite/mail-outbox.js';
import { SqliteRateStore } from './sqlite/rate-store.js';
import { SqliteSettingsStore } from './sqlite/settings-store.js';
import { SqliteStorage } from './sqlite/sqlite-storage.js';
import { SqliteTurnStore } from './sqlite/turn-store.js';

/** The configuration fields storage reads (`bot/config.ts`). */
export interface StorageConfig {
  DATABASE_PATH: string;
  DATABASE_URL?: string;
  DATABASE_SCHEMA: string;
  DATABASE_POOL_SIZE: number;
  DATABASE_INIT: boolean;
  NODE_ENV?: string;
}

/** Every store of the server, on one database, and what the instances sharing it coordinate through. */
export interface Stores {
  backend: 'sqlite' | 'postgres';
  state: ConversationStateStore;
  log: ConversationLog;
  settings: SettingsStore;
  drafts: DraftStore;
  callbacks: CallbackStore;
  auth: AuthStore;
  rates: RateStore;
  budget: BudgetStore;
  outbox: MailOutbox;
  /** The turn store; `mails` says what to queue, in the turn's transaction, for a draft or request made. */
  turns(mails: TurnMails): TurnStore;
  signal: ActivitySignal;
  turnOrder: TurnOrder;
  exclusive: Exclusive;
  /** `/readyz`: a write succeeds (and the SQLite file is still the one opened). */
  check(): Promise<void>;
  /** After a run of the expiry job deleted something: make it unreadable on disk too. */
  afterDelete(): Promise<void>;
  close(): Promise<void>;
}

/** The stores the configuration names: PostgreSQL with `DATABASE_URL`, else the SQLite file. */
export async function openStores(
  config: StorageConfig,
  hooks: { onError?: (error: unknown) => void } = {},
): Promise<Stores> {
  // A new, empty database in production is never made silently: the reference sequence would start
  // again at MAG-<year>-000001 (a removed data folder, a wrong path or URL). The first start says so once.
  const mayCreate = config.NODE_ENV !== 'production' || config.DATABASE_INIT;
  return config.DATABASE_URL
    ? openPostgresStores(config.DATABASE_URL, config, mayCreate, hooks.onError)
    : openSqliteStores(config.DATABASE_PATH, mayCreate);
}

function openSqliteStores(path: string, mayCreate: boolean): Stores {
  if (path !== ':memory:' && !existsSync(path) && !mayCreate) {
    throw new Error(
      `DATABASE_PATH ${path} does not exist. A new database in production needs DATABASE_INIT=true, once.`, // operator-facing
    );
  }
  const db = openDatabase(path);
  const state = new SqliteStorage(db);
  const log = new SqliteConversationLog(db);
  const drafts = new SqliteDraftStore(db);
  const callbacks = new SqliteCallbackStore(db);
  const outbox = new SqliteMailOutbox(db);
  const check = databaseCheck(db, path);
  // Deleted rows are overwritten (secure_delete), but WAL mode keeps the old pages in the -wal file until a
  // checkpoint: after a deletion they are copied back and the file is emptied.
  const checkpoint = () => db.pragma('wal_checkpoint(TRUNCATE)');
  return {
    backend: 'sqlite',
    state,
    log,
    settings: new SqliteSettingsStore(db),
    drafts,
    callbacks,
    auth: new SqliteAuthStore(db),
    rates: new SqliteRateStore(db),
    budget: new SqliteBudgetStore(db),
    outbox,
    turns: (mails) => new SqliteTurnStore(db, { state, drafts, log, callbacks, outbox }, mails),
    signal: new LocalActivitySignal(),
    turnOrder: new LocalTurnOrder(),
    exclusive: new LocalExclusive(),
    check: async () => check(),
    afterDelete: async () => void checkpoint(),
    close: async () => void db.close(),
  };
}

async function openPostgresStores(
  url: string,
  config: StorageConfig,
  mayCreate: boolean,
  onError: (error: unknown) => void = () => undefined,
): Promise<Stores> {
  const db = await openPostgres({
    url,
    schema: config.DATABASE_SCHEMA,
    poolSize: config.DATABASE_POOL_SIZE,
    mayCreate,
  });
  const signal = new PostgresActivitySignal(db, url, onError);
  const turnOrder = new PostgresTurnOrder(db, url, config.DATABASE_POOL_SIZE);
  try {
    await signal.start();
  } catch (error) {
    await Promise.allSettled([signal.close(), turnOrder.close(), db.close()]);
    throw error;
  }
  const state = new PostgresStateStore(db);
  const log = new PostgresConversationLog(db);
  const drafts = new PostgresDraftStore(db);
  const callbacks = new PostgresCallbackStore(db);
  const outbox = new PostgresMailOutbox(db);
  return {
    backend: 'postgres',
    state,
    log,
    settings: new PostgresSettingsStore(db),
    drafts,
    callbacks,
    auth: new PostgresAuthStore(db),
    rates: new PostgresRateStore(db),
    budget: new PostgresBudgetStore(db),
    outbox,
    turns: (mails) => new PostgresTurnStore(db, { state, drafts, log, callbacks, outbox }, mails),
    signal,
    turnOrder,
    exclusive: new PostgresExclusive(db),
    check: async () => {
      await db.query(
        "insert into settings (key, value) values ('readyz', $1) on conflict (key) do update set value = excluded.value",
        [String(Date.now())],
      );
    },
    // PostgreSQL's deleted tuples are gone for queries at once; VACUUM reclaims the pages on its own.
    afterDelete: async () => undefined,
    close: async () => {
      await signal.close();
      await Promise.allSettled([turnOrder.close(), db.close()]);
    },
  };
}
