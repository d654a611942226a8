import type { BudgetLine, Cents } from '../../../rules/index.js';
import { toEuros } from '../../../rules/index.js';
import type { BudgetFigures } from '../../../storage/interfaces.js';
import type { LineFigures, Origin } from '../../remaining-budget.js';
import type { SafeHtml } from '../html.js';
import { html } from '../html.js';
import { codeLabel, formatAmount, formatInstant, formatInstantShort, t } from '../texts.js';
import type { Viewer } from './layout.js';
import { csrfField, layout, notice } from './layout.js';

/** What the eligible drafts starting in a year ask of one line. */
export interface Requested {
  total: Cents;
  count: number;
}

export interface BudgetYearView {
  year: number;
  lines: (LineFigures & { requested: Requested })[];
}

/** A form sent back with what was typed and what is wrong with it. */
export interface BudgetFormErrors {
  year: number;
  line: BudgetLine;
  values: { ceiling: string; remaining: string };
  fields: Partial<Record<'ceiling' | 'remaining', string>>;
}

export interface BudgetView {
  years: BudgetYearView[];
  /** Every change, newest first. */
  history: BudgetFigures[];
  /** The years that may be set or shown (`?jaar=`), inclusive. */
  range: { from: number; to: number };
  saved?: { year: number; line: BudgetLine; changed: boolean };
  errors?: BudgetFormErrors;
  /** `?jaar=` named no year of the range: what was typed, to show it again with the error. */
  badYear?: string;
}

/** The line's label from the rules' catalogue ("sport en bewegen"), capitalised where it starts a text. */
const lineLabel = (line: string): string => {
  const label = codeLabel('budgetLines', line);
  return label.charAt(0).toUpperCase() + label.slice(1);
};
const amount = (cents: Cents | null | undefined): string =>
  cents === null || cents === undefined ? t('budget.default') : formatAmount(toEuros(cents));
/** A text field's value: what the consulent set, in the inbox's own notation (`27.484,00`), or empty. */
const fieldValue = (cents: Cents | null): string =>
  cents === null ? '' : formatAmount(toEuros(cents)).replace(/^€\s*/u, '');

function originText(origin: Origin): string {
  switch (origin.kind) {
    case 'consulent':
      return t('budget.origin.consulent', { by: origin.by, at: formatInstantShort(origin.at) });
    case 'ruleset':
      return t('budget.origin.ruleset', { source: origin.source });
    case 'environment':
      return t('budget.origin.environment', { variable: origin.variable });
    case 'ceiling':
      return t('budget.origin.ceiling');
    case 'none':
      return t('budget.origin.none');
  }
}

function figureCell(figure: { amount?: Cents; origin: Origin }): SafeHtml {
  return html`<td class="amount-with-origin">${figure.amount === undefined ? html`<span class="muted">${t('budget.origin.none')}</span>` : html`<span class="amount-figure">${formatAmount(toEuros(figure.amount))}</span>`}<span class="sub">${originText(figure.origin)}</span></td>`;
}

function requestedCell({ total, count }: Requested): SafeHtml {
  const drafts =
    count === 0
      ? t('budget.requestedNone')
      : count === 1
        ? t('budget.requestedOne')
        : t('budget.requestedCount', { count });
  return html`<td class="amount-with-origin"><span class="amount-figure">${formatAmount(toEuros(total))}</span><span class="sub">${drafts}</span></td>`;
}

/** One text field of a line's form, with its label, hint and (after a failed save) its error. */
function amountField(
  id: string,
  name: 'ceiling' | 'remaining',
  label: string,
  hint: string,
  value: string,
  error: string | undefined,
): SafeHtml {
  const described = error ? `${id}-error ${id}-hint` : `${id}-hint`;
  return html`<div class="field">
<label for="${id}">${label}</label>
<span class="budget-hint" id="${id}-hint">${hint}</span>
${error && html`<span class="budget-error" id="${id}-error">${error}</span>`}
<input id="${id}" name="${name}" type="text" inputmode="decimal" autocomplete="off" spellcheck="false" maxlength="20" value="${value}" aria-describedby="${described}"${error ? html` aria-invalid="true"` : ''}>
</div>`;
}

function lineForm(year: number, figures: LineFigures, viewer: Viewer, errors: BudgetFormErrors | undefined) {
  const mine = errors && errors.year === year && errors.line === figures.line ? errors : undefined;
  const id = `budget-${year}-${figures.line}`;
  const label = lineLabel(figures.line);
  const ceilingHint =
    figures.rulesetCeiling === undefined
      ? t('budget.ceilingHintNone')
      : t('budget.ceilingHint', { amount: formatAmount(toEuros(figures.rulesetCeiling)) });
  return html`<form method="post" action="/consulent/budget" class="budget-form" id="${id}">
${csrfField(viewer)}
<input type="hidden" name="year" value="${year}">
<input type="hidden" name="line" value="${figures.line}">
<fieldset>
<legend>${t('budget.formLegend', { line: label, year })}</legend>
${amountField(`${id}-ceiling`, 'ceiling', t('budget.ceilingLabel'), ceilingHint, mine ? mine.values.ceiling : fieldValue(figures.set.ceiling), mine?.fields.ceiling)}
${amountField(`${id}-remaining`, 'remaining', t('budget.remainingLabel'), t('budget.remainingHint'), mine ? mine.values.remaining : fieldValue(figures.set.remaining), mine?.fields.remaining)}
<button type="submit" class="button button-primary">${t('budget.save', { line: label, year })}</button>
</fieldset>
</form>`;
}

