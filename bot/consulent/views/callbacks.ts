import type { CallbackRequest, CallbackStatus, CallbackSummary } from '../../../callbacks/callback.js';
import { CALLBACK_STATUSES, CALLERS } from '../../../callbacks/callback.js';
import { displayContact } from '../../../dialogs/callback.js';
import type { CallbackFilter } from '../../../storage/interfaces.js';
import type { HtmlValue, SafeHtml } from '../html.js';
import { html } from '../html.js';
import { formatDateShort, formatInstant, formatInstantShort, localParts, t } from '../texts.js';
import type { Viewer } from './layout.js';
import { csrfField, layout, notice } from './layout.js';

/** Where the pages live (`bot/consulent/callbacks.ts` registers them here). */
export const CALLBACKS_PATH = '/consulent/terugbelverzoeken';

export interface CallbackListView {
  /** One page of the requests the filter matches. */
  callbacks: CallbackSummary[];
  total: number;
  page: number;
  pages: number;
  /** Over all requests, whatever the filters. */
  counts: Record<CallbackStatus, number>;
  filter: CallbackFilter;
  /** The reference just deleted, for the confirmation. */
  deleted?: string;
}

export interface CallbackDetailView {
  callback: CallbackRequest;
  /** After the status form: the status was changed, or already was this one. */
  statusNotice?: 'changed' | 'unchanged';
}

/** `?status=nieuw&caller=buurtwerk`: the filters (and a page after the first) as a query string. */
export function callbackQuery(filter: CallbackFilter, page = 1): string {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.caller) params.set('caller', filter.caller);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

const statusLabel = (status: string): string => t(`callbacks.statuses.${status}`);
const callerLabel = (caller: string): string => t(`callbacks.callers.${caller}`);
const statusBadge = (status: string): SafeHtml =>
  html`<span class="badge badge-status badge-${status}">${statusLabel(status)}</span>`;
const verdictBadge = (verdict: string): SafeHtml =>
  html`<span class="badge badge-verdict badge-${verdict}">${t(`verdicts.${verdict}`)}</span>`;
const detailHref = (id: string) => `${CALLBACKS_PATH}/${encodeURIComponent(id)}`;

