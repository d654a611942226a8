import type { CallbackRequest } from '../callbacks/callback.js';
import type { Config } from './config.js';

/**
 * The mail about a callback request, for whoever must call: the buurtwerk (`BUURTWERK_EMAIL`) for a
 * neighbourhood initiative when it has a mailbox, else the consulent's (`CONSULENT_EMAIL`). In Dutch, with
 * the language the person spoke; the phone number or address and the question, nothing of the answers.
 */
export function callbackMail(request: CallbackRequest, config: Pick<Config, 'BUURTWERK_EMAIL'>) {
  const { contact } = request;
  const buurtwerk = request.caller === 'buurtwerk' && config.BUURTWERK_EMAIL;
  return {
    contact: {
      ...(contact.kind === 'phone' ? { phone: contact.value } : { email: contact.value }),
      lang: request.lang,
    },
    question: request.question,
    lang: 'nl' as const,
    ...(buurtwerk && { to: [buurtwerk] }),
  };
}
