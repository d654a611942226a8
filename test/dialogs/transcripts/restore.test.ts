/**
 * Channels keep a conversation between turns as `session.persisted()` (plain JSON). Persisting after every
 * turn and going on in a freshly restored session must change nothing: the same question, the same
 * answers, the same replies, and verdicts identical to a run without restores.
 */
import { describe, expect, it } from 'vitest';
import { createIntakeMachine } from '../../../dialogs/intake-machine.js';
import { IntakeSession } from '../../../dialogs/session.js';
import type { Lang } from '../../../rules/index.js';
import { Conversation, LANGS, type Say, TODAY } from './transcript.js';

/** Scripts per language: what the person types, nothing more (the comparison is the check). */
const SCRIPTS: Record<string, Record<Lang, Say[]>> = {
  'street party: back and keep, language switch, € 350 refer, restart, € 700 eligible': {
    nl: [
      'inwoner',
      'Straatfeest in de Kerkstraat',
      'In mijn eigen buurt, voor mijn buren',
      '13-6-2027',
      'verbinding en Dichtbij de inwoner',
      'eenmalig',
      '€ 350',
      'terug',
      'Houden',
      'english',
      'none',
      'nederlands',
      'Geen van deze',
      'opnieuw',
      'inwoner',
      'Straatfeest',
      '1',
      '2027-06-13',
      '2 en 8',
      'eenmalig',
      '700 euro',
      'geen',
      '1400',
      '40',
      'nee',
    ],
    en: [
      'resident',
      'Street party in Kerkstraat',
      'In my own neighbourhood, for my neighbours',
      '13 June 2027',
      'connection and Close to the resident',
      'one-off',
      '€ 350',
      'back',
      'keep',
      'nederlands',
      'geen',
      'english',
      'None of these',
      'restart',
      'resident',
      'Street party',
      '1',
      '2027-06-13',
      '2 and 8',
      'one-off',
      '700 euro',
      'none',
      '1400',
      '40',
      'no',
    ],
  },
  'sports club: help me choose, grouped question, draft, bad e-mail, review changes, consent': {
    nl: [
      'vereniging',
      'Sportinstuif voor kinderen',
      'ja',
      '1 maart 2027',
      '1 en 4',
      'Samen bouwen en elkaar vertrouwen, Dichtbij de inwoner',
      'Help mij kiezen',
      'Sport en bewegen',
      '€ 4.000',
      '6 en 9',
      '€ 5.000',
      '1000',
      '60',
      'geen',
      'Concept-aanvraag maken',
      'Sportinstuif 2027',
      'kinderen van 6 tot 12 jaar',
      'Sporthal De Wielewaal',
      'Jan de Vries',
      'SV Hardinxveld',
      'penningmeester',
      'jan@@voorbeeld',
      'jan@voorbeeld.nl',
      '06 12345678',
      'Sportlaan 3, 3371 AB Hardinxveld',
      '40831234',
      'NL91 ABNA 0417 1643 00',
      { value: { 'help.review': 'money.requested' } },
      '€ 3.500',
      'Dit geldt voor het initiatief',
      'terug',
      'Dit geldt voor het initiatief',
      'Houden',
      'Alles klopt',
      'ja',
    ],
    en: [
      'organisation',
      'Sports afternoon for children',
      'yes',
      '1 March 2027',
      '1 and 4',
      'Building together and trusting each other, Close to the resident',
      'Help me choose',
      'Sport and exercise',
      '€ 4,000',
      '6, 9',
      '€ 5,000',
      '1000',
      '60',
      'none',
      'Prepare a draft application',
      'Sports afternoon 2027',
      'children aged 6 to 12',
      'Sporthal De Wielewaal',
      'Jan de Vries',
      'SV Hardinxveld',
      'treasurer',
      'jan@@example',
      'jan@example.nl',
      '06 12345678',
      'Sportlaan 3, 3371 AB Hardinxveld',
      '40831234',
      'NL91 ABNA 0417 1643 00',
      'Amount asked',
      '€ 3,500',
      { value: { 'help.review': 'help.conditions' } },
      'back',
      'This applies to the initiative',
      'keep',
      'All correct',
      'yes',
    ],
  },
  'festival: early refusal, back, lower amount, then "Verder met € 10.000"': {
    nl: [
      'stichting',
      'Zomerfestival',
      'ja',
      '3 juli 2027',
      '1, 2 en 8',
      'evenement',
      'ja',
      '€ 12.000',
      'terug',
      '€ 12.000',
      'Verder met € 10.000',
      '8',
      '25000',
      '12000',
      '1500',
      'geen',
      'dezelfde dag',
      'terug',
      'Houden',
    ],
    en: [
      'foundation',
      'Summer festival',
      'yes',
      '3 July 2027',
      '1, 2 and 8',
      'event',
      'yes',
      '€ 12,000',
      'back',
      '€ 12,000',
      { value: { next: 'lower-amount' } },
      { value: { 'help.conditions': ['help.othersPay'] } },
      '25000',
      '12000',
      '1500',
      'none',
      'same day',
      'back',
      'keep',
    ],
  },
  'kernactiviteit: too late for 2027, "Verder voor 2028", applied before': {
    nl: [
      'vereniging',
      'Voorstellingen',
      'ja',
      '1-3-2027',
      'Levendigheid en 9',
      'Kernactiviteit',
      '€ 25.000',
      'Verder voor 2028',
      '1-3-2028',
      'Anderen betalen mee',
      '40000',
      '15000',
      '300',
      '1',
      '1',
      '€ 1.000',
      'nee',
      'dezelfde dag',
    ],
    en: [
      'association',
      'Shows',
      'yes',
      '2027-03-01',
      // Only a theme in the fit list: the kaders are asked on their own, numbered 1 to 5.
      'liveliness',
      '5',
      'core activity',
      '25000 euro',
      'Continue for 2028',
      '1 March 2028',
      '8',
      '40000',
      '15000',
      '300',
      '1',
      '1',
      '€ 1,000',
      'no',
      'same day',
    ],
  },
  'a past start date, restored, typed again, then the next round': {
    nl: [
      'inwoner',
      'Buurtbarbecue',
      '1',
      '1-11-2026',
      '1-11-2026',
      'help',
      'Verder met de volgende ronde',
      '1-11-2027',
      'verbinding en dichtbij',
      'eenmalig',
      '350',
      'geen',
      'geen',
      'klaar',
    ],
    en: [
      'resident',
      'Neighbourhood barbecue',
      '1',
      '1 November 2026',
      'Yes, already started',
      'help',
      'Continue with the next round',
      '1 November 2027',
      'connection and close to the resident',
      'one-off',
      '350',
      'none',
      'none',
      'done',
    ],
  },
};

