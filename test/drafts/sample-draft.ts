import type { NewDraft } from '../../drafts/draft.js';
import type { AssessInput } from '../../rules/index.js';
import { assess } from '../../rules/index.js';

const INPUT: AssessInput = {
  applicant: { kind: 'organisation' },
  initiative: {
    inMunicipality: true,
    themes: ['verbinding'],
    kaders: ['dichtbij'],
    type: 'eenmalig',
    startDate: '2027-06-01',
    expectedParticipants: 40,
  },
  money: { requested: 700, totalCosts: 1000 },
};

/** A plausible draft for store tests; `name` tells drafts apart. */
export function sampleDraft(name: string): NewDraft {
  return {
    channel: 'website',
    lang: 'nl',
    rulesetId: 'mag-2024',
    assessedOn: '2026-11-23',
    input: INPUT,
    form: {
      title: `Buurtfeest ${name}`,
      description: 'Een feest voor de straat',
      targetGroup: 'buren',
      location: 'Kerkstraat',
    },
    contact: { name: `Aanvrager ${name}`, email: 'aanvrager@example.nl' },
    assessment: assess(INPUT, { today: '2026-11-23' }),
    transcript: [{ from: 'resident', text: 'organisatie', at: '2026-11-23T10:00:00.000Z' }],
  };
}
