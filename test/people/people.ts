/**
 * The seven people the conversation was tried with (issues "Ask only what the rules need" and "Understand
 * people as they write"): what each of them types at each question, as people type it (in a sentence, with
 * a typo, "ongeveer", "juni 2027", "nog nooit"), keyed by the question asked (`channelData.ask`), so the walk follows the
 * dialog whatever its order. `npm run bench:questions` and test/people/question-counts.test.ts count the
 * questions each of them is asked before the verdict.
 */
import type { SlotId } from '../../dialogs/answers.js';
import type { Audience } from '../../dialogs/intake-machine.js';
import { createIntakeMachine } from '../../dialogs/intake-machine.js';
import { IntakeSession } from '../../dialogs/session.js';
import type { Assessment, CalendarDate, Lang, Verdict } from '../../rules/index.js';

export const TODAY: CalendarDate = '2026-11-23';

export interface Person {
  name: string;
  lang: Lang;
  audience: Audience;
  /** What they type at each question. */
  says: Partial<Record<SlotId, string>>;
  verdict: Verdict;
  /** The most questions the issue allows before the verdict, where it names a figure. */
  target?: number;
}

export const PEOPLE: readonly Person[] = [
  {
    name: "a resident's street party in her own street, € 350",
    lang: 'nl',
    audience: 'resident',
    verdict: 'refer',
    target: 10,
    says: {
      'applicant.kind': 'ik zelf, ik woon hier',
      'help.idea': 'Straatfeest in de Kerkstraat',
      'help.location': 'ja, in mijn eigen straat',
      'initiative.startDate': 'zaterdag 12 juni',
      'help.fit': 'buren leren elkaar kennen, dus verbinding',
      'initiative.kaders': 'dichtbij de inwoner',
      'initiative.type': 'eenmalig',
      'money.requested': 'ongeveer 350 euro',
      'help.conditions': 'nee, voor iedereen in de straat',
      'help.history': 'nog nooit',
    },
  },
  {
    name: "a sports club's one-off activity, € 2.500",
    lang: 'nl',
    audience: 'resident',
    verdict: 'eligible',
    target: 13,
    says: {
      'applicant.kind': 'wij zijn een voetbalvereniging',
      'help.idea': 'Een sportdag voor de hele wijk',
      'initiative.inMunicipality': 'ja, op ons sportpark in Giessendam',
      'initiative.startDate': 'juni 2027',
      'help.fit': '4 en 6',
      'initiative.type': 'eenmalig',
      'money.requested': '2500 euro',
      'help.conditions': 'de leden betalen ook mee',
      'money.totalCosts': 'ongeveer 3200',
      'money.thirdPartyContributions': 'de leden betalen zelf 700',
      'initiative.expectedParticipants': '150 à 200',
      'help.history': 'nee',
    },
  },
  {
    name: "a stichting's reading project with children, € 4.000, starting in seven weeks",
    lang: 'nl',
    audience: 'resident',
    verdict: 'eligible',
    target: 14,
    says: {
      'applicant.kind': 'stichtng',
      'help.idea': 'Voorlezen aan kinderen in de bibliotheek',
      'initiative.inMunicipality': 'ja, in de bibliotheek in Hardinxveld',
      'initiative.startDate': 'over 7 weken',
      'help.fit': 'omzien naar elkaar, voorkomen is beter dan genezen',
      'initiative.type': 'eenmalig',
      'money.requested': '4000',
      'help.conditions': 'vrijwilligers lezen voor aan de kinderen',
      'money.totalCosts': '4500',
      'initiative.expectedParticipants': '40',
      'help.history': 'geen',
    },
  },
  {
    name: 'a festival committee, € 8.000 with an event permit',
    lang: 'nl',
    audience: 'resident',
    verdict: 'eligible',
    says: {
      'applicant.kind': 'het festivalcomité',
      'help.idea': 'Zomerfestival op het Raadhuisplein',
      'initiative.inMunicipality': 'ja, op het Raadhuisplein',
      'initiative.startDate': 'zaterdag 26 juni 2027',
      'help.fit': 'levendigheid en de kracht van inwoners',
      'initiative.type': 'evenement',
      'initiative.needsEventPermit': 'ja',
      'money.requested': '8000',
      'help.conditions': 'anderen betalen mee',
      'money.totalCosts': '25000',
      'money.thirdPartyContributions': '17000',
      'initiative.expectedParticipants': '2000',
      'help.history': 'geen',
      'initiative.endDate': '27 juni 2027',
    },
  },
  {
    name: "a church's food bank, open to everyone",
    lang: 'nl',
    audience: 'resident',
    verdict: 'eligible',
    says: {
      'applicant.kind': 'wij zijn een kerk',
      'help.idea': 'Voedselbank in het kerkgebouw',
      'initiative.inMunicipality': 'ja, in ons kerkgebouw',
      'initiative.startDate': '2 maart 2027, de eerste dinsdag',
      'help.fit': 'omzien naar elkaar en dichtbij',
      'initiative.type': 'eenmalig',
      'money.requested': '3000',
      'help.conditions': 'religieus, en er is eten en drinken',
      'initiative.diaconalOpenToAll': 'ja',
      'money.targetsLowIncome': 'ja',
      'money.totalCosts': '5000',
      'initiative.expectedParticipants': '60',
      'help.history': 'geen',
    },
  },
  {
    name: 'an English-speaking resident on a phone, a neighbours’ picnic, € 700',
    lang: 'en',
    audience: 'resident',
    verdict: 'eligible',
    says: {
      'applicant.kind': "me, I'm a resident",
      'help.idea': 'A picnic for the neighbours in the park',
      'help.location': 'yes, in my own street',
      'initiative.startDate': 'Saturday 5 June',
      'help.fit': 'connection and close to the resident',
      'initiative.type': 'one-off',
      'money.requested': 'about 700 euros',
      'help.conditions': 'no, none of these',
      'money.totalCosts': '900',
      'initiative.expectedParticipants': 'around 30',
      'help.history': 'never',
    },
  },
  {
    name: "a buurtwerker's intake in the terminal, a resident's € 450 for the neighbourhood",
    lang: 'nl',
    audience: 'intake',
    verdict: 'refer',
    says: {
      'applicant.kind': 'de bewoner zelf',
      'help.idea': 'Burendag met koffie en taart',
      'help.location': 'in haar eigen buurt',
      'initiative.startDate': '25 september 2027',
      'help.fit': '2 en 8',
      'initiative.type': 'eenmalig',
      'money.requested': '450',
      'help.conditions': 'geen',
      'help.history': 'geen',
    },
  },
];

export interface Walk {
  /** The questions asked before the verdict, in order. */
  asked: SlotId[];
  assessment?: Assessment;
  /** Answers the bot could not use (asked again). */
  repeats: number;
}

/** Plays a person's conversation to its first verdict. */
export function walk(person: Person): Walk {
  const started = IntakeSession.start(createIntakeMachine(), {
    today: TODAY,
    lang: person.lang,
    audience: person.audience,
  });
  const session = started.session;
  let last = started.messages.at(-1)!;
  const asked: SlotId[] = [];
  let repeats = 0;
  for (let turn = 0; turn < 40; turn++) {
    const ask = last.ask as SlotId;
    const say = person.says[ask];
    if (say === undefined) throw new Error(`${person.name}: no answer for ${ask}`);
    if (asked.at(-1) === ask) repeats++;
    else asked.push(ask);
    const out = session.handle({ text: say });
    const assessment = out.find((m) => m.assessment)?.assessment;
    if (assessment) return { asked, assessment, repeats };
    last = out.at(-1)!;
  }
  return { asked, repeats };
}
