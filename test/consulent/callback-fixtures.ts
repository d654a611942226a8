import type { CallbackRequest, NewCallback } from '../../callbacks/callback.js';
import type { CallbackStore } from '../../storage/interfaces.js';
import { PostgresCallbackStore } from '../../storage/postgres/callback-store.js';
import { openPostgres } from '../../storage/postgres/database.js';
import { SqliteCallbackStore } from '../../storage/sqlite/callback-store.js';
import { openDatabase } from '../../storage/sqlite/database.js';
import { backendEnv } from '../helpers/backends.js';

/** Callback requests for the consulent's pages, stored as the turn store stores them. */
export const XSS_QUESTION = '<script>alert(1)</script> Mag het "feest" & de <b>markt</b> samen?';

export function sampleCallback(over: Partial<NewCallback> = {}): NewCallback {
  return {
    caller: 'consulent',
    contact: { kind: 'phone', value: '+31612345678' },
    question: 'Mag het feest ook op het plein bij de kerk?',
    questionCut: false,
    answers: [
      { label: 'Aanvrager', answer: 'Inwoner' },
      { label: 'Beschrijving', answer: 'Straatfeest in de Kerkstraat' },
      { label: 'Gevraagd bedrag', answer: '€ 350' },
    ],
    verdict: 'refer',
    transcript: [
      { from: 'assistant', text: 'Wie vraagt de subsidie aan?', at: '2026-11-23T08:00:00Z' },
      { from: 'resident', text: 'inwoner', at: '2026-11-23T08:00:30Z' },
      { from: 'resident', text: 'Ik wil iemand spreken', at: '2026-11-23T08:01:00Z' },
    ],
    lang: 'nl',
    channel: 'website',
    ...over,
  };
}

/** Stores requests in the server's database (an hour apart, oldest first): TB-2026-000001 and on. */
export async function seedCallbacks(
  databasePath: string,
  requests: NewCallback[],
  keys = 'seed',
): Promise<CallbackRequest[]> {
  let clock = Date.parse('2026-11-23T08:00:00Z');
  const now = () => {
    clock += 3_600_000;
    return new Date(clock);
  };
  const seed = async (store: CallbackStore) => {
    const out: CallbackRequest[] = [];
    for (const [i, r] of requests.entries())
      out.push((await store.create(r, `${keys}-callback-${i}`, 2026)).callback);
    return out;
  };
  // The server's own database: the SQLite file, or its schema in a run on PostgreSQL.
  const env = backendEnv(databasePath);
  if (env.DATABASE_URL) {
    const db = await openPostgres({ url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA });
    try {
      return await seed(new PostgresCallbackStore(db, now));
    } finally {
      await db.close();
    }
  }
  const db = openDatabase(databasePath);
  try {
    return await seed(new SqliteCallbackStore(db, now));
  } finally {
    db.close();
  }
}
