import type { CallbackRequest, CallbackStatus, CallbackSummary } from '../callbacks/callback.js';
import { summarizeCallback } from '../callbacks/callback.js';
import type { DraftApplication, DraftStatus, DraftSummary } from '../drafts/draft.js';
import { summarize } from '../drafts/draft.js';

// The document tables' rows (drafts, callbacks) mean the same in SQLite and PostgreSQL: read and made here.

/** The stored document, or undefined for no row or a damaged one (its pages answer as for one gone). */
export function documentOf<T>(row: { document: string } | undefined): T | undefined {
  if (!row) return undefined;
  try {
    return JSON.parse(row.document) as T;
  } catch {
    return undefined;
  }
}

/** The columns a row is created with, in the order of `draftRowValues`. */
export const DRAFT_ROW_COLUMNS =
  'id, reference, idempotency_key, status, type, tier, created_at, updated_at, document, summary';

export function draftRowValues(draft: DraftApplication, idempotencyKey: string): string[] {
  return [
    draft.id,
    draft.reference,
    idempotencyKey,
    draft.status,
    draft.assessment.route?.type ?? '',
    draft.assessment.route?.tier ?? '',
    draft.createdAt,
    draft.updatedAt,
    JSON.stringify(draft),
    JSON.stringify(summarize(draft)),
  ];
}

/** The columns a row is created with, in the order of `callbackRowValues`. */
export const CALLBACK_ROW_COLUMNS =
  'id, reference, idempotency_key, status, caller, created_at, updated_at, document, summary';

export function callbackRowValues(request: CallbackRequest, idempotencyKey: string): string[] {
  return [
    request.id,
    request.reference,
    idempotencyKey,
    request.status,
    request.caller,
    request.createdAt,
    request.updatedAt,
    JSON.stringify(request),
    JSON.stringify(summarizeCallback(request)),
  ];
}

/** What a list is read from: the row's own columns and its line as stored. */
export interface LineRow<Status extends string, Summary extends string | null = string> {
  id: string;
  reference: string;
  status: Status;
  created_at: string;
  summary: Summary;
}

/** A draft's line is null for a draft stored before there was a summary column. */
export type DraftLineRow = LineRow<DraftStatus, string | null>;
export type CallbackLineRow = LineRow<CallbackStatus>;

export const LINE_COLUMNS = 'id, reference, status, created_at, summary';

const ownOf = <S extends string>(row: LineRow<S, string | null>) => ({
  id: row.id,
  reference: row.reference,
  status: row.status,
  createdAt: row.created_at,
});

/**
 * A draft's inbox line: `summary` (the stored JSON text, or made from the document) under the row's own
 * columns. Throws on text that is not JSON: the caller lists the row as `unreadableDraftLine`.
 */
export function draftLineOf(row: DraftLineRow, summary: string | DraftSummary): DraftSummary {
  const line = typeof summary === 'string' ? (JSON.parse(summary) as DraftSummary) : summary;
  return { ...line, ...ownOf(row) };
}

/** The inbox line of a draft that cannot be read: listed, so it is seen, never a 500 for the list. */
export function unreadableDraftLine(row: DraftLineRow): DraftSummary {
  const empty = { applicant: '', applicantKind: '', type: '', tier: '', requested: 0, flags: [] };
  return { ...ownOf(row), ...empty, verdict: 'not-eligible', unreadable: true };
}

/** A callback request's list line; one that cannot be read is listed as such, never a 500 for the list. */
export function callbackLineOf(row: CallbackLineRow): CallbackSummary {
  const own = ownOf(row);
  try {
    return { ...(JSON.parse(row.summary) as CallbackSummary), ...own };
  } catch {
    return {
      ...own,
      caller: 'consulent',
      contact: { kind: 'phone', value: '' },
      question: '',
      lang: 'nl',
      channel: 'website',
      unreadable: true,
    };
  }
}

/** The rows per status (`group by status`), 0 for one without any; unknown statuses are left out. */
export function countPerStatus<S extends string>(
  statuses: readonly S[],
  rows: { status: S; n: number }[],
): Record<S, number> {
  const counts = Object.fromEntries(statuses.map((s) => [s, 0])) as Record<S, number>;
  for (const { status, n } of rows) if (status in counts) counts[status] = n;
  return counts;
}
