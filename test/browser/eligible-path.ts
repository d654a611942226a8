import type { Chat } from './harness.js';

/**
 * How a resident answers each question on a short eligible path for an organisation: click a suggested
 * action, tick card checkboxes and press the card's first button, or type. Keyed by slot (the contract in
 * channels.md) and by choice code, so the walk follows the dialog whatever order or wording it has; the
 * button the test presses is found by the title the page shows for that code.
 */
export type Answer = { choose: string } | { type: string } | { tick: string[] };

export const ELIGIBLE_ANSWERS: Readonly<Record<string, Answer>> = {
  'applicant.kind': { choose: 'organisation' },
  'help.idea': { type: 'Een buurtfeest in het park' },
  'initiative.inMunicipality': { choose: 'yes' },
  'initiative.startDate': { type: '1-6-2027' },
  'initiative.alreadyStarted': { choose: 'no' },
  'initiative.themes': { tick: ['verbinding'] },
  'initiative.kaders': { tick: ['dichtbij'] },
  'initiative.type': { choose: 'eenmalig' },
  'initiative.isActivity': { choose: 'yes' },
  'money.requested': { type: '700' },
  'money.totalCosts': { type: '1000' },
  'money.thirdPartyContributions': { type: '0' },
  'initiative.expectedParticipants': { type: '40' },
  'history.grantsThisYear': { type: '0' },
  'history.amountGrantedThisYear': { type: '0' },
  'history.nonCoreApplicationsThisYear': { type: '0' },
};

/** Every yes/no question not listed above is answered "no" (the eligible answer on this path). */
const answerFor = (slot: string): Answer => ELIGIBLE_ANSWERS[slot] ?? { choose: 'no' };

/** The title the page shows for a choice code of the last question (suggested action or card option). */
export function titleOf(chat: Chat, code: string): string {
  const last = chat.botActivities().findLast((a) => a.channelData?.ask);
  const slot = last?.channelData?.ask ?? '';
  const action = last?.suggestedActions?.actions.find(
    (a) => (a.value as Record<string, unknown> | undefined)?.[slot] === code,
  );
  if (action) return action.title;
  const card = cardOf(chat);
  const choice = card?.body.flatMap((b) => b.choices ?? []).find((c) => c.value === code);
  if (choice) return choice.title;
  throw new Error(`The question ${slot} offers no choice ${code}`);
}

interface CardContent {
  body: { choices?: { title: string; value: string }[] }[];
  actions: { title: string; data?: unknown }[];
}

/** The Adaptive Card of the last question, as the bot sent it. */
export function cardOf(chat: Chat): CardContent | undefined {
  const last = chat.botActivities().findLast((a) => a.channelData?.ask);
  const attachment = last?.attachments?.[0] as { content?: CardContent } | undefined;
  return attachment?.content;
}

/** Answers one question the way the table says; resolves when the bot has asked the next one. */
export async function answer(chat: Chat, a: Answer): Promise<void> {
  if ('type' in a) return chat.type(a.type);
  if ('choose' in a) return chat.choose(titleOf(chat, a.choose));
  const submit = cardOf(chat)?.actions[0]?.title;
  if (!submit) throw new Error(`The question ${chat.lastAsk()} has no card to tick`);
  return chat.tick(
    a.tick.map((code) => titleOf(chat, code)),
    submit,
  );
}

/** Answers question after question until the bot asks for `until` (by default: what to do after the verdict). */
export async function walkUntil(chat: Chat, until = 'next'): Promise<void> {
  for (let steps = 0; steps < 60; steps++) {
    const ask = chat.lastAsk();
    if (ask === until) return;
    if (!ask) throw new Error('The bot asked nothing');
    await answer(chat, answerFor(ask));
    if (chat.lastAsk() === ask) {
      throw new Error(`The bot asked for ${ask} again: ${chat.botActivities().at(-1)?.text}`);
    }
  }
  throw new Error(`The bot never asked for ${until}`);
}
