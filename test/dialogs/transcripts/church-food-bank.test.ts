/**
 * Worked example 6: a church (organisation). A food bank open to all residents is primarily religious but
 * diaconal and open to all → no `religious` finding; its food is for residents with little money → no
 * `food-and-drink` finding. A series of Sunday services (religious, not diaconal) → `not-eligible` by
 * `religious`, as soon as that is certain.
 */
import { describe, it } from 'vitest';
import type { Lang } from '../../../rules/index.js';
import { Conversation, LANGS, plainTail, type Turn, WORDS } from './transcript.js';

const T = {
  nl: {
    kind: 'kerk',
    foodBank: 'Voedselbank van de kerk, open voor iedereen',
    services: 'Een reeks zondagse kerkdiensten',
    date: '1 april 2027',
    themes: 'Omzien naar elkaar',
    kaders: '1, 5',
    servicesThemes: 'verbinding',
    servicesKaders: '1',
    type: 'Eenmalig initiatief',
    amount: '€ 2.500',
    servicesAmount: '800',
    notKnown: 'weet ik nog niet',
    diaconalQuestion: 'Is het een diaconaal project',
    lowIncomeQuestion: 'speciaal voor inwoners met weinig geld',
    eligible: 'U komt waarschijnlijk in aanmerking voor MAG-subsidie.',
    notEligible: 'U komt niet in aanmerking voor MAG-subsidie.',
    religious: 'Uw initiatief heeft vooral een religieus karakter of doel.',
    foodWarning: 'De gemeente betaalt niet voor eten en drinken.',
  },
  en: {
    kind: 'church',
    foodBank: 'Church food bank, open to everyone',
    services: 'A series of Sunday church services',
    date: '1 April 2027',
    themes: 'Caring for each other',
    kaders: '1, 5',
    servicesThemes: 'connection',
    servicesKaders: '1',
    type: 'One-off initiative',
    amount: '€ 2,500',
    servicesAmount: '800',
    notKnown: 'not sure',
    diaconalQuestion: 'Is it a church project for the community',
    lowIncomeQuestion: 'especially for residents with little money',
    eligible: 'You can probably get a MAG subsidy.',
    notEligible: 'You cannot get a MAG subsidy.',
    religious: 'Your initiative is mainly religious in character or aim.',
    foodWarning: 'The municipality does not pay for food and drink.',
  },
} as const;

function upToProfit(lang: Lang, idea: string, themes: string, kaders: string, amount: string): Turn[] {
  const t = T[lang];
  const w = WORDS[lang];
  return [
    [t.kind, { ask: 'help.idea', answers: { 'applicant.kind': 'organisation' } }],
    [idea, { ask: 'initiative.inMunicipality' }],
    [w.yes, { ask: 'initiative.startDate' }],
    [t.date, { ask: 'initiative.alreadyStarted', answers: { 'initiative.startDate': '2027-04-01' } }],
    [w.no, { ask: 'initiative.themes' }],
    [themes, { ask: 'initiative.kaders' }],
    [kaders, { ask: 'initiative.type' }],
    [t.type, { ask: 'initiative.isActivity', answers: { 'initiative.type': 'eenmalig' } }],
    [w.yes, { ask: 'money.requested' }],
    [amount, { ask: 'money.totalCosts' }],
    [t.notKnown, { ask: 'initiative.expectedParticipants' }],
    ['200', { ask: 'initiative.profitMotive' }],
    [w.noThanks, { ask: 'initiative.primarilyReligious' }],
  ];
}

describe.each(LANGS)('church (%s)', (lang) => {
  const t = T[lang];
  const w = WORDS[lang];

  it('a food bank open to all: religious but diaconal, food for residents with little money → eligible', () => {
    const c = new Conversation({ lang, name: 'church food bank' });
    c.run(upToProfit(lang, t.foodBank, t.themes, t.kaders, t.amount));
    c.expect({
      answers: {
        'initiative.themes': ['omzien-naar-elkaar'],
        'initiative.kaders': ['vraag-inwoner', 'kracht-inwoners'],
      },
    });
    c.run([
      [w.yes, { ask: 'initiative.diaconalOpenToAll', says: t.diaconalQuestion, noVerdict: true }],
      [w.yes, { ask: 'money.includesFoodAndDrink', answers: { 'initiative.diaconalOpenToAll': true } }],
      [w.yes, { ask: 'money.targetsLowIncome', says: t.lowIncomeQuestion }],
      [w.yes, { ask: 'money.includesMaterialsOrRealEstate', answers: { 'money.targetsLowIncome': true } }],
    ]);
    c.fill(
      plainTail(lang, {
        'initiative.profitMotive': undefined,
        'initiative.primarilyReligious': undefined,
        'money.includesFoodAndDrink': undefined,
      }),
    );
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
      saysNot: [t.religious, t.foodWarning],
    });
  });

  it('food and drink for everyone (not especially for people with little money) is a warning, not a refusal', () => {
    const c = new Conversation({ lang, name: 'church food bank, food for all' });
    c.run(upToProfit(lang, t.foodBank, t.themes, t.kaders, t.amount));
    c.run([
      [w.yes, { ask: 'initiative.diaconalOpenToAll' }],
      [w.yes, { ask: 'money.includesFoodAndDrink' }],
      [w.yes, { ask: 'money.targetsLowIncome' }],
      [w.no, { ask: 'money.includesMaterialsOrRealEstate' }],
    ]);
    c.fill(
      plainTail(lang, {
        'initiative.profitMotive': undefined,
        'initiative.primarilyReligious': undefined,
        'money.includesFoodAndDrink': undefined,
      }),
    );
    c.expect({ verdict: 'eligible', rules: ['food-and-drink'], notRules: ['religious'], refusals: [] });
  });

  it('a series of Sunday services: religious, not diaconal → not eligible by `religious`, at once', () => {
    const c = new Conversation({ lang, name: 'church services' });
    c.run(upToProfit(lang, t.services, t.servicesThemes, t.servicesKaders, t.servicesAmount));
    c.run([
      [w.yes, { ask: 'initiative.diaconalOpenToAll', noVerdict: true }],
      [
        w.no,
        {
          verdict: 'not-eligible',
          refusals: ['religious'],
          checklist: [],
          says: [t.notEligible, t.religious],
          ask: 'next',
          choices: ['restart', 'done'],
          unanswered: ['money.includesFoodAndDrink', 'history.grantsThisYear'],
        },
      ],
    ]);
  });
});
