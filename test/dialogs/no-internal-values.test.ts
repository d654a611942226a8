/**
 * A person never sees a code: over every state of the model-based paths (every applicant, type, edge amount,
 * grouped question and verdict), in both languages and both audiences, every text, button title and card
 * the bot sends, on Web Chat and on Teams, is scanned for slot paths, dialog names, rule, attachment and
 * deadline ids, choice codes, placeholders left unfilled and programming leftovers.
 */
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { toActivities } from '../../bot/activity-mapper.js';
import { translator } from '../../dialogs/i18n.js';
import type { IntakeEvent } from '../../dialogs/intake-machine.js';
import { createIntakeMachine } from '../../dialogs/intake-machine.js';
import type { OutgoingMessage } from '../../dialogs/outgoing.js';
import { render } from '../../dialogs/render.js';
import {
  ACCOUNTABILITY_DOCUMENTS,
  ADVISORS,
  ATTACHMENTS,
  BUDGET_LINES,
  DEADLINE_IDS,
  DECIDERS,
  KADERS,
  RULE_IDS,
  SUBSIDY_TYPES,
  THEMES,
  TIERS,
} from '../../rules/index.js';
import type { IntakeSnapshot } from './machine/model.js';
import { modelPaths, TODAY } from './machine/model.js';

/** A slot path or one of the dialog's own names, as a person would read it: `contact.name`, `help.review`. */
const NAME = /\b(?:applicant|initiative|money|history|help|draft|contact)\.[a-zA-Z]/;
/** Codes that are not words a person would write (hyphenated or camelCase): exactly these never show. */
const CODES = new Set<string>([
  ...RULE_IDS,
  ...ATTACHMENTS.filter((a) => a.includes('-')),
  ...DEADLINE_IDS,
  ...ACCOUNTABILITY_DOCUMENTS,
  ...BUDGET_LINES,
  ...TIERS,
  ...DECIDERS.filter((d) => d.includes('-')),
  ...ADVISORS.filter((a) => a.includes('-')),
  ...KADERS.filter((k) => k.includes('-')),
  ...THEMES.filter((t) => t.includes('-')),
  ...SUBSIDY_TYPES.filter((t) => t.includes('-')),
  'kvk-professional',
  'in-own-neighbourhood',
  'in-municipality',
  'lower-amount',
  'later-year',
  'next-round',
  'help-me-choose',
  'same-day',
  'none-and-ticked',
  'dont-know',
]);
const LEFTOVER = /\{\{|\}\}|\bundefined\b|\bNaN\b|\[object Object\]|\bnull\b/;

function problemsIn(text: string, where: string): string[] {
  const found: string[] = [];
  if (NAME.test(text)) found.push(`${where}: a name ${NAME.exec(text)![0]}… in "${text.slice(0, 120)}"`);
  if (LEFTOVER.test(text)) found.push(`${where}: ${LEFTOVER.exec(text)![0]} in "${text.slice(0, 120)}"`);
  for (const token of text.match(/[a-z]+(?:-[a-z]+)+/g) ?? []) {
    // A code inside a web address or an e-mail address is part of that address.
    if (CODES.has(token) && !/@|https?:\/\/|\.nl\b/.test(text)) found.push(`${where}: the code ${token}`);
  }
  return found;
}

/** Every string a person can read in an activity: its text, its buttons, its card's texts, labels and choices. */
function readable(activity: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (node: unknown, key = '') => {
    if (typeof node === 'string') {
      if (['text', 'title', 'label', 'displayText', 'placeholder', 'altText'].includes(key)) out.push(node);
      return;
    }
    if (Array.isArray(node)) for (const item of node) walk(item, key);
    else if (node && typeof node === 'object') {
      // A messageBack button sends its `text` to the bot; the person sees its displayText.
      const sentOnly = (node as { type?: unknown }).type === 'messageBack' ? ['text'] : [];
      for (const [k, v] of Object.entries(node)) {
        if (sentOnly.includes(k)) continue;
        // Values sent back to the bot and the verdict's data are for programs.
        if (['value', 'data', 'channelData', 'id'].includes(k)) continue;
        walk(v, k);
      }
    }
  };
  walk({
    text: activity.text,
    suggestedActions: activity.suggestedActions,
    attachments: activity.attachments,
  });
  // Card choice titles (`choices: [{ title, value }]`) are read through `title`.
  return out;
}

