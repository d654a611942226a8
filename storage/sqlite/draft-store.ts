import { randomUUID } from 'node:crypto';
import type { DraftApplication, DraftStatus, DraftSummary, NewDraft } from '../../drafts/draft.js';
import { DRAFT_STATUSES, formatReference, summarize } from '../../drafts/draft.js';
import type { DraftFilter, DraftStore } from '../interfaces.js';
import type { SqliteDatabase } from './database.js';
import { countKeysWithPrefix, hasKey, nextNumber } from './keyed-rows.js';

export class SqliteDraftStore implements DraftStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(draft: NewDraft, idempotencyKey: string, year: number) {
    // IMMEDIATE takes the write lock before the first read, so another process writing in between makes
    // this one wait (busy_timeout) instead of failing with SQLITE_BUSY when it upgrades to a writer.
    return this.db.transaction(() => this.createNow(draft, idempotencyKey, year)).immediate();
  }

  /** How many drafts were made under idempotency keys that start with `prefix` (one conversation's). */
  countWithKeyPrefix(prefix: string): number {
    return countKeysWithPrefix(this.db, 'drafts', prefix);
  }

  /** Whether a draft was made under exactly this idempotency key (a retried submission). */
  hasKey(idempotencyKey: string): boolean {
    return hasKey(this.db, 'drafts', idempotencyKey);
  }

  /**
   * `create` inside the caller's transaction (`SqliteTurnStore`): the next number of the year and the row,
   * or the row that already has this key.
   */
  createNow(
    draft: NewDraft,
    idempotencyKey: string,
    year: number,
  ): { draft: DraftApplication; created: boolean } {
    return this.db.transaction(() => {
      const existing = this.db
        .prepare<[string], { document: string }>('select document from drafts where idempotency_key = ?')
        .get(idempotencyKey);
      if (existing) return { draft: JSON.parse(existing.document) as DraftApplication, created: false };
      const last = nextNumber(this.db, 'draft_sequences', year);
      const at = this.now().toISOString();
      const stored: DraftApplication = {
        ...draft,
        id: randomUUID(),
        reference: formatReference(year, last),
        status: 'nieuw',
        statusHistory: [{ status: 'nieuw', by: 'assistent', at }],
        createdAt: at,
        updatedAt: at,
      };
      this.db
        .prepare(
          'insert into drafts (id, reference, idempotency_key, status, type, tier, created_at, updated_at, document, summary) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          stored.id,
          stored.reference,
          idempotencyKey,
          stored.status,
          stored.assessment.route?.type ?? '',
          stored.assessment.route?.tier ?? '',
          at,
          at,
          JSON.stringify(stored),
          JSON.stringify(summarize(stored)),
        );
      return { draft: stored, created: true };
    })();
  }

  async get(id: string): Promise<DraftApplication | undefined> {
    const row = this.db
      .prepare<[string], { document: string }>('select document from drafts where id = ?')
      .get(id);
    if (!row) return undefined;
    try {
      return JSON.parse(row.document) as DraftApplication;
    } catch {
      // A damaged row: the inbox lists it as unreadable; its pages answer as for a draft that is gone.
      return undefined;
    }
  }

  async list(filter: DraftFilter = {}): Promise<DraftSummary[]> {
    const { where, args } = whereOf(filter);
    return this.db
      .prepare<string[], SummaryRow>(`select ${SUMMARY_COLUMNS} from drafts ${where} ${orderOf(filter.sort)}`)
      .all(...args)
      .map((row) => this.summaryOf(row));
  }

  async page(filter: DraftFilter, { limit, offset }: { limit: number; offset: number }) {
    const { where, args } = whereOf(filter);
    const rows = this.db
      .prepare<(string | number)[], SummaryRow>(
        `select ${SUMMARY_COLUMNS} from drafts ${where} ${orderOf(filter.sort)} limit ? offset ?`,
      )
      .all(...args, limit, offset);
    const { n } = this.db
      .prepare<string[], { n: number }>(`select count(*) as n from drafts ${where}`)
      .get(...args)!;
    return { drafts: rows.map((row) => this.summaryOf(row)), total: n };
  }

  async countByStatus(): Promise<Record<DraftStatus, number>> {
    const counts = Object.fromEntries(DRAFT_STATUSES.map((s) => [s, 0])) as Record<DraftStatus, number>;
    const rows = this.db
      .prepare<[], { status: DraftStatus; n: number }>(
        'select status, count(*) as n from drafts group by status',
      )
      .all();
    for (const { status, n } of rows) if (status in counts) counts[status] = n;
    return counts;
  }

  /**
   * The inbox line: from its own column, or for a draft stored before there was one, from the document
   * (once: the line is kept). A document that cannot be read is listed as such, never a 500 for the list.
   */
  private summaryOf(row: SummaryRow): DraftSummary {
    const own = { id: row.id, reference: row.reference, status: row.status, createdAt: row.created_at };
    try {
      if (row.summary !== null) return { ...(JSON.parse(row.summary) as DraftSummary), ...own };
      const document = this.db
        .prepare<[string], { document: string }>('select document from drafts where id = ?')
        .get(row.id)!.document;
      const summary = summarize(JSON.parse(document) as DraftApplication);
      this.db.prepare('update drafts set summary = ? where id = ?').run(JSON.stringify(summary), row.id);
      return { ...summary, ...own };
    } catch {
      const empty = { applicant: '', applicantKind: '', type: '', tier: '', requested: 0, flags: [] };
      return { ...own, ...empty, verdict: 'not-eligible', unreadable: true };
    }
  }

  async setStatus(
    id: string,
    status: DraftStatus,
    by: string,
    extra: { note?: string; told?: boolean } = {},
  ): Promise<DraftApplication | undefined> {
    return this.update(id, (draft, at) => ({
      ...draft,
      status,
      statusHistory: [
        ...draft.statusHistory,
        { status, by, at, ...(extra.note && { note: extra.note }), ...(extra.told && { told: true }) },
      ],
    }));
  }

  async setAssignee(id: string, name: string | null, by: string): Promise<DraftApplication | undefined> {
    return this.update(id, (draft, at) => {
      const { assignee: _, ...rest } = draft;
      return name === null ? rest : { ...rest, assignee: { name, by, at } };
    });
  }

  async setReceived(id: string, attachments: string[], by: string): Promise<DraftApplication | undefined> {
    return this.update(id, (draft, at) => {
      // A tick keeps who made it and when; one taken away is gone.
      const before = new Map((draft.received ?? []).map((r) => [r.id, r]));
      const received = [...new Set(attachments)].map((a) => before.get(a) ?? { id: a, by, at });
      return { ...draft, received };
    });
  }

  /** Reads, changes and writes one draft in one transaction; the inbox line and status follow. */
  private update(
    id: string,
    change: (draft: DraftApplication, at: string) => DraftApplication,
  ): Promise<DraftApplication | undefined> {
    return Promise.resolve(
      this.db
        .transaction(() => {
          const row = this.db
            .prepare<[string], { document: string }>('select document from drafts where id = ?')
            .get(id);
          if (!row) return undefined;
          const at = this.now().toISOString();
          const updated = { ...change(JSON.parse(row.document) as DraftApplication, at), updatedAt: at };
          this.db
            .prepare('update drafts set status = ?, updated_at = ?, document = ?, summary = ? where id = ?')
            .run(updated.status, at, JSON.stringify(updated), JSON.stringify(summarize(updated)), id);
          return updated;
        })
        .immediate(),
    );
  }

  async delete(id: string) {
    return this.db
      .prepare<[string], { id: string; reference: string }>(
        'delete from drafts where id = ? returning id, reference',
      )
      .get(id);
  }

  async deleteCreatedBefore(before: string) {
    return this.db
      .prepare<[string], { id: string; reference: string }>(
        'delete from drafts where created_at < ? returning id, reference',
      )
      .all(before);
  }
}

