/**
 * Worked examples 1 and 2 of mag-rules.md: a resident's street party in her own street on 2027-06-13.
 * € 350 → the buurtwerker decides (`refer`); € 700 → `eligible`, tier tot-1000, submit by 2027-04-18.
 * Along the way: `terug`/`back` with "Houden"/"keep", a language switch, and `opnieuw`/`restart`.
 */
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../rules/index.js';
import { Conversation, LANGS, plainTail, type Turn, WORDS } from './transcript.js';

const T = {
  nl: {
    kind: 'inwoner',
    idea: 'Straatfeest in de Kerkstraat',
    date: '13-6-2027',
    themes: 'verbinding',
    kaders: 'Dichtbij de inwoner',
    type: 'eenmalig',
    notKnown: 'weet ik nog niet',
    otherLanguage: 'english',
    ownLanguage: 'nederlands',
    greeting: 'Ik help u met een aanvraag voor MAG-subsidie',
    backNotice: 'We gaan een vraag terug.',
    previous350: /Uw vorige antwoord was: € ?350\. Kies 'Houden'/,
    languageNotice: 'We continue in English.',
    ownLanguageNotice: 'We gaan verder in het Nederlands.',
    costsQuestionOther: 'How much does the initiative cost in total?',
    profitQuestion: 'Wilt u winst maken met het initiatief?',
    referVerdict: 'Voor dit buurtinitiatief gaat u naar de buurtwerker van het welzijnswerk.',
    referContact: 'Neem contact op met de buurtwerker',
    eligibleVerdict: 'U komt waarschijnlijk in aanmerking voor MAG-subsidie.',
    submitBy: 'Aanvraag uiterlijk binnen bij de gemeente: 18 april 2027',
    restarted: 'We beginnen opnieuw.',
    nothingBefore: 'Dit is de eerste vraag.',
  },
  en: {
    kind: 'resident',
    idea: 'Street party in Kerkstraat',
    date: '13 June 2027',
    themes: 'Connection',
    kaders: 'close to the resident',
    type: 'one-off',
    notKnown: "don't know",
    otherLanguage: 'nederlands',
    ownLanguage: 'english',
    greeting: 'I help you apply for a MAG subsidy',
    backNotice: 'We go back one question.',
    previous350: /Your previous answer was: € ?350\. Choose 'Keep'/,
    languageNotice: 'We gaan verder in het Nederlands.',
    ownLanguageNotice: 'We continue in English.',
    costsQuestionOther: 'Hoeveel kost het initiatief in totaal?',
    profitQuestion: 'Do you want to make a profit with the initiative?',
    referVerdict: 'For this neighbourhood initiative, go to the neighbourhood worker',
    referContact: 'Contact the neighbourhood worker',
    eligibleVerdict: 'You can probably get a MAG subsidy.',
    submitBy: 'Application must be in at the municipality by: 18 April 2027',
    restarted: 'We start again.',
    nothingBefore: 'This is the first question.',
  },
} as const;

/** From the first question up to the amount asked (the amount is not yet given). */
function upToAmount(lang: Lang): Turn[] {
  const t = T[lang];
  const w = WORDS[lang];
  return [
    [t.kind, { ask: 'help.idea', answers: { 'applicant.kind': 'resident' } }],
    [t.idea, { ask: 'initiative.inMunicipality' }],
    [w.yes, { ask: 'initiative.startDate' }],
    [t.date, { ask: 'initiative.alreadyStarted', answers: { 'initiative.startDate': '2027-06-13' } }],
    [w.noThanks, { ask: 'initiative.themes' }],
    [t.themes, { ask: 'initiative.kaders', answers: { 'initiative.themes': ['verbinding'] } }],
    [t.kaders, { ask: 'initiative.type', answers: { 'initiative.kaders': ['dichtbij'] } }],
    [t.type, { ask: 'initiative.isActivity', answers: { 'initiative.type': 'eenmalig' } }],
    [w.yes, { ask: 'money.requested' }],
  ];
}