/** A link to call or mail, only for a plain number or address: nothing typed can add another scheme or headers. */
function contactLink(contact: CallbackRequest['contact']): HtmlValue {
  const shown = displayContact(contact.value);
  if (contact.kind === 'phone')
    return /^\+?\d{4,15}$/.test(contact.value) ? html`<a href="tel:${contact.value}">${shown}</a>` : shown;
  return /^[^\s@?&#<>"':/]+@[^\s@?&#<>"':/]+$/.test(contact.value)
    ? html`<a href="mailto:${contact.value}">${contact.value}</a>`
    : contact.value;
}

/** Text the person typed: kept as typed (line breaks too), in the conversation's language. */
const typed = (text: string, lang: string): SafeHtml =>
  html`<span class="typed"${lang !== 'nl' ? html` lang="${lang}"` : ''}>${text}</span>`;

/** A list of label/value pairs. */
function facts(rows: [string, HtmlValue][]): SafeHtml {
  return html`<dl class="facts">${rows.map(
    ([label, value]) => html`<div class="fact"><dt>${label}</dt><dd>${value}</dd></div>`,
  )}</dl>`;
}

function select(
  name: 'status' | 'caller',
  codes: readonly string[],
  selected: string | undefined,
  label: (code: string) => string,
): SafeHtml {
  return html`<div class="field">
<label for="filter-${name}">${t(`callbacks.${name}`)}</label>
<select id="filter-${name}" name="${name}">
<option value="">${t('callbacks.any')}</option>
${codes.map((code) => html`<option value="${code}"${code === selected ? html` selected` : ''}>${label(code)}</option>`)}
</select>
</div>`;
}

function rowMarkup(c: CallbackSummary): SafeHtml {
  const reference = html`<th scope="row"><a href="${detailHref(c.id)}">${c.reference}</a></th>`;
  const date = html`<td class="nowrap"><time datetime="${c.createdAt}">${formatDateShort(c.createdAt)}<span class="sub">${localParts(c.createdAt).time}</span></time></td>`;
  if (c.unreadable) {
    return html`<tr>${reference}${date}<td colspan="4">${t('callbacks.unreadable')}</td><td>${statusBadge(c.status)}</td></tr>`;
  }
  return html`<tr>
${reference}
${date}
<td>${callerLabel(c.caller)}</td>
<td class="applicant">${displayContact(c.contact.value)}<span class="sub">${t(`callbacks.contactKinds.${c.contact.kind}`)}</span></td>
<td class="question">${typed(c.question, c.lang)}</td>
<td>${t(`channels.${c.channel}`)}</td>
<td>${statusBadge(c.status)}</td>
</tr>`;
}

function pager({ filter, page, pages }: CallbackListView): SafeHtml | string {
  if (pages <= 1) return '';
  return html`<nav class="pager" aria-labelledby="pager-heading">
<h2 id="pager-heading" class="visually-hidden">${t('list.pagesHeading')}</h2>
<p>${t('list.pages', { page, pages })}</p>
<ul>
${page > 1 ? html`<li><a rel="prev" href="${CALLBACKS_PATH}${callbackQuery(filter, page - 1)}">${t('list.previous')}</a></li>` : ''}
${page < pages ? html`<li><a rel="next" href="${CALLBACKS_PATH}${callbackQuery(filter, page + 1)}">${t('list.next')}</a></li>` : ''}
</ul>
</nav>`;
}

/** The list: counts per status, filters, newest first, 50 a page. */
export function callbackListPage(view: CallbackListView, viewer: Viewer): SafeHtml {
  const { callbacks, counts, filter } = view;
  const total = CALLBACK_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const columns = ['reference', 'date', 'caller', 'contact', 'question', 'channel', 'status'];
  const countLink = (status: CallbackStatus | undefined, label: string, count: number) => {
    const current = !filter.caller && filter.status === status;
    return html`<li><a href="${CALLBACKS_PATH}${callbackQuery({ ...(status && { status }) })}"${current ? html` aria-current="page"` : ''}><span class="count-label">${label}</span> <span class="count">${count}</span></a></li>`;
  };
  return layout(
    t('callbacks.title'),
    html`<h1>${t('callbacks.heading')}</h1>
<p>${t('callbacks.intro')}</p>
${view.deleted && notice(t('callbacks.deleted', { reference: view.deleted }))}
<nav aria-labelledby="counts-heading" class="counts">
<h2 id="counts-heading" class="visually-hidden">${t('callbacks.countsHeading')}</h2>
<ul>
${countLink(undefined, t('callbacks.all'), total)}
${CALLBACK_STATUSES.map((s) => countLink(s, statusLabel(s), counts[s]))}
</ul>
</nav>
<section aria-labelledby="filters-heading" class="filters">
<h2 id="filters-heading">${t('callbacks.filtersHeading')}</h2>
<form method="get" action="${CALLBACKS_PATH}">
<div class="filter-fields">
${select('status', CALLBACK_STATUSES, filter.status, statusLabel)}
${select('caller', CALLERS, filter.caller, callerLabel)}
<div class="actions">
<button type="submit" class="button button-primary">${t('callbacks.apply')}</button>
<a class="button-link" href="${CALLBACKS_PATH}">${t('callbacks.clear')}</a>
</div>
</div>
</form>
</section>
<div class="results-bar">
<p class="results-count">${view.total === 1 ? t('callbacks.foundOne') : t('callbacks.found', { count: view.total })}</p>
</div>
${
  callbacks.length === 0
    ? html`<p class="empty">${t('callbacks.none')}</p>`
    : html`<p class="scroll-hint">${t('list.scrollHint')}</p>
<div class="table-scroll" role="region" aria-labelledby="callbacks-caption" tabindex="0">
<table class="drafts callbacks">
<caption id="callbacks-caption">${t('callbacks.caption')}</caption>
<thead><tr>${columns.map((c) => html`<th scope="col">${t(`callbacks.columns.${c}`)}</th>`)}</tr></thead>
<tbody>
${callbacks.map(rowMarkup)}
</tbody>
</table>
</div>
${pager(view)}`
}`,
    viewer,
    'callbacks',
  );
}

const field = (key: string) => t(`callbacks.detail.${key}`);

function statusSection(c: CallbackRequest, viewer: Viewer): SafeHtml {
  return html`<section aria-labelledby="status-heading" class="card">
<h2 id="status-heading">${t('detail.statusHeading')}</h2>
${facts([[t('detail.currentStatus'), statusBadge(c.status)]])}
<form method="post" action="${detailHref(c.id)}/status" class="inline-form">
${csrfField(viewer)}
<div class="field">
<label for="new-status">${t('detail.newStatus')}</label>
<select id="new-status" name="status">
${CALLBACK_STATUSES.map((s) => html`<option value="${s}"${s === c.status ? html` selected` : ''}>${statusLabel(s)}</option>`)}
</select>
</div>
<button type="submit" class="button button-primary">${t('detail.saveStatus')}</button>
</form>
<h3>${t('detail.historyHeading')}</h3>
<div class="table-scroll" role="region" aria-labelledby="history-caption" tabindex="0">
<table class="history">
<caption id="history-caption" class="visually-hidden">${t('detail.historyCaption')}</caption>
<thead><tr><th scope="col">${t('detail.historyStatus')}</th><th scope="col">${t('detail.historyBy')}</th><th scope="col">${t('detail.historyAt')}</th></tr></thead>
<tbody>${[...c.statusHistory]
    .reverse()
    .map(
      (h) =>
        html`<tr><th scope="row">${statusLabel(h.status)}</th><td>${h.by}</td><td class="nowrap"><time datetime="${h.at}">${formatInstant(h.at)}</time></td></tr>`,
    )}</tbody>
</table>
</div>
</section>`;
}

function transcriptSection(c: CallbackRequest): SafeHtml {
  const lang = c.lang !== 'nl' ? html` lang="${c.lang}"` : '';
  return html`<section aria-labelledby="transcript-heading" class="card">
<h2 id="transcript-heading">${t('detail.transcriptHeading')}</h2>
${
  c.transcript.length > 0
    ? html`<ol class="transcript">${c.transcript.map(
        (line) =>
          html`<li class="line line-${line.from}"><p class="speaker">${t(`detail.${line.from}`)} <time datetime="${line.at}">${formatInstantShort(line.at)}</time></p><p class="typed"${lang}>${line.text}</p></li>`,
      )}</ol>`
    : html`<p>${t('detail.transcriptNone')}</p>`
}
</section>`;
}

/** One request: who and how to reach, the question, status and its history, the answers, the transcript. */
export function callbackDetailPage(view: CallbackDetailView, viewer: Viewer): SafeHtml {
  const { callback: c } = view;
  const title = t('callbacks.detail.title', { reference: c.reference });
  return layout(
    title,
    html`<p class="back"><a href="${CALLBACKS_PATH}">${t('callbacks.backToList')}</a></p>
<h1>${title}</h1>
${view.statusNotice && notice(t(view.statusNotice === 'changed' ? 'detail.statusChanged' : 'detail.statusUnchanged', { status: statusLabel(c.status) }))}

<section aria-labelledby="summary-heading" class="card">
<h2 id="summary-heading">${t('detail.summaryHeading')}</h2>
${facts([
  [t('detail.fields.status'), statusBadge(c.status)],
  [field('caller'), callerLabel(c.caller)],
  [field('received'), html`<time datetime="${c.createdAt}">${formatInstant(c.createdAt)}</time>`],
  [t('detail.fields.channel'), t(`channels.${c.channel}`)],
  [t('detail.fields.language'), t(`languages.${c.lang}`)],
  [field('verdict'), verdictBadge(c.verdict)],
])}
${c.lang !== 'nl' && html`<p class="muted">${field('otherLanguage')}</p>`}
</section>

<section aria-labelledby="contact-heading" class="card">
<h2 id="contact-heading">${field('contactHeading')}</h2>
${facts([
  [t(`callbacks.contactKinds.${c.contact.kind}`), contactLink(c.contact)],
  [field('question'), typed(c.question, c.lang)],
])}
${c.questionCut && html`<p class="muted">${field('questionCut')}</p>`}
</section>

${statusSection(c, viewer)}

<section aria-labelledby="answers-heading" class="card">
<h2 id="answers-heading">${field('answersHeading')}</h2>
${
  c.answers.length > 0
    ? html`<div class="table-scroll" role="region" aria-labelledby="answers-caption" tabindex="0">
<table class="answers">
<caption id="answers-caption" class="visually-hidden">${field('answersCaption')}</caption>
<thead><tr><th scope="col">${t('detail.question')}</th><th scope="col">${t('detail.answer')}</th></tr></thead>
<tbody>${c.answers.map((a) => html`<tr><th scope="row">${a.label}</th><td class="typed">${a.answer}</td></tr>`)}</tbody>
</table>
</div>`
    : html`<p>${field('answersNone')}</p>`
}
</section>

${transcriptSection(c)}

<section aria-labelledby="delete-heading" class="card card-danger">
<h2 id="delete-heading">${field('delete')}</h2>
<p>${t('callbacks.delete.text')}</p>
<p><a class="button button-danger" href="${detailHref(c.id)}/delete">${field('delete')}</a></p>
</section>`,
    viewer,
    'callbacks',
  );
}

/** "Really delete?": a form with the CSRF token, or back to the request. */
export function callbackDeletePage(c: CallbackRequest, viewer: Viewer): SafeHtml {
  return layout(
    t('callbacks.delete.title', { reference: c.reference }),
    html`<div class="narrow">
<h1>${t('callbacks.delete.heading', { reference: c.reference })}</h1>
<p>${t('callbacks.delete.text')}</p>
<form method="post" action="${detailHref(c.id)}/delete" class="actions">
${csrfField(viewer)}
<button type="submit" class="button button-danger">${t('delete.confirm')}</button>
<a class="button-link" href="${detailHref(c.id)}">${t('callbacks.delete.cancel')}</a>
</form>
</div>`,
    viewer,
    'callbacks',
  );
}
