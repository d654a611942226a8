import type { AssessInput, Assessment, CalendarDate, Lang } from '../rules/index.js';

/** The consulent's workflow, in order. Labels live in `locales/<lang>/consulent.json`. */
export const DRAFT_STATUSES = ['nieuw', 'in-behandeling', 'aanvullen-gevraagd', 'afgehandeld'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

export type DraftChannel = 'website' | 'teams';

export interface TranscriptLine {
  from: 'resident' | 'assistant';
  text: string;
  /** ISO instant. */
  at: string;
}

/** What the assistant collected for the draft: the application form's own fields. */
export interface DraftForm {
  title: string;
  description: string;
  targetGroup: string;
  location: string;
  /** Drafts made before the description came from the idea kept the idea apart. */
  idea?: string;
}

export interface DraftContact {
  name: string;
  organisation?: string;
  email: string;
  phone?: string;
}

/**
 * A drafted application as the MAG-consulent receives it: the answers (exactly the `/api/assess` input),
 * the contact details and form fields, the full assessment the resident saw, and how the conversation went.
 */
export interface DraftApplication {
  id: string;
  /** `MAG-2026-000123`: sequential per year, never reused. */
  reference: string;
  status: DraftStatus;
  statusHistory: { status: DraftStatus; by: string; at: string }[];
  channel: DraftChannel;
  /** The conversation's language: the resident's copy of the document is in it. */
  lang: Lang;
  rulesetId: string;
  /** The assessment date (`today` of the rules). */
  assessedOn: CalendarDate;
  createdAt: string;
  updatedAt: string;
  input: AssessInput;
  form: DraftForm;
  contact: DraftContact;
  assessment: Assessment;
  transcript: TranscriptLine[];
}

/** What a channel hands over; the store adds id, reference, status and timestamps. */
export type NewDraft = Omit<
  DraftApplication,
  'id' | 'reference' | 'status' | 'statusHistory' | 'createdAt' | 'updatedAt'
>;

/** One line of the inbox: what a consulent scans among forty. */
export interface DraftSummary {
  id: string;
  reference: string;
  status: DraftStatus;
  createdAt: string;
  applicant: string;
  applicantKind: string;
  type: string;
  tier: string;
  requested: number;
  verdict: Assessment['verdict'];
  /** Rule ids of risks and warnings. */
  flags: string[];
  /** The stored document cannot be read (a damaged row): listed, so it is seen, but without details. */
  unreadable?: true;
}

export function summarize(d: DraftApplication): DraftSummary {
  return {
    id: d.id,
    reference: d.reference,
    status: d.status,
    createdAt: d.createdAt,
    applicant: d.contact.organisation ? `${d.contact.organisation} (${d.contact.name})` : d.contact.name,
    applicantKind: d.input.applicant?.kind ?? '',
    type: d.assessment.route?.type ?? d.input.initiative?.type ?? '',
    tier: d.assessment.route?.tier ?? '',
    requested: d.input.money?.requested ?? 0,
    verdict: d.assessment.verdict,
    flags: d.assessment.findings
      .filter((f) => f.severity === 'risk' || f.severity === 'warning')
      .map((f) => f.rule),
  };
}

export const formatReference = (year: number, sequence: number): string =>
  `MAG-${year}-${String(sequence).padStart(6, '0')}`;
