import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { teamsMarkdown, toActivities } from '../../bot/activity-mapper.js';
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

type CardAction = {
  type: string;
  title: string;
  data?: Record<string, unknown>;
  associatedInputs?: string;
};
type FullCard = {
  body: {
    type: string;
    id?: string;
    style?: string;
    isMultiSelect?: boolean;
    value?: string;
    choices?: { title: string; value: string }[];
  }[];
  actions: CardAction[];
};
const fullCardOf = (channel: string, m: OutgoingMessage, translate = t) =>
  toActivities([m], channel, translate)[0]!.attachments?.[0]?.content as FullCard | undefined;

/** Typed answers that take the real dialog from the greeting to the review of an eligible draft. */
const TO_REVIEW = [
  'organisatie',
  'Een buurtfeest',
  'ja',
  '1-6-2027',
  'verbinding en dichtbij',
  'eenmalig',
  '700',
  'geen',
  '1000',
  '40',
  'geen',
  'concept',
  'Buurtfeest Kerkstraat',
  'Bewoners van de Kerkstraat',
  'Kerkstraat',
  'Anna de Vries',
  'Buurtvereniging De Kerkstraat',
  'secretaris',
  'anna@example.nl',
  '06 12345678',
  'Kerkstraat 1, 3371 AB Hardinxveld-Giessendam',
  '40831234',
  'NL91 ABNA 0417 1643 00',
];

/** The real dialog after these typed answers: the session and the question it asks now. */
function sessionAfter(answers: string[], audience: 'resident' | 'intake' = 'resident') {
  const { session } = IntakeSession.start(createIntakeMachine(), {
    today: '2026-11-23',
    lang: 'nl',
    audience,
  });
  let messages: OutgoingMessage[] = [];
  for (const text of answers) messages = session.handle({ text });
  return { session, messages, question: messages.findLast((m) => m.ask !== undefined)! };
}

describe('the review: more choices than fit as buttons', () => {
  const { question: review } = sessionAfter(TO_REVIEW);

  it.each(['directline', 'msteams'])(
    'on %s: a drop-down of the answers to change; "Alles klopt" is a button that sends its own value, not the drop-down\'s',
    (channel) => {
      expect(review.ask).toBe('help.review');
      const card = fullCardOf(channel, review)!;
      const set = card.body.find((b) => b.type === 'Input.ChoiceSet')!;
      expect(set).toMatchObject({ id: 'help.review', style: 'compact' });
      expect(set.isMultiSelect).toBeUndefined();
      // Every answer to change, titled by its label; "Alles klopt" is not one of them.
      expect(set.choices).toEqual(review.choices!.filter((c) => c.value !== 'confirm'));
      expect(set.choices).toContainEqual({ title: 'Naam', value: 'contact.name' });
      const confirm = card.actions.find((a) => a.title === 'Alles klopt')!;
      // An input named help.review would win over the button's data: the button sends no inputs.
      expect(confirm).toMatchObject({ data: { 'help.review': 'confirm' }, associatedInputs: 'none' });
      const change = card.actions.find((a) => a.title === 'Wijzigen')!;
      expect(change.associatedInputs).toBeUndefined();
      expect(change.data?.['help.review']).toBeUndefined();
      expect(card.actions.length).toBeLessThanOrEqual(6);
      expectNoInternalNames([asBotActivity(toActivities([review], channel, t)[0]!)]);
    },
  );

  it('a change from the review asks again with the earlier choices ticked and "Houden" as a button', () => {
    const { question: fit } = sessionAfter([...TO_REVIEW, 'Past bij de MAG']);
    expect(fit.ask).toBe('help.fit');
    expect(fit.selected).toEqual(['verbinding', 'dichtbij']);
    expect(fit.choices?.find((c) => c.value === 'keep')).toMatchObject({ title: 'Houden', shortcut: true });
    for (const channel of ['directline', 'msteams']) {
      const card = fullCardOf(channel, fit)!;
      const set = card.body.find((b) => b.type === 'Input.ChoiceSet')!;
      expect(set.isMultiSelect).toBe(true);
      // The earlier answer is ticked; "Houden" and "Geen van deze" are no boxes.
      expect(set.value).toBe('verbinding,dichtbij');
      expect(set.choices!.map((c) => c.value)).not.toContain('keep');
      expect(set.choices!.map((c) => c.value)).not.toContain('none');
      const keep = card.actions.find((a) => a.title === 'Houden')!;
      expect(keep).toMatchObject({ data: { 'help.fit': 'keep' }, associatedInputs: 'none' });
      expect(card.actions.find((a) => a.title === 'Geen van deze')?.associatedInputs).toBeUndefined();
    }
  });
});

