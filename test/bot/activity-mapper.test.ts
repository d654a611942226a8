import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { toActivities } from '../../bot/activity-mapper.js';
import { translator } from '../../dialogs/i18n.js';
import { createIntakeMachine } from '../../dialogs/intake-machine.js';
import type { OutgoingMessage } from '../../dialogs/outgoing.js';
import { IntakeSession } from '../../dialogs/session.js';
import {
  CONDITION_SLOTS,
  expectGroupedMultiSelect,
  expectNoInternalNames,
  expectSettlingChoice,
} from '../helpers/contract.js';
import type { BotActivity } from '../helpers/intake-answers.js';

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
    'on %s: a card with checkboxes named after the slot; "none" names the question and sends the boxes too',
    (channel) => {
      const card = cardOf(channel, themes)!;
      expect(card.body[0]).toMatchObject({
        type: 'Input.ChoiceSet',
        id: 'initiative.themes',
        isMultiSelect: true,
      });
      const none = card.actions.find((a) => a.title === 'Geen van deze');
      // With the boxes, so that a box still ticked is not taken as none (dialogs/interpret.ts).
      expect(none).toMatchObject({ data: { none: 'initiative.themes' } });
      expect(none).not.toHaveProperty('associatedInputs');
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

/** The messages of the real dialog after these typed answers (the last one asks the next question). */
function dialogAfter(answers: string[]): OutgoingMessage {
  const { session } = IntakeSession.start(createIntakeMachine(), { today: '2026-11-23', lang: 'nl' });
  let messages: OutgoingMessage[] = [];
  for (const text of answers) messages = session.handle({ text });
  return messages.findLast((m) => m.ask !== undefined)!;
}

const asBotActivity = (a: Partial<Activity>) => a as unknown as BotActivity;

describe('activities for a question that settles several slots', () => {
  const conditions = dialogAfter([
    'organisatie',
    'Buurtfeest',
    'ja',
    '1-6-2027',
    'verbinding en dichtbij',
    'eenmalig',
    '700',
  ]);

  it.each(['directline', 'msteams'])(
    'on %s: "which of these apply?" is a card of slot-path boxes, with channelData.slots and "Geen van deze"',
    (channel) => {
      expect(conditions.ask).toBe('help.conditions');
      const [activity] = toActivities([conditions], channel, t);
      expect(activity!.channelData).toEqual({ ask: 'help.conditions', slots: conditions.slots });
      const boxes = expectGroupedMultiSelect(asBotActivity(activity!));
      expect(boxes).toEqual(expect.arrayContaining([...CONDITION_SLOTS]));
      // The boxes are the dialog's choices (without "none"), titled as the person reads them.
      const card = cardOf(channel, conditions)!;
      const set = card.body[0] as unknown as { choices: { title: string; value: string }[] };
      expect(set.choices).toEqual(conditions.choices!.filter((c) => c.value !== 'none'));
      expect(card.actions.find((a) => a.title === 'Geen van deze')).toBeDefined();
    },
  );

  it('where, for a resident: suggested actions with the codes, and channelData.settles with what each sets', () => {
    const location = dialogAfter(['inwoner', 'Een straatfeest']);
    expect(location.ask).toBe('help.location');
    const [activity] = toActivities([location], 'directline', t);
    expect(activity!.channelData).toEqual({
      ask: 'help.location',
      slots: location.slots,
      settles: location.settles,
    });
    expect(activity!.suggestedActions!.actions.map((a) => a.value)).toEqual([
      { 'help.location': 'in-own-neighbourhood' },
      { 'help.location': 'in-municipality' },
      { 'help.location': 'outside' },
    ]);
    expectSettlingChoice(asBotActivity(activity!));
    // In Teams the same choices are card buttons, the same channelData.
    const [teams] = toActivities([location], 'msteams', t);
    expect(teams!.channelData).toEqual(activity!.channelData);
    expect(
      cardOf('msteams', location)!.actions.map((a) => (a.data as Record<string, unknown>)['help.location']),
    ).toEqual(['in-own-neighbourhood', 'in-municipality', 'outside']);
    expectNoInternalNames([asBotActivity(teams!)]);
  });
});
