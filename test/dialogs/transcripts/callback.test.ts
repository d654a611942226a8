/**
 * "Ik wil iemand spreken" / "talk to a person", at any point: a command at every question, a choice at every
 * verdict (`next`), and an offer after two answers in a row the question could not use. The person leaves a
 * phone number or an e-mail address and a short question, is told who gets in touch and when, and the
 * conversation goes on where it was (the open question again; at a verdict, what to do next). `back` in the
 * middle returns there without a request; `stop` stops. Who gets in touch is what the rules' assessment of
 * the answers so far says: the buurtwerk for a neighbourhood initiative the buurtwerker decides, the
 * MAG-consulent otherwise, and always the consulent in the buurtwerker's intake.
 */
import { describe, expect, it } from 'vitest';
import type { SlotId } from '../../../dialogs/answers.js';
import { cutQuestion, MAX_CALLBACK_QUESTION } from '../../../dialogs/callback.js';
import { parseCommand } from '../../../dialogs/commands.js';
import { createIntakeMachine } from '../../../dialogs/intake-machine.js';
import { parseContact } from '../../../dialogs/parsers/index.js';
import { IntakeSession } from '../../../dialogs/session.js';
import type { Lang } from '../../../rules/index.js';
import { Conversation, LANGS, noneApply, type Say, TODAY, WORDS } from './transcript.js';

const T = {
  nl: {
    command: 'Ik wil iemand spreken',
    commandAsked: 'Kan ik iemand spreken?',
    kind: 'inwoner',
    idea: 'Straatfeest in de Kerkstraat',
    ownStreet: 'In mijn eigen buurt, voor mijn buren',
    date: '13-6-2027',
    fit: 'Verbinding en Dichtbij de inwoner',
    type: 'eenmalig',
    locationQuestion: 'Waar vindt het initiatief plaats?',
    contactQuestion: 'Hoe kunnen we u bereiken? Typ uw telefoonnummer of uw e-mailadres.',
    contactQuestionIntake: 'Typ het telefoonnummer of het e-mailadres van de bewoner.',
    questionQuestion: 'Waar gaat uw vraag over?',
    questionQuestionIntake: 'Waar gaat de vraag van de bewoner over?',
    phoneInSentence: 'u kunt mij bellen op 06-12345678',
    email: 'anna@example.nl',
    question: 'Mag het feest ook op het plein bij de kerk?',
    consulent: 'De MAG-consulent van de gemeente neemt contact met u op.',
    consulentIntake: 'De MAG-consulent van de gemeente neemt contact op met de bewoner.',
    buurtwerk: 'Een buurtwerker van het welzijnswerk neemt contact met u op.',
    called: 'U wordt gebeld op 0612345678.',
    mailed: 'U krijgt een e-mail op anna@example.nl.',
    when: 'Dat gebeurt binnen twee werkdagen, op werkdagen tussen 9 en 17 uur.',
    goOn: 'We gaan nu verder waar we waren.',
    cut: 'Uw vraag was lang.',
    cancelled: 'Er gaat geen verzoek naar de gemeente.',
    invalidContact: 'Dat is geen telefoonnummer of e-mailadres dat ik begrijp.',
    unknownChoice: 'Dat antwoord ken ik niet.',
    offer: "Lukt het niet? Kies dan 'Iemand spreken'.",
    title: 'Iemand spreken',
    titleIntake: 'Terugbelverzoek maken',
    stopped: 'We zijn gestopt.',
    language: "We'll continue in English.",
    otherLanguage: 'english',
    otherContactQuestion: 'How can we reach you?',
    promise: 'morgen tussen 10 en 12 uur',
  },
  en: {
    command: 'talk to a person',
    commandAsked: 'Can I speak to someone?',
    kind: 'resident',
    idea: 'Street party in Kerkstraat',
    ownStreet: 'In my own neighbourhood, for my neighbours',
    date: '13 June 2027',
    fit: 'Connection and close to the resident',
    type: 'one-off',
    locationQuestion: 'Where does the initiative take place?',
    contactQuestion: 'How can we reach you? Type your phone number or your email address.',
    contactQuestionIntake: "Type the resident's phone number or email address.",
    questionQuestion: 'What is your question about?',
    questionQuestionIntake: "What is the resident's question about?",
    phoneInSentence: 'you can call me on 06-12345678',
    email: 'anna@example.nl',
    question: 'Can the party also be on the square by the church?',
    consulent: 'The MAG officer at the municipality will get in touch with you.',
    consulentIntake: 'The MAG officer at the municipality will get in touch with the resident.',
    buurtwerk: 'A neighbourhood worker from the local welfare organisation will get in touch with you.',
    called: 'You will be called on 0612345678.',
    mailed: 'You will get an email at anna@example.nl.',
    when: 'This will be within two working days, between 9 am and 5 pm on weekdays.',
    goOn: "Now let's carry on where we were.",
    cut: 'Your question was long',
    cancelled: 'Nothing has been sent to the municipality.',
    invalidContact: 'That is not a phone number or email address I understand.',
    unknownChoice: "I don't recognise that answer.",
    offer: "Having trouble? Choose 'Talk to a person'",
    title: 'Talk to a person',
    titleIntake: 'Request a callback',
    stopped: 'We have stopped',
    language: 'We gaan verder in het Nederlands.',
    otherLanguage: 'nederlands',
    otherContactQuestion: 'Hoe kunnen we u bereiken?',
    promise: 'tomorrow between 10 am and noon',
  },
} as const;

