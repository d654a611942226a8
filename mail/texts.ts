import en from '../locales/en/mail.json' with { type: 'json' };
import nl from '../locales/nl/mail.json' with { type: 'json' };
import type { Lang, TextParams } from '../rules/index.js';
import { catalogue } from '../rules/index.js';

/** The mails' wording, `locales/<lang>/mail.json`; `{{name}}` placeholders as everywhere in `locales/`. */
const MAIL = catalogue<Lang>('mail', { nl, en });

/** A mail text with its placeholders filled; a missing key or parameter throws (a typo fails the tests). */
export function mailText(lang: Lang, key: string, params: TextParams = {}): string {
  return MAIL.text(lang, key, params);
}
