import type { CardContent } from './intake-answers.js';

/**
 * What an Adaptive Card host (Web Chat, Teams) sends when a button of `card` is pressed: the button's
 * `data` with the card's inputs merged over it (an input wins over a key of the same name), unless the
 * button says `associatedInputs: "none"`. `inputs` is what the person ticked, chose or typed, by input id
 * (a multi-select as its comma-separated codes); an input the card does not have is ignored.
 */
export function pressCardButton(
  card: CardContent,
  title: string,
  inputs: Record<string, string> = {},
): Record<string, unknown> {
  const button = card.actions?.find((a) => a.title === title);
  if (!button) throw new Error(`The card has no button "${title}"`);
  const ids = new Set((card.body ?? []).map((b) => b.id).filter((id) => id !== undefined));
  const sent: Record<string, unknown> = { ...button.data };
  if (button.associatedInputs !== 'none') {
    for (const [id, value] of Object.entries(inputs)) if (ids.has(id) && value !== '') sent[id] = value;
  }
  return sent;
}