/** The street party of worked example 1 up to the amount: € 350 in her own street goes to the buurtwerker. */
const streetParty = (lang: Lang): Partial<Record<SlotId, Say>> => ({
  'applicant.kind': T[lang].kind,
  'help.idea': T[lang].idea,
  'help.location': T[lang].ownStreet,
  'initiative.startDate': T[lang].date,
  'help.fit': T[lang].fit,
  'initiative.type': T[lang].type,
  'money.requested': '350',
  ...noneApply(lang),
});

const CONTACT: SlotId = 'help.callbackContact';
const QUESTION: SlotId = 'help.callbackQuestion';

/** The callback request the last turn made, as the channel reads it from the context. */
const made = (c: Conversation) => {
  const notice = c.session.context.notice;
  expect(notice?.kind, c.format()).toBe('callback');
  return notice as Extract<typeof notice, { kind: 'callback' }>;
};

describe.each(LANGS)('talk to a person (%s)', (lang) => {
  const t = T[lang];

  it('the command at a question mid-intake: contact, question, who and when; then that question again', () => {
    const c = new Conversation({ lang, name: 'callback mid-intake' });
    c.run([
      [t.kind, { ask: 'help.idea' }],
      [t.idea, { ask: 'help.location' }],
    ]);
    const before = structuredClone(c.answers);
    c.say(t.command, { ask: CONTACT, says: t.contactQuestion, noVerdict: true });
    expect(c.reply.last?.input).toBe('contact');
    c.say(t.phoneInSentence, { ask: QUESTION, says: t.questionQuestion });
    c.say(t.question, {
      // Mid-intake the route is not known yet: the MAG-consulent gets in touch.
      says: [t.consulent, t.called, t.when, t.goOn, t.locationQuestion],
      ask: 'help.location',
      noVerdict: true,
    });
    expect(made(c)).toEqual({
      kind: 'callback',
      by: 'consulent',
      contact: '+31612345678',
      question: t.question,
      cut: false,
      verdict: 'incomplete',
    });
    // The answers are as they were; the conversation goes on at the same question.
    expect(c.answers).toEqual(before);
    expect(c.session.context.callbacks).toBe(1);
    expect(c.reply.messages.find((m) => m.callback)?.text).toContain(t.consulent);
    // The next answer is an answer to that question, and the intake goes on to the buurtwerker's verdict.
    c.say(t.ownStreet, { ask: 'initiative.startDate' });
    expect(c.session.context.notice?.kind).not.toBe('callback');
    const rest = streetParty(lang);
    delete rest['applicant.kind'];
    delete rest['help.idea'];
    delete rest['help.location'];
    c.fill(rest);
    c.expect({ verdict: 'refer', ask: 'next' });
  });

  it('the choice at a verdict: the buurtwerk gets in touch for the € 350 street party, then the next step again', () => {
    const c = new Conversation({ lang, name: 'callback at the verdict' });
    c.fill(streetParty(lang));
    c.expect({ verdict: 'refer', tier: 'buurt-500', ask: 'next', choices: ['callback', 'restart', 'done'] });
    expect(c.reply.last?.choices?.find((ch) => ch.value === 'callback')?.title).toBe(t.title);
    c.say({ value: { next: 'callback' } }, { ask: CONTACT, noVerdict: true, says: t.contactQuestion });
    c.say(t.email, { ask: QUESTION });
    c.say(t.question, {
      says: [t.buurtwerk, t.mailed, t.when],
      // The verdict is not shown again: what to do next is asked again, with the same choices.
      noVerdict: true,
      ask: 'next',
      choices: ['callback', 'restart', 'done'],
    });
    expect(made(c)).toMatchObject({ by: 'buurtwerk', contact: 'anna@example.nl', verdict: 'refer' });
    // A second request in the same session is a new one.
    c.say(t.command, { ask: CONTACT });
    c.say('0184 123456', { ask: QUESTION });
    c.say(t.question, { ask: 'next' });
    expect(made(c)).toMatchObject({ by: 'buurtwerk', contact: '+31184123456' });
    expect(c.session.context.callbacks).toBe(2);
  });

  it('the choice at an eligible verdict: the MAG-consulent gets in touch', () => {
    const c = new Conversation({ lang, name: 'callback at an eligible verdict' });
    c.fill({
      ...streetParty(lang),
      'money.requested': '700',
      'money.totalCosts': '1400',
      'initiative.expectedParticipants': '40',
    });
    c.expect({ verdict: 'eligible', ask: 'next', choices: ['draft', 'callback', 'restart', 'done'] });
    c.say(t.command, { ask: CONTACT });
    c.say(t.email, { ask: QUESTION });
    c.say(t.question, { says: t.consulent, ask: 'next', choices: ['draft', 'callback', 'restart', 'done'] });
    expect(made(c)).toMatchObject({ by: 'consulent', verdict: 'eligible' });
    // During the draft's questions too: the verdict is the full one, and the draft goes on.
    c.say({ value: { next: 'draft' } }, { ask: 'draft.title' });
    c.say(t.command, { ask: CONTACT });
    c.say(t.email, { ask: QUESTION });
    c.say(t.question, { ask: 'draft.title', noVerdict: true });
    expect(made(c)).toMatchObject({ by: 'consulent', verdict: 'eligible' });
  });

  it('after two answers in a row it could not use, a person is offered as a choice', () => {
    const c = new Conversation({ lang, name: 'callback offered after two misses' });
    c.say('paard', { ask: 'applicant.kind', says: t.unknownChoice, saysNot: t.offer });
    expect(c.reply.last?.choices?.map((ch) => ch.value)).not.toContain('callback');
    c.say('koe', {
      ask: 'applicant.kind',
      says: t.offer,
      offers: ['callback'],
      check: (reply) => {
        const offer = reply.last?.choices?.find((ch) => ch.value === 'callback');
        expect(offer).toEqual({ value: 'callback', title: t.title, shortcut: true });
      },
    });
    // Clicked: the callback's first question.
    c.say({ value: { 'applicant.kind': 'callback' } }, { ask: CONTACT, saysNot: t.unknownChoice });
    // Typed back as its title, at a typed question: understood too.
    const d = new Conversation({ lang, name: 'callback offered at a date' });
    d.run([
      [t.kind, { ask: 'help.idea' }],
      [t.idea, { ask: 'help.location' }],
      [t.ownStreet, { ask: 'initiative.startDate' }],
      ['paard', { ask: 'initiative.startDate' }],
      ['koe', { ask: 'initiative.startDate', offers: ['callback'] }],
      [t.title, { ask: CONTACT }],
    ]);
  });

  it('inside the request no person is offered again: the contact is explained and asked again', () => {
    const c = new Conversation({ lang, name: 'callback contact not understood' });
    c.say(t.command, { ask: CONTACT });
    c.say('geen idee', { ask: CONTACT, says: t.invalidContact });
    c.say('morgen', {
      ask: CONTACT,
      says: t.invalidContact,
      check: (reply) => expect(reply.last?.choices ?? []).toEqual([]),
    });
    c.say(t.email, { ask: QUESTION });
    // "talk to a person" again in the middle changes nothing.
    c.say(t.command, { ask: QUESTION });
  });

  it('back at either question of the request returns to where the person was, without a request', () => {
    const c = new Conversation({ lang, name: 'callback and back' });
    c.run([
      [t.kind, { ask: 'help.idea' }],
      [t.idea, { ask: 'help.location' }],
    ]);
    const before = structuredClone(c.answers);
    c.say(t.command, { ask: CONTACT });
    c.say(WORDS[lang].back, { ask: 'help.location', says: [t.cancelled, t.locationQuestion] });
    expect(c.answers).toEqual(before);
    expect(c.session.context.callbacks ?? 0).toBe(0);
    c.say(t.command, { ask: CONTACT });
    c.say(t.email, { ask: QUESTION });
    c.say(WORDS[lang].back, { ask: 'help.location', says: t.cancelled });
    expect(c.session.context.callbacks ?? 0).toBe(0);
    // Back once more is the intake's own back again: the question before.
    c.say(WORDS[lang].back, { ask: 'help.idea' });
  });

  it('back at a verdict inside the request returns to the verdict’s next step', () => {
    const c = new Conversation({ lang, name: 'callback at the verdict and back' });
    c.fill(streetParty(lang));
    c.say({ value: { next: 'callback' } }, { ask: CONTACT });
    c.say(WORDS[lang].back, { ask: 'next', says: t.cancelled, noVerdict: true });
  });

  it('stop inside the request stops and the conversation is over', () => {
    const c = new Conversation({ lang, name: 'callback and stop' });
    c.say(t.kind, { ask: 'help.idea' });
    c.say(t.command, { ask: CONTACT });
    c.say(t.email, { ask: QUESTION });
    c.say('stop', { ask: null, says: t.stopped, status: 'stopped' });
  });

  it('a language change inside the request keeps it; help explains it', () => {
    const c = new Conversation({ lang, name: 'callback and language' });
    c.say(t.command, { ask: CONTACT });
    c.say('help', { ask: CONTACT });
    c.say(t.otherLanguage, { ask: CONTACT, says: [t.language, t.otherContactQuestion] });
    c.say(t.email, { ask: QUESTION });
  });

  it('a long question is cut at a word, and the person is told', () => {
    const c = new Conversation({ lang, name: 'callback long question' });
    c.say(t.command, { ask: CONTACT });
    c.say(t.email, { ask: QUESTION });
    c.say(`${t.question} `.repeat(60), { says: t.cut, ask: 'applicant.kind' });
    const { question, cut } = made(c);
    expect(cut).toBe(true);
    expect([...question].length).toBeLessThanOrEqual(MAX_CALLBACK_QUESTION);
    expect(question.endsWith('…')).toBe(true);
  });

  it('survives a restore after every turn', () => {
    const c = new Conversation({ lang, name: 'callback restored each turn', restoreEachTurn: true });
    c.say(t.kind, { ask: 'help.idea' });
    c.say(t.command, { ask: CONTACT });
    c.say(t.email, { ask: QUESTION });
    c.say(t.question, { ask: 'help.idea', says: t.consulent });
    expect(c.restores).toBe(4);
  });

  it('in the buurtwerker’s intake it speaks about the resident, and the consulent gets in touch', () => {
    const c = new Conversation({ lang, audience: 'intake', name: 'callback in the intake' });
    c.fill(streetParty(lang));
    c.expect({ verdict: 'refer', ask: 'next' });
    expect(c.reply.last?.choices?.find((ch) => ch.value === 'callback')?.title).toBe(t.titleIntake);
    c.say(t.titleIntake, { ask: CONTACT, says: t.contactQuestionIntake });
    c.say(t.email, { ask: QUESTION, says: t.questionQuestionIntake });
    c.say(t.question, { ask: 'next', says: t.consulentIntake, saysNot: t.consulent });
    // The buurtwerker is the buurtwerk: a call asked for in the intake is the consulent's.
    expect(made(c).by).toBe('consulent');
  });

  it('says when, as the deployment sets it', () => {
    const machine = createIntakeMachine({ callbackPromise: { [lang]: t.promise } });
    const { session } = IntakeSession.start(machine, { today: TODAY, lang });
    session.handle({ text: t.command });
    session.handle({ text: t.email });
    const text = session
      .handle({ text: t.question })
      .map((m) => m.text)
      .join('\n');
    expect(text).toContain(t.promise);
    expect(text).not.toContain(t.when);
  });
});