function yearSection(view: BudgetYearView, viewer: Viewer, errors: BudgetFormErrors | undefined): SafeHtml {
  const { year } = view;
  const missing = view.lines.some((l) => l.ceiling.amount === undefined);
  return html`<section aria-labelledby="year-${year}" class="card budget-year">
<h2 id="year-${year}">${t('budget.yearHeading', { year })}</h2>
${missing && html`<div class="notice notice-error"><p>${t('budget.noFigures', { year })}</p></div>`}
<div class="table-scroll" role="region" aria-labelledby="caption-${year}" tabindex="0">
<table class="budget">
<caption id="caption-${year}">${t('budget.caption', { year })}</caption>
<thead><tr>${(['line', 'ceiling', 'remaining', 'requested'] as const).map((c) => html`<th scope="col">${t(`budget.columns.${c}`)}</th>`)}</tr></thead>
<tbody>
${view.lines.map((l) => html`<tr><th scope="row">${lineLabel(l.line)}</th>${figureCell(l.ceiling)}${figureCell(l.remaining)}${requestedCell(l.requested)}</tr>`)}
</tbody>
</table>
</div>
<h3>${t('budget.formsHeading', { year })}</h3>
<div class="budget-forms">
${view.lines.map((l) => lineForm(year, l, viewer, errors))}
</div>
</section>`;
}

/** What a change did, against the change before it of the same year and line (`standaard` when none). */
function changeText(change: BudgetFigures, before: BudgetFigures | undefined): string[] {
  const parts: string[] = [];
  const was = { ceiling: before?.ceiling ?? null, remaining: before?.remaining ?? null };
  if (was.ceiling !== change.ceiling)
    parts.push(t('budget.changeCeiling', { from: amount(was.ceiling), to: amount(change.ceiling) }));
  if (was.remaining !== change.remaining)
    parts.push(t('budget.changeRemaining', { from: amount(was.remaining), to: amount(change.remaining) }));
  return parts;
}

function historyTable(history: BudgetFigures[]): SafeHtml {
  if (history.length === 0) return html`<p class="empty">${t('budget.historyNone')}</p>`;
  // Newest first: the change before each is the next one of the same year and line further down.
  const rows = history.map((change, i) => {
    const before = history.slice(i + 1).find((c) => c.year === change.year && c.line === change.line);
    const parts = changeText(change, before);
    return html`<tr><td>${change.year}</td><th scope="row">${lineLabel(change.line)}</th><td>${parts.map((p, n) => html`${n > 0 && html`<br>`}${p}`)}</td><td>${change.by}</td><td class="nowrap"><time datetime="${change.at}">${formatInstant(change.at)}</time></td></tr>`;
  });
  const columns = ['year', 'line', 'change', 'by', 'at'] as const;
  return html`<div class="table-scroll" role="region" aria-labelledby="budget-history-caption" tabindex="0">
<table class="history budget-history">
<caption id="budget-history-caption">${t('budget.historyCaption')}</caption>
<thead><tr>${columns.map((c) => html`<th scope="col">${t(`budget.historyColumns.${c}`)}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table>
</div>`;
}

function errorSummary(errors: BudgetFormErrors): SafeHtml {
  const id = `budget-${errors.year}-${errors.line}`;
  return html`<div class="notice notice-error" role="alert">
<h2>${t('budget.errorHeading')}</h2>
<ul>${(['ceiling', 'remaining'] as const).map((f) => errors.fields[f] && html`<li><a href="#${id}-${f}">${t(`budget.${f}Label`)} (${lineLabel(errors.line)}, ${errors.year}): ${errors.fields[f]}</a></li>`)}</ul>
</div>`;
}

export function budgetPage(view: BudgetView, viewer: Viewer): SafeHtml {
  const { saved } = view;
  return layout(
    t('budget.title'),
    html`<h1>${t('budget.heading')}</h1>
${saved && notice(t(saved.changed ? 'budget.saved' : 'budget.unchanged', { line: codeLabel('budgetLines', saved.line), year: saved.year }))}
${view.errors && errorSummary(view.errors)}
${view.badYear !== undefined && html`<div class="notice notice-error" role="alert" id="budget-other-year-error"><p>${t('budget.errors.badYear', view.range)}</p></div>`}
<p>${t('budget.intro')}</p>
<p>${t('budget.defaults')}</p>
<p>${t('budget.requestedNote')}</p>
<nav aria-labelledby="budget-years-heading" class="toc">
<h2 id="budget-years-heading" class="toc-heading">${t('budget.yearsHeading')}</h2>
<ul>${view.years.map((y) => html`<li><a href="#year-${y.year}">${y.year}</a></li>`)}</ul>
</nav>
<form method="get" action="/consulent/budget" class="inline-form">
<div class="field">
<label for="budget-other-year">${t('budget.otherYear')}</label>
<span class="budget-hint" id="budget-other-year-hint">${t('budget.otherYearHint', view.range)}</span>
<input id="budget-other-year" name="jaar" type="text" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" autocomplete="off" value="${view.badYear ?? ''}"${view.badYear !== undefined ? html` aria-invalid="true" aria-describedby="budget-other-year-error budget-other-year-hint"` : html` aria-describedby="budget-other-year-hint"`}>
</div>
<button type="submit" class="button">${t('budget.show')}</button>
</form>
${view.years.map((y) => yearSection(y, viewer, view.errors))}
<section aria-labelledby="budget-history-heading" class="card">
<h2 id="budget-history-heading">${t('budget.historyHeading')}</h2>
${historyTable(view.history)}
</section>`,
    viewer,
    'budget',
  );
}
