/**
 * The commands of channels.md at every question of a handful of conversations that together ask every
 * question of the machine: `back` (and keeping the old answer), `help`, a language change, `restart`,
 * `stop`, and changing an answer in the review.
 */

import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { Answers, AnswerValue, SlotId } from '../../../dialogs/answers.js';
import { isEligibilitySlot } from '../../../dialogs/answers.js';
import type { IntakeEvent } from '../../../dialogs/intake-machine.js';
import { createIntakeMachine } from '../../../dialogs/intake-machine.js';
import type { UserInput } from '../../../dialogs/interpret.js';
import { currentSlot } from '../../../dialogs/interpret.js';
import { questionDefinition } from '../../../dialogs/questions.js';
import { reviewedSlots } from '../../../dialogs/review.js';
import { IntakeSession } from '../../../dialogs/session.js';
import type { IntakeSnapshot, Profile } from './model.js';
import {
  answer,
  askedSlot,
  canonical,
  defaultAnswer,
  expectedAssessment,
  leafStateIds,
  PROFILES,
  stateId,
  TODAY,
  valuesFor,
} from './model.js';

const machine = createIntakeMachine();
const send = (s: IntakeSnapshot, event: IntakeEvent): IntakeSnapshot => transition(machine, s, event)[0];
const start = (): IntakeSnapshot => initialTransition(machine, { today: TODAY })[0];

/** Every snapshot at which the person is asked something (a question or `next`), in order. */
function conversation(profile: Profile): IntakeSnapshot[] {
  const seen: IntakeSnapshot[] = [];
  let s = start();
  for (let turn = 0; turn < 80 && s.status === 'active'; turn++) {
    seen.push(s);
    const slot = askedSlot(s)!;
    const step = s.context.step;
    if (step.kind === 'outcome' && step.assessment.verdict !== 'eligible') break;
    const value = slot in profile ? profile[slot]! : defaultAnswer(slot, s, TODAY);
    s = send(s, answer(slot, value));
  }
  return seen;
}

const CONVERSATIONS = Object.entries(PROFILES).map(([name, profile]) => ({
  name,
  turns: conversation(profile),
}));
const ALL_TURNS = CONVERSATIONS.flatMap(({ name, turns }) => turns.map((s, i) => ({ name, i, s })));
const where = (name: string, s: IntakeSnapshot) => `${name} at ${stateId(s.value)}`;

/** Questions asked on their own only after a change leaves them alone; reached by the repairs below. */
const REPAIRED = new Set([
  'ask.initiative.themes',
  'ask.initiative.kaders',
  'ask.initiative.isActivity',
  'ask.initiative.ownNeighbourhood',
]);

describe('the conversations used here', () => {
  it('ask every question of the machine and end in a verdict or the consent', () => {
    const reached = new Set(ALL_TURNS.map(({ s }) => stateId(s.value)));
    const questions = leafStateIds(machine).filter((id) => id.startsWith('ask.'));
    expect(questions.filter((id) => !reached.has(id) && !REPAIRED.has(id))).toEqual([]);
    for (const { name, turns } of CONVERSATIONS) {
      const last = turns.at(-1)!;
      expect(['ask.draft.consent', 'outcome'], name).toContain(stateId(last.value));
    }
  });
});

