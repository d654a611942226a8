import type { DraftApplication } from '../../../drafts/draft.js';
import { DRAFT_STATUSES, summarize } from '../../../drafts/draft.js';
import type { AssessInput, Assessment, Finding } from '../../../rules/index.js';
import { isCalendarDate, SLOT_PATHS } from '../../../rules/index.js';
import type { HtmlValue, SafeHtml } from '../html.js';
import { html } from '../html.js';
import type { CodeGroup } from '../texts.js';
import {
  codeLabel,
  formatAmount,
  formatCalendarDate,
  formatInstant,
  formatInstantShort,
  ruleLabel,
  rulesText,
  t,
  tierLabel,
} from '../texts.js';
import type { Viewer } from './layout.js';
import { csrfField, layout, notice } from './layout.js';
import { flagItem, statusBadge, statusLabel, verdictBadge } from './list.js';

export interface DetailView {
  draft: DraftApplication;
  /** After a form: the status was changed (or already was this one), assigned, attachments saved. */
  statusNotice?: 'changed' | 'unchanged' | 'assigned' | 'received';
  /** The consulenten a draft can be given to (`CONSULENT_USERS`). */
  consulents: readonly string[];
}

const yesNo = (value: boolean) => (value ? t('values.yes') : t('values.no'));
const codes = (group: CodeGroup, values: readonly string[]) =>
  values.length === 0 ? t('values.none') : values.map((v) => codeLabel(group, v)).join(', ');

/** Slots holding euros; other numbers are counts. */
const AMOUNT_SLOTS = new Set([
  'money.requested',
  'money.totalCosts',
  'money.thirdPartyContributions',
  'history.amountGrantedThisYear',
]);
const CODE_SLOTS: Record<string, CodeGroup> = {
  'applicant.kind': 'applicantKinds',
  'initiative.type': 'types',
  'initiative.themes': 'themes',
  'initiative.kaders': 'kaders',
};

