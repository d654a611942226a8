import { describe, expect, it } from 'vitest';
import { createIntakeMachine } from '../../dialogs/intake-machine.js';
import { IntakeSession } from '../../dialogs/session.js';

const ANSWERS: Record<string, string> = {
  'applicant.kind': 'organisatie',
  'help.idea': 'Buurtfeest',
  'initiative.inMunicipality': 'ja',
  'initiative.startDate': '1-6-2027',
  'initiative.alreadyStarted': 'nee',
  'initiative.themes': 'verbinding',
  'initiative.kaders': 'dichtbij',
  'initiative.type': 'eenmalig',
  'initiative.isActivity': 'ja',
  'money.requested': '700',
  'money.totalCosts': '1000',
  'money.thirdPartyContributions': '0',
};

function sessionAt(slot: string) {
  const { session, messages } = IntakeSession.start(createIntakeMachine(), { today: '2026-11-23' });
  let last = messages.at(-1)!;
  while (last.ask !== slot) last = session.handle({ text: ANSWERS[last.ask!] ?? 'nee' }).at(-1)!;
  return { session, last };
}

describe('what the person reads', () => {
  it('a count question explains a wrong count as a count, not as an amount', () => {
    const { session } = sessionAt('initiative.expectedParticipants');
    const reply = session.handle({ text: 'veel' });
    expect(reply[0]!.text).toBe('Dat is geen aantal dat ik begrijp. Typ een getal, bijvoorbeeld 40.');
    const amount = sessionAt('money.requested').session.handle({ text: 'veel' });
    expect(amount[0]!.text).toBe('Dat is geen bedrag dat ik begrijp.');
  });

  it('the typing hint stands apart from the numbered options (a blank line before it)', () => {
    const { last } = sessionAt('initiative.themes');
    expect(last.text).toMatch(/4\. Vitaliteit: [^\n]+\n\nTyp de nummers/);
  });
});
