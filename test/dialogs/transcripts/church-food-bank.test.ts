/**
 * Worked example 6: a church (organisation). A food bank open to all residents is primarily religious but
 * diaconal and open to all → no `religious` finding; its food is for residents with little money → no
 * `food-and-drink` finding. A series of Sunday services (religious, not diaconal) → `not-eligible` by
 * `religious`, as soon as that is certain. "Religious" and "food and drink" are boxes of the grouped
 * question; only a ticked box brings its follow-up question.
 */
import { describe, it } from 'vitest';
import type { Lang } from '../../../rules/index.js';
import { Conversation, LANGS, noneApply, type Say, type Turn, WORDS } from './transcript.js';

const T = {
  nl: {
    kind: 'kerk',
    foodBank: 'Voedselbank van de kerk, open voor iedereen',
    services: 'Een reeks zondagse kerkdiensten',
    date: '1 april 2027',
    // The fit list: a theme (3), then the first and the last kader (5 and 9).
    fit: 'Omzien naar elkaar, 5 en 9',
    servicesFit: 'verbinding en 5',
    type: 'Eenmalig initiatief',
    amount: '€ 2.500',
    servicesAmount: '800',
    religiousAndFood: '3 en 4',
    religious: 'Het is vooral religieus, zoals een kerkdienst of bijbelstudie.',
    notKnown: 'weet ik nog niet',
    diaconalQuestion: 'Is het een diaconaal project',
    lowIncomeQuestion: 'speciaal voor inwoners met weinig geld',
    eligible: 'U komt waarschijnlijk in aanmerking voor MAG-subsidie.',
    notEligible: 'U komt niet in aanmerking voor MAG-subsidie.',
    religiousFinding: 'Uw initiatief heeft vooral een religieus karakter of doel.',
    foodWarning: 'De gemeente betaalt niet voor eten en drinken.',
  },
  en: {
    kind: 'church',
    foodBank: 'Church food bank, open to everyone',
    services: 'A series of Sunday church services',
    date: '1 April 2027',
    fit: 'Caring for each other, 5 and 9',
    servicesFit: 'connection, 5',
    type: 'One-off initiative',
    amount: '€ 2,500',
    servicesAmount: '800',
    religiousAndFood: '3, 4',
    religious: 'It is mainly religious, such as a church service or Bible study.',
    notKnown: 'not sure',
    diaconalQuestion: 'Is it a church project for the community',
    lowIncomeQuestion: 'specifically for residents on a low income',
    eligible: 'You can probably get a MAG subsidy.',
    notEligible: 'You cannot get a MAG subsidy.',
    religiousFinding: 'Your initiative is mainly religious in character or aim.',
    foodWarning: 'The municipality does not pay for food and drink.',
  },
} as const;

/** From the first question to the grouped question (asked, not yet answered). */
function upToConditions(lang: Lang, idea: string, fit: string, amount: string): Turn[] {
  const t = T[lang];
  const w = WORDS[lang];
  return [
    [t.kind, { ask: 'help.idea', answers: { 'applicant.kind': 'organisation' } }],
    [idea, { ask: 'initiative.inMunicipality' }],
    [w.yes, { ask: 'initiative.startDate' }],
    [t.date, { ask: 'help.fit', answers: { 'initiative.startDate': '2027-04-01' } }],
    // A theme and kaders in one answer: neither is asked on its own.
    [fit, { ask: 'initiative.type' }],
    [t.type, { ask: 'money.requested', answers: { 'initiative.type': 'eenmalig' } }],
    [
      amount,
      {
        ask: 'help.conditions',
        offers: ['initiative.primarilyReligious', 'money.includesFoodAndDrink', 'help.othersPay', 'none'],
        noVerdict: true,
      },
    ],
  ];
}