describe('a new session can start with it', () => {
  it('"Kan ik iemand spreken?" and the other phrases are the command, in both languages; "terug?" is not', () => {
    for (const text of [
      'iemand spreken',
      'Ik wil iemand spreken.',
      'Kan ik iemand spreken?',
      'medewerker',
      'bel mij',
      'Bel me terug!',
      'talk to a person',
      'Speak to someone',
      'call me',
      'callback',
    ]) {
      expect(parseCommand(text), text).toEqual({ kind: 'callback' });
    }
    for (const text of ['terug?', 'stop pesten', 'bel mij niet', 'een medewerker van de kerk']) {
      expect(parseCommand(text)?.kind, text).not.toBe('callback');
    }
  });
});

describe('how to reach someone (parseContact)', () => {
  it.each([
    ['06 12345678', '+31612345678'],
    ['06-12345678', '+31612345678'],
    ['+31 6 12345678', '+31612345678'],
    ['0184 123456', '+31184123456'],
    ['bel mij op 06-12345678 na vijf uur', '+31612345678'],
    ['anna@example.nl', 'anna@example.nl'],
    ['Mail naar <Anna@Example.NL>, graag.', 'Anna@example.nl'],
    ['mijn mail is anna@example.nl.', 'anna@example.nl'],
  ])('%s', (text, value) => {
    expect(parseContact(text)).toEqual({ ok: true, value });
  });

  it.each(['geen idee', 'morgen', '12345', 'anna@', '06 1234'])('not %s', (text) => {
    expect(parseContact(text)).toEqual({ ok: false, error: 'invalid-contact' });
  });
});

describe('cutQuestion', () => {
  it('keeps a short question and cuts a long one at a word', () => {
    expect(cutQuestion('Mag het op het plein?')).toEqual({ text: 'Mag het op het plein?', cut: false });
    const long = 'woord '.repeat(200);
    const { text, cut } = cutQuestion(long);
    expect(cut).toBe(true);
    expect([...text].length).toBeLessThanOrEqual(MAX_CALLBACK_QUESTION);
    expect(text).toMatch(/woord…$/);
  });
});