describe('shortcuts', () => {
  it('are buttons beside the boxes of a multi-select, never boxes', () => {
    const m: OutgoingMessage = {
      ...themes,
      choices: [...themes.choices!, { value: 'keep', title: 'Houden', shortcut: true }],
      selected: ['verbinding'],
    };
    for (const channel of ['directline', 'msteams']) {
      const card = fullCardOf(channel, m)!;
      const set = card.body[0]!;
      expect(set.choices!.map((c) => c.value)).toEqual(['levendigheid', 'verbinding']);
      expect(set.value).toBe('verbinding');
      expect(card.actions.map((a) => a.title)).toEqual(['Verder', 'Geen van deze', 'Houden']);
      expect(card.actions[2]).toMatchObject({
        data: { 'initiative.themes': 'keep' },
        associatedInputs: 'none',
      });
    }
  });

  it('in Teams, an amount question with "Weet ik nog niet" keeps its number field beside the button', () => {
    const { question: costs } = sessionAfter(TO_REVIEW.slice(0, 8), 'intake');
    expect(costs).toMatchObject({ ask: 'money.totalCosts', input: 'amount' });
    expect(costs.choices).toEqual([{ value: 'skip', title: 'Weet ik nog niet', shortcut: true }]);
    const card = fullCardOf('msteams', costs, translator('nl', 'intake'))!;
    expect(card.body).toEqual([expect.objectContaining({ type: 'Input.Number', id: 'money.totalCosts' })]);
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Verder', data: {} },
      {
        type: 'Action.Submit',
        title: 'Weet ik nog niet',
        data: {
          'money.totalCosts': 'skip',
          msteams: { type: 'messageBack', displayText: 'Weet ik nog niet' },
        },
        associatedInputs: 'none',
      },
    ]);
    // Web Chat: typed, with the shortcut as a suggested action.
    const [web] = toActivities([costs], 'directline', t);
    expect(web!.attachments).toBeUndefined();
    expect(web!.suggestedActions!.actions.map((a) => a.value)).toEqual([{ 'money.totalCosts': 'skip' }]);
  });

  it('in Teams, a date question with "Dezelfde dag" keeps its date field; a count question its number field', () => {
    const endDate: OutgoingMessage = {
      text: 'Op welke datum eindigt het initiatief?',
      ask: 'initiative.endDate',
      input: 'date',
      choices: [{ value: 'same-day', title: 'Dezelfde dag', shortcut: true }],
    };
    const card = fullCardOf('msteams', endDate)!;
    expect(card.body).toEqual([expect.objectContaining({ type: 'Input.Date', id: 'initiative.endDate' })]);
    expect(card.actions.map((a) => [a.title, a.associatedInputs])).toEqual([
      ['Verder', undefined],
      ['Dezelfde dag', 'none'],
    ]);
    const count: OutgoingMessage = { ...endDate, ask: 'initiative.expectedParticipants', input: 'count' };
    expect(fullCardOf('msteams', count)!.body[0]).toMatchObject({ type: 'Input.Number' });
  });
});

describe('a grouped question asked again after `back`', () => {
  it.each(['directline', 'msteams'])(
    'on %s: "Houden" is a button beside the boxes, and the card still keeps the grouped-question contract',
    (channel) => {
      const { question } = sessionAfter([...TO_REVIEW.slice(0, 8), 'terug']);
      expect(question.ask).toBe('help.conditions');
      expect(question.choices?.find((c) => c.value === 'keep')?.shortcut).toBe(true);
      const activity = asBotActivity(toActivities([question], channel, t)[0]!);
      expectGroupedMultiSelect(activity);
      expect(fullCardOf(channel, question)!.actions.map((a) => a.title)).toEqual([
        'Verder',
        'Geen van deze',
        'Houden',
      ]);
    },
  );
});

