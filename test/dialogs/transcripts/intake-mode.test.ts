/**
 * The buurtwerker's intake (`audience: 'intake'`): every question that has an `_intake` variant in the
 * catalogue speaks about "de bewoner" / "the resident"; the resident's chat uses the plain text. The
 * verdicts are the same for the same answers.
 */
import { describe, expect, it } from 'vitest';
import type { SlotId } from '../../../dialogs/answers.js';
import type { Audience } from '../../../dialogs/intake-machine.js';
import enDialog from '../../../locales/en/dialog.json' with { type: 'json' };
import nlDialog from '../../../locales/nl/dialog.json' with { type: 'json' };
import type { Lang } from '../../../rules/index.js';
import { Conversation, LANGS, plainTail, type Turn, WORDS } from './transcript.js';

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
const startsWithQuestion = (template: string) =>
  new RegExp(`^${escapeRegExp(template).replace(escapeRegExp('{{year}}'), '\\d{4}')}`);

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
    date: '13 juni 2027',
    themes: '2',
    kaders: '4',
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
  },
  en: {
    kind: 'resident',
    idea: 'Street party in Kerkstraat',
    date: 'June 13, 2027',
    themes: '2',
    kaders: '4',
    type: 'one-off',
    skipPhone: 'skip',
    confirm: 'All correct',
    draft: 'draft',
    greeting: { intake: 'Ask the resident the questions below.', resident: 'I help you apply' },
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
  },
} as const;

/** The € 700 street party, the draft, and consent. */
function streetParty(lang: Lang, audience: Audience): Conversation {
  const t = T[lang];
  const w = WORDS[lang];
  const c = new Conversation({ lang, audience, name: `street party, ${audience}` });
  c.expect({ says: t.greeting[audience] });
  const turns: Turn[] = [
    [t.kind, { ask: 'help.idea' }],
    [t.idea, { ask: 'initiative.inMunicipality' }],
    [w.yes, { ask: 'initiative.startDate' }],
    [t.date, { ask: 'initiative.alreadyStarted', answers: { 'initiative.startDate': '2027-06-13' } }],
    [w.no, { ask: 'initiative.themes' }],
    [t.themes, { ask: 'initiative.kaders' }],
    [t.kaders, { ask: 'initiative.type' }],
    [t.type, { ask: 'initiative.isActivity' }],
    [w.yes, { ask: 'money.requested', says: t.requested[audience] }],
    ['€ 700', { ask: 'money.totalCosts' }],
    ['1400', { ask: 'money.thirdPartyContributions' }],
    ['0', { ask: 'initiative.expectedParticipants' }],
    ['40', { ask: 'initiative.profitMotive' }],
  ];
  c.run(turns);
  c.fill(plainTail(lang));
  c.expect({ verdict: 'eligible', tier: 'tot-1000', says: t.checklist[audience] });
  c.say(t.draft, { ask: 'draft.title' });
  c.fill(
    {
      'draft.title': 'Straatfeest Kerkstraat 2027',
      'draft.description': 'Een middag met spelletjes en muziek voor de hele straat.',
      'draft.targetGroup': 'alle bewoners van de Kerkstraat',
      'draft.location': 'Kerkstraat',
      'contact.name': 'Fatima el Amrani',
      'contact.email': 'fatima@voorbeeld.nl',
      'contact.phone': t.skipPhone,
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
    ['1-4-2027', { ask: 'initiative.alreadyStarted' }],
    [w.no, { ask: 'initiative.themes' }],
    ['2', { ask: 'initiative.kaders' }],
    ['1', { ask: 'initiative.type' }],
    [t.type, { ask: 'initiative.isActivity' }],
    [w.yes, { ask: 'money.requested' }],
    ['800', { ask: 'money.totalCosts' }],
    ['1000', { ask: 'money.thirdPartyContributions' }],
    ['200', { ask: 'initiative.expectedParticipants' }],
    ['50', { ask: 'initiative.profitMotive' }],
    [w.no, { ask: 'initiative.primarilyReligious' }],
    [w.yes, { ask: 'initiative.diaconalOpenToAll' }],
    [w.no, { verdict: 'not-eligible', refusals: ['religious'] }],
  ]);
  return c;
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
        'initiative.alreadyStarted',
        'initiative.themes',
        'initiative.type',
        'money.requested',
        'initiative.profitMotive',
        'history.grantsThisYear',
        'draft.title',
        'contact.email',
        'help.review',
        'draft.consent',
      ]),
    );
    const resident = streetParty(lang, 'resident');
    checkWording(resident, lang, 'resident');
  });

  it('the same answers give the same verdicts in both modes', () => {
    for (const scenario of [streetParty, services]) {
      const intake = scenario(lang, 'intake');
      const resident = scenario(lang, 'resident');
      expect(intake.assessments.length).toBeGreaterThan(0);
      expect(intake.assessments).toEqual(resident.assessments);
      expect(intake.answers).toEqual(resident.answers);
      expect(intake.session.status).toBe(resident.session.status);
      expect(intake.replies.map((r) => r.last?.ask)).toEqual(resident.replies.map((r) => r.last?.ask));
    }
  });
});