/** The verdicts each script must reach (the same in both languages). */
const VERDICTS: Record<string, string[]> = {
  'street party: back and keep, language switch, € 350 refer, restart, € 700 eligible': ['refer', 'eligible'],
  'sports club: help me choose, grouped question, draft, bad e-mail, review changes, consent': ['eligible'],
  'festival: early refusal, back, lower amount, then "Verder met € 10.000"': [
    'not-eligible',
    'not-eligible',
    'eligible',
    'eligible',
  ],
  'kernactiviteit: too late for 2027, "Verder voor 2028", applied before': ['not-eligible', 'eligible'],
  'a past start date, restored, typed again, then the next round': ['not-eligible', 'refer'],
};

/** How each script ends. */
const STATUS: Record<string, string> = {
  'street party: back and keep, language switch, € 350 refer, restart, € 700 eligible': 'active',
  'sports club: help me choose, grouped question, draft, bad e-mail, review changes, consent': 'submitted',
  'festival: early refusal, back, lower amount, then "Verder met € 10.000"': 'active',
  'kernactiviteit: too late for 2027, "Verder voor 2028", applied before': 'active',
  'a past start date, restored, typed again, then the next round': 'finished',
};

describe.each(LANGS)('restore after every turn (%s)', (lang) => {
  for (const [name, scripts] of Object.entries(SCRIPTS)) {
    it(name, () => {
      const plain = new Conversation({ lang, name: `${name} (plain)` });
      const restored = new Conversation({
        lang,
        name: `${name} (restored every turn)`,
        restoreEachTurn: true,
      });
      for (const say of scripts[lang]) {
        plain.say(say);
        restored.say(say);
        // Same question, same answers, same words after every single turn.
        expect(restored.reply.messages, restored.format()).toEqual(plain.reply.messages);
        expect(restored.answers).toEqual(plain.answers);
        expect(restored.session.status).toBe(plain.session.status);
      }
      expect(restored.restores).toBe(scripts[lang].length);
      expect(
        plain.assessments.map((a) => a.verdict),
        plain.format(),
      ).toEqual(VERDICTS[name]);
      expect(plain.session.status, plain.format()).toBe(STATUS[name]);
      expect(restored.assessments).toEqual(plain.assessments);
    });
  }

  it('the persisted snapshot is plain JSON and a restored session shows the current question again', () => {
    const { session } = IntakeSession.start(createIntakeMachine(), {
      today: TODAY,
      lang,
      audience: 'resident',
    });
    session.handle({ text: lang === 'nl' ? 'organisatie' : 'organisation' });
    session.handle({ text: 'Koffieochtend' });
    const persisted = session.persisted();
    const json = JSON.parse(JSON.stringify(persisted)) as typeof persisted;
    expect(json).toEqual(persisted);
    const again = IntakeSession.restore(createIntakeMachine(), json);
    expect(again.context.answers).toEqual(session.context.answers);
    expect(again.context.lang).toBe(lang);
    expect(again.current().at(-1)?.ask).toBe('initiative.inMunicipality');
    expect(again.handle({ text: lang === 'nl' ? 'ja' : 'yes' }).at(-1)?.ask).toBe('initiative.startDate');
  });

  it('a grouped answer restores with every slot it settled', () => {
    const { session } = IntakeSession.start(createIntakeMachine(), {
      today: TODAY,
      lang,
      audience: 'resident',
    });
    for (const text of [lang === 'nl' ? 'inwoner' : 'resident', 'Koffieochtend', '1'])
      session.handle({ text });
    const again = IntakeSession.restore(
      createIntakeMachine(),
      JSON.parse(JSON.stringify(session.persisted())),
    );
    expect(again.context.answers).toMatchObject({
      'help.location': 'in-own-neighbourhood',
      'initiative.inMunicipality': true,
      'initiative.ownNeighbourhood': true,
    });
    expect(again.current().at(-1)?.ask).toBe('initiative.startDate');
    // `back` after the restore takes the whole grouped answer back.
    expect(again.handle({ text: lang === 'nl' ? 'terug' : 'back' }).at(-1)?.ask).toBe('help.location');
    expect(again.context.answers['initiative.ownNeighbourhood']).toBeUndefined();
    expect(again.context.answers['initiative.inMunicipality']).toBeUndefined();
  });

  it('a finished conversation restores as finished', () => {
    const c = new Conversation({ lang, restoreEachTurn: true, name: 'stop, restored' });
    c.run([
      [lang === 'nl' ? 'inwoner' : 'resident', { ask: 'help.idea' }],
      ['stop', { status: 'stopped', ask: null }],
      ['hallo', { status: 'stopped', ask: null }],
    ]);
  });
});
