/**
 * The one escape helper of the consulent pages. Every value goes through `html`, which escapes whatever
 * is not already markup made by `html` itself, so a resident's `<script>` is text wherever it lands
 * (element content or a quoted attribute). Nothing else in the pages builds markup from strings.
 */
import { escapeHtml } from '../escape-html.js';
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

export { escapeHtml };

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  // `false`, `null` and `undefined` render nothing, so `${condition && html`…`}` works.
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Tagged template: `html`<p>${name}</p>`` escapes `name`; nested `html` fragments and arrays of them pass. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}
