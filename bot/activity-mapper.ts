import type { Activity, Attachment, CardAction } from 'botbuilder';
import { ActivityTypes, CardFactory } from 'botbuilder';
import type { Translate } from '../dialogs/i18n.js';
import type { OutgoingMessage } from '../dialogs/outgoing.js';

/** The key a card's "none of these" button sets to the question's name (dialogs/interpret.ts reads it). */
export const NONE_KEY = 'none';

/** More single choices than fit as buttons become a drop-down card. */
const MAX_BUTTONS = 8;

export interface ChannelData {
  ask?: string;
  /** A question that settles several slots: which (channels.md, "Questions that settle several slots"). */
  slots?: string[];
  /** A single choice that settles several slots: what each choice's value sets. */
  settles?: Record<string, unknown>;
  assessment?: unknown;
  draft?: { id: string; reference: string };
}

/**
 * Dialog messages as Bot Framework activities. Web Chat gets suggested actions (the code as the value,
 * the translated title shown); Teams and every multi-select or long list get an Adaptive Card whose
 * inputs are named after the slot, so a submit arrives as `{ "<slot>": <code or codes> }`.
 */
export function toActivities(
  messages: OutgoingMessage[],
  channelId: string,
  t: Translate,
): Partial<Activity>[] {
  return messages.map((m) => {
    const channelData: ChannelData = {
      ...(m.ask && { ask: m.ask }),
      ...(m.slots && { slots: m.slots }),
      ...(m.settles && { settles: m.settles }),
      ...(m.assessment && { assessment: m.assessment }),
    };
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      text: m.text,
      textFormat: 'markdown',
      ...(Object.keys(channelData).length > 0 && { channelData }),
    };
    const card = cardFor(m, channelId, t);
    if (card) activity.attachments = [card];
    else if (m.choices && m.ask)
      activity.suggestedActions = {
        to: [],
        actions: m.choices.map((c) => choiceAction(m.ask!, c.value, c.title)),
      };
    return activity;
  });
}

function choiceAction(slot: string, value: string, title: string): CardAction {
  // messageBack: the person sees the title in their bubble, the bot receives the code.
  return { type: 'messageBack', title, text: value, displayText: title, value: { [slot]: value } };
}

function cardFor(m: OutgoingMessage, channelId: string, t: Translate): Attachment | undefined {
  if (!m.ask) return undefined;
  const teams = channelId === 'msteams';
  const choices = m.choices ?? [];
  const submit = (title: string, data: Record<string, unknown> = {}, withInputs = true) => ({
    type: 'Action.Submit',
    title,
    data,
    // "None of these" must not send the boxes that happen to be ticked.
    ...(!withInputs && { associatedInputs: 'none' }),
  });
  const body: Record<string, unknown>[] = [];
  const actions: Record<string, unknown>[] = [];

  if (m.multiSelect) {
    const options = choices.filter((c) => c.value !== 'none');
    body.push({
      type: 'Input.ChoiceSet',
      id: m.ask,
      isMultiSelect: true,
      style: 'expanded',
      label: t('cards.choose'),
      choices: options.map((c) => ({ title: c.title, value: c.value })),
    });
    actions.push(submit(t('cards.submit')));
    // "None of these" sends the boxes too: a box still ticked means it is not none (the bot asks which).
    const none = choices.find((c) => c.value === 'none');
    if (none) actions.push(submit(none.title, { [NONE_KEY]: m.ask }));
  } else if (choices.length > MAX_BUTTONS) {
    const [first, ...rest] = choices;
    body.push({
      type: 'Input.ChoiceSet',
      id: m.ask,
      style: 'compact',
      label: t('cards.choose'),
      choices: rest.map((c) => ({ title: c.title, value: c.value })),
    });
    actions.push(submit(first!.title, { [m.ask]: first!.value }), submit(t('cards.change')));
  } else if (teams && choices.length > 0) {
    for (const c of choices) {
      actions.push(
        submit(c.title, { [m.ask]: c.value, msteams: { type: 'messageBack', displayText: c.title } }),
      );
    }
  } else if (teams && (m.input === 'date' || m.input === 'amount' || m.input === 'count')) {
    body.push(
      m.input === 'date'
        ? { type: 'Input.Date', id: m.ask, label: t('cards.choose') }
        : { type: 'Input.Number', id: m.ask, min: 0, label: t('cards.choose') },
    );
    actions.push(submit(t('cards.submit')));
  } else {
    return undefined;
  }
  return CardFactory.adaptiveCard({
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    actions,
  });
}
