/** Run as a separate process by the concurrency test: creates drafts on a shared SQLite file. */
import { openDatabase } from '../../storage/sqlite/database.js';
import { SqliteDraftStore } from '../../storage/sqlite/draft-store.js';
import { sampleDraft } from './sample-draft.js';

const [path, prefix, count] = process.argv.slice(2) as [string, string, string];
const store = new SqliteDraftStore(openDatabase(path));
const references: string[] = [];
for (let i = 0; i < Number(count); i++) {
  const { draft } = await store.create(sampleDraft(`${prefix}-${i}`), `${prefix}/${i}`, 2026);
  references.push(draft.reference);
}
process.stdout.write(JSON.stringify(references));
