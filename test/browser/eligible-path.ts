import type { Chat } from './harness.js';

/**
 * How a resident answers each question on a short eligible path for an organisation: click a suggested
 * action, tick card checkboxes and press the card's first button, press one of the card's buttons, or
 * type. Keyed by question (`channelData.ask`, the contract in channels.md) and by choice code, so the walk
 * follows the dialog whatever order or wording it has; the control the test uses is found by the title the
 * page shows for that code. `press: 'none'` is the card's "Geen van deze" (it names its question).
 */
export type Answer = { choose: string } | { type: string } | { tick: string[] } | { press: string };

export const ELIGIBLE_ANSWERS: Readonly<Record<string, Answer>> = {
  'applicant.kind': { choose: 'organisation' },
  'help.idea': { type: 'Een buurtfeest in het park' },
  'initiative.inMunicipality': { choose: 'yes' },
  'initiative.startDate': { type: '1-6-2027' },
  // The themes and the kaders in one list; each asked on its own when its side is left empty.
  'help.fit': { tick: ['verbinding', 'dichtbij'] },
  'initiative.themes': { tick: ['verbinding'] },
  'initiative.kaders': { tick: ['dichtbij'] },
  'initiative.type': { choose: 'eenmalig' },
  'money.requested': { type: '700' },
  // None of the conditions: the card's own button.
  'help.conditions': { press: 'none' },
  'money.totalCosts': { type: '1000' },
  'money.thirdPartyContributions': { type: '0' },
  'initiative.expectedParticipants': { type: '40' },
  // Applied before this year: the box of the gate, then the counts behind it.
  'help.history': { tick: ['help.appliedBefore'] },
  'history.grantsThisYear': { type: '1' },
  'history.amountGrantedThisYear': { type: '200' },
  'history.nonCoreApplicationsThisYear': { type: '1' },
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
  body: { id?: string; isMultiSelect?: boolean; choices?: { title: string; value: string }[] }[];
  actions: { title: string; data?: Record<string, unknown>; associatedInputs?: string }[];
}

/**
 * The title of the last question's card button for `code`: the button that submits it, or for `none` the
 * one that submits an empty list ("Geen van deze").
 */
export function buttonTitleOf(chat: Chat, code: string): string {
  const slot = chat.lastAsk() ?? '';
  const button = cardOf(chat)?.actions.find((a) =>
    code === 'none' ? a.data?.none === slot : a.data?.[slot] === code,
  );
  if (!button) throw new Error(`The card of ${slot} has no button for ${code}`);
  return button.title;
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
  if ('press' in a) return chat.press(buttonTitleOf(chat, a.press));
  const submit = cardOf(chat)?.actions.find((b) => b.data?.none === undefined)?.title;
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
