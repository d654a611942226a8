/**
 * Fuzzing the whole turn (interpret → machine → render) through `IntakeSession`: whatever a person or a
 * channel sends — junk, long or odd unicode text, commands, sensible answers, card values of the wrong
 * shape — a turn never throws, always says something, and an active conversation always ends on a
 * question (channels.md: "never with a crash or a silent skip"). A persisted conversation restores to
 * the same place and answers the next message the same way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SlotId } from '../../../dialogs/answers.js';
import { DIALOG_SLOTS } from '../../../dialogs/answers.js';
import { createIntakeMachine } from '../../../dialogs/intake-machine.js';
import { currentSlot } from '../../../dialogs/interpret.js';
import type { OutgoingMessage } from '../../../dialogs/outgoing.js';
import { IntakeSession } from '../../../dialogs/session.js';
import { addDays, SLOT_PATHS } from '../../../rules/index.js';
import { TODAY } from './model.js';

const machine = createIntakeMachine();
/** More runs for a longer hunt: `MAG_FUZZ_RUNS=5000 npx vitest run test/dialogs/machine/session-fuzz.test.ts`. */
const RUNS = Number(process.env.MAG_FUZZ_RUNS ?? 150);
/** Replays a reported failure: `MAG_FUZZ_SEED=<seed>`. */
const SEED = process.env.MAG_FUZZ_SEED ? { seed: Number(process.env.MAG_FUZZ_SEED) } : {};
const ALL_SLOTS: readonly SlotId[] = [...SLOT_PATHS, ...DIALOG_SLOTS];

/** What the person sends, as generated; `good` is resolved at run time into a sensible answer. */
type Input =
  | { kind: 'text'; text: string }
  | { kind: 'value'; value: unknown }
  | { kind: 'good'; seed: number; asCard: boolean };

const COMMANDS = ['terug', 'back', 'help', '?', 'english', 'nederlands', 'EN', 'Terug!', '/help', 'vorige'];
const RARE_COMMANDS = ['opnieuw', 'restart', 'stop', 'quit'];
const ANSWER_LIKE = [
  'ja',
  'nee',
  'Yes',
  'no',
  'geen',
  'none',
  '350',
  '€ 1.250,50',
  '1250 euro',
  '1.250',
  '500.01',
  '500,5',
  '-5',
  '0',
  '12,3456',
  '2028-03-01',
  '1-3-2028',
  '1 maart 2028',
  '1 March 2028',
  '30 februari 2028',
  '2020-01-01',
  'zaterdag 1 maart 2027',
  'verbinding en vitaliteit',
  'verbinding, dichtbij',
  'eenmalig',
  'weet ik niet',
  'help me kiezen',
  'bewaren',
  'keep',
  'zelfde dag',
  'overslaan',
  'draft',
  'confirm',
  'bevestigen',
  'anna@example.nl',
  '0612345678',
  'Stuwkr8 deed dit vroeger',
  'stop pesten',
];

const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 2_000, maxLength: 10_000 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...ANSWER_LIKE, ...COMMANDS), fc.integer({ min: 200, max: 2_500 }))
      .map(([s, n]) => s.repeat(Math.ceil(10_000 / (s.length * 4))).slice(0, n * 4)),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 3 }),
        fc.constantFrom(...ANSWER_LIKE, ...COMMANDS),
        fc.string({ maxLength: 3 }),
      )
      .map(([a, b, c]) => `${a}${b}${c}`),
  },
);

/** Card values: the right slot with a wrong type, another slot, no slot, not an object at all. */
const cardValue = fc.oneof(
  fc.record({ slot: fc.constantFrom(...ALL_SLOTS), v: fc.jsonValue({ maxDepth: 2 }) }).map(({ slot, v }) => ({
    [slot]: v,
  })),
  fc.constantFrom(
    { 'initiative.themes': [1, 2] },
    { 'initiative.themes': 'verbinding' },
    { 'initiative.themes': [] },
    { 'initiative.themes': ['verbinding', null] },
    { 'initiative.kaders': { a: 1 } },
    { 'money.requested': -1 },
    { 'money.requested': 1e308 },
    { 'applicant.kind': true },
    { 'initiative.startDate': 20280301 },
    { __proto__: null },
    {},
  ),
  fc.jsonValue({ maxDepth: 2 }),
  fc.anything({ maxDepth: 2 }),
);

