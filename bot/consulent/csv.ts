import type { DraftSummary } from '../../drafts/draft.js';
import type { CalendarDate } from '../../rules/index.js';
import {
  codeLabel,
  formatAmountPlain,
  formatCalendarDate,
  formatInstantShort,
  ruleLabel,
  t,
  tierLabel,
} from './texts.js';

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
  'title',
  'applicant',
  'applicantKind',
  'email',
  'phone',
  'type',
  'tier',
  'budgetLine',
  'amount',
  'startDate',
  'submitBy',
  'verdict',
  'flags',
  'status',
  'assignee',
] as const;

/** A date as the consulent reads it; empty when the draft has none. */
const date = (value: string | undefined) => (value ? formatCalendarDate(value as CalendarDate) : '');

export function draftsCsv(drafts: readonly DraftSummary[]): string {
  return toCsv([
    COLUMNS.map((c) => t(`csv.columns.${c}`)),
    ...drafts.map((d) => [
      d.reference,
      formatInstantShort(d.createdAt),
      d.title ?? '',
      d.applicant,
      codeLabel('applicantKinds', d.applicantKind),
      d.email ?? '',
      d.phone ?? '',
      codeLabel('types', d.type),
      tierLabel(d.tier),
      d.budgetLine ? codeLabel('budgetLines', d.budgetLine) : '',
      formatAmountPlain(d.requested),
      date(d.startDate),
      date(d.submitBy),
      t(`verdicts.${d.verdict}`),
      d.flags.map((f) => ruleLabel(f)).join(', '),
      t(`statuses.${d.status}`),
      d.assignee ?? '',
    ]),
  ]);
}
