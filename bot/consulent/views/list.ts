import type { DraftStatus, DraftSummary } from '../../../drafts/draft.js';
import { DRAFT_STATUSES } from '../../../drafts/draft.js';
import type { CalendarDate } from '../../../rules/index.js';
import { SUBSIDY_TYPES, TIERS } from '../../../rules/index.js';
import type { DraftFilter } from '../../../storage/interfaces.js';
import { DRAFT_SORTS } from '../../../storage/interfaces.js';
import type { SafeHtml } from '../html.js';
import { html } from '../html.js';
import type { CodeGroup } from '../texts.js';
import {
  codeLabel,
  flagSeverity,
  formatAmount,
  formatCalendarDate,
  formatDateShort,
  localParts,
  ruleLabel,
  t,
  tierLabel,
} from '../texts.js';
import type { Viewer } from './layout.js';
import { layout, notice } from './layout.js';

export interface ListView {
  /** One page of the drafts the filter matches. */
  drafts: DraftSummary[];
  /** How many match in all, and which page of how many this is (1-based). */
  total: number;
  page: number;
  pages: number;
  /** For days waiting and passed dates. */
  today: CalendarDate;
  /** Over the whole inbox, whatever the filters. */
  counts: Record<DraftStatus, number>;
  filter: DraftFilter;
  /** The reference just deleted, for the confirmation. */
  deleted?: string;
}

