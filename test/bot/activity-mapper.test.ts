import { describe, expect, it } from 'vitest';
import { toActivities } from '../../bot/activity-mapper.js';
import { translator } from '../../dialogs/i18n.js';
import type { OutgoingMessage } from '../../dialogs/outgoing.js';

const t = translator('nl');
const themes: OutgoingMessage = {
  text: "Bij welke thema's past uw idee?",
  ask: 'initiative.themes',
  input: 'multi',
  multiSelect: true,
  choices: [
    { value: 'levendigheid', title: 'Levendigheid' },
    { value: 'verbinding', title: 'Verbinding' },
    { value: 'none', title: 'Geen van deze' },
  ],
};

type Card = {
  body: { type: string; id?: string; isMultiSelect?: boolean }[];
  actions: Record<string, unknown>[];
};
const cardOf = (channel: string, m: OutgoingMessage) =>
  toActivities([m], channel, t)[0]!.attachments?.[0]?.content as Card | undefined;

describe('activities for a multi-select question', () => {
  it.each(['directline', 'msteams'])(
    'on %s: a card with checkboxes named after the slot, and "none" sends no ticked box',
    (channel) => {
      const card = cardOf(channel, themes)!;
      expect(card.body[0]).toMatchObject({
        type: 'Input.ChoiceSet',
        id: 'initiative.themes',
        isMultiSelect: true,
      });
      const none = card.actions.find((a) => a.title === 'Geen van deze');
      expect(none).toMatchObject({ data: { 'initiative.themes': [] }, associatedInputs: 'none' });
      const next = card.actions.find((a) => a.title === 'Verder');
      expect(next).toBeDefined();
      expect(next).not.toHaveProperty('associatedInputs');
    },
  );
});

describe('activities for a single choice', () => {
  const kind: OutgoingMessage = {
    text: 'Wie vraagt de subsidie aan?',
    ask: 'applicant.kind',
    input: 'choice',
    choices: [
      { value: 'resident', title: 'Inwoner' },
      { value: 'organisation', title: 'Organisatie' },
    ],
  };

  it('in Web Chat: suggested actions whose value is the code and whose shown text is the title', () => {
    const [activity] = toActivities([kind], 'directline', t);
    expect(activity!.channelData).toEqual({ ask: 'applicant.kind' });
    expect(activity!.suggestedActions!.actions).toEqual([
      {
        type: 'messageBack',
        title: 'Inwoner',
        text: 'resident',
        displayText: 'Inwoner',
        value: { 'applicant.kind': 'resident' },
      },
      {
        type: 'messageBack',
        title: 'Organisatie',
        text: 'organisation',
        displayText: 'Organisatie',
        value: { 'applicant.kind': 'organisation' },
      },
    ]);
  });

  it('in Teams: an Adaptive Card whose buttons submit the code under the slot', () => {
    const card = cardOf('msteams', kind)!;
    expect(card.actions.map((a) => a.data)).toEqual([
      { 'applicant.kind': 'resident', msteams: { type: 'messageBack', displayText: 'Inwoner' } },
      { 'applicant.kind': 'organisation', msteams: { type: 'messageBack', displayText: 'Organisatie' } },
    ]);
  });
});
