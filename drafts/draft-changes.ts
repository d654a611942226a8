import { randomUUID } from 'node:crypto';
import type { DraftApplication, DraftStatus, NewDraft } from './draft.js';

// What a draft becomes when it is stored or changed: the draft's own business, so every store does the same.

/**
 * A submission as first stored, a draft or a callback request alike: what the channel handed over with an
 * id, its reference and status `nieuw`, set by the assistant at `at`.
 */
export function firstVersion<T extends object>(submission: T, reference: string, at: string) {
  return {
    ...submission,
    id: randomUUID(),
    reference,
    status: 'nieuw' as const,
    statusHistory: [{ status: 'nieuw' as const, by: 'assistent', at }],
    createdAt: at,
    updatedAt: at,
  };
}

export const storedDraft = (draft: NewDraft, reference: string, at: string): DraftApplication =>
  firstVersion(draft, reference, at);

/** The draft in `status`, the change in its history (with a note, and whether the applicant was told). */
export function withStatus(
  draft: DraftApplication,
  at: string,
  status: DraftStatus,
  by: string,
  extra: { note?: string; told?: boolean } = {},
): DraftApplication {
  return {
    ...draft,
    status,
    statusHistory: [
      ...draft.statusHistory,
      { status, by, at, ...(extra.note && { note: extra.note }), ...(extra.told && { told: true }) },
    ],
  };
}

/** The draft assigned to `name` by `by`, or to nobody (`null`). */
export function withAssignee(
  draft: DraftApplication,
  at: string,
  name: string | null,
  by: string,
): DraftApplication {
  const { assignee: _, ...rest } = draft;
  return name === null ? rest : { ...rest, assignee: { name, by, at } };
}

/** The draft with exactly these attachments ticked as received. */
export function withReceived(
  draft: DraftApplication,
  at: string,
  attachments: string[],
  by: string,
): DraftApplication {
  // A tick keeps who made it and when; one taken away is gone.
  const before = new Map((draft.received ?? []).map((r) => [r.id, r]));
  const received = [...new Set(attachments)].map((a) => before.get(a) ?? { id: a, by, at });
  return { ...draft, received };
}
