/**
 * The buurtwerker's intake (`audience: 'intake'`): every question that has an `_intake` variant in the
 * catalogue speaks about "de bewoner" / "the resident", the grouped questions (the place, "does it fit",
 * "which of these apply") included, and so do the titles of their choices; the resident's chat uses the
 * plain text. The verdicts are the same for the same answers.
 */
import { describe, expect, it } from 'vitest';
import type { SlotId } from '../../../dialogs/answers.js';
import type { Audience } from '../../../dialogs/intake-machine.js';
import enDialog from '../../../locales/en/dialog.json' with { type: 'json' };
import nlDialog from '../../../locales/nl/dialog.json' with { type: 'json' };
import type { Lang } from '../../../rules/index.js';
import { Conversation, LANGS, noneApply, type Turn, WORDS } from './transcript.js';

const CATALOGUES = { nl: nlDialog, en: enDialog } as const;

/** The question's wording for this audience: the `_intake` variant where the catalogue has one. */
function questionText(
  lang: Lang,
  slot: SlotId,
  audience: Audience,
): { text: string; intakeVariant: boolean } {
  const parts = slot.split('.');
  let node: unknown = CATALOGUES[lang].questions;
  for (const part of parts.slice(0, -1)) node = (node as Record<string, unknown>)[part];
  const leaf = node as Record<string, string>;
  const key = parts.at(-1)!;
  const intake = leaf[`${key}_intake`];
  if (audience === 'intake' && intake !== undefined) return { text: intake, intakeVariant: true };
  return { text: leaf[key]!, intakeVariant: intake !== undefined };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The question's template with its placeholders ({{year}}, {{retention}}, a figure) as any filled-in value. */
const startsWithQuestion = (template: string) =>
  new RegExp(`^${escapeRegExp(template).replace(/\\\{\\\{\w+\\\}\\\}/g, '.+?')}`);

/** Every question of the conversation starts with the wording for its audience; returns the slots checked. */
function checkWording(c: Conversation, lang: Lang, audience: Audience): SlotId[] {
  const withVariant: SlotId[] = [];
  for (const reply of c.replies) {
    const slot = reply.last?.ask;
    if (!slot) continue;
    const { text, intakeVariant } = questionText(lang, slot, audience);
    expect(reply.last!.text, `${audience} wording of ${slot}\n\n${c.format()}`).toMatch(
      startsWithQuestion(text),
    );
    if (intakeVariant) withVariant.push(slot);
  }
  return withVariant;
}

const T = {
  nl: {
    kind: 'bewoner',
    idea: 'Straatfeest in de Kerkstraat',
    elsewhere: 'Ergens anders in Hardinxveld-Giessendam',
    date: '13 juni 2027',
    // The fit list: the second theme and the fourth kader.
    fit: '2 en 8',
    type: 'eenmalig',
    skipPhone: 'Sla over',
    confirm: 'Alles klopt',
    draft: 'Concept-aanvraag maken',
    greeting: { intake: 'Stel de bewoner de vragen hieronder.', resident: 'Ik help u met een aanvraag' },
    requested: { intake: 'Hoeveel subsidie vraagt de bewoner?', resident: 'Hoeveel subsidie vraagt u?' },
    checklist: { intake: 'Dit moet mee met de aanvraag:', resident: 'Stuur dit mee met uw aanvraag:' },
    submitted: {
      intake: 'De consulent neemt contact op met de aanvrager.',
      resident: 'De consulent neemt contact met u op.',
    },
    services: 'Zondagse kerkdiensten',
    intakeTitles: {
      'help.location in-own-neighbourhood': 'In de eigen buurt van de bewoner, voor de buren',
      'help.conditions initiative.profitMotive': 'De aanvrager wil er geld aan verdienen (winst maken).',
      'help.history help.appliedBefore':
        'De aanvrager heeft in 2027 al eerder MAG-subsidie aangevraagd of gekregen.',
    },
    religious: '3',
    addressed: /\b(u|uw|mijn|ik)\b/i,
  },
  en: {
    kind: 'resident',
    idea: 'Street party in Kerkstraat',
    elsewhere: 'Somewhere else in Hardinxveld-Giessendam',
    date: 'June 13, 2027',
    fit: '2 and 8',
    type: 'one-off',
    skipPhone: 'skip',
    confirm: 'All correct',
    draft: 'draft',
    greeting: { intake: 'Ask the resident the questions below.', resident: 'I can help you apply' },
    requested: {
      intake: 'How much subsidy is the resident asking for?',
      resident: 'How much subsidy are you asking for?',
    },
    checklist: {
      intake: 'This must be sent with the application:',
      resident: 'Send this with your application:',
    },
    submitted: { intake: 'who will contact the applicant.', resident: 'who will contact you.' },
    services: 'Sunday church services',
    intakeTitles: {
      'help.location in-own-neighbourhood': "In the resident's own neighbourhood, for the neighbours",
      'help.conditions initiative.profitMotive': 'The applicant wants to earn money from it (make a profit).',
      'help.history help.appliedBefore':
        'The applicant has already applied for or received a MAG subsidy in 2027.',
    },
    religious: '3',
    addressed: /\b(you|your|my|I)\b/i,
  },
} as const;

/** The questions that settle several slots, in the order they are asked. */
const GROUPED: readonly SlotId[] = ['help.location', 'help.fit', 'help.conditions', 'help.history'];

/** The € 700 street party, the draft, and consent. */
function streetParty(lang: Lang, audience: Audience): Conversation {
  const t = T[lang];
  const w = WORDS[lang];
  const c = new Conversation({ lang, audience, name: `street party, ${audience}` });
  c.expect({ says: t.greeting[audience] });
  const turns: Turn[] = [
    [t.kind, { ask: 'help.idea' }],
    [t.idea, { ask: 'help.location' }],
    ['1', { ask: 'initiative.startDate', answers: { 'initiative.ownNeighbourhood': true } }],
    [t.date, { ask: 'help.fit', answers: { 'initiative.startDate': '2027-06-13' } }],
    [t.fit, { ask: 'initiative.type' }],
    [t.type, { ask: 'money.requested', says: t.requested[audience] }],
    ['€ 700', { ask: 'help.conditions' }],
  ];
  c.run(turns);
  c.fill(noneApply(lang, { 'money.totalCosts': '1400', 'initiative.expectedParticipants': '40' }));
  c.expect({ verdict: 'eligible', tier: 'tot-1000', says: t.checklist[audience] });
  c.say(t.draft, { ask: 'draft.title' });
  c.fill(
    {
      'draft.title': 'Straatfeest Kerkstraat 2027',
      'draft.targetGroup': 'alle bewoners van de Kerkstraat',
      'draft.location': 'Kerkstraat',
      'contact.name': 'Fatima el Amrani',
      'contact.email': 'fatima@voorbeeld.nl',
      'contact.phone': t.skipPhone,
      'contact.address': 'Kerkstraat 1, 3371 AB Hardinxveld-Giessendam',
      'contact.iban': 'NL91 ABNA 0417 1643 00',
    },
    { until: 'help.review' },
  );
  c.run([
    [t.confirm, { ask: 'draft.consent' }],
    [w.yes, { status: 'submitted', says: t.submitted[audience] }],
  ]);
  return c;
}

/** The Sunday services: refused by `religious` as soon as that is certain. */
function services(lang: Lang, audience: Audience): Conversation {
  const w = WORDS[lang];
  const t = T[lang];
  const c = new Conversation({ lang, audience, name: `church services, ${audience}` });
  c.run([
    [lang === 'nl' ? 'organisatie' : 'organisation', { ask: 'help.idea' }],
    [t.services, { ask: 'initiative.inMunicipality' }],
    [w.yes, { ask: 'initiative.startDate' }],
    ['1-4-2027', { ask: 'help.fit' }],
    [lang === 'nl' ? '2 en 5' : '2 and 5', { ask: 'initiative.type' }],
    [t.type, { ask: 'money.requested' }],
    ['800', { ask: 'help.conditions' }],
    [t.religious, { ask: 'initiative.diaconalOpenToAll' }],
    [w.no, { verdict: 'not-eligible', refusals: ['religious'] }],
  ]);
  return c;
}

/** A resident elsewhere in the municipality with € 350: every box of both grouped questions ticked off. */
function elsewhere(lang: Lang, audience: Audience): Conversation {
  const t = T[lang];
  const w = WORDS[lang];
  const c = new Conversation({ lang, audience, name: `elsewhere, applied before, ${audience}` });
  c.run([
    [t.kind, { ask: 'help.idea' }],
    [t.idea, { ask: 'help.location' }],
    [t.elsewhere, { ask: 'initiative.startDate', answers: { 'initiative.ownNeighbourhood': false } }],
    [t.date, { ask: 'help.fit' }],
    [t.fit, { ask: 'initiative.type' }],
    [t.type, { ask: 'money.requested' }],
    ['350', { ask: 'help.conditions' }],
  ]);
  c.fill({
    'help.conditions': w.none,
    'money.totalCosts': '350',
    'initiative.expectedParticipants': '40',
    'help.history': '1',
    'history.grantsThisYear': '0',
    'history.nonCoreApplicationsThisYear': '1',
  });
  c.expect({ verdict: 'eligible', tier: 'tot-1000' });
  return c;
}

/** An assessment without its texts for people: what must be the same whoever reads it. */
const PEOPLES_WORDS = new Set(['label', 'description', 'message', 'text', 'title']);
function withoutWords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutWords);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !PEOPLES_WORDS.has(key))
      .map(([key, v]) => [key, withoutWords(v)]),
  );
}