/** The food bank: religious and food and drink ticked, both follow-ups asked; then the budget and history. */
function foodBank(c: Conversation, lang: Lang, forLowIncome: Say): void {
  const t = T[lang];
  const w = WORDS[lang];
  c.run(upToConditions(lang, t.foodBank, t.fit, t.amount));
  c.expect({
    answers: {
      'initiative.themes': ['omzien-naar-elkaar'],
      'initiative.kaders': ['vraag-inwoner', 'kracht-inwoners'],
    },
  });
  c.run([
    [
      t.religiousAndFood,
      {
        ask: 'initiative.diaconalOpenToAll',
        says: t.diaconalQuestion,
        noVerdict: true,
        answers: {
          'initiative.primarilyReligious': true,
          'money.includesFoodAndDrink': true,
          'initiative.profitMotive': false,
          'initiative.isActivity': true,
          // "Others pay" unticked: nobody else pays.
          'help.othersPay': false,
          'money.thirdPartyContributions': 0,
        },
      },
    ],
    [
      w.yes,
      {
        ask: 'money.targetsLowIncome',
        says: t.lowIncomeQuestion,
        answers: { 'initiative.diaconalOpenToAll': true },
      },
    ],
    [forLowIncome, { ask: 'money.totalCosts' }],
  ]);
  c.fill(
    noneApply(lang, {
      'help.conditions': undefined,
      'money.totalCosts': t.notKnown,
      'initiative.expectedParticipants': '200',
    }),
  );
}

describe.each(LANGS)('church (%s)', (lang) => {
  const t = T[lang];
  const w = WORDS[lang];

  it('a food bank open to all: religious but diaconal, food for residents with little money → eligible', () => {
    const c = new Conversation({ lang, name: 'church food bank' });
    foodBank(c, lang, w.yes);
    c.expect({
      verdict: 'eligible',
      type: 'eenmalig',
      tier: 'tot-10000',
      refusals: [],
      notRules: ['religious', 'food-and-drink'],
      // An organisation above € 1.000 sends its papers too.
      checklist: [
        'aanvraagformulier',
        'activiteitenplan',
        'publiciteitsplan',
        'begroting',
        'kvk-uittreksel',
        'statuten',
        'bestuurssamenstelling',
      ],
      says: t.eligible,
      saysNot: [t.religiousFinding, t.foodWarning],
      answers: {
        'money.targetsLowIncome': true,
        'money.totalCosts': null,
        'money.thirdPartyContributions': 0,
      },
    });
  });

  it('food and drink for everyone (not especially for people with little money) is a warning, not a refusal', () => {
    const c = new Conversation({ lang, name: 'church food bank, food for all' });
    foodBank(c, lang, w.no);
    c.expect({
      verdict: 'eligible',
      rules: ['food-and-drink'],
      notRules: ['religious'],
      refusals: [],
      says: t.foodWarning,
      answers: { 'money.targetsLowIncome': false },
    });
  });

  it('nothing ticked: no follow-up about diaconal projects or people with little money', () => {
    const c = new Conversation({ lang, name: 'church, nothing ticked' });
    c.run(upToConditions(lang, t.foodBank, t.fit, t.amount));
    c.say(w.none, {
      ask: 'money.totalCosts',
      answers: { 'initiative.primarilyReligious': false, 'money.includesFoodAndDrink': false },
      unanswered: ['initiative.diaconalOpenToAll', 'money.targetsLowIncome'],
    });
  });

  it('a series of Sunday services: religious, not diaconal → not eligible by `religious`, at once', () => {
    const c = new Conversation({ lang, name: 'church services' });
    c.run(upToConditions(lang, t.services, t.servicesFit, t.servicesAmount));
    c.run([
      [
        t.religious,
        {
          ask: 'initiative.diaconalOpenToAll',
          noVerdict: true,
          answers: { 'initiative.primarilyReligious': true, 'money.includesFoodAndDrink': false },
          unanswered: ['money.targetsLowIncome'],
        },
      ],
      [
        w.no,
        {
          verdict: 'not-eligible',
          refusals: ['religious'],
          checklist: [],
          says: [t.notEligible, t.religiousFinding],
          ask: 'next',
          // Nothing simple helps here.
          choices: ['callback', 'restart', 'done'],
          unanswered: ['money.totalCosts', 'help.history', 'history.grantsThisYear'],
        },
      ],
    ]);
  });

  it('the same by card: the religious box as its slot path', () => {
    const c = new Conversation({ lang, name: 'church services, cards' });
    c.run(upToConditions(lang, t.services, t.servicesFit, t.servicesAmount));
    c.run([
      [
        { value: { 'help.conditions': ['initiative.primarilyReligious'] } },
        { ask: 'initiative.diaconalOpenToAll', answers: { 'initiative.primarilyReligious': true } },
      ],
      [
        { value: { 'initiative.diaconalOpenToAll': 'no' } },
        { verdict: 'not-eligible', refusals: ['religious'] },
      ],
    ]);
  });
});