const input: fc.Arbitrary<Input> = fc.oneof(
  {
    weight: 24,
    arbitrary: fc.record({ kind: fc.constant('good' as const), seed: fc.nat(), asCard: fc.boolean() }),
  },
  { weight: 3, arbitrary: hostileText.map((text) => ({ kind: 'text' as const, text })) },
  { weight: 2, arbitrary: fc.constantFrom(...COMMANDS).map((text) => ({ kind: 'text' as const, text })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...RARE_COMMANDS).map((text) => ({ kind: 'text' as const, text })),
  },
  { weight: 2, arbitrary: fc.constantFrom(...ANSWER_LIKE).map((text) => ({ kind: 'text' as const, text })) },
  { weight: 2, arbitrary: cardValue.map((value) => ({ kind: 'value' as const, value })) },
);

/** An input and how many days after the previous one it is sent. */
const turn = fc.tuple(
  input,
  fc.oneof(
    { weight: 20, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }) },
  ),
);

/** Typed answers that the parsers accept, per input kind. */
const TYPED: Record<string, string[]> = {
  date: ['2028-03-01', '1 maart 2028', '15-3-2028', '1 March 2028', '2027-02-20'],
  amount: ['700', '€ 1.250,50', '350', '25000', '4000 euro'],
  count: ['0', '3', '80'],
  text: ['Een straatfeest voor de hele buurt', 'Buurtfeest in de Peulenstraat'],
  email: ['anna@example.nl'],
  phone: ['0612345678', '078 123 4567'],
  address: ['Peulenstraat 1, 3371 AB Hardinxveld', 'Kerkstraat 12 3371ab Giessendam'],
  kvk: ['40831234', 'KvK 1234 5678'],
  iban: ['NL91 ABNA 0417 1643 00', 'nl91abna0417164300'],
};

/** A sensible answer to the question the last message asks: a choice (clicked or typed) or typed text. */
function resolve(i: Input, last: OutgoingMessage): { text?: string; value?: unknown } {
  if (i.kind === 'text') return { text: i.text };
  if (i.kind === 'value') return { value: i.value };
  const choices = last.choices ?? [];
  const typed = TYPED[last.input ?? ''];
  if (choices.length > 0 && (!typed || i.seed % 3 !== 0)) {
    const choice = choices[i.seed % choices.length]!;
    return i.asCard && last.ask ? { value: { [last.ask]: choice.value } } : { text: choice.title };
  }
  if (typed) return { text: typed[i.seed % typed.length]! };
  return { text: 'ja' };
}

/** What every turn must satisfy. */
function checkTurn(session: IntakeSession, messages: OutgoingMessage[]) {
  expect(Array.isArray(messages)).toBe(true);
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    expect(typeof m.text).toBe('string');
    expect(m.text.trim().length).toBeGreaterThan(0);
    const values = new Set<string>();
    for (const c of m.choices ?? []) {
      expect(typeof c.value === 'string' && c.value.trim().length > 0, JSON.stringify(c)).toBe(true);
      expect(typeof c.title === 'string' && c.title.trim().length > 0, JSON.stringify(c)).toBe(true);
      expect(values.has(c.value), `duplicate choice ${c.value}`).toBe(false);
      values.add(c.value);
    }
  }
  const last = messages.at(-1)!;
  const ctx = session.context;
  if (session.status === 'active') {
    expect(last.ask, JSON.stringify(last)).toBe(currentSlot(ctx));
    if (last.input === 'choice' || last.input === 'yesno' || last.input === 'multi') {
      expect(last.choices?.length ?? 0).toBeGreaterThan(0);
    }
    // A verdict travels exactly as the context holds it.
    for (const m of messages) {
      if (m.assessment === undefined) continue;
      expect(ctx.step.kind).toBe('outcome');
      if (ctx.step.kind === 'outcome') expect(m.assessment).toEqual(ctx.step.assessment);
    }
  } else {
    expect(messages.every((m) => m.ask === undefined)).toBe(true);
  }
}

const start = (lang: 'nl' | 'en', audience: 'resident' | 'intake') =>
  IntakeSession.start(machine, { today: TODAY, lang, audience });

const settings = fc.record({
  lang: fc.constantFrom('nl' as const, 'en' as const),
  audience: fc.constantFrom('resident' as const, 'intake' as const),
});

