/**
 * Answers the bot cannot use: each gets one short explanation and the same question again, and nothing
 * already answered is lost. A start date in the past is explained and offers "Ja, al begonnen", which
 * leads to `already-started`.
 */
import { describe, expect, it } from 'vitest';
import type { SlotId } from '../../../dialogs/answers.js';
import type { Lang } from '../../../rules/index.js';
import { Conversation, LANGS, type Say, WORDS } from './transcript.js';

const T = {
  nl: {
    kind: 'inwoner',
    idea: 'Buurtbarbecue in de speeltuin',
    themes: 'verbinding',
    kaders: 'dichtbij',
    type: 'eenmalig',
    unknownChoice: 'paard',
    notAnAmount: 'veel geld',
    impossibleDate: '30 februari 2027',
    pastDate: '1-11-2026',
    goodDate: '13 juni 2027',
    notADate: 'ergens volgend jaar',
    notYesNo: 'misschien',
    unknownTheme: 'paarden',
    started: 'Ja, al begonnen',
    errors: {
      unknownChoice: 'Dat antwoord ken ik niet. Kies een van de mogelijkheden.',
      empty: 'Ik heb geen antwoord gekregen.',
      tooLong: 'Uw antwoord is te lang. Maak het korter.',
      stale: 'Die vraag is al voorbij. Dit is de vraag van nu.',
      impossibleDate: 'Die datum bestaat niet.',
      pastDate: "Die datum is al voorbij. Is uw initiatief al begonnen? Kies dan 'Ja, al begonnen'.",
      notADate: 'Dat is geen datum die ik begrijp.',
      notAnAmount: 'Dat is geen bedrag dat ik begrijp.',
      zero: 'Het bedrag moet meer zijn dan € 0.',
      notYesNo: 'Antwoord met ja of nee.',
    },
    alreadyStarted: 'Uw initiatief is al begonnen.',
  },
  en: {
    kind: 'resident',
    idea: 'Neighbourhood barbecue in the playground',
    themes: 'connection',
    kaders: 'close to the resident',
    type: 'one-off',
    unknownChoice: 'horse',
    notAnAmount: 'lots of money',
    impossibleDate: '30 February 2027',
    pastDate: '1 November 2026',
    goodDate: '13 June 2027',
    notADate: 'sometime next year',
    notYesNo: 'maybe',
    unknownTheme: 'horses',
    started: 'Yes, already started',
    errors: {
      unknownChoice: "I don't know that answer. Choose one of the options.",
      empty: 'I did not get an answer.',
      tooLong: 'Your answer is too long. Please make it shorter.',
      stale: 'That question has passed. This is the current question.',
      impossibleDate: 'That date does not exist.',
      pastDate:
        "That date has passed. Has your initiative already started? Then choose 'Yes, already started'.",
      notADate: 'That is not a date I understand.',
      notAnAmount: 'That is not an amount I understand.',
      zero: 'The amount must be more than €0.',
      notYesNo: 'Please answer yes or no.',
    },
    alreadyStarted: 'Your initiative has already started.',
  },
} as const;

/** 10 kB of pasted text (a letter, say): far over every limit. */
const PASTE = 'Beste gemeente, wij willen graag een feest organiseren. '.repeat(200).slice(0, 10_240);

/**
 * Sends an unusable answer and checks: one short explanation, then the same question again; the answers
 * are exactly what they were.
 */
function rejected(c: Conversation, say: Say, explanation: string): void {
  const ask = c.reply.last?.ask;
  const before = structuredClone(c.answers);
  c.say(say, {
    ask: ask ?? null,
    says: explanation,
    noVerdict: true,
    check: (reply, conv) => {
      expect(reply.messages, 'an explanation and the question').toHaveLength(2);
      expect(reply.messages[0]!.text, 'the explanation comes first').toContain(explanation);
      expect(reply.messages[0]!.text.length, 'the explanation is short').toBeLessThan(200);
      expect(reply.messages[0]!.ask).toBeUndefined();
      expect(conv.answers, 'nothing answered is lost').toEqual(before);
    },
  });
}

function upToStartDate(c: Conversation, lang: Lang): void {
  const t = T[lang];
  const w = WORDS[lang];
  c.run([
    [t.kind, { ask: 'help.idea' }],
    [t.idea, { ask: 'initiative.inMunicipality' }],
    [w.yes, { ask: 'initiative.startDate' }],
  ]);
}

