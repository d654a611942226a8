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

const NO_TAIL = (no: string) => [no, no, no, no, no, no, no, '0', '0', no, no];

/** Scripts per language: what the person types, nothing more (the comparison is the check). */
const SCRIPTS: Record<string, Record<Lang, Say[]>> = {
  'street party: back and keep, language switch, € 350 refer, restart, € 700 eligible': {
    nl: [
      'inwoner',
      'Straatfeest in de Kerkstraat',
      'ja',
      '13-6-2027',
      'nee',
      'verbinding',
      'Dichtbij de inwoner',
      'eenmalig',
      'ja',
      '€ 350',
      'terug',
      'Houden',
      'english',
      'yes',
      "don't know",
      '40',
      'nederlands',
      ...NO_TAIL('nee hoor'),
      'opnieuw',
      'inwoner',
      'Straatfeest',
      'ja',
      '2027-06-13',
      'nee',
      '2',
      '4',
      'eenmalig',
      'ja',
      '700 euro',
      '1400',
      '0',
      '40',
      ...NO_TAIL('nee'),
    ],
    en: [
      'resident',
      'Street party in Kerkstraat',
      'yes',
      '13 June 2027',
      'no',
      'connection',
      'Close to the resident',
      'one-off',
      'yes',
      '€ 350',
      'back',
      'keep',
      'nederlands',
      'ja',
      'weet ik nog niet',
      '40',
      'english',
      ...NO_TAIL('no'),
      'restart',
      'resident',
      'Street party',
      'yes',
      '2027-06-13',
      'no',
      '2',
      '4',
      'one-off',
      'yes',
      '700 euro',
      '1400',
      '0',
      '40',
      ...NO_TAIL('no'),
    ],
  },
  'sports club: help me choose, draft, bad e-mail, review change, consent': {
    nl: [
      'vereniging',
      'Sportinstuif voor kinderen',
      'ja',
      '1 maart 2027',
      'nee',
      '1 en 4',
      'Samen bouwen en elkaar vertrouwen, Dichtbij de inwoner',
      'Help mij kiezen',
      'nee',
      'nee',
      'ja',
      'ja',
      '€ 4.000',
      '€ 5.000',
      '1000',
      '60',
      'nee',
      'nee',
      'nee',
      'nee',
      'ja',
      'nee',
      'nee',
      '0',
      '0',
      'nee',
      'nee',
      'Concept-aanvraag maken',
      'Sportinstuif 2027',
      'Een middag sport en spel voor kinderen uit de buurt.',
      'kinderen van 6 tot 12 jaar',
      'Sporthal De Wielewaal',
      'Jan de Vries',
      'SV Hardinxveld',
      'jan@@voorbeeld',
      'jan@voorbeeld.nl',
      '06 12345678',
      { value: { 'help.review': 'money.requested' } },
      '€ 3.500',
      'Alles klopt',
      'ja',
    ],
    en: [
      'organisation',
      'Sports afternoon for children',
      'yes',
      '1 March 2027',
      'no',
      '1 and 4',
      'Building together and trusting each other, Close to the resident',
      'Help me choose',
      'no',
      'no',
      'yes',
      'yes',
      '€ 4,000',
      '€ 5,000',
      '1000',
      '60',
      'no',
      'no',
      'no',
      'no',
      'yes',
      'no',
      'no',
      '0',
      '0',
      'no',
      'no',
      'Prepare a draft application',
      'Sports afternoon 2027',
      'An afternoon of sport and games for children from the neighbourhood.',
      'children aged 6 to 12',
      'Sporthal De Wielewaal',
      'Jan de Vries',
      'SV Hardinxveld',
      'jan@@example',
      'jan@example.nl',
      '06 12345678',
      'Amount asked',
      '€ 3,500',
      'All correct',
      'yes',
    ],
  },
  'festival: early refusal, back, lower amount': {
    nl: [
      'stichting',
      'Zomerfestival',
      'ja',
      '3 juli 2027',
      'nee',
      '1 en 2',
      '4',
      'evenement',
      'ja',
      'ja',
      '€ 12.000',
      'terug',
      '8000',
      'dezelfde dag',
      '20000',
      '12000',
      '1500',
      ...NO_TAIL('nee'),
    ],
    en: [
      'foundation',
      'Summer festival',
      'yes',
      '3 July 2027',
      'no',
      '1 and 2',
      '4',
      'event',
      'yes',
      'yes',
      '€ 12,000',
      'back',
      '8000',
      'same day',
      '20000',
      '12000',
      '1500',
      ...NO_TAIL('no'),
    ],
  },
  'a past start date, restored, then "already started"': {
    nl: ['inwoner', 'Buurtbarbecue', 'ja', '1-11-2026', 'Ja, al begonnen', 'help', 'klaar'],
    en: [
      'resident',
      'Neighbourhood barbecue',
      'yes',
      '1 November 2026',
      'Yes, already started',
      'help',
      'done',
    ],
  },
};

/** The verdicts each script must reach (the same in both languages). */
const VERDICTS: Record<string, string[]> = {
  'street party: back and keep, language switch, € 350 refer, restart, € 700 eligible': ['refer', 'eligible'],
  'sports club: help me choose, draft, bad e-mail, review change, consent': ['eligible'],
  'festival: early refusal, back, lower amount': ['not-eligible', 'eligible'],
  'a past start date, restored, then "already started"': ['not-eligible'],
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
      expect(plain.assessments.map((a) => a.verdict)).toEqual(VERDICTS[name]);
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

  it('a finished conversation restores as finished', () => {
    const c = new Conversation({ lang, restoreEachTurn: true, name: 'stop, restored' });
    c.run([
      [lang === 'nl' ? 'inwoner' : 'resident', { ask: 'help.idea' }],
      ['stop', { status: 'stopped', ask: null }],
      ['hallo', { status: 'stopped', ask: null }],
    ]);
  });
});