describe.each(LANGS)('intake mode (%s)', (lang) => {
  it('questions speak about the resident where the catalogue has an _intake variant', () => {
    const intake = streetParty(lang, 'intake');
    const withVariant = checkWording(intake, lang, 'intake');
    // The variants actually met on this route (so the check above is not empty).
    expect(withVariant).toEqual(
      expect.arrayContaining([
        'applicant.kind',
        'help.idea',
        'help.location',
        'initiative.startDate',
        'help.fit',
        'initiative.type',
        'money.requested',
        'help.conditions',
        'help.history',
        'draft.title',
        'contact.email',
        'help.review',
        'draft.consent',
      ]),
    );
    const resident = streetParty(lang, 'resident');
    checkWording(resident, lang, 'resident');
    // The gated counts of earlier applications too.
    const gated = checkWording(elsewhere(lang, 'intake'), lang, 'intake');
    expect(gated).toEqual(
      expect.arrayContaining([
        'help.history',
        'history.grantsThisYear',
        'history.nonCoreApplicationsThisYear',
      ]),
    );
    checkWording(elsewhere(lang, 'resident'), lang, 'resident');
  });

  // The boxes replace questions that had an intake wording ("Wil de aanvrager winst maken…?"); in the
  // intake the buurtwerker reads and clicks them, so they must not speak as or to the applicant.
  it('in the intake, the choices of the grouped questions speak about the resident, not as or to them', () => {
    const t = T[lang];
    const c = elsewhere(lang, 'intake');
    const grouped = c.replies
      .map((r) => r.last)
      .filter((m) => m?.ask !== undefined && GROUPED.includes(m.ask));
    expect(grouped.map((m) => m?.ask)).toEqual(GROUPED);
    const addressed = grouped.flatMap((m) =>
      (m?.choices ?? [])
        .filter((ch) => t.addressed.test(ch.title))
        .map((ch) => `${m?.ask} ${ch.value}: "${ch.title}"`),
    );
    expect(addressed, 'intake choices that speak as or to the applicant').toEqual([]);
    // Where the resident's title speaks as the applicant, the intake says who: the resident, the applicant.
    const titles = Object.fromEntries(
      grouped.flatMap((m) => (m?.choices ?? []).map((ch) => [`${m?.ask} ${ch.value}`, ch.title])),
    );
    expect(titles).toMatchObject(t.intakeTitles);
  });

  it('the same answers give the same verdicts in both modes', () => {
    for (const scenario of [streetParty, services, elsewhere]) {
      const intake = scenario(lang, 'intake');
      const resident = scenario(lang, 'resident');
      expect(intake.assessments.length).toBeGreaterThan(0);
      // The same outcome, codes, dates and sources; only the words for the reader differ ("de aanvrager").
      expect(intake.assessments.map(withoutWords)).toEqual(resident.assessments.map(withoutWords));
      expect(intake.answers).toEqual(resident.answers);
      expect(intake.session.status).toBe(resident.session.status);
      expect(intake.replies.map((r) => r.last?.ask)).toEqual(resident.replies.map((r) => r.last?.ask));
    }
  });
});