describe('no internal value reaches a person', () => {
  const machine = createIntakeMachine();
  const paths = modelPaths(machine, TODAY);
  // The states of the paths, once each.
  const states = new Map(paths.map((p) => [JSON.stringify(p.state.context), p.state] as const));

  it(`in any text, button or card of ${states.size} states, nl and en, resident and intake, Web Chat and Teams`, () => {
    const problems: string[] = [];
    let scanned = 0;
    for (const state of states.values()) {
      for (const lang of ['nl', 'en'] as const) {
        for (const audience of ['resident', 'intake'] as const) {
          const ctx = { ...state.context, lang, audience };
          const status =
            state.status === 'active' ? 'active' : (state.value as 'submitted' | 'finished' | 'stopped');
          const messages: OutgoingMessage[] = render(ctx, status);
          const t = translator(lang, audience);
          for (const channel of ['directline', 'msteams']) {
            for (const activity of toActivities(messages, channel, t)) {
              for (const text of readable(activity as Record<string, unknown>)) {
                scanned++;
                const where = `${channel} ${lang} ${audience} at ${messages.at(-1)?.ask}`;
                for (const p of problemsIn(text, where)) if (problems.length < 30) problems.push(p);
              }
            }
          }
        }
      }
    }
    console.log(`[no-internal-values] ${states.size} states, ${scanned} texts scanned`);
    expect(scanned).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
  }, 180_000);

  it('in every step of "talk to a person", from every verdict and a sample of questions, and in its offer', () => {
    const problems: string[] = [];
    let scanned = 0;
    const scan = (s: IntakeSnapshot) => {
      for (const lang of ['nl', 'en'] as const) {
        for (const audience of ['resident', 'intake'] as const) {
          const messages = render({ ...s.context, lang, audience }, 'active');
          const t = translator(lang, audience);
          for (const channel of ['directline', 'msteams']) {
            for (const activity of toActivities(messages, channel, t)) {
              for (const text of readable(activity as Record<string, unknown>)) {
                scanned++;
                const where = `${channel} ${lang} ${audience} at ${messages.at(-1)?.ask} (callback)`;
                for (const p of problemsIn(text, where)) if (problems.length < 30) problems.push(p);
              }
            }
          }
        }
      }
    };
    const send = (s: IntakeSnapshot, event: IntakeEvent) => transition(machine, s, event)[0];
    const given = (slot: string, value: string): IntakeEvent =>
      ({ type: 'answer.given', slot, value }) as IntakeEvent;
    const rejected = (slot: string, error: string): IntakeEvent =>
      ({ type: 'answer.rejected', slot, error }) as IntakeEvent;
    const active = [...states.values()].filter((s) => s.status === 'active');
    const sample = active.filter((s, i) => (s.context.step.kind === 'outcome' ? i % 3 === 0 : i % 40 === 0));
    for (const start of sample) {
      const asked = start.context.step.kind === 'ask' ? start.context.step.slot : 'next';
      // The offer after two answers it could not use.
      scan(send(send(start, rejected(asked, 'invalid')), rejected(asked, 'invalid')));
      let s = send(start, { type: 'callback.requested' });
      scan(s);
      scan(send(s, rejected('help.callbackContact', 'invalid-contact')));
      scan(send(s, { type: 'dialog.back' }));
      s = send(s, given('help.callbackContact', '+31612345678'));
      scan(s);
      const long = 'Mag het feest ook op het plein bij de kerk, of moet dat ergens anders? '.repeat(20);
      scan(send(s, given('help.callbackQuestion', long)));
    }
    console.log(
      `[no-internal-values] ${sample.length} starts of a callback request, ${scanned} texts scanned`,
    );
    expect(sample.length).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  }, 180_000);

  it('the scan finds what it looks for', () => {
    expect(problemsIn('Kies contact.name', 'x')).toHaveLength(1);
    expect(problemsIn('Regel late-application', 'x')).toHaveLength(1);
    expect(problemsIn('Bedrag: {{amount}}', 'x')).toHaveLength(1);
    expect(problemsIn('Mail MAG@hardinxveld-giessendam.nl', 'x')).toEqual([]);
    expect(problemsIn('Een eenmalig initiatief', 'x')).toEqual([]);
  });
});
