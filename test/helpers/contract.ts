import { expect } from 'vitest';
import type { BotActivity } from './intake-answers.js';
import {
  askOf,
  cardOf,
  GATES,
  GROUP_BOXES,
  INTERNAL_NAME,
  isGate,
  offeredBoxes,
  SINGLE_CHOICE_MEANING,
  slotsOfBoxes,
  visibleTexts,
} from './intake-answers.js';

/** The eight conditions of `help.conditions` (channels.md, the brief): all offered for a one-off initiative. */
export const CONDITION_SLOTS = [
  'initiative.isActivity',
  'initiative.profitMotive',
  'initiative.primarilyReligious',
  'money.includesFoodAndDrink',
  'money.includesMaterialsOrRealEstate',
  'initiative.worksWithVulnerable',
  'money.otherMunicipalFunding',
  'initiative.multipleInitiatives',
] as const;

/** What `help.history` settles while nothing of it is known: the gated counts, and refused / similar. */
export const HISTORY_SLOTS = [
  ...Object.keys(GATES['help.appliedBefore']!),
  'history.sameApplicationRefusedBefore',
  'history.similarGranted',
];

const sorted = (list: readonly string[]) => [...list].sort();

/** No slot path, gate name or other internal value in anything of `activities` a person reads. */
export function expectNoInternalNames(activities: readonly BotActivity[]): void {
  for (const a of activities) {
    for (const text of visibleTexts(a)) {
      expect(text, `a text the person sees (asking ${askOf(a) ?? 'nothing'})`).not.toMatch(INTERNAL_NAME);
    }
  }
}

/**
 * A multi-select that settles several slots (channels.md): a card (no suggested actions) with checkboxes
 * named after the question, each box's value a slot path of the group (or a gate); `channelData.slots` lists
 * exactly the slots those boxes settle (a gate's: the slots behind it); "Geen van deze" submits an empty list
 * and none of the ticked boxes; the other button submits the boxes. Returns the boxes offered.
 */
export function expectGroupedMultiSelect(question: BotActivity): string[] {
  const ask = askOf(question)!;
  expect(GROUP_BOXES[ask], `${ask} is a grouped multi-select`).toBeDefined();
  const boxes = offeredBoxes(question);
  expect(boxes.length, `${ask} offers two or more boxes`).toBeGreaterThanOrEqual(2);
  for (const box of boxes) expect(GROUP_BOXES[ask], `a box of ${ask}`).toContain(box);
  expect(new Set(boxes).size).toBe(boxes.length);
  expect(sorted(question.channelData?.slots ?? []), `channelData.slots of ${ask}`).toEqual(
    sorted(slotsOfBoxes(boxes)),
  );
  for (const box of boxes) if (!isGate(box)) expect(box).toMatch(/^(initiative|money|history|applicant)\./);
  expect(question.suggestedActions).toBeUndefined();
  const card = cardOf(question)!;
  const set = card.body!.find((b) => b.type === 'Input.ChoiceSet' && b.id === ask)!;
  expect(set).toMatchObject({ isMultiSelect: true });
  // "None of these" names the question and sends the boxes with it: a box still ticked is not none.
  const none = card.actions!.filter((a) => a.data?.none === ask);
  expect(none, `one "none of these" button on ${ask}`).toHaveLength(1);
  expect(none[0]).toMatchObject({ type: 'Action.Submit', data: { none: ask } });
  const submit = card.actions!.filter((a) => a !== none[0] && a.data?.[ask] === undefined);
  expect(submit.length).toBeGreaterThanOrEqual(1);
  for (const a of [...none, ...submit]) expect(a.associatedInputs).not.toBe('none');
  // A shortcut ("Houden") is a button that is the answer itself: it sends its own value, never the boxes.
  for (const a of card.actions!.filter((x) => x.data?.[ask] !== undefined)) {
    expect(a.associatedInputs, a.title).toBe('none');
    expect(set.choices?.map((c) => c.value)).not.toContain(a.data![ask]);
  }
  expectNoInternalNames([question]);
  return boxes;
}

/** The choice codes a question offers: its suggested actions' or card buttons' values for its slot. */
export function choiceCodes(question: BotActivity): unknown[] {
  const ask = askOf(question)!;
  const actions = question.suggestedActions?.actions ?? [];
  if (actions.length > 0) return actions.map((a) => (a.value as Record<string, unknown>)?.[ask]);
  return (cardOf(question)?.actions ?? []).map((a) => a.data?.[ask]);
}

/**
 * A single choice that settles several slots (`help.location`): `channelData.settles`
 * says what each offered code sets, as the contract says; `channelData.slots` covers every slot set.
 */
export function expectSettlingChoice(question: BotActivity): void {
  const ask = askOf(question)!;
  const meaning = SINGLE_CHOICE_MEANING[ask]!;
  expect(meaning, `${ask} is a choice that settles several slots`).toBeDefined();
  const codes = choiceCodes(question);
  const settles = question.channelData?.settles ?? {};
  expect(Object.keys(settles).length).toBeGreaterThanOrEqual(2);
  for (const [code, values] of Object.entries(settles)) {
    expect(codes, `the choices of ${ask}`).toContain(code);
    expect(values, `what ${code} sets`).toEqual(meaning[code]);
    for (const slot of Object.keys(values)) expect(question.channelData?.slots).toContain(slot);
  }
  expectNoInternalNames([question]);
}
