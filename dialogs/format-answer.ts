import type { Lang } from '../rules/index.js';
import { formatDate, formatEuros } from '../rules/index.js';
import type { AnswerValue, SlotId } from './answers.js';
import type { TitleParams } from './choice-options.js';
import { choiceTitle } from './choice-options.js';
import type { Translate } from './i18n.js';
import { escapeMarkdown } from './markdown.js';
import { questionDefinition } from './questions.js';

/**
 * An answer as a person reads it back: `€ 1.250,50`, `1 maart 2027`, `Ja`, `Verbinding, Vitaliteit`, the
 * ticked boxes of a grouped question. `params` fill placeholders in choice titles (the subsidy year).
 * Markdown, as every message of the dialog: typed text comes back escaped.
 */
export function formatAnswer(
  slot: SlotId,
  value: AnswerValue,
  lang: Lang,
  t: Translate,
  params: TitleParams = {},
): string {
  if (value === null) return t('values.notKnown');
  const def = questionDefinition(slot);
  switch (def.input) {
    case 'amount':
      return formatEuros(value as number, lang);
    case 'date':
      return formatDate(value as string, lang);
    case 'yesno':
      return t(value ? 'choices.yes' : 'choices.no');
    case 'multi': {
      const list = value as string[];
      if (list.length === 0) return def.group ? t('choices.none') : t('values.none');
      // A grouped question's boxes are sentences: listed without their full stops, the text around adds one.
      const titles = list.map((code) => choiceTitle(slot, code, lang, params).replace(/\.$/, ''));
      return titles.join(def.group ? '; ' : ', ');
    }
    case 'choice':
      return slot === 'help.review' ? String(value) : choiceTitle(slot, value as string, lang, params);
    default:
      // What the person typed, shown as typed (see markdown.ts).
      return escapeMarkdown(String(value));
  }
}
