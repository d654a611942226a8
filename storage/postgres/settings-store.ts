import type { SettingsStore } from '../interfaces.js';
import type { PostgresDatabase } from './database.js';

export class PostgresSettingsStore implements SettingsStore {
  constructor(private readonly db: PostgresDatabase) {}

  async get(key: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ value: string }>('select value from settings where key = $1', [
      key,
    ]);
    return rows[0]?.value;
  }

  // Two instances starting at once both propose a value; the first one stored is the one both use.
  async setIfAbsent(key: string, value: string): Promise<string> {
    await this.db.query('insert into settings (key, value) values ($1, $2) on conflict (key) do nothing', [
      key,
      value,
    ]);
    return (await this.get(key))!;
  }
}
