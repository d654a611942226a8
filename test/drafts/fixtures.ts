import { createIntakeMachine } from '../../dialogs/intake-machine.js';
import type { OutgoingMessage } from '../../dialogs/outgoing.js';
import { IntakeSession } from '../../dialogs/session.js';
import type { DraftApplication, NewDraft } from '../../drafts/draft.js';
import { draftFromSession } from '../../drafts/from-session.js';
import type { AssessInput, Lang } from '../../rules/index.js';
import { assess } from '../../rules/index.js';
import { ELIGIBLE_ORGANISATION } from '../helpers/intake-answers.js';

export const TODAY = '2026-11-23';

/** Example 3 of the rules: a stichting's one-off reading project for children, € 4.000, starting soon. */
export const READING_PROJECT: AssessInput = {
  applicant: { kind: 'organisation' },
  initiative: {
    inMunicipality: true,
    themes: ['verbinding', 'vitaliteit'],
    kaders: ['samen-bouwen', 'kracht-inwoners'],
    type: 'eenmalig',
    isActivity: true,
    startDate: '2027-01-10',
    endDate: '2027-06-30',
    alreadyStarted: false,
    multipleInitiatives: false,
    profitMotive: false,
    primarilyReligious: false,
    worksWithVulnerable: true,
    expectedParticipants: 40,
  },
  money: {
    requested: 4000,
    totalCosts: 6250.5,
    thirdPartyContributions: 1000,
    includesFoodAndDrink: true,
    targetsLowIncome: false,
    includesMaterialsOrRealEstate: false,
    otherMunicipalFunding: false,
  },
  history: {
    grantsThisYear: 0,
    amountGrantedThisYear: 0,
    nonCoreApplicationsThisYear: 0,
    coreApplicationThisYear: false,
    sameApplicationRefusedBefore: false,
    similarGranted: false,
  },
};

/** Example 1: a resident's street party in her own street, € 350: the buurtwerker decides. */
export const STREET_PARTY: AssessInput = {
  applicant: { kind: 'resident' },
  initiative: {
    inMunicipality: true,
    ownNeighbourhood: true,
    themes: ['verbinding'],
    kaders: ['dichtbij'],
    type: 'eenmalig',
    startDate: '2027-06-13',
    endDate: '2027-06-13',
  },
  money: { requested: 350, totalCosts: 500 },
};

/** Example 4: a vereniging's core activity for 2027 asking € 25.000: too late. */
export const LATE_CORE_ACTIVITY: AssessInput = {
  applicant: { kind: 'organisation' },
  initiative: {
    inMunicipality: true,
    themes: ['levendigheid'],
    kaders: ['vraag-inwoner'],
    type: 'kernactiviteit',
    startDate: '2027-01-01',
    endDate: '2027-12-31',
  },
  money: { requested: 25000, totalCosts: 40000, thirdPartyContributions: 5000 },
};

export interface DraftParts {
  input?: AssessInput;
  lang?: Lang;
  form?: Partial<NewDraft['form']>;
  contact?: Partial<NewDraft['contact']>;
}

/** A new draft as a channel hands it over: the assessment exactly as `assess` gives it, in `lang`. */
export function newDraft({ input = READING_PROJECT, lang = 'nl', form, contact }: DraftParts = {}): NewDraft {
  return {
    channel: 'website',
    lang,
    rulesetId: 'mag-2024',
    assessedOn: TODAY,
    input,
    form: {
      title: 'Voorleesochtenden in de bibliotheek',
      description:
        'Elke zaterdag lezen vrijwilligers voor aan kinderen van 4 tot 8 jaar. Daarna knutselen we samen. Ouders ontmoeten elkaar bij een kop koffie.',
      targetGroup: 'Kinderen van 4 tot 8 jaar en hun ouders',
      location: 'Bibliotheek Hardinxveld, Peulenlaan',
      idea: 'Voorlezen voor kinderen, zodat ze plezier krijgen in lezen',
      ...form,
    },
    contact: {
      name: 'Anneke de Vries-Ëlberg',
      organisation: 'Stichting Leesplezier Giessendam',
      email: 'anneke@example.org',
      phone: '06 12345678',
      ...contact,
    },
    assessment: assess(input, { today: TODAY, lang }),
    transcript: [
      { from: 'assistant', text: 'Waar kan ik u mee helpen?', at: '2026-11-23T09:00:00.000Z' },
      { from: 'resident', text: 'Ik wil subsidie voor voorlezen.', at: '2026-11-23T09:00:05.000Z' },
    ],
  };
}

/** A stored draft (what `DraftStore.get` returns). */
export function storedDraft(parts: DraftParts = {}, reference = 'MAG-2026-000042'): DraftApplication {
  return {
    ...newDraft(parts),
    id: '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
    reference,
    status: 'nieuw',
    statusHistory: [{ status: 'nieuw', by: 'assistent', at: '2026-11-23T09:05:00.000Z' }],
    createdAt: '2026-11-23T09:05:00.000Z',
    updatedAt: '2026-11-23T09:05:00.000Z',
  };
}

/**
 * What a person says to each question of the dialog (Dutch), until the draft is sent. The idea asked at
 * the start is the draft's description: there is no question for it in the draft.
 */
const DIALOG_ANSWERS: Record<string, { text: string } | { value: string }> = {
  ...Object.fromEntries(Object.entries(ELIGIBLE_ORGANISATION).map(([slot, a]) => [slot, { text: a.text }])),
  next: { value: 'draft' },
  'draft.title': { text: 'Buurtfeest “Samen” in de Peulenstraat' },
  'draft.targetGroup': { text: 'Alle bewoners van de Peulenstraat' },
  'draft.location': { text: 'Peulenstraat, Hardinxveld-Giessendam' },
  'contact.name': { text: 'Jan Jansen' },
  'contact.organisation': { text: 'Buurtvereniging De Peulen' },
  'contact.email': { text: 'jan@example.org' },
  'contact.phone': { text: '06 12345678' },
  'contact.role': { text: 'penningmeester' },
  'contact.address': { text: 'Peulenstraat 1, 3371 AB Hardinxveld-Giessendam' },
  'contact.kvk': { text: '40831234' },
  'contact.iban': { text: 'NL91 ABNA 0417 1643 00' },
  'help.review': { value: 'confirm' },
  'draft.consent': { text: 'ja' },
};

/** A draft made the real way: the intake dialog answered question by question until consent. */
export function draftThroughDialog(): NewDraft {
  const machine = createIntakeMachine();
  const started = IntakeSession.start(machine, { today: TODAY, lang: 'nl' });
  const session = started.session;
  let messages: OutgoingMessage[] = started.messages;
  for (let turn = 0; session.status === 'active'; turn++) {
    const ask = messages.findLast((m) => m.ask !== undefined)?.ask;
    const answer = ask && DIALOG_ANSWERS[ask];
    if (!answer || turn > 100) throw new Error(`The dialog asked ${ask ?? 'nothing'}: no answer for it`);
    messages = session.handle(answer);
  }
  if (session.status !== 'submitted') throw new Error(`The dialog ended ${session.status}, not submitted`);
  return draftFromSession(session.context, 'website', [], {});
}