function answerText(path: string, value: unknown): string {
  const group = CODE_SLOTS[path];
  if (group) return Array.isArray(value) ? codes(group, value as string[]) : codeLabel(group, String(value));
  if (typeof value === 'boolean') return yesNo(value);
  if (typeof value === 'number') return AMOUNT_SLOTS.has(path) ? formatAmount(value) : String(value);
  if (typeof value === 'string' && isCalendarDate(value)) return formatCalendarDate(value);
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Every answer the assistant collected, with its label, in the order of the contract. */
function answers(input: AssessInput): { label: string; text: string }[] {
  const groups = input as Record<string, Record<string, unknown> | undefined>;
  return SLOT_PATHS.flatMap((path) => {
    const [group, field] = path.split('.') as [string, string];
    const value = groups[group]?.[field];
    return value === undefined ? [] : [{ label: t(`answers.${path}`), text: answerText(path, value) }];
  });
}

/** A list of label/value pairs; an empty value reads "niet opgegeven" instead of a blank. */
function facts(rows: [string, HtmlValue][]): SafeHtml {
  return html`<dl class="facts">${rows.map(
    ([label, value]) =>
      html`<div class="fact"><dt>${label}</dt><dd>${value === '' || value === undefined ? html`<span class="muted">${t('detail.fields.notGiven')}</span>` : value}</dd></div>`,
  )}</dl>`;
}

/** A mailto link only for a plain address: nothing typed can add headers (`?cc=`) or another scheme. */
const emailLink = (email: string): HtmlValue =>
  /^[^\s@?&#<>"':/]+@[^\s@?&#<>"':/]+$/.test(email) ? html`<a href="mailto:${email}">${email}</a>` : email;

const field = (key: string) => t(`detail.fields.${key}`);

/** Text the resident typed: kept as typed (line breaks too), in the conversation's language. */
const typed = (text: string | undefined, lang: string): HtmlValue =>
  text ? html`<span class="typed"${lang !== 'nl' ? html` lang="${lang}"` : ''}>${text}</span>` : '';

function findingItem(f: Finding, lang: string): SafeHtml {
  return html`<li class="finding finding-${f.severity}">
<p class="finding-head"><span class="severity">${codeLabel('severities', f.severity)}</span> ${ruleLabel(f.rule)}</p>
<p${lang !== 'nl' ? html` lang="${lang}"` : ''}>${f.message}</p>
${f.value !== undefined && html`<p>${t('detail.findingValue', { amount: formatAmount(f.value) })}</p>`}
${f.maxAmount !== undefined && html`<p>${t('detail.findingMaxAmount', { amount: formatAmount(f.maxAmount) })}</p>`}
<p class="source">${t('detail.findingSource', { source: f.source })}</p>
</li>`;
}

type ChecklistEntry = NonNullable<Assessment['checklist']>[number];

/** An attachment to send (required), or one to keep (the VOG); the rules' label may already say which. */
function checklistItem(c: ChecklistEntry, rulesetId: string): SafeHtml {
  const label = rulesText(`checklist.${c.id}`, c.label, rulesetId);
  const note = c.required ? t('detail.checklistRequired') : t('detail.checklistKeep');
  return html`<li><span class="check-label">${label}</span>${!label.includes(note) && html` <span class="sub-inline">(${note})</span>`}<span class="source">${c.source}</span></li>`;
}

function assessmentSection(a: Assessment, draft: DraftApplication, viewer: Viewer): SafeHtml {
  // The consulent's own words where the draft has them; a draft in another language was assessed in it.
  const lang = draft.consulentAssessment ? 'nl' : draft.lang;
  const route = a.route;
  return html`<section aria-labelledby="assessment-heading" class="card">
<h2 id="assessment-heading">${t('detail.assessmentHeading')}</h2>
<p>${t('detail.assessedOn', { date: formatCalendarDate(draft.assessedOn), ruleset: draft.rulesetId })}</p>
${draft.lang !== 'nl' && html`<p class="muted">${t('detail.otherLanguage')}</p>`}
${facts([[t('detail.verdict'), verdictBadge(a.verdict)]])}

<h3>${t('detail.routeHeading')}</h3>
${
  route
    ? facts([
        [field('type'), codeLabel('types', route.type)],
        [field('tier'), tierLabel(route.tier)],
        [field('decidedBy'), codeLabel('deciders', route.decidedBy)],
        [field('advisors'), codes('advisors', route.advisors)],
        [field('interview'), yesNo(route.interview)],
        [field('budgetLine'), codeLabel('budgetLines', route.budgetLine)],
      ])
    : html`<p class="muted">${t('detail.routeNone')}</p>`
}

<h3>${t('detail.findingsHeading')}</h3>
${
  a.findings.length > 0
    ? html`<ul class="findings">${a.findings.map((f) => findingItem(f, lang))}</ul>`
    : html`<p>${t('detail.findingsNone')}</p>`
}

<h3 id="checklist-heading">${t('detail.checklistHeading')}</h3>
${
  a.checklist && a.checklist.length > 0
    ? html`<ul class="checklist" aria-labelledby="checklist-heading">${a.checklist.map((c) => checklistItem(c, draft.rulesetId))}</ul>
${receivedForm(a, draft, viewer)}`
    : html`<p>${t('detail.checklistNone')}</p>`
}

<h3>${t('detail.deadlinesHeading')}</h3>
${
  a.deadlines && a.deadlines.length > 0
    ? html`<div class="table-scroll" role="region" aria-labelledby="deadlines-caption" tabindex="0">
<table>
<caption id="deadlines-caption" class="visually-hidden">${t('detail.deadlinesCaption')}</caption>
<thead><tr><th scope="col">${t('detail.deadline')}</th><th scope="col">${t('detail.date')}</th><th scope="col">${t('detail.source')}</th></tr></thead>
<tbody>${a.deadlines.map(
        (d) =>
          html`<tr><th scope="row">${rulesText(`deadlines.${d.id}`, d.label, draft.rulesetId)}</th><td class="nowrap"><time datetime="${d.date}">${formatCalendarDate(d.date)}</time></td><td>${d.source}</td></tr>`,
      )}</tbody>
</table>
</div>`
    : html`<p>${t('detail.deadlinesNone')}</p>`
}

<h3>${t('detail.accountabilityHeading')}</h3>
${
  a.accountability
    ? facts([
        [
          t('detail.accountabilityLevel'),
          rulesText(
            `accountability.levels.${a.accountability.level}`,
            a.accountability.description,
            draft.rulesetId,
          ),
        ],
        [t('detail.accountabilityTotal'), formatAmount(a.accountability.totalThisYear)],
        [
          t('detail.accountabilityDocuments'),
          a.accountability.documents.length > 0
            ? a.accountability.documents
                .map((d) => rulesText(`accountability.documents.${d}`, d, draft.rulesetId))
                .join(', ')
            : t('values.none'),
        ],
        [t('detail.source'), a.accountability.source],
      ])
    : html`<p>${t('detail.accountabilityNone')}</p>`
}

<h3>${t('detail.recommendationsHeading')}</h3>
<ul>${a.recommendations.map((r) => html`<li>${rulesText(`recommendations.${r}`, r, draft.rulesetId)}</li>`)}</ul>
</section>`;
}

/** Which attachments have come in: one box per attachment to send, with who ticked it and when. */
function receivedForm(a: Assessment, draft: DraftApplication, viewer: Viewer): SafeHtml {
  const id = encodeURIComponent(draft.id);
  const received = new Map((draft.received ?? []).map((r) => [r.id, r]));
  const toSend = (a.checklist ?? []).filter((c) => c.required);
  return html`<form method="post" action="/consulent/drafts/${id}/received" class="received-form">
${csrfField(viewer)}
<fieldset>
<legend id="received-heading">${t('detail.receivedHeading')}</legend>
${toSend.map((c, i) => {
  const tick = received.get(c.id);
  return html`<div class="check"><input type="checkbox" id="received-${i}" name="received" value="${c.id}"${tick ? html` checked` : ''}>
<label for="received-${i}">${rulesText(`checklist.${c.id}`, c.label, draft.rulesetId)}${tick && html`<span class="sub">${t('detail.receivedBy', { by: tick.by, at: formatInstantShort(tick.at) })}</span>`}</label></div>`;
})}
</fieldset>
<button type="submit" class="button button-secondary">${t('detail.receivedSave')}</button>
</form>`;
}

/** Who handles the draft: a consulent of this inbox, or nobody yet. */
function assigneeForm(draft: DraftApplication, consulents: readonly string[], viewer: Viewer): SafeHtml {
  const id = encodeURIComponent(draft.id);
  const current = draft.assignee?.name;
  return html`<form method="post" action="/consulent/drafts/${id}/assignee" class="inline-form">
${csrfField(viewer)}
<div class="field">
<label for="assignee">${t('detail.assignee')}</label>
<select id="assignee" name="assignee">
<option value="">${t('detail.nobody')}</option>
${consulents.map((name) => html`<option value="${name}"${name === current ? html` selected` : ''}>${name}</option>`)}
</select>
</div>
<button type="submit" class="button button-secondary">${t('detail.assignSave')}</button>
</form>
${draft.assignee && html`<p class="muted">${t('detail.assignedBy', { by: draft.assignee.by, at: formatInstantShort(draft.assignee.at) })}</p>`}`;
}

function statusSection(draft: DraftApplication, viewer: Viewer, consulents: readonly string[]): SafeHtml {
  const id = encodeURIComponent(draft.id);
  return html`<section aria-labelledby="status-heading" class="card">
<h2 id="status-heading">${t('detail.statusHeading')}</h2>
${facts([[t('detail.currentStatus'), statusBadge(draft.status)]])}
<form method="post" action="/consulent/drafts/${id}/status" class="inline-form">
${csrfField(viewer)}
<div class="field">
<label for="new-status">${t('detail.newStatus')}</label>
<select id="new-status" name="status">
${DRAFT_STATUSES.map((s) => html`<option value="${s}"${s === draft.status ? html` selected` : ''}>${statusLabel(s)}</option>`)}
</select>
</div>
<div class="field field-wide">
<label for="status-note">${t('detail.note')}</label>
<span class="hint" id="status-note-hint">${t('detail.noteHint')}</span>
<textarea id="status-note" name="note" rows="3" maxlength="2000" aria-describedby="status-note-hint"></textarea>
</div>
${
  draft.contact.email
    ? html`<div class="check"><input type="checkbox" id="status-tell" name="tell" value="yes">
<label for="status-tell">${t('detail.tell', { email: draft.contact.email })}</label></div>`
    : html`<p class="muted">${t('detail.tellNoEmail')}</p>`
}
<button type="submit" class="button button-primary">${t('detail.saveStatus')}</button>
</form>
<h3>${t('detail.assignHeading')}</h3>
${assigneeForm(draft, consulents, viewer)}
<h3>${t('detail.historyHeading')}</h3>
<div class="table-scroll" role="region" aria-labelledby="history-caption" tabindex="0">
<table class="history">
<caption id="history-caption" class="visually-hidden">${t('detail.historyCaption')}</caption>
<thead><tr><th scope="col">${t('detail.historyStatus')}</th><th scope="col">${t('detail.historyBy')}</th><th scope="col">${t('detail.historyAt')}</th><th scope="col">${t('detail.historyNote')}</th></tr></thead>
<tbody>${[...draft.statusHistory]
    .reverse()
    .map(
      (h) =>
        html`<tr><th scope="row">${statusLabel(h.status)}</th><td>${h.by}</td><td class="nowrap"><time datetime="${h.at}">${formatInstant(h.at)}</time></td><td>${h.note ?? ''}${h.told ? html`<span class="sub">${t('detail.told')}</span>` : ''}</td></tr>`,
    )}</tbody>
</table>
</div>
</section>`;
}

function transcriptSection(draft: DraftApplication): SafeHtml {
  const lang = draft.lang !== 'nl' ? html` lang="${draft.lang}"` : '';
  return html`<section aria-labelledby="transcript-heading" class="card">
<h2 id="transcript-heading">${t('detail.transcriptHeading')}</h2>
${
  draft.transcript.length > 0
    ? html`<ol class="transcript">${draft.transcript.map(
        (line) =>
          html`<li class="line line-${line.from}"><p class="speaker">${t(`detail.${line.from}`)} <time datetime="${line.at}">${formatInstantShort(line.at)}</time></p><p class="typed"${lang}>${line.text}</p></li>`,
      )}</ol>`
    : html`<p>${t('detail.transcriptNone')}</p>`
}
</section>`;
}

const NOTICES = {
  changed: 'detail.statusChanged',
  unchanged: 'detail.statusUnchanged',
  assigned: 'detail.assigned',
  received: 'detail.receivedSaved',
} as const;

/** The sections, in page order, for the "on this page" links. */
const TOC: [string, string][] = [
  ['status-heading', 'detail.statusHeading'],
  ['applicant-heading', 'detail.applicantHeading'],
  ['form-heading', 'detail.formHeading'],
  ['assessment-heading', 'detail.assessmentHeading'],
  ['checklist-heading', 'detail.checklistHeading'],
  ['answers-heading', 'detail.answersHeading'],
  ['transcript-heading', 'detail.transcriptHeading'],
];

export function detailPage(view: DetailView, viewer: Viewer): SafeHtml {
  const { draft } = view;
  const summary = summarize(draft);
  const id = encodeURIComponent(draft.id);
  const { contact, form } = draft;
  const answerRows = answers(draft.input);
  return layout(
    t('detail.title', { reference: draft.reference }),
    html`<p class="back"><a href="/consulent">${t('site.backToList')}</a></p>
<h1>${t('detail.title', { reference: draft.reference })}</h1>
${form.title && html`<p class="lead">${typed(form.title, draft.lang)}</p>`}
<nav aria-labelledby="toc-heading" class="toc">
<h2 id="toc-heading" class="toc-heading">${t('detail.onThisPage')}</h2>
<ul>${TOC.map(([target, key]) => html`<li><a href="#${target}">${t(key)}</a></li>`)}</ul>
</nav>
${view.statusNotice && notice(t(NOTICES[view.statusNotice], { status: statusLabel(draft.status), name: draft.assignee?.name ?? t('detail.nobody') }))}

<section aria-labelledby="summary-heading" class="card">
<h2 id="summary-heading">${t('detail.summaryHeading')}</h2>
${facts([
  [field('status'), statusBadge(draft.status)],
  [t('detail.verdict'), verdictBadge(draft.assessment.verdict)],
  [field('received'), html`<time datetime="${draft.createdAt}">${formatInstant(draft.createdAt)}</time>`],
  [field('channel'), t(`channels.${draft.channel}`)],
  [field('language'), t(`languages.${draft.lang}`)],
  [field('type'), codeLabel('types', summary.type)],
  [field('tier'), tierLabel(summary.tier)],
  [field('amount'), formatAmount(summary.requested)],
  [
    t('list.columns.flags'),
    summary.flags.length > 0
      ? html`<ul class="flags">${summary.flags.map(flagItem)}</ul>`
      : t('list.noFlags'),
  ],
])}
<h3>${t('detail.actionsHeading')}</h3>
<ul class="action-links">
<li><a href="/consulent/drafts/${id}/document.pdf">${t('detail.pdf')}</a></li>
<li><a href="/api/drafts/${id}">${t('detail.json')}</a></li>
</ul>
</section>

${statusSection(draft, viewer, view.consulents)}

<section aria-labelledby="applicant-heading" class="card">
<h2 id="applicant-heading">${t('detail.applicantHeading')}</h2>
${facts([
  [field('name'), typed(contact.name, draft.lang)],
  [field('organisation'), typed(contact.organisation, draft.lang)],
  [field('applicantKind'), codeLabel('applicantKinds', summary.applicantKind)],
  ...(contact.role ? [[field('role'), typed(contact.role, draft.lang)] as [string, HtmlValue]] : []),
  [field('email'), emailLink(contact.email)],
  [field('phone'), contact.phone ?? ''],
  [field('address'), typed(contact.address, draft.lang)],
  ...(contact.kvk ? [[field('kvk'), contact.kvk] as [string, HtmlValue]] : []),
  [field('iban'), contact.iban ?? ''],
])}
</section>

<section aria-labelledby="form-heading" class="card">
<h2 id="form-heading">${t('detail.formHeading')}</h2>
${facts([
  [field('title'), typed(form.title, draft.lang)],
  [field('description'), typed(form.description, draft.lang)],
  [field('targetGroup'), typed(form.targetGroup, draft.lang)],
  [field('location'), typed(form.location, draft.lang)],
  ...(form.idea ? [[field('idea'), typed(form.idea, draft.lang)] as [string, HtmlValue]] : []),
])}
</section>

${assessmentSection(draft.consulentAssessment ?? draft.assessment, draft, viewer)}

<section aria-labelledby="answers-heading" class="card">
<h2 id="answers-heading">${t('detail.answersHeading')}</h2>
<div class="table-scroll" role="region" aria-labelledby="answers-caption" tabindex="0">
<table class="answers">
<caption id="answers-caption" class="visually-hidden">${t('detail.answersCaption')}</caption>
<thead><tr><th scope="col">${t('detail.question')}</th><th scope="col">${t('detail.answer')}</th></tr></thead>
<tbody>${answerRows.map((a) => html`<tr><th scope="row">${a.label}</th><td>${a.text}</td></tr>`)}</tbody>
</table>
</div>
</section>

${transcriptSection(draft)}

<section aria-labelledby="delete-heading" class="card card-danger">
<h2 id="delete-heading">${t('detail.delete')}</h2>
<p>${t('delete.text')}</p>
<p><a class="button button-danger" href="/consulent/drafts/${id}/delete">${t('detail.delete')}</a></p>
</section>`,
    viewer,
  );
}

export function deletePage(draft: DraftApplication, viewer: Viewer): SafeHtml {
  const id = encodeURIComponent(draft.id);
  return layout(
    t('delete.title', { reference: draft.reference }),
    html`<div class="narrow">
<h1>${t('delete.heading', { reference: draft.reference })}</h1>
<p>${t('delete.text')}</p>
<form method="post" action="/consulent/drafts/${id}/delete" class="actions">
${csrfField(viewer)}
<button type="submit" class="button button-danger">${t('delete.confirm')}</button>
<a class="button-link" href="/consulent/drafts/${id}">${t('delete.cancel')}</a>
</form>
</div>`,
    viewer,
  );
}
