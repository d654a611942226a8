import type { ClaimedMail, OutgoingMail } from '../mail/outbox.js';

// A claimed `mail_outbox` row means the same in SQLite and PostgreSQL: read into a claim here.

/** What a claim's `update … returning` hands back. */
export interface ClaimRow {
  id: string;
  message: string | null;
  attempts: number;
  created_at: number;
  locked_until: number;
}

/**
 * The claimed rows under `token`, oldest first, and the ids of those whose message cannot be read: never
 * sendable, the caller fails them at once instead of retrying them for days.
 */
export function claimsOf(rows: ClaimRow[], token: string): { claimed: ClaimedMail[]; unreadable: string[] } {
  const claimed: ClaimedMail[] = [];
  const unreadable: string[] = [];
  for (const row of rows.sort((a, b) => a.created_at - b.created_at)) {
    const mail = parseMail(row.message);
    if (!mail) {
      unreadable.push(row.id);
      continue;
    }
    claimed.push({
      id: row.id,
      mail,
      attempts: row.attempts,
      createdAt: row.created_at,
      lockedUntil: row.locked_until,
      token,
    });
  }
  return { claimed, unreadable };
}

function parseMail(message: string | null): OutgoingMail | undefined {
  if (message === null) return undefined;
  try {
    const mail = JSON.parse(message) as OutgoingMail;
    return Array.isArray(mail.to) && typeof mail.subject === 'string' && typeof mail.text === 'string'
      ? mail
      : undefined;
  } catch {
    return undefined;
  }
}