describe('Teams shows at most 6 buttons on a card', () => {
  const choice = (n: number, extra: OutgoingMessage['choices'] = []): OutgoingMessage => ({
    text: 'Welke?',
    ask: 'initiative.type',
    input: 'choice',
    choices: [
      ...Array.from({ length: n }, (_, i) => ({ value: `c${i}`, title: `Keuze ${i + 1}` })),
      ...extra,
    ],
  });

  it('six choices are six buttons; seven are a drop-down with one button that sends it', () => {
    expect(fullCardOf('msteams', choice(6))!.body).toEqual([]);
    expect(fullCardOf('msteams', choice(6))!.actions).toHaveLength(6);
    const seven = fullCardOf('msteams', choice(7))!;
    expect(seven.body[0]).toMatchObject({ type: 'Input.ChoiceSet', id: 'initiative.type', style: 'compact' });
    expect(seven.body[0]!.choices).toHaveLength(7);
    expect(seven.actions.map((a) => a.title)).toEqual(['Verder']);
    // Web Chat still shows seven as suggested actions.
    expect(toActivities([choice(7)], 'directline', t)[0]!.suggestedActions!.actions).toHaveLength(7);
  });

  it('a shortcut that would make a seventh button turns the options into a drop-down, the shortcut stays a button', () => {
    const card = fullCardOf('msteams', {
      ...choice(6, [{ value: 'help-me-choose', title: 'Help mij kiezen', shortcut: true }]),
      selected: ['c2'],
    })!;
    expect(card.body[0]!.choices!.map((c) => c.value)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
    // The earlier choice is the one chosen in the drop-down.
    expect(card.body[0]!.value).toBe('c2');
    expect(card.actions.map((a) => [a.title, a.associatedInputs])).toEqual([
      ['Verder', undefined],
      ['Help mij kiezen', 'none'],
    ]);
  });

  it('no card of the real dialog has more than 6 actions in Teams, and every button with a value sends only it', () => {
    const { session } = IntakeSession.start(createIntakeMachine(), {
      today: '2026-11-23',
      lang: 'nl',
      audience: 'intake',
    });
    const intake = translator('nl', 'intake');
    const seen: OutgoingMessage[] = [];
    for (const text of [...TO_REVIEW, 'Past bij de MAG', 'Houden', 'Gevraagd bedrag', 'terug']) {
      seen.push(...session.handle({ text }).filter((m) => m.ask));
    }
    expect(seen.map((m) => m.ask)).toEqual(expect.arrayContaining(['help.review', 'help.fit', 'next']));
    for (const m of seen) {
      const card = fullCardOf('msteams', m, intake);
      if (!card) continue;
      expect(card.actions.length, m.ask).toBeLessThanOrEqual(6);
      const inputs = card.body.map((b) => b.id).filter(Boolean);
      for (const a of card.actions) {
        const own = Object.keys(a.data ?? {}).some((k) => inputs.includes(k));
        if (own) expect(a.associatedInputs, `${m.ask}: ${a.title}`).toBe('none');
      }
    }
  });
});

describe('text in Teams', () => {
  it('keeps each line of a label list on its own line (a paragraph each), lists as lists; Web Chat gets the text as is', () => {
    const text =
      'U komt in aanmerking.\nSoort aanvraag: Eenmalig.\nWie beslist: de MAG-consulent.\n\nStuur dit mee:\n- Aanvraagformulier\n- Begroting\nDat was het.';
    expect(teamsMarkdown(text)).toBe(
      'U komt in aanmerking.\n\nSoort aanvraag: Eenmalig.\n\nWie beslist: de MAG-consulent.\n\nStuur dit mee:\n\n- Aanvraagformulier\n- Begroting\n\nDat was het.',
    );
    const m: OutgoingMessage = { text };
    expect(toActivities([m], 'msteams', t)[0]!.text).toBe(teamsMarkdown(text));
    expect(toActivities([m], 'directline', t)[0]!.text).toBe(text);
  });

  it('the verdict of the real dialog: every line the dialog wrote is its own line in Teams', () => {
    const { messages } = sessionAfter(TO_REVIEW.slice(0, 11), 'intake');
    const details = messages.find((m) => m.text.includes('Wie beslist'))!;
    expect(details).toBeDefined();
    const shown = toActivities([details], 'msteams', translator('nl', 'intake'))[0]!.text!;
    // The words are the dialog's; only line breaks are added.
    expect(shown.replace(/\n+/g, '\n')).toBe(details.text.replace(/\n+/g, '\n'));
    for (const lineOfText of details.text.split('\n').filter((l) => l.trim() !== '' && !/^\s*-\s/.test(l))) {
      // Not a list item: a paragraph of its own (a blank line before it, unless it is the first).
      const at = shown.indexOf(lineOfText);
      expect(at === 0 || shown.slice(at - 2, at) === '\n\n', lineOfText).toBe(true);
    }
  });
});
