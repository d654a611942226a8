/**
 * Answers the bot cannot use: each gets one short explanation and the same question again, and nothing
 * already answered is lost. A start date in the past is explained and offers "Ja, al begonnen"; that, a
 * plain "ja" or the same date typed again leads to `already-started` (art. 3 sub a), with the way out of a
 * recurring initiative: "Verder met de volgende ronde" asks the next round's start date.
 */
import { describe, expect, it } from 'vitest';
import type { SlotId } from '../../../dialogs/answers.js';
import type { Lang } from '../../../rules/index.js';
import { Conversation, LANGS, noneApply, type Say, WORDS } from './transcript.js';

const T = {
  nl: {
    kind: 'inwoner',
    idea: 'Buurtbarbecue in de speeltuin',
    fit: 'verbinding en dichtbij',
    type: 'eenmalig',
    ownStreet: 'In mijn eigen buurt, voor mijn buren',
    food: '4',
    unknownChoice: 'paard',
    notAnAmount: 'veel geld',
    impossibleDate: '30 februari 2027',
    pastDate: '1-11-2026',
    goodDate: '13 juni 2027',
    notADate: 'ergens volgend jaar',
    notYesNo: 'misschien',
    unknownTheme: 'paarden',
    started: 'Ja, al begonnen',
    nextRound: 'Verder met de volgende ronde',
    nextRoundDate: '1-11-2027',
    errors: {
      unknownChoice: 'Dat antwoord ken ik niet. Kies een van de mogelijkheden.',
      empty: 'Ik heb geen antwoord gekregen.',
      tooLong: 'Uw antwoord is te lang. Maak het korter.',
      stale: 'Die vraag is al voorbij. Dit is de vraag van nu.',
      impossibleDate: 'Die datum bestaat niet.',
      pastDate: "Die datum is al voorbij. Is het initiatief al begonnen? Kies dan 'Ja, al begonnen'.",
      notADate: 'Dat is geen datum die ik begrijp.',
      notAnAmount: 'Dat is geen bedrag dat ik begrijp.',
      zero: 'Het bedrag moet meer zijn dan € 0.',
      notYesNo: 'Antwoord met ja of nee.',
    },
    alreadyStarted: 'Uw initiatief is al begonnen.',
    alreadyStartedSource: '(art. 3 sub a)',
    nextRoundNotice: 'We gaan verder met de volgende ronde.',
    nextRoundQuestion: 'Op welke datum begint de volgende ronde, waarvoor u subsidie vraagt?',
    dateHint: 'bijvoorbeeld 1-3-2027 of 1 maart 2027',
    todayQuestion: 'Het begint vandaag. Is het al begonnen?',
  },
  en: {
    kind: 'resident',
    idea: 'Neighbourhood barbecue in the playground',
    fit: 'connection and close to the resident',
    type: 'one-off',
    ownStreet: 'In my own neighbourhood, for my neighbours',
    food: '4',
    unknownChoice: 'horse',
    notAnAmount: 'lots of money',
    impossibleDate: '30 February 2027',
    pastDate: '1 November 2026',
    goodDate: '13 June 2027',
    notADate: 'sometime next year',
    notYesNo: 'maybe',
    unknownTheme: 'horses',
    started: 'Yes, already started',
    nextRound: 'Continue with the next round',
    nextRoundDate: '1 November 2027',
    errors: {
      unknownChoice: "I don't recognise that answer. Choose one of the options.",
      empty: 'I did not get an answer.',
      tooLong: 'Your answer is too long. Please make it shorter.',
      stale: 'That question is no longer open. Here is the current one.',
      impossibleDate: 'That date does not exist.',
      pastDate:
        "That date has passed. Has the initiative already started? Then choose 'Yes, already started'.",
      notADate: 'That is not a date I understand.',
      notAnAmount: 'That is not an amount I understand.',
      zero: 'The amount must be more than €0.',
      notYesNo: 'Please answer yes or no.',
    },
    alreadyStarted: 'Your initiative has already started.',
    alreadyStartedSource: '(Dutch regulation: art. 3 sub a)',
    nextRoundNotice: "We'll continue with the next round.",
    nextRoundQuestion: 'On what date does the next round start (the one you are applying for)?',
    dateHint: 'for example 1-3-2027 or 1 March 2027',
    todayQuestion: 'It starts today. Has it already started?',
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
      // Short; the second miss in a row adds the choices or an example spelled out.
      const again = c.session.context.misses?.count === 2;
      expect(reply.messages[0]!.text.length, 'the explanation is short').toBeLessThan(again ? 500 : 250);
      expect(reply.messages[0]!.ask).toBeUndefined();
      expect(conv.answers, 'nothing answered is lost').toEqual(before);
    },
  });
}