describe('IntakeSession under arbitrary input', () => {
  it('never throws, always answers, and an active conversation always ends on a question', () => {
    let handled = 0;
    const statuses: Record<string, number> = {};
    const reached = new Set<string>();
    fc.assert(
      fc.property(
        settings,
        fc.array(turn, { minLength: 1, maxLength: 60, size: 'max' }),
        ({ lang, audience }, turns) => {
          const { session, messages } = start(lang, audience);
          checkTurn(session, messages);
          let last = messages.at(-1)!;
          for (const [i, days] of turns) {
            // Now and then the conversation goes on a day (or a year) later.
            // (Leaving "talk to a person" returns to a verdict already shown: that verdict is not new.)
            const wasAsking =
              session.context.step.kind === 'ask' && !last.ask?.startsWith('help.callback')
                ? last.ask
                : undefined;
            const out = session.handle(resolve(i, last), addDays(session.context.today, days));
            checkTurn(session, out);
            const notice = session.context.notice?.kind;
            if (session.status === 'active' && (notice === 'invalid' || notice === 'stale')) {
              // An answer it cannot use: a short explanation and the same question again.
              expect(out.length).toBeGreaterThan(1);
              expect(out.at(-1)!.ask).toBe(last.ask);
            }
            const offered = (last.choices?.length ?? 0) > 0 && !TYPED[last.input ?? ''];
            if (i.kind === 'good' && days === 0 && offered && session.status === 'active') {
              // A choice the bot offered, clicked or typed back as its title, is always understood.
              expect(
                notice === 'invalid' || notice === 'stale',
                JSON.stringify([last.ask, resolve(i, last)]),
              ).toBe(false);
            }
            if (wasAsking && session.status === 'active' && session.context.step.kind === 'outcome') {
              // A verdict reached on this turn travels with it.
              expect(out.some((m) => m.assessment !== undefined)).toBe(true);
            }
            last = out.at(-1)!;
            handled++;
            reached.add(session.status === 'active' ? currentSlot(session.context) : session.status);
          }
          statuses[session.status] = (statuses[session.status] ?? 0) + 1;
        },
      ),
      { numRuns: RUNS, ...SEED },
    );
    console.log(
      `[fuzz] ${handled} turns; end states ${JSON.stringify(statuses)}; ${reached.size} questions or ends reached`,
    );
    // The sensible answers carry some conversations through to a verdict and beyond.
    expect(reached.has('next')).toBe(true);
    expect(reached.size).toBeGreaterThan(12);
  });

  it('a persisted conversation restores to the same context and answers the next input the same way', () => {
    fc.assert(
      fc.property(
        settings,
        fc.array(input, { maxLength: 60, size: 'max' }),
        input,
        ({ lang, audience }, inputs, next) => {
          const { session, messages } = start(lang, audience);
          let last = messages.at(-1)!;
          for (const i of inputs) last = session.handle(resolve(i, last)).at(-1)!;

          const persisted = JSON.parse(JSON.stringify(session.persisted()));
          const restored = IntakeSession.restore(machine, persisted);
          expect(restored.context).toEqual(session.context);
          expect(restored.status).toBe(session.status);
          expect(restored.current()).toEqual(session.current());

          const turn = resolve(next, last);
          const fromRestored = restored.handle(turn);
          expect(fromRestored).toEqual(session.handle(turn));
          expect(restored.context).toEqual(session.context);
          expect(restored.persisted()).toEqual(session.persisted());
        },
      ),
      { numRuns: Math.ceil(RUNS / 1.5), ...SEED },
    );
  });

  it('a conversation that only gives sensible answers reaches a verdict and a draft', () => {
    // Deterministic: the first choice or a typed answer each time, from the organisation's side.
    const { session, messages } = start('nl', 'resident');
    let last = messages.at(-1)!;
    const seen: string[] = [];
    for (let turn = 0; turn < 80 && session.status === 'active'; turn++) {
      const slot = currentSlot(session.context);
      seen.push(slot);
      const choose = (code: string) => ({ value: { [slot]: code } });
      const reply =
        slot === 'help.fit'
          ? { value: { [slot]: ['verbinding', 'dichtbij'] } }
          : slot === 'help.conditions' || slot === 'help.history'
            ? { value: { [slot]: [] } }
            : slot === 'applicant.kind'
              ? choose('organisation')
              : slot === 'initiative.type'
                ? choose('eenmalig')
                : slot === 'next'
                  ? choose('draft')
                  : slot === 'help.review'
                    ? choose('confirm')
                    : last.input === 'yesno'
                      ? choose(
                          ['initiative.inMunicipality', 'initiative.isActivity', 'draft.consent'].includes(
                            slot,
                          )
                            ? 'yes'
                            : 'no',
                        )
                      : resolve({ kind: 'good', seed: 0, asCard: false }, last);
      const out = session.handle(reply);
      checkTurn(session, out);
      last = out.at(-1)!;
    }
    expect(session.status).toBe('submitted');
    expect(seen).toContain('next');
    expect(seen).toContain('draft.consent');
  });
});
