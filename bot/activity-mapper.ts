import type { Activity, Attachment, CardAction } from 'botbuilder';
import { ActivityTypes, CardFactory } from 'botbuilder';
import type { Translate } from '../dialogs/i18n.js';
import type { Choice, OutgoingMessage } from '../dialogs/outgoing.js';

/** The key a card's "none of these" button sets to the question's name (dialogs/interpret.ts reads it). */
export const NONE_KEY = 'none';

/** Teams shows at most 6 actions on a card: more choices than that become a drop-down there. */
export const TEAMS_MAX_BUTTONS = 6;
/** Web Chat shows single choices as suggested actions; more than this become a drop-down card. */
const WEBCHAT_MAX_BUTTONS = 8;
/** The review's "all correct": not an answer to pick in its drop-down, but a button of its own. */
const CONFIRM = 'confirm';

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
  const teams = channelId === 'msteams';
  return messages.map((m) => {
    const channelData: ChannelData = {
      ...(m.ask && { ask: m.ask }),
      ...(m.slots && { slots: m.slots }),
      ...(m.settles && { settles: m.settles }),
      ...(m.assessment && { assessment: m.assessment }),
    };
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      text: teams ? teamsMarkdown(m.text) : m.text,
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

/** A line that starts a Markdown list item: `- …`, `* …`, `1. …`. */
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;

/**
 * The dialog's text as Teams shows it line by line. Teams' Markdown joins single newlines into one
 * paragraph ("Soort aanvraag: …" and "Wie beslist: …" on one line), so each line that is not the next item
 * of a list becomes a paragraph of its own; list items stay one list. Web Chat keeps single newlines.
 */
export function teamsMarkdown(text: string): string {
  const lines = text.split('\n');
  let out = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const previous = lines[i - 1]!;
    const sameBlock =
      line.trim() === '' || previous.trim() === '' || (LIST_ITEM.test(line) && LIST_ITEM.test(previous));
    out += `${sameBlock ? '\n' : '\n\n'}${line}`;
  }
  return out;
}

function choiceAction(slot: string, value: string, title: string): CardAction {
  // messageBack: the person sees the title in their bubble, the bot receives the code.
  return { type: 'messageBack', title, text: value, displayText: title, value: { [slot]: value } };
}

type CardElement = Record<string, unknown>;

function cardFor(m: OutgoingMessage, channelId: string, t: Translate): Attachment | undefined {
  if (!m.ask) return undefined;
  const ask = m.ask;
  const teams = channelId === 'msteams';
  const choices = m.choices ?? [];
  // Shortcuts (keep, skip, same day, help me choose) answer the question themselves: always buttons.
  const shortcuts = choices.filter((c) => c.shortcut);
  const options = choices.filter((c) => !c.shortcut);
  const selected = m.selected ?? [];
  const typed = m.input === 'date' || m.input === 'amount' || m.input === 'count';

  /**
   * A button that is the answer itself. Its own value, never the card's inputs: an input named after the
   * slot would win over the button's data (a drop-down's choice over "Alles klopt", a box over "Houden").
   */
  const answerButton = (c: Choice): CardElement => ({
    type: 'Action.Submit',
    title: c.title,
    data: { [ask]: c.value, ...(teams && { msteams: { type: 'messageBack', displayText: c.title } }) },
    associatedInputs: 'none',
  });
  /** A button that sends what was ticked, chosen or typed on the card. */
  const submit = (title: string, data: CardElement = {}): CardElement => ({
    type: 'Action.Submit',
    title,
    data,
  });
  const body: CardElement[] = [];
  const actions: CardElement[] = [];

  if (m.multiSelect) {
    const boxes = options.filter((c) => c.value !== 'none');
    body.push(
      choiceSet(ask, boxes, {
        label: t('cards.choose'),
        multi: true,
        value: selected.filter((code) => boxes.some((c) => c.value === code)),
      }),
    );
    actions.push(submit(t('cards.submit')));
    // "None of these" sends the boxes too: a box still ticked means it is not none (the bot asks which).
    const none = options.find((c) => c.value === 'none');
    if (none) actions.push(submit(none.title, { [NONE_KEY]: ask }));
    actions.push(...shortcuts.map(answerButton));
  } else if (choices.length > (teams ? TEAMS_MAX_BUTTONS : WEBCHAT_MAX_BUTTONS)) {
    // A drop-down of the options; "Alles klopt" and the shortcuts are buttons beside the one that sends it.
    const own = options.filter((c) => c.value === CONFIRM);
    const listed = options.filter((c) => c.value !== CONFIRM);
    const review = own.length > 0;
    body.push(
      choiceSet(ask, listed, {
        label: review ? t('cards.changeWhich') : t('cards.choose'),
        placeholder: t('cards.choose'),
        value: selected.filter((code) => listed.some((c) => c.value === code)).slice(0, 1),
      }),
    );
    actions.push(
      ...own.map(answerButton),
      submit(review ? t('cards.change') : t('cards.submit')),
      ...shortcuts.map(answerButton),
    );
  } else if (teams && typed) {
    // The field to type in, and the shortcuts ("Weet ik nog niet", "Dezelfde dag") as buttons beside it.
    body.push(
      m.input === 'date'
        ? { type: 'Input.Date', id: ask, label: t('cards.choose') }
        : { type: 'Input.Number', id: ask, min: 0, label: t('cards.choose') },
    );
    actions.push(submit(t('cards.submit')), ...choices.map(answerButton));
  } else if (teams && choices.length > 0) {
    actions.push(...choices.map(answerButton));
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

function choiceSet(
  id: string,
  choices: readonly Choice[],
  opts: { label: string; multi?: boolean; placeholder?: string; value: readonly string[] },
): CardElement {
  return {
    type: 'Input.ChoiceSet',
    id,
    ...(opts.multi ? { isMultiSelect: true, style: 'expanded' } : { style: 'compact' }),
    label: opts.label,
    ...(opts.placeholder && { placeholder: opts.placeholder }),
    choices: choices.map((c) => ({ title: c.title, value: c.value })),
    // The earlier answer, ticked again (after `back`, or a change from the review).
    ...(opts.value.length > 0 && { value: opts.value.join(',') }),
  };
}
