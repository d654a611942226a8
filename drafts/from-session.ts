import type { AssessSettings } from '../dialogs/flow.js';
import { assessAnswers, assessmentInput } from '../dialogs/flow.js';
import type { IntakeContext } from '../dialogs/intake-machine.js';
import type { DraftChannel, NewDraft, TranscriptLine } from './draft.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const optional = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * The draft of a conversation that reached consent: the answers as the `/api/assess` input, the form and
 * contact fields, and the assessment exactly as the resident saw it (same date, same language).
 */
export function draftFromSession(
  ctx: IntakeContext,
  channel: DraftChannel,
  transcript: TranscriptLine[],
  settings: AssessSettings,
): NewDraft {
  const state = { answers: ctx.answers, revisit: [], today: ctx.today };
  const a = ctx.answers;
  return {
    channel,
    lang: ctx.lang,
    rulesetId: ctx.rulesetId,
    assessedOn: ctx.today,
    input: assessmentInput(state, false),
    form: {
      title: text(a['draft.title']),
      // The idea asked at the start is the description: the person is not asked it twice.
      description: text(a['help.idea']),
      targetGroup: text(a['draft.targetGroup']),
      location: text(a['draft.location']),
    },
    contact: {
      name: text(a['contact.name']),
      email: text(a['contact.email']),
      ...(optional(a['contact.organisation']) && { organisation: optional(a['contact.organisation']) }),
      ...(optional(a['contact.phone']) && { phone: optional(a['contact.phone']) }),
      ...(optional(a['contact.role']) && { role: optional(a['contact.role']) }),
      ...(optional(a['contact.address']) && { address: optional(a['contact.address']) }),
      ...(optional(a['contact.kvk']) && { kvk: optional(a['contact.kvk']) }),
      ...(optional(a['contact.iban']) && { iban: optional(a['contact.iban']) }),
    },
    assessment: assessAnswers(state, { ...settings, lang: ctx.lang, audience: ctx.audience }, false),
    // The same rules on the same answers and date, in the words the consulent reads them.
    consulentAssessment: assessAnswers(state, { ...settings, lang: 'nl', audience: 'intake' }, false),
    transcript,
  };
}
