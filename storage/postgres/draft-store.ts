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
import type { PostgresDatabase, Queryable } from './database.js';
import { countKeysWithPrefix, giveBackNumber, hasKey, nextNumber } from './keyed-rows.js';

/** Drafts in PostgreSQL: the same rows as in SQLite (the document and its inbox line), for several instances. */
export class PostgresDraftStore implements DraftStore {
  constructor(
    private readonly db: PostgresDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(draft: NewDraft, idempotencyKey: string, year: number) {
    return this.db.transaction((client) => this.createIn(client, draft, idempotencyKey, year));
  }

  /** How many drafts were made under idempotency keys that start with `prefix` (one conversation's). */
  countWithKeyPrefixIn(q: Queryable, prefix: string): Promise<number> {
    return countKeysWithPrefix(q, 'drafts', prefix);
  }

  /** Whether a draft was made under exactly this idempotency key (a retried submission). */
  hasKeyIn(q: Queryable, idempotencyKey: string): Promise<boolean> {
    return hasKey(q, 'drafts', idempotencyKey);
  }

  /**
   * `create` inside the caller's transaction `q` (the turn store's): the next number of the year and the
   * row, or the row that already has this key. The year's number stays locked until that transaction ends.
   */
  async createIn(
    q: Queryable,
    draft: NewDraft,
    idempotencyKey: string,
    year: number,
  ): Promise<{ draft: DraftApplication; created: boolean }> {
    const existing = await q.query<{ document: string }>(
      'select document from drafts where idempotency_key = $1',
      [idempotencyKey],
    );
    if (existing.rows[0]) {
      return { draft: JSON.parse(existing.rows[0].document) as DraftApplication, created: false };
    }
    const last = await nextNumber(q, 'draft_sequences', year);
    const stored = storedDraft(draft, formatReference(year, last), this.now().toISOString());
    const { rowCount } = await q.query(
      `insert into drafts (${DRAFT_ROW_COLUMNS})
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (idempotency_key) do nothing`,
      draftRowValues(stored, idempotencyKey),
    );
    if (rowCount === 1) return { draft: stored, created: true };
    // Another instance stored this key after our first look (the insert waited for it to commit): its
    // draft is the one. Our number goes back, so no reference is skipped, and the second look finds it.
    await giveBackNumber(q, 'draft_sequences', year);
    return this.createIn(q, draft, idempotencyKey, year);
  }

  async get(id: string): Promise<DraftApplication | undefined> {
    const { rows } = await this.db.query<{ document: string }>('select document from drafts where id = $1', [
      id,
    ]);
    // A damaged row: the inbox lists it as unreadable; its pages answer as for a draft that is gone.
    return documentOf<DraftApplication>(rows[0]);
  }

  async list(filter: DraftFilter = {}): Promise<DraftSummary[]> {
    const { where, args } = whereOf(filter);
    const { rows } = await this.db.query<DraftLineRow>(
      `select ${LINE_COLUMNS} from drafts ${where} ${orderOf(filter.sort)}`,
      args,
    );
    return Promise.all(rows.map((row) => this.summaryOf(row)));
  }

  async page(filter: DraftFilter, { limit, offset }: { limit: number; offset: number }) {
    const { where, args } = whereOf(filter);
    const n = args.length;
    const [{ rows }, count] = await Promise.all([
      this.db.query<DraftLineRow>(
        `select ${LINE_COLUMNS} from drafts ${where} ${orderOf(filter.sort)} limit $${n + 1} offset $${n + 2}`,
        [...args, limit, offset],
      ),
      this.db.query<{ n: number }>(`select count(*) as n from drafts ${where}`, args),
    ]);
    return { drafts: await Promise.all(rows.map((row) => this.summaryOf(row))), total: count.rows[0]!.n };
  }

  async countByStatus(): Promise<Record<DraftStatus, number>> {
    const { rows } = await this.db.query<{ status: DraftStatus; n: number }>(
      'select status, count(*) as n from drafts group by status',
    );
    return countPerStatus(DRAFT_STATUSES, rows);
  }

  /**
   * The inbox line: from its own column, or for a draft stored before there was one, from the document
   * (once: the line is kept). A document that cannot be read is listed as such, never a 500 for the list.
   */
  private async summaryOf(row: DraftLineRow): Promise<DraftSummary> {
    try {
      return draftLineOf(row, row.summary ?? (await this.keepSummary(row.id)));
    } catch {
      return unreadableDraftLine(row);
    }
  }

  /** The line of a draft stored before there was a summary column: from its document, and kept. */
  private async keepSummary(id: string): Promise<DraftSummary> {
    const { rows } = await this.db.query<{ document: string }>('select document from drafts where id = $1', [
      id,
    ]);
    const summary = summarize(JSON.parse(rows[0]!.document) as DraftApplication);
    // Only while there is still none: a change made meanwhile wrote a newer line than this one.
    await this.db.query('update drafts set summary = $1 where id = $2 and summary is null', [
      JSON.stringify(summary),
      id,
    ]);
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

  /**
   * Reads, changes and writes one draft in one transaction; the inbox line and status follow. The row is
   * locked when read, so two consulents changing it at once both have their change kept.
   */
  private update(
    id: string,
    change: (draft: DraftApplication, at: string) => DraftApplication,
  ): Promise<DraftApplication | undefined> {
    return this.db.transaction(async (client) => {
      const { rows } = await client.query<{ document: string }>(
        'select document from drafts where id = $1 for update',
        [id],
      );
      if (!rows[0]) return undefined;
      const at = this.now().toISOString();
      const updated = { ...change(JSON.parse(rows[0].document) as DraftApplication, at), updatedAt: at };
      await client.query(
        'update drafts set status = $1, updated_at = $2, document = $3, summary = $4 where id = $5',
        [updated.status, at, JSON.stringify(updated), JSON.stringify(summarize(updated)), id],
      );
      return updated;
    });
  }

  async delete(id: string) {
    const { rows } = await this.db.query<{ id: string; reference: string }>(
      'delete from drafts where id = $1 returning id, reference',
      [id],
    );
    return rows[0];
  }

  async deleteCreatedBefore(before: string) {
    const { rows } = await this.db.query<{ id: string; reference: string }>(
      'delete from drafts where created_at < $1 collate "C" returning id, reference',
      [before],
    );
    return rows;
  }
}

// Text is compared byte by byte, as SQLite does, whatever collation the database was created with.
const NEWEST_FIRST = 'order by created_at collate "C" desc, reference collate "C" desc';

/**
 * A field of the inbox line; nothing for a line that is not JSON (a damaged row), which the cast would
 * otherwise fail the whole search or sort on.
 */
const field = (name: string) => `(json_or_null(summary) ->> '${name}')`;

/** The filter as a `where` clause with its arguments (the columns are fixed names, the values bound). */
function whereOf(filter: DraftFilter): { where: string; args: string[] } {
  const clauses: string[] = [];
  const args: string[] = [];
  for (const [column, value] of draftEqualities(filter)) clauses.push(`${column} = $${args.push(value)}`);
  // Every word somewhere in the reference, the applicant, the title or the e-mail address.
  for (const pattern of searchPatterns(filter.q)) {
    const bound = `$${args.push(pattern)}`;
    clauses.push(
      `(${SEARCHED.map((c) => `lower(coalesce(${c}, '')) like ${bound} escape '\\'`).join(' or ')})`,
    );
  }
  return { where: clauses.length ? `where ${clauses.join(' and ')}` : '', args };
}

const SEARCHED = ['reference', field('applicant'), field('title'), field('email')];

/** The order of a list: newest first, or the soonest date first (drafts without one last). */
function orderOf(sort: DraftFilter['sort']): string {
  if (sort === 'start')
    return `order by ${field('startDate')} is null, ${field('startDate')} collate "C", reference collate "C"`;
  if (sort === 'submit-by')
    return `order by ${field('submitBy')} is null, ${field('submitBy')} collate "C", reference collate "C"`;
  return NEWEST_FIRST;
}
