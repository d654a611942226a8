import { describe, expect, it } from 'vitest';
import { createIntakeMachine } from '../../dialogs/intake-machine.js';
import { IntakeSession } from '../../dialogs/session.js';

const ANSWERS: Record<string, string> = {
  'applicant.kind': 'organisatie',
  'help.idea': 'Buurtfeest',
  'initiative.inMunicipality': 'ja',
  'initiative.startDate': '1-6-2027',
  'help.fit': 'verbinding en dichtbij',
  'initiative.type': 'eenmalig',
  'money.requested': '700',
  'help.conditions': 'geen',
  'money.totalCosts': '1000',
};

function sessionAt(slot: string) {
  const { session, messages } = IntakeSession.start(createIntakeMachine(), { today: '2026-11-23' });
  let last = messages.at(-1)!;
  for (let turn = 0; last.ask !== slot; turn++) {
    if (turn > 40) throw new Error(`never asked ${slot}; stuck at ${last.ask}`);
    last = session.handle({ text: ANSWERS[last.ask!] ?? 'nee' }).at(-1)!;
  }
  return { session, last };
}

describe('what the person reads', () => {
  it('a refusal reached by an answer taken with a note still shows the verdict and its reasons', () => {
    const { session } = sessionAt('initiative.inMunicipality');
    // "nee 0": a no with something after it that is not a reason; the bot says what it noted.
    const reply = session.handle({ text: 'nee 0' });
    expect(reply[0]!.text).toMatch(/Ik noteer: Nee/);
    const verdict = reply.find((m) => m.assessment !== undefined);
    expect(verdict?.assessment?.verdict).toBe('not-eligible');
    expect(verdict?.text).toMatch(/Hardinxveld-Giessendam/);
    expect(reply.at(-1)!.ask).toBe('next');
  });

  it('a count question explains a wrong count as a count, not as an amount', () => {
    const { session } = sessionAt('initiative.expectedParticipants');
    const reply = session.handle({ text: 'veel' });
    expect(reply[0]!.text).toBe('Dat is geen aantal dat ik begrijp. Typ een getal, bijvoorbeeld 40.');
    const amount = sessionAt('money.requested').session.handle({ text: 'veel' });
    expect(amount[0]!.text).toBe('Dat is geen bedrag dat ik begrijp.');
  });

  it('the typing hint stands apart from the numbered options (a blank line before it)', () => {
    const { last } = sessionAt('help.fit');
    expect(last.text).toMatch(/9\. De kracht van inwoners[^\n]+\n\nTyp de nummers/);
  });

  it('the fit list has the kaders under their own heading, apart from the themes (a blank line before it)', () => {
    const { last } = sessionAt('help.fit');
    expect(last.text).toMatch(/4\. Vitaliteit: [^\n]+\n\nUitgangspunten van de MAG \(de MAG-kaders\):\n5\. /);
  });
});
