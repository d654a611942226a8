import type { DraftApplication, DraftStatus, DraftSummary, NewDraft } from '../../drafts/draft.js';
import { DRAFT_STATUSES, formatReference, summarize } from '../../drafts/draft.js';
import { storedDraft, withAssignee, withReceived, withStatus } from '../../drafts/draft-changes.js';
import type { DraftLineRow } from '../document-rows.js';
import {
  countPerStatus,
  DRAFT_ROW_COLUMNS,
  documentOf,
  draftLineOf,
  draftRowValues,
  LINE_COLUMNS,
  unreadableDraftLine,
} from '../document-rows.js';
import type { DraftFilter, DraftStore } from '../interfaces.js';
import { draftEqualities, searchPatterns } from '../list-filters.js';
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
      const stored = storedDraft(draft, formatReference(year, last), this.now().toISOString());
      this.db
        .prepare(`insert into drafts (${DRAFT_ROW_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(...draftRowValues(stored, idempotencyKey));
      return { draft: stored, created: true };
    })();
  }

  async get(id: string): Promise<DraftApplication | undefined> {
    const row = this.db
      .prepare<[string], { document: string }>('select document from drafts where id = ?')
      .get(id);
    // A damaged row: the inbox lists it as unreadable; its pages answer as for a draft that is gone.
    return documentOf<DraftApplication>(row);
  }

  async list(filter: DraftFilter = {}): Promise<DraftSummary[]> {
    const { where, args } = whereOf(filter);
    return this.db
      .prepare<string[], DraftLineRow>(`select ${LINE_COLUMNS} from drafts ${where} ${orderOf(filter.sort)}`)
      .all(...args)
      .map((row) => this.summaryOf(row));
  }

  async page(filter: DraftFilter, { limit, offset }: { limit: number; offset: number }) {
    const { where, args } = whereOf(filter);
    const rows = this.db
      .prepare<(string | number)[], DraftLineRow>(
        `select ${LINE_COLUMNS} from drafts ${where} ${orderOf(filter.sort)} limit ? offset ?`,
      )
      .all(...args, limit, offset);
    const { n } = this.db
      .prepare<string[], { n: number }>(`select count(*) as n from drafts ${where}`)
      .get(...args)!;
    return { drafts: rows.map((row) => this.summaryOf(row)), total: n };
  }

  async countByStatus(): Promise<Record<DraftStatus, number>> {
    const rows = this.db
      .prepare<[], { status: DraftStatus; n: number }>(
        'select status, count(*) as n from drafts group by status',
      )
      .all();
    return countPerStatus(DRAFT_STATUSES, rows);
  }

  /**
   * The inbox line: from its own column, or for a draft stored before there was one, from the document
   * (once: the line is kept). A document that cannot be read is listed as such, never a 500 for the list.
   */
  private summaryOf(row: DraftLineRow): DraftSummary {
    try {
      return draftLineOf(row, row.summary ?? this.keepSummary(row.id));
    } catch {
      return unreadableDraftLine(row);
    }
  }

  /** The line of a draft stored before there was a summary column: from its document, and kept. */
  private keepSummary(id: string): DraftSummary {
    const document = this.db
      .prepare<[string], { document: string }>('select document from drafts where id = ?')
      .get(id)!.document;
    const summary = summarize(JSON.parse(document) as DraftApplication);
    // Only while there is still none: a change made meanwhile (another process) wrote a newer line.
    this.db
      .prepare('update drafts set summary = ? where id = ? and summary is null')
      .run(JSON.stringify(summary), id);
    return summary;
  }

  async setStatus(
    id: string,
    status: DraftStatus,
    by: string,
    extra: { note?: string; told?: boolean } = {},
  ): Promise<DraftApplication | undefined> {
    return this.update(id, (draft, at) => withStatus(draft, at, status, by, extra));
  }

  async setAssignee(id: string, name: string | null, by: string): Promise<DraftApplication | undefined> {
    return this.update(id, (draft, at) => withAssignee(draft, at, name, by));
  }

  async setReceived(id: string, attachments: string[], by: string): Promise<DraftApplication | undefined> {
    return this.update(id, (draft, at) => withReceived(draft, at, attachments, by));
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

const NEWEST_FIRST = 'order by created_at desc, reference desc';

/** The filter as a `where` clause with its arguments (the columns are fixed names, the values bound). */
function whereOf(filter: DraftFilter): { where: string; args: string[] } {
  const clauses: string[] = [];
  const args: string[] = [];
  for (const [column, value] of draftEqualities(filter)) {
    clauses.push(`${column} = ?`);
    args.push(value);
  }
  // Every word somewhere in the reference, the applicant, the title or the e-mail address.
  for (const pattern of searchPatterns(filter.q)) {
    clauses.push(`(${SEARCHED.map((c) => `lower(coalesce(${c}, '')) like ? escape '\\'`).join(' or ')})`);
    args.push(...SEARCHED.map(() => pattern));
  }
  return { where: clauses.length ? `where ${clauses.join(' and ')}` : '', args };
}

/**
 * A field of the inbox line; nothing for a line that is not JSON (a damaged row), which `json_extract`
 * would otherwise fail the whole search or sort on.
 */
const field = (name: string) => `(case when json_valid(summary) then json_extract(summary, '$.${name}') end)`;

const SEARCHED = ['reference', field('applicant'), field('title'), field('email')];

/** The order of a list: newest first, or the soonest date first (drafts without one last). */
function orderOf(sort: DraftFilter['sort']): string {
  if (sort === 'start') return `order by ${field('startDate')} is null, ${field('startDate')}, reference`;
  if (sort === 'submit-by') return `order by ${field('submitBy')} is null, ${field('submitBy')}, reference`;
  return NEWEST_FIRST;
}