/** `?status=nieuw&tier=tot-1000`: the filters (and a page after the first) as a query string. */
export function filterQuery(filter: DraftFilter, page = 1): string {
  const params = new URLSearchParams();
  for (const key of ['status', 'type', 'tier', 'q'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (filter.sort && filter.sort !== 'received') params.set('sort', filter.sort);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const statusLabel = (status: string): string => t(`statuses.${status}`);
export const verdictLabel = (verdict: string): string => t(`verdicts.${verdict}`);

export const statusBadge = (status: string): SafeHtml =>
  html`<span class="badge badge-status badge-${status}">${statusLabel(status)}</span>`;
export const verdictBadge = (verdict: string): SafeHtml =>
  html`<span class="badge badge-verdict badge-${verdict}">${verdictLabel(verdict)}</span>`;

/** A risk or warning: severity in words (not only colour) and its label; never the rule's code. */
export function flagItem(rule: string): SafeHtml {
  const severity = flagSeverity(rule);
  return html`<li class="flag flag-${severity}"><span class="flag-severity">${t(`flagSeverities.${severity}`)}:</span> ${ruleLabel(rule)}</li>`;
}

/** Whole days from `from` to `to` (calendar dates). */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

function waiting(createdAt: string, today: CalendarDate): string {
  const days = Math.max(0, daysBetween(localParts(createdAt).date, today));
  return days === 0
    ? t('list.waitingToday')
    : days === 1
      ? t('list.waitingOne')
      : t('list.waitingDays', { count: days });
}

/** The last day to apply; passed ones say so in words, not only in colour. */
function submitByCell(date: CalendarDate | undefined, today: CalendarDate): SafeHtml | string {
  if (!date) return '';
  const passed = date < today;
  return html`<time datetime="${date}"${passed ? html` class="passed"` : ''}>${formatCalendarDate(date)}</time>${passed ? html`<span class="sub passed">${t('list.passed')}</span>` : ''}`;
}

function select(
  name: 'status' | 'type' | 'tier',
  codes: readonly string[],
  selected: string | undefined,
  label: (code: string) => string,
): SafeHtml {
  return html`<div class="field">
<label for="filter-${name}">${t(`list.${name}`)}</label>
<select id="filter-${name}" name="${name}">
<option value="">${t('list.any')}</option>
${codes.map((code) => html`<option value="${code}"${code === selected ? html` selected` : ''}>${label(code)}</option>`)}
</select>
</div>`;
}

const code = (group: CodeGroup) => (value: string) => codeLabel(group, value);

function rowMarkup(d: DraftSummary, today: CalendarDate): SafeHtml {
  if (d.unreadable) {
    return html`<tr>
<th scope="row"><a href="/consulent/drafts/${encodeURIComponent(d.id)}">${d.reference}</a></th>
<td class="nowrap"><time datetime="${d.createdAt}">${formatDateShort(d.createdAt)}</time></td>
<td colspan="9">${t('list.unreadable')}</td>
<td>${statusBadge(d.status)}</td>
</tr>`;
  }
  return html`<tr>
<th scope="row"><a href="/consulent/drafts/${encodeURIComponent(d.id)}">${d.reference}</a>${d.title && html`<span class="sub">${d.title}</span>`}</th>
<td class="nowrap"><time datetime="${d.createdAt}">${formatDateShort(d.createdAt)}<span class="sub">${localParts(d.createdAt).time}</span></time></td>
<td class="nowrap">${waiting(d.createdAt, today)}</td>
<td class="nowrap">${d.startDate ? html`<time datetime="${d.startDate}">${formatCalendarDate(d.startDate)}</time>` : ''}</td>
<td class="nowrap">${submitByCell(d.submitBy, today)}</td>
<td class="applicant">${d.applicant}${d.applicantKind && html`<span class="sub">${codeLabel('applicantKinds', d.applicantKind)}</span>`}</td>
<td>${codeLabel('types', d.type)}</td>
<td>${tierLabel(d.tier)}</td>
<td class="amount nowrap">${formatAmount(d.requested)}</td>
<td>${verdictBadge(d.verdict)}</td>
<td class="flags-cell">${d.flags.length > 0 ? html`<ul class="flags">${d.flags.map(flagItem)}</ul>` : html`<span class="muted">${t('list.noFlags')}</span>`}</td>
<td>${statusBadge(d.status)}${d.assignee && html`<span class="sub">${d.assignee}</span>`}</td>
</tr>`;
}

/** Previous and next page, and where this page is: only when there is more than one. */
function pager({ filter, page, pages }: ListView): SafeHtml | string {
  if (pages <= 1) return '';
  return html`<nav class="pager" aria-labelledby="pager-heading">
<h2 id="pager-heading" class="visually-hidden">${t('list.pagesHeading')}</h2>
<p>${t('list.pages', { page, pages })}</p>
<ul>
${page > 1 ? html`<li><a rel="prev" href="/consulent${filterQuery(filter, page - 1)}">${t('list.previous')}</a></li>` : ''}
${page < pages ? html`<li><a rel="next" href="/consulent${filterQuery(filter, page + 1)}">${t('list.next')}</a></li>` : ''}
</ul>
</nav>`;
}

export function listPage(view: ListView, viewer: Viewer): SafeHtml {
  const { drafts, counts, filter } = view;
  const total = DRAFT_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const columns = [
    'reference',
    'date',
    'waiting',
    'start',
    'submitBy',
    'applicant',
    'type',
    'tier',
    'amount',
    'verdict',
    'flags',
    'status',
  ];
  const onlyStatus = !filter.type && !filter.tier;
  const countLink = (status: DraftStatus | undefined, label: string, count: number) => {
    const current = onlyStatus && filter.status === status;
    return html`<li><a href="/consulent${filterQuery({ status })}"${current ? html` aria-current="page"` : ''}><span class="count-label">${label}</span> <span class="count">${count}</span></a></li>`;
  };
  return layout(
    t('list.title'),
    html`<h1>${t('list.heading')}</h1>
${view.deleted && notice(t('list.deleted', { reference: view.deleted }))}
<nav aria-labelledby="counts-heading" class="counts">
<h2 id="counts-heading" class="visually-hidden">${t('list.countsHeading')}</h2>
<ul>
${countLink(undefined, t('list.all'), total)}
${DRAFT_STATUSES.map((s) => countLink(s, statusLabel(s), counts[s]))}
</ul>
</nav>
<section aria-labelledby="filters-heading" class="filters">
<h2 id="filters-heading">${t('list.filtersHeading')}</h2>
<form method="get" action="/consulent">
<div class="filter-fields">
${select('status', DRAFT_STATUSES, filter.status, statusLabel)}
${select('type', SUBSIDY_TYPES, filter.type, code('types'))}
${select('tier', TIERS, filter.tier, tierLabel)}
<div class="field field-wide">
<label for="filter-q">${t('list.search')}</label>
<span class="hint" id="filter-q-hint">${t('list.searchHint')}</span>
<input id="filter-q" name="q" type="search" value="${filter.q ?? ''}" aria-describedby="filter-q-hint" maxlength="100">
</div>
<div class="field">
<label for="filter-sort">${t('list.sort')}</label>
<select id="filter-sort" name="sort">
${DRAFT_SORTS.map((s) => html`<option value="${s}"${s === (filter.sort ?? 'received') ? html` selected` : ''}>${t(`list.sorts.${s}`)}</option>`)}
</select>
</div>
<div class="actions">
<button type="submit" class="button button-primary">${t('list.apply')}</button>
<a class="button-link" href="/consulent">${t('list.clear')}</a>
</div>
</div>
</form>
</section>
<div class="results-bar">
<p class="results-count">${view.total === 1 ? t('list.foundOne') : t('list.found', { count: view.total })}</p>
<a class="button button-secondary" href="/consulent/export.csv${filterQuery(filter)}" download>${t('list.export')}</a>
</div>
${
  drafts.length === 0
    ? html`<p class="empty">${t('list.none')}</p>`
    : html`<p class="scroll-hint">${t('list.scrollHint')}</p>
<div class="table-scroll" role="region" aria-labelledby="drafts-caption" tabindex="0">
<table class="drafts">
<caption id="drafts-caption">${t('list.caption')}</caption>
<thead><tr>${columns.map((c) => html`<th scope="col">${t(`list.columns.${c}`)}</th>`)}</tr></thead>
<tbody>
${drafts.map((d) => rowMarkup(d, view.today))}
</tbody>
</table>
</div>
${pager(view)}`
}`,
    viewer,
  );
}
