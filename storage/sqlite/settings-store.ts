import type { SettingsStore } from '../interfaces.js';
import type { SqliteDatabase } from './database.js';

export class SqliteSettingsStore implements SettingsStore {
  constructor(private readonly db: SqliteDatabase) {}

  async get(key: string): Promise<string | undefined> {
    return this.db.prepare<[string], { value: string }>('select value from settings where key = ?').get(key)
      ?.value;
  }

  async setIfAbsent(key: string, value: string): Promise<string> {
    this.db
      .prepare('insert into settings (key, value) values (?, ?) on conflict (key) do nothing')
      .run(key, value);
    return (await this.get(key))!;
  }
}
