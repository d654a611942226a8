import type { Lang } from '../rules/index.js';
import { formatDate, formatEuros } from '../rules/index.js';
import type { AnswerValue, SlotId } from './answers.js';
import { choiceTitle } from './choice-options.js';
import type { Translate } from './i18n.js';
import { slotDefinition } from './slots.js';

/** An answer as a person reads it back: `€ 1.250,50`, `1 maart 2027`, `Ja`, `Verbinding, Vitaliteit`. */
export function formatAnswer(slot: SlotId, value: AnswerValue, lang: Lang, t: Translate): string {
  if (value === null) return t('values.notKnown');
  const def = slotDefinition(slot);
  switch (def.input) {
    case 'amount':
      return formatEuros(value as number, lang);
    case 'date':
      return formatDate(value as string, lang);
    case 'yesno':
      return t(value ? 'choices.yes' : 'choices.no');
    case 'multi': {
      const list = value as string[];
      return list.length === 0
        ? t('values.none')
        : list.map((code) => choiceTitle(slot, code, lang)).join(', ');
    }
    case 'choice':
      if (slot === 'initiative.type' && value === 'help-me-choose') return t('choices.help-me-choose');
      return slot === 'help.review' ? String(value) : choiceTitle(slot, value as string, lang);
    default:
      return String(value);
  }
}
