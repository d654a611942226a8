import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/** Schema changes, in order; each runs once (tracked with `user_version`). Never edit one that shipped. */
const MIGRATIONS: readonly string[] = [
  `create table state (
     key text primary key,
     etag integer not null,
     value text not null,
     updated_at integer not null
   );
   create index state_updated on state (updated_at);
   create table dl_conversations (
     id text primary key,
     user_id text not null,
     resume_hash text,
     next_seq integer not null default 0,
     created_at integer not null,
     updated_at integer not null
   );
   create index dl_conversations_updated on dl_conversations (updated_at);
   create table dl_activities (
     conversation_id text not null references dl_conversations (id) on delete cascade,
     seq integer not null,
     activity text not null,
     primary key (conversation_id, seq)
   );
   create table settings (key text primary key, value text not null);`,
  `create table draft_sequences (year integer primary key, last integer not null);
   create table drafts (
     id text primary key,
     reference text not null unique,
     idempotency_key text not null unique,
     status text not null,
     type text not null,
     tier text not null,
     created_at text not null,
     updated_at text not null,
     document text not null
   );
   create index drafts_created on drafts (created_at);`,
  `create table login_attempts (
     key text primary key,
     window_start integer not null,
     attempts integer not null,
     blocked_until integer not null
   );
   create table revoked_sessions (id text primary key, expires integer not null);
   create index revoked_sessions_expires on revoked_sessions (expires);`,
  // What a conversation's log holds (bounded per conversation), and counted windows for rate limits that
  // every instance shares (posts per conversation, conversations per address).
  `alter table dl_conversations add column stored_count integer not null default 0;
   alter table dl_conversations add column stored_bytes integer not null default 0;
   create table rate_windows (key text primary key, window_start integer not null, count integer not null);
   create index rate_windows_start on rate_windows (window_start);`,
  // The inbox line of a draft, written with it: a list of five hundred reads no documents.
  `alter table drafts add column summary text;`,
  // Outgoing mail (mail/): queued with what it is about, claimed with a lease, retried, then erased.
  `create table mail_outbox (
     id text primary key,
     kind text not null,
     reference text,
     message text,
     status text not null default 'pending',
     attempts integer not null default 0,
     created_at integer not null,
     next_attempt_at integer not null,
     locked_until integer,
     claim_token text,
     last_error text,
     finished_at integer
   );
   create index mail_outbox_due on mail_outbox (status, next_attempt_at);
   create index mail_outbox_finished on mail_outbox (finished_at);`,
  // The consulent's budget figures per subsidy year and line: every change kept, the latest one in force.
  `create table budget_changes (
     id integer primary key autoincrement,
     year integer not null,
     line text not null,
     ceiling integer,
     remaining integer,
     changed_by text not null,
     changed_at text not null
   );
   create index budget_changes_line on budget_changes (year, line, id);`,
  // Callback requests ("Ik wil iemand spreken"): TB- references per year, the request and its list line.
  `create table callback_sequences (year integer primary key, last integer not null);
   create table callbacks (
     id text primary key,
     reference text not null unique,
     idempotency_key text not null unique,
     status text not null,
     caller text not null,
     created_at text not null,
     updated_at text not null,
     document text not null,
     summary text not null
   );
   create index callbacks_created on callbacks (created_at);`,
];

/** Opens (and creates or upgrades) the SQLite file; `:memory:` for a throwaway database. */
export function openDatabase(path: string): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL: readers never wait for the writer; a crash mid-write loses nothing that was committed.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted rows (a `stop`, an expired conversation) are overwritten, not left readable in free pages.
  db.pragma('secure_delete = ON');
  // IMMEDIATE, with the version read inside: two processes opening a new file at once migrate it once.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    for (let i = version; i < MIGRATIONS.length; i++) {
      db.exec(MIGRATIONS[i]!);
      db.pragma(`user_version = ${i + 1}`);
    }
  }).immediate();
  return db;
}