interface SummaryRow {
  id: string;
  reference: string;
  status: DraftStatus;
  created_at: string;
  summary: string | null;
}

const SUMMARY_COLUMNS = 'id, reference, status, created_at, summary';
const NEWEST_FIRST = 'order by created_at desc, reference desc';

/** The filter as a `where` clause with its arguments (the columns are fixed names, the values bound). */
function whereOf(filter: DraftFilter): { where: string; args: string[] } {
  const clauses: string[] = [];
  const args: string[] = [];
  for (const [column, value] of [
    ['status', filter.status],
    ['type', filter.type],
    ['tier', filter.tier],
  ] as const) {
    if (value) {
      clauses.push(`${column} = ?`);
      args.push(value);
    }
  }
  // Every word somewhere in the reference, the applicant, the title or the e-mail address.
  for (const word of (filter.q ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) {
    clauses.push(`(${SEARCHED.map((c) => `lower(coalesce(${c}, '')) like ? escape '\\'`).join(' or ')})`);
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    args.push(...SEARCHED.map(() => pattern));
  }
  return { where: clauses.length ? `where ${clauses.join(' and ')}` : '', args };
}

const SEARCHED = [
  'reference',
  "json_extract(summary, '$.applicant')",
  "json_extract(summary, '$.title')",
  "json_extract(summary, '$.email')",
];

/** The order of a list: newest first, or the soonest date first (drafts without one last). */
function orderOf(sort: DraftFilter['sort']): string {
  if (sort === 'start')
    return "order by json_extract(summary, '$.startDate') is null, json_extract(summary, '$.startDate'), reference";
  if (sort === 'submit-by')
    return "order by json_extract(summary, '$.submitBy') is null, json_extract(summary, '$.submitBy'), reference";
  return NEWEST_FIRST;
}
