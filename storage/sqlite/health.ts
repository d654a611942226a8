import { statSync } from 'node:fs';
import type { SqliteDatabase } from './database.js';

/**
 * What `/readyz` asks of the database: a write succeeds, and the file at DATABASE_PATH is still the one
 * this process opened. SQLite goes on writing to a file that was deleted or replaced underneath it, so
 * without the second check a removed data folder would look healthy until the next start.
 */
export function databaseCheck(db: SqliteDatabase, path: string): () => void {
  const inode = path === ':memory:' ? undefined : statSync(path).ino;
  const write = db.prepare(
    "insert into settings (key, value) values ('readyz', ?) on conflict (key) do update set value = excluded.value",
  );
  return () => {
    if (inode !== undefined) {
      let now: number;
      try {
        now = statSync(path).ino;
      } catch {
        throw new Error('the database file is gone');
      }
      if (now !== inode) throw new Error('the database file was replaced');
    }
    write.run(String(Date.now()));
  };
}