describe.each(LANGS)('bad input (%s)', (lang) => {
  const t = T[lang];
  const e = T[lang].errors;
  const w = WORDS[lang];

  it('unknown choice, empty message, a 10 kB paste, a card for an older question: explained, nothing lost', () => {
    const c = new Conversation({ lang, name: 'bad input, first questions' });
    rejected(c, t.unknownChoice, e.unknownChoice);
    rejected(c, '', e.empty);
    rejected(c, '   \n ', e.empty);
    rejected(c, PASTE, e.tooLong);
    rejected(c, { value: {} }, e.empty);
    c.say(t.kind, { ask: 'help.idea', answers: { 'applicant.kind': 'resident' } });
    rejected(c, PASTE, e.tooLong);
    // A card clicked again for the first question: the old answer stays, the current question is asked.
    rejected(c, { value: { 'applicant.kind': 'organisation' } }, e.stale);
    expect(c.answers['applicant.kind']).toBe('resident');
    c.say(t.idea, { ask: 'initiative.inMunicipality' });
    rejected(c, t.notYesNo, e.notYesNo);
    rejected(c, PASTE, e.tooLong);
    rejected(c, { value: { 'help.idea': 'Iets anders' } }, e.stale);
    c.say(w.yes, {
      ask: 'initiative.startDate',
      answers: { 'applicant.kind': 'resident', 'help.idea': t.idea, 'initiative.inMunicipality': true },
    });
  });

  it('impossible, unreadable and past dates; then a good date, a wrong amount, an unknown theme', () => {
    const c = new Conversation({ lang, name: 'bad input, dates and amounts' });
    upToStartDate(c, lang);
    rejected(c, t.impossibleDate, e.impossibleDate);
    rejected(c, t.notADate, e.notADate);
    rejected(c, t.pastDate, e.pastDate);
    c.expect({ offers: ['started'] });
    c.run([
      [t.goodDate, { ask: 'initiative.alreadyStarted', answers: { 'initiative.startDate': '2027-06-13' } }],
      [w.no, { ask: 'initiative.themes' }],
    ]);
    rejected(c, t.unknownTheme, e.unknownChoice);
    rejected(c, PASTE, e.tooLong);
    c.run([
      [t.themes, { ask: 'initiative.kaders' }],
      [t.kaders, { ask: 'initiative.type' }],
    ]);
    rejected(c, t.unknownChoice, e.unknownChoice);
    c.run([
      [t.type, { ask: 'initiative.isActivity' }],
      [w.yes, { ask: 'money.requested' }],
    ]);
    rejected(c, t.notAnAmount, e.notAnAmount);
    rejected(c, '0', e.zero);
    rejected(c, PASTE, e.tooLong);
    rejected(c, { value: { 'initiative.type': 'sport' } }, e.stale);
    c.say('€ 1.250,50', {
      ask: 'money.totalCosts',
      answers: {
        'applicant.kind': 'resident',
        'initiative.startDate': '2027-06-13',
        'initiative.alreadyStarted': false,
        'initiative.themes': ['verbinding'],
        'initiative.kaders': ['dichtbij'],
        'initiative.type': 'eenmalig',
        'initiative.isActivity': true,
        'money.requested': 1250_50,
      },
    });
  });

  it('a start date in the past, then "already started" → not eligible by already-started', () => {
    const c = new Conversation({ lang, name: 'bad input, already started' });
    upToStartDate(c, lang);
    rejected(c, t.pastDate, e.pastDate);
    c.expect({ ask: 'initiative.startDate', choices: ['started'], unanswered: ['initiative.startDate'] });
    c.say(t.started, {
      verdict: 'not-eligible',
      refusals: ['already-started'],
      checklist: [],
      says: t.alreadyStarted,
      ask: 'next',
      answers: { 'initiative.startDate': '2026-11-01' },
      unanswered: ['initiative.themes', 'initiative.alreadyStarted'],
    });
  });

  it('a plain yes after the past-date explanation confirms it; a no asks for the right date', () => {
    const yes = new Conversation({ lang, name: 'bad input, yes after a past date' });
    upToStartDate(yes, lang);
    rejected(yes, t.pastDate, e.pastDate);
    yes.say(lang === 'nl' ? 'ja' : 'yes', { verdict: 'not-eligible', refusals: ['already-started'] });

    const no = new Conversation({ lang, name: 'bad input, no after a past date' });
    upToStartDate(no, lang);
    rejected(no, t.pastDate, e.pastDate);
    no.say(lang === 'nl' ? 'nee' : 'no', {
      ask: 'initiative.startDate',
      unanswered: ['initiative.startDate'],
    });
    no.say('1-6-2027', {
      ask: 'initiative.alreadyStarted',
      answers: { 'initiative.startDate': '2027-06-01' },
    });
  });

  it('the "already started" choice by card value works the same', () => {
    const c = new Conversation({ lang, name: 'bad input, already started by card' });
    upToStartDate(c, lang);
    rejected(c, t.pastDate, e.pastDate);
    c.say(
      { value: { 'initiative.startDate': 'started' } },
      { verdict: 'not-eligible', refusals: ['already-started'] },
    );
  });

  it('bad answers at the verdict and in the draft are explained too', () => {
    const c = new Conversation({ lang, name: 'bad input at the verdict' });
    upToStartDate(c, lang);
    c.run([
      [t.pastDate, { ask: 'initiative.startDate' }],
      [t.started, { ask: 'next' }],
    ]);
    rejected(c, t.unknownChoice, e.unknownChoice);
    rejected(c, '', e.empty);
    // Cards for questions long past.
    const stale: Record<string, unknown> = { 'initiative.inMunicipality': 'no' };
    rejected(c, { value: stale }, e.stale);
    expect(c.answers['initiative.inMunicipality' as SlotId]).toBe(true);
  });
});