describe.each(LANGS)('street party (%s)', (lang) => {
  const t = T[lang];
  const w = WORDS[lang];

  it('€ 350 in her own street: the buurtwerker decides, no form, no checklist', () => {
    const c = new Conversation({ lang, name: 'street party € 350' });
    c.expect({
      ask: 'applicant.kind',
      says: t.greeting,
      choices: ['resident', 'organisation', 'kvk-professional'],
    });
    c.run(upToAmount(lang));
    c.run([
      ['€ 350', { ask: 'initiative.ownNeighbourhood', answers: { 'money.requested': 350_00 } }],
      // Back: the amount is asked again, with the previous answer and a "keep" choice.
      [
        w.back,
        {
          ask: 'money.requested',
          says: [t.backNotice, t.previous350],
          offers: ['keep'],
          unanswered: ['money.requested'],
          noVerdict: true,
        },
      ],
      [w.keep, { ask: 'initiative.ownNeighbourhood', answers: { 'money.requested': 350_00 } }],
      [w.yes, { ask: 'money.totalCosts', answers: { 'initiative.ownNeighbourhood': true } }],
      [t.notKnown, { ask: 'initiative.expectedParticipants', answers: { 'money.totalCosts': null } }],
      ['40', { ask: 'initiative.profitMotive' }],
    ]);
    c.fill(plainTail(lang));
    c.expect({
      verdict: 'refer',
      tier: 'buurt-500',
      decidedBy: 'buurtwerker',
      checklist: [],
      deadlines: { 'submit-by': null },
      refusals: [],
      says: [t.referVerdict, t.referContact],
      ask: 'next',
      // No draft for the buurtwerker's route.
      choices: ['restart', 'done'],
    });
    expect(c.assessment?.verdict).toBe('refer');
  });

  it('€ 700: eligible, tier tot-1000, four attachments, submit by 18 April 2027; the language switch keeps every answer', () => {
    const c = new Conversation({ lang, name: 'street party € 700' });
    c.run(upToAmount(lang));
    c.run([
      // Above € 500 the own-neighbourhood question is not needed.
      ['€ 700', { ask: 'money.totalCosts', answers: { 'money.requested': 700_00 } }],
    ]);
    const before = structuredClone(c.answers);
    c.run([
      [
        t.otherLanguage,
        {
          ask: 'money.totalCosts',
          says: [t.languageNotice, t.costsQuestionOther],
          answers: before,
          check: (_, conv) => expect(conv.answers).toEqual(before),
        },
      ],
      ['1.400', { ask: 'money.thirdPartyContributions', answers: { 'money.totalCosts': 1400_00 } }],
      ['0', { ask: 'initiative.expectedParticipants' }],
      ['40', { ask: 'initiative.profitMotive' }],
      [t.ownLanguage, { ask: 'initiative.profitMotive', says: [t.ownLanguageNotice, t.profitQuestion] }],
    ]);
    c.fill(plainTail(lang));
    c.expect({
      verdict: 'eligible',
      type: 'eenmalig',
      tier: 'tot-1000',
      decidedBy: 'mag-consulent',
      interview: false,
      advisors: [],
      checklist: ['aanvraagformulier', 'activiteitenplan', 'publiciteitsplan', 'begroting'],
      deadlines: { 'submit-by': '2027-04-18' },
      refusals: [],
      says: [t.eligibleVerdict, t.submitBy],
      ask: 'next',
      choices: ['draft', 'restart', 'done'],
    });
    expect(c.assessment?.lang).toBe(lang);
  });

  it('restart starts over: no answers, the first question, and from there a new € 700 run', () => {
    const c = new Conversation({ lang, name: 'street party restart' });
    c.run(upToAmount(lang));
    c.run([
      ['€ 350', { ask: 'initiative.ownNeighbourhood' }],
      [
        w.restart,
        {
          ask: 'applicant.kind',
          says: t.restarted,
          check: (_, conv) => expect(conv.answers).toEqual({}),
        },
      ],
      // Nothing to go back to after a restart.
      [w.back, { ask: 'applicant.kind', says: t.nothingBefore }],
    ]);
    c.run(upToAmount(lang));
    c.run([
      ['700 euro', { ask: 'money.totalCosts', unanswered: ['initiative.ownNeighbourhood'] }],
      ['1400', { ask: 'money.thirdPartyContributions' }],
      ['0', { ask: 'initiative.expectedParticipants' }],
      ['40', { ask: 'initiative.profitMotive' }],
    ]);
    c.fill(plainTail(lang));
    c.expect({ verdict: 'eligible', tier: 'tot-1000', deadlines: { 'submit-by': '2027-04-18' } });
  });

  it('after the € 350 verdict, "start again" from the choices starts over and € 700 becomes eligible', () => {
    const c = new Conversation({ lang, name: 'street party restart from the verdict' });
    c.run(upToAmount(lang));
    c.run([
      ['350', { ask: 'initiative.ownNeighbourhood' }],
      [w.yes, { ask: 'money.totalCosts' }],
      [t.notKnown, { ask: 'initiative.expectedParticipants' }],
      ['40', { ask: 'initiative.profitMotive' }],
    ]);
    c.fill(plainTail(lang));
    c.expect({ verdict: 'refer', ask: 'next' });
    c.say({ value: { next: 'restart' } }, { ask: 'applicant.kind', says: t.restarted });
    expect(c.answers).toEqual({});
    c.run(upToAmount(lang));
    c.run([
      ['€ 700,00', { ask: 'money.totalCosts', answers: { 'money.requested': 700_00 } }],
      [t.notKnown, { ask: 'initiative.expectedParticipants' }],
      [t.notKnown, { ask: 'initiative.profitMotive', answers: { 'initiative.expectedParticipants': null } }],
    ]);
    c.fill(plainTail(lang));
    c.expect({
      verdict: 'eligible',
      tier: 'tot-1000',
      checklist: ['aanvraagformulier', 'activiteitenplan', 'publiciteitsplan', 'begroting'],
      says: t.submitBy,
    });
  });
});