describe('back', () => {
  it('at the first question says there is nothing before it and stays', () => {
    const s0 = start();
    const s1 = send(s0, { type: 'dialog.back' });
    expect(s1.value).toEqual(s0.value);
    expect(s1.context.answers).toEqual({});
    expect(s1.context.notice).toEqual({ kind: 'nothing-before' });
    expect(s1.context.step).toEqual(s0.context.step);
  });

  it('returns to the previously answered question, offering the old answer; keeping it moves on', () => {
    let checked = 0;
    for (const { name, s } of ALL_TURNS) {
      const asked = s.context.asked;
      if (asked.length === 0) continue;
      const last = asked.at(-1)!;
      const old = s.context.answers[last];
      const b = send(s, { type: 'dialog.back' });
      // `next` is asked by the verdict: back from the first draft question shows the verdict again.
      expect(stateId(b.value), where(name, s)).toBe(last === 'next' ? 'outcome' : `ask.${last}`);
      if (last !== 'next') expect(b.context.step).toEqual({ kind: 'ask', slot: last });
      expect(b.context.answers[last], where(name, s)).toBeUndefined();
      expect(b.context.previous[last], where(name, s)).toEqual(old);
      expect(b.context.notice).toEqual({ kind: 'back' });
      expect(b.context.revisit[0]).toBe(last);

      // Keeping the old answer ends where we were, with the same answers, without asking anything else.
      const k = send(b, answer(last, old!));
      expect(k.value, where(name, s)).toEqual(s.value);
      expect(k.context.answers, where(name, s)).toEqual(s.context.answers);
      expect(k.context.step, where(name, s)).toEqual(s.context.step);
      expect(k.context.previous[last]).toBeUndefined();
      expect(k.context.revisit).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('twice, then keeping both answers, asks only the two withdrawn questions again', () => {
    let checked = 0;
    for (const { name, s } of ALL_TURNS) {
      const asked = s.context.asked;
      if (asked.length < 2) continue;
      const [first, second] = [asked.at(-2)!, asked.at(-1)!];
      const [old1, old2] = [s.context.previous[first], s.context.previous[second]];
      expect(old1).toBeUndefined();
      expect(old2).toBeUndefined();
      const a1 = s.context.answers[first];
      const a2 = s.context.answers[second];
      const question = (slot: SlotId) => (slot === 'next' ? 'outcome' : `ask.${slot}`);
      let b = send(send(s, { type: 'dialog.back' }), { type: 'dialog.back' });
      expect(stateId(b.value), where(name, s)).toBe(question(first));
      expect(b.context.previous[second]).toEqual(a2);
      b = send(b, answer(first, b.context.previous[first]!));
      expect(stateId(b.value), where(name, s)).toBe(question(second));
      expect(b.context.previous[second]).toEqual(a2);
      b = send(b, answer(second, a2!));
      expect(b.value, where(name, s)).toEqual(s.value);
      expect(b.context.answers, where(name, s)).toEqual(s.context.answers);
      expect(b.context.step).toEqual(s.context.step);
      expect(a1).toBeDefined();
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('through the session: `terug` offers the old answer as `keep`, and keeping it comes back here', () => {
    /** An answer as a channel sends it: a clicked card for codes, yes/no and lists, typed text otherwise. */
    const asInput = (slot: SlotId, value: AnswerValue): UserInput => {
      const input = questionDefinition(slot).input;
      if (input === 'amount') return { text: ((value as number) / 100).toFixed(2).replace('.', ',') };
      if (input === 'count') return { text: String(value) };
      if (value === null) return { value: { [slot]: 'skip' } };
      return { value: { [slot]: value } };
    };
    const { session } = IntakeSession.start(machine, { today: TODAY });
    let checked = 0;
    for (let turn = 0; turn < 60 && session.status === 'active'; turn++) {
      const slot = currentSlot(session.context);
      const before = structuredClone(session.context.answers);
      const previous = session.context.asked.at(-1);
      if (previous !== undefined && previous !== 'next') {
        const back = session.handle({ text: 'terug' }).at(-1)!;
        expect(back.ask).toBe(previous);
        expect(back.choices?.map((c) => c.value)).toContain('keep');
        const kept = session.handle({ value: { [previous]: 'keep' } }).at(-1)!;
        expect(kept.ask, `keep ${previous}`).toBe(slot);
        expect(session.context.answers).toEqual(before);
        checked++;
      }
      const snapshot = { context: session.context, status: 'active' } as IntakeSnapshot;
      const value = defaultAnswer(slot, snapshot, TODAY);
      session.handle(asInput(slot, value));
      expect(session.context.notice, `${slot} ${JSON.stringify(value)}`).toBeUndefined();
    }
    expect(session.status).toBe('submitted');
    expect(checked).toBeGreaterThan(15);
  });

  it('from the verdict asks the answer that led to it again, with every box it settled', () => {
    const refused = conversation({ 'help.conditions': ['initiative.profitMotive'] });
    const verdict = refused.at(-1)!;
    expect(verdict.value).toBe('outcome');
    expect(verdict.context.answers['initiative.profitMotive']).toBe(true);
    const b = send(verdict, { type: 'dialog.back' });
    expect(stateId(b.value)).toBe('ask.help.conditions');
    expect(b.context.previous['help.conditions']).toEqual(['initiative.profitMotive']);
    // Taking the grouped answer back takes back every slot it settled.
    for (const slot of [
      'initiative.profitMotive',
      'initiative.primarilyReligious',
      'money.otherMunicipalFunding',
    ])
      expect(b.context.answers[slot as SlotId], slot).toBeUndefined();
    const changed = send(b, answer('help.conditions', []));
    expect(stateId(changed.value)).toBe('ask.money.totalCosts');
    expect(changed.context.answers['initiative.profitMotive']).toBe(false);
  });
});

describe('help, language, restart and stop at every question', () => {
  it('help keeps the question and the answers and adds the help notice', () => {
    for (const { name, s } of ALL_TURNS) {
      const h = send(s, { type: 'help.requested' });
      expect(h.value, where(name, s)).toEqual(s.value);
      expect(h.context.answers).toEqual(s.context.answers);
      expect(h.context.step).toEqual(s.context.step);
      expect(h.context.notice).toEqual({ kind: 'help' });
    }
  });

  it('a language change keeps the answers and asks the same question again', () => {
    for (const { name, s } of ALL_TURNS) {
      const l = send(s, { type: 'language.changed', lang: 'en' });
      expect(l.value, where(name, s)).toEqual(s.value);
      expect(l.context.answers).toEqual(s.context.answers);
      expect(l.context.asked).toEqual(s.context.asked);
      expect(l.context.lang).toBe('en');
      expect(l.context.notice).toEqual({ kind: 'language' });
      if (s.context.step.kind === 'ask') {
        expect(l.context.step.kind).toBe('ask');
        expect(l.context.step.kind === 'ask' && l.context.step.slot).toBe(s.context.step.slot);
        // The review carries the verdict of the answers so far, now in English.
        if (l.context.step.kind === 'ask' && l.context.step.assessment) {
          expect(l.context.step.assessment.lang).toBe('en');
        }
      } else {
        // The verdict again, now in English: the same as the rules module says in English.
        expect(l.context.step.kind).toBe('outcome');
        if (l.context.step.kind !== 'outcome') continue;
        expect(l.context.step.assessment.lang).toBe('en');
        expect(l.context.step.assessment.verdict).toBe(s.context.step.assessment.verdict);
      }
    }
  });

  it('restart empties the answers and asks the first question', () => {
    for (const { name, s } of ALL_TURNS) {
      const r = send(s, { type: 'dialog.restarted' });
      expect(stateId(r.value), where(name, s)).toBe('ask.applicant.kind');
      expect(r.context.answers).toEqual({});
      expect(r.context.asked).toEqual([]);
      expect(r.context.revisit).toEqual([]);
      expect(r.context.previous).toEqual({});
      expect(r.context.notice).toEqual({ kind: 'restarted' });
    }
  });

  it('stop ends the conversation', () => {
    for (const { name, s } of ALL_TURNS) {
      const x = send(s, { type: 'dialog.stopped' });
      expect(x.value, where(name, s)).toBe('stopped');
      expect(x.status).toBe('done');
    }
  });

  it('an answer to another question is stale and changes nothing', () => {
    for (const { name, s } of ALL_TURNS) {
      const slot = askedSlot(s);
      const other: SlotId = slot === 'initiative.themes' ? 'initiative.kaders' : 'initiative.themes';
      const x = send(s, answer(other, ['verbinding']));
      expect(x.value, where(name, s)).toEqual(s.value);
      expect(x.context.answers).toEqual(s.context.answers);
      expect(x.context.notice).toEqual({ kind: 'stale' });
    }
  });

  it('a rejected answer keeps the question and says why', () => {
    for (const { name, s } of ALL_TURNS) {
      const slot = askedSlot(s)!;
      const x = send(s, { type: 'answer.rejected', slot, error: 'invalid' });
      expect(x.value, where(name, s)).toEqual(s.value);
      expect(x.context.answers).toEqual(s.context.answers);
      expect(x.context.notice).toEqual({ kind: 'invalid', error: 'invalid' });
    }
  });

  it('`draft` at a verdict that is not eligible is not taken', () => {
    const verdict = conversation({ 'initiative.inMunicipality': false }).at(-1)!;
    expect(verdict.value).toBe('outcome');
    const x = send(verdict, answer('next', 'draft'));
    expect(x.value).toBe('outcome');
    expect(x.context.answers.next).toBeUndefined();
    expect(x.context.notice).toEqual({ kind: 'stale' });
  });
});

describe('changing an answer in the review', () => {
  const reviews = CONVERSATIONS.flatMap(({ name, turns }) =>
    turns.filter((s) => s.value && stateId(s.value) === 'ask.help.review').map((s) => ({ name, s })),
  );

  /** Answers newly asked questions with a default until the review or a verdict; returns the questions asked. */
  function finish(s: IntakeSnapshot): { end: IntakeSnapshot; asked: SlotId[] } {
    const asked: SlotId[] = [];
    for (let i = 0; i < 40; i++) {
      const slot = askedSlot(s);
      if (!slot || slot === 'help.review' || slot === 'next') break;
      asked.push(slot);
      s = send(s, answer(slot, defaultAnswer(slot, s, TODAY)));
    }
    return { end: s, asked };
  }

  /**
   * The slot values of the answers, as the rules read them (a grouped question's own value left out). A
   * change that sends the initiative to the buurtwerker leaves its budget answers out: that route is not
   * asked its budget (rules/mag-2024/relevance.ts), so answers given for another route no longer count.
   */
  const BUDGET = ['money.totalCosts', 'money.thirdPartyContributions', 'initiative.expectedParticipants'];
  const slotsOf = (a: Answers, end: IntakeSnapshot): Answers => {
    const step = end.context.step;
    const buurt = step.kind === 'outcome' && step.assessment.route?.tier === 'buurt-500';
    return Object.fromEntries(
      Object.entries(a).filter(([k]) => isEligibilitySlot(k as SlotId) && !(buurt && BUDGET.includes(k))),
    );
  };

  it('is reached by every conversation here', () => {
    expect(reviews.map((r) => r.name).sort()).toEqual(Object.keys(PROFILES).sort());
  });

  it('asks only the changed question and those it makes relevant, then the review or the verdict', () => {
    let toReview = 0;
    let toOutcome = 0;
    for (const { name, s: review } of reviews) {
      const before = review.context.answers;
      const shown = reviewedSlots(review.context);
      for (const slot of shown) {
        const at = send(review, { type: 'review.change', slot });
        const values: AnswerValue[] = [
          before[slot]!,
          ...(questionDefinition(slot).input !== 'text' && questionDefinition(slot).input !== 'email'
            ? valuesFor(slot, at, TODAY)
            : []),
        ];
        for (const value of values) {
          const label = `${name}: ${slot} ${JSON.stringify(before[slot])} → ${JSON.stringify(value)}`;
          const c = send(review, { type: 'review.change', slot });
          expect(stateId(c.value), label).toBe(`ask.${slot}`);
          expect(c.context.previous[slot], label).toEqual(before[slot]);
          const { end, asked } = finish(send(c, answer(slot, value)));
          const answers: Answers = end.context.answers;
          // Nothing that was answered and still counted is asked again.
          for (const again of asked) {
            // A question answered before is asked again only when the change left it open (its answer
            // belonged to what changed, or it never had one).
            const settledByChange = review.context.via[again] === slot;
            const hadAnswer = before[again] !== undefined && again !== slot && !settledByChange;
            expect(hadAnswer, `${label}: asked ${again} again`).toBe(false);
          }
          const expected = expectedAssessment(
            slotsOf(answers, end),
            TODAY,
            end.context.step.kind === 'outcome' && end.context.step.assessment.missing !== undefined,
          );
          if (stateId(end.value) === 'ask.help.review') {
            toReview++;
            expect(expected.verdict, label).toBe('eligible');
            expect(end.context.step.kind === 'ask' && end.context.step.assessment, label).toEqual(expected);
            // The same answer again gives the same answers.
            if (value === before[slot]) {
              const missing = Object.keys(before).filter((k) => !(k in answers));
              const extra = Object.keys(answers).filter((k) => !(k in before));
              expect({ missing, extra }, label).toEqual({ missing: [], extra: [] });
              expect(answers, label).toEqual(before);
            }
          } else {
            toOutcome++;
            expect(end.value, label).toBe('outcome');
            expect(expected.verdict, label).not.toBe('eligible');
            if (end.context.step.kind !== 'outcome') continue;
            expect(end.context.step.assessment, `${label} ${canonical(answers)}`).toEqual(expected);
            expect(answers.next).toBe('draft');
          }
        }
      }
    }
    console.log(`[commands] review changes: ${toReview} back to the review, ${toOutcome} to a verdict`);
    expect(toReview).toBeGreaterThan(30);
    expect(toOutcome).toBeGreaterThan(5);
  });

  it('a change to a draft answer asks that question and comes back to the review', () => {
    const { s: review } = reviews[0]!;
    const c = send(review, { type: 'review.change', slot: 'draft.title' });
    expect(stateId(c.value)).toBe('ask.draft.title');
    const r = send(c, answer('draft.title', 'Een nieuwe titel'));
    expect(stateId(r.value)).toBe('ask.help.review');
    expect(r.context.answers['draft.title']).toBe('Een nieuwe titel');
  });
});

describe('repairs: a question left alone by an answer or a change is asked on its own', () => {
  /** Answers with the profile, or the default, until `until` is asked; the snapshot there. */
  function walkTo(profile: Profile, until: string, from: IntakeSnapshot = start()): IntakeSnapshot {
    let s = from;
    for (let turn = 0; turn < 60 && s.status === 'active'; turn++) {
      const slot = askedSlot(s)!;
      if (slot === until) return s;
      s = send(s, answer(slot, slot in profile ? profile[slot]! : defaultAnswer(slot, s, TODAY)));
    }
    throw new Error(`never asked ${until}; at ${stateId(s.value)}`);
  }

  it('the fit question with only a theme asks the kaders, with only a kader the themes', () => {
    const onlyTheme = walkTo({ 'help.fit': ['verbinding'] }, 'initiative.kaders');
    expect(onlyTheme.context.answers['initiative.themes']).toEqual(['verbinding']);
    const next = send(onlyTheme, answer('initiative.kaders', ['dichtbij']));
    expect(stateId(next.value)).toBe('ask.initiative.type');
    const onlyKader = walkTo({ 'help.fit': ['dichtbij'] }, 'initiative.themes');
    expect(onlyKader.context.answers['initiative.kaders']).toEqual(['dichtbij']);
    expect(stateId(send(onlyKader, answer('initiative.themes', [])).value)).toBe('outcome');
  });

  it('a kernactiviteit changed to one-off in the review asks whether it is an activity, alone', () => {
    const review = walkTo({ 'initiative.type': 'kernactiviteit' }, 'help.review');
    expect(review.context.answers['initiative.isActivity']).toBeUndefined();
    let s = send(review, { type: 'review.change', slot: 'initiative.type' });
    s = send(s, answer('initiative.type', 'eenmalig'));
    expect(stateId(s.value)).toBe('ask.initiative.isActivity');
    s = send(s, answer('initiative.isActivity', true));
    expect(stateId(s.value)).toBe('ask.help.review');
  });

  it('an organisation changed to a resident with a small one-off asks the neighbourhood, alone', () => {
    const review = walkTo({ 'money.requested': 35_000 }, 'help.review');
    let s = send(review, { type: 'review.change', slot: 'applicant.kind' });
    s = send(s, answer('applicant.kind', 'resident'));
    expect(stateId(s.value)).toBe('ask.initiative.ownNeighbourhood');
    s = send(s, answer('initiative.ownNeighbourhood', false));
    expect(stateId(s.value)).toBe('ask.help.review');
  });
});
