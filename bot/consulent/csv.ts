import type { DraftSummary } from '../../drafts/draft.js';
import { codeLabel, formatAmountPlain, formatInstantShort, ruleLabel, t, tierLabel } from './texts.js';

/**
 * The inbox as a spreadsheet for Dutch Excel: UTF-8 with a byte order mark (or Excel guesses the
 * encoding), `;` between cells (a Dutch Excel's list separator, since `,` is the decimal comma), CRLF.
 */
export const CSV_SEPARATOR = ';';

/**
 * One cell. A text starting with `=`, `+`, `-` or `@` (or tab/CR, which Excel strips first) would run as
 * a formula: it gets a leading `'`. Cells with the separator, a quote or a line break are quoted.
 */
export function csvCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(CSV_SEPARATOR)).join('\r\n')}\r\n`;
}

const COLUMNS = [
  'reference',
  'date',
  'applicant',
  'applicantKind',
  'type',
  'tier',
  'amount',
  'verdict',
  'flags',
  'status',
] as const;

export function draftsCsv(drafts: readonly DraftSummary[]): string {
  return toCsv([
    COLUMNS.map((c) => t(`csv.columns.${c}`)),
    ...drafts.map((d) => [
      d.reference,
      formatInstantShort(d.createdAt),
      d.applicant,
      codeLabel('applicantKinds', d.applicantKind),
      codeLabel('types', d.type),
      tierLabel(d.tier),
      formatAmountPlain(d.requested),
      t(`verdicts.${d.verdict}`),
      d.flags.map((f) => `${ruleLabel(f)} (${f})`).join(', '),
      t(`statuses.${d.status}`),
    ]),
  ]);
}