function upToStartDate(c: Conversation, lang: Lang): void {
  const t = T[lang];
  c.run([
    [t.kind, { ask: 'help.idea' }],
    [t.idea, { ask: 'help.location' }],
    [t.ownStreet, { ask: 'initiative.startDate' }],
  ]);
}

/** The refusal for a start date in the past: art. 3 sub a, with the next round as the way out. */
function alreadyStarted(t: (typeof T)[Lang]) {
  return {
    verdict: 'not-eligible',
    refusals: ['already-started'],
    checklist: [],
    says: [t.alreadyStarted, t.alreadyStartedSource],
    ask: 'next',
    choices: ['next-round', 'callback', 'restart', 'done'],
    answers: { 'initiative.startDate': '2026-11-01' },
    unanswered: ['help.fit', 'initiative.themes', 'initiative.alreadyStarted'],
  } as const;
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
    c.say(t.idea, { ask: 'help.location' });
    rejected(c, t.notYesNo, e.unknownChoice);
    rejected(c, PASTE, e.tooLong);
    rejected(c, { value: { 'help.idea': 'Iets anders' } }, e.stale);
    c.say(t.ownStreet, {
      ask: 'initiative.startDate',
      answers: {
        'applicant.kind': 'resident',
        'help.idea': t.idea,
        'initiative.inMunicipality': true,
        'initiative.ownNeighbourhood': true,
      },
    });
  });

  it('impossible, unreadable and past dates; then a good date, a wrong amount, an unknown box, a yes/no', () => {
    const c = new Conversation({ lang, name: 'bad input, dates and amounts' });
    upToStartDate(c, lang);
    rejected(c, t.impossibleDate, e.impossibleDate);
    rejected(c, t.notADate, e.notADate);
    rejected(c, t.pastDate, e.pastDate);
    c.expect({ offers: ['started'] });
    // A start in the future: "already started?" is not asked.
    c.say(t.goodDate, {
      ask: 'help.fit',
      answers: { 'initiative.startDate': '2027-06-13' },
      unanswered: ['initiative.alreadyStarted'],
    });
    rejected(c, t.unknownTheme, e.unknownChoice);
    rejected(c, PASTE, e.tooLong);
    c.say(t.fit, { ask: 'initiative.type' });
    rejected(c, t.unknownChoice, e.unknownChoice);
    c.say(t.type, { ask: 'money.requested' });
    rejected(c, t.notAnAmount, e.notAnAmount);
    rejected(c, '0', e.zero);
    rejected(c, PASTE, e.tooLong);
    rejected(c, { value: { 'initiative.type': 'sport' } }, e.stale);
    c.say('€ 1.250,50', {
      ask: 'help.conditions',
      answers: {
        'applicant.kind': 'resident',
        'initiative.startDate': '2027-06-13',
        'initiative.themes': ['verbinding'],
        'initiative.kaders': ['dichtbij'],
        'initiative.type': 'eenmalig',
        'money.requested': 1250_50,
      },
    });
    rejected(c, t.unknownTheme, e.unknownChoice);
    rejected(c, PASTE, e.tooLong);
    rejected(c, { value: { 'money.requested': '800' } }, e.stale);
    // Food and drink ticked: its follow-up is a yes/no question.
    c.say(t.food, {
      ask: 'money.targetsLowIncome',
      answers: {
        'money.includesFoodAndDrink': true,
        'initiative.isActivity': true,
        'help.othersPay': false,
        'money.thirdPartyContributions': 0,
      },
    });
    rejected(c, t.notYesNo, e.notYesNo);
    c.say(w.no, { ask: 'money.totalCosts', answers: { 'money.targetsLowIncome': false } });
  });

  it('a start date in the past, then "already started" → not eligible by already-started', () => {
    const c = new Conversation({ lang, name: 'bad input, already started' });
    upToStartDate(c, lang);
    rejected(c, t.pastDate, e.pastDate);
    c.expect({ ask: 'initiative.startDate', choices: ['started'], unanswered: ['initiative.startDate'] });
    c.say(t.started, alreadyStarted(t));
  });

  it('the same past date typed twice → already-started (art. 3 sub a); the next round goes on normally', () => {
    const c = new Conversation({ lang, name: 'bad input, past date twice, next round' });
    upToStartDate(c, lang);
    rejected(c, t.pastDate, e.pastDate);
    c.say(t.pastDate, {
      ...alreadyStarted(t),
      check: (reply) => {
        const title = reply.last?.choices?.find((ch) => ch.value === 'next-round')?.title;
        expect(title).toBe(t.nextRound);
      },
    });
    const before = structuredClone(c.answers);
    c.say(t.nextRound, {
      ask: 'initiative.startDate',
      says: [t.nextRoundNotice, t.nextRoundQuestion, t.dateHint],
      noVerdict: true,
      unanswered: ['initiative.startDate'],
      check: (_, conv) => {
        const { 'initiative.startDate': _date, ...rest } = before;
        expect(conv.answers, 'the other answers stay').toEqual(rest);
      },
    });
    c.say(t.nextRoundDate, {
      ask: 'help.fit',
      answers: { 'initiative.startDate': '2027-11-01' },
      unanswered: ['initiative.alreadyStarted'],
    });
    c.run([
      [t.fit, { ask: 'initiative.type' }],
      [t.type, { ask: 'money.requested' }],
      ['350', { ask: 'help.conditions' }],
    ]);
    c.fill(noneApply(lang));
    // A neighbourhood barbecue of € 350 in her own street: the buurtwerker's.
    c.expect({ verdict: 'refer', tier: 'buurt-500', refusals: [] });
    expect(c.assessments.map((a) => a.verdict)).toEqual(['not-eligible', 'refer']);
  });

  it('a plain yes after the past-date explanation confirms it; a no asks for the right date', () => {
    const yes = new Conversation({ lang, name: 'bad input, yes after a past date' });
    upToStartDate(yes, lang);
    rejected(yes, t.pastDate, e.pastDate);
    yes.say(w.yes, alreadyStarted(t));

    const no = new Conversation({ lang, name: 'bad input, no after a past date' });
    upToStartDate(no, lang);
    rejected(no, t.pastDate, e.pastDate);
    no.say(w.no, {
      ask: 'initiative.startDate',
      unanswered: ['initiative.startDate'],
    });
    no.say('1-6-2027', {
      ask: 'help.fit',
      answers: { 'initiative.startDate': '2027-06-01' },
    });
  });

  it('the "already started" choice by card value works the same', () => {
    const c = new Conversation({ lang, name: 'bad input, already started by card' });
    upToStartDate(c, lang);
    rejected(c, t.pastDate, e.pastDate);
    c.say({ value: { 'initiative.startDate': 'started' } }, alreadyStarted(t));
    c.say({ value: { next: 'next-round' } }, { ask: 'initiative.startDate', says: t.nextRoundQuestion });
  });

  it('a start date of today asks whether it has begun', () => {
    const begun = new Conversation({ lang, name: 'bad input, starts today, begun' });
    upToStartDate(begun, lang);
    begun.say('23-11-2026', { ask: 'initiative.alreadyStarted', says: t.todayQuestion });
    rejected(begun, t.notYesNo, e.notYesNo);
    begun.say(w.yes, { verdict: 'not-eligible', refusals: ['already-started'], offers: ['next-round'] });

    const notYet = new Conversation({ lang, name: 'bad input, starts today, not begun' });
    upToStartDate(notYet, lang);
    notYet.say('23-11-2026', { ask: 'initiative.alreadyStarted' });
    notYet.say(w.no, {
      ask: 'help.fit',
      answers: { 'initiative.alreadyStarted': false },
      noVerdict: true,
    });
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
    const stale: Record<string, unknown> = { 'help.location': 'outside' };
    rejected(c, { value: stale }, e.stale);
    rejected(c, { value: { 'initiative.inMunicipality': 'no' } }, e.stale);
    expect(c.answers['initiative.inMunicipality' as SlotId]).toBe(true);
    expect(c.answers['help.location']).toBe('in-own-neighbourhood');
  });
});
