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
  /** The contact person's role in the organisation (chair, treasurer). */
  role?: string;
  email: string;
  phone?: string;
  /** Where the letter with the decision goes. */
  address?: string;
  /** The organisation's number with the Chamber of Commerce. */
  kvk?: string;
  /** The account the subsidy is paid into, checked with mod-97. */
  iban?: string;
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
  statusHistory: StatusChange[];
  /** The consulent who handles it (a `CONSULENT_USERS` name), and when it was given to them. */
  assignee?: { name: string; by: string; at: string };
  /** Attachments of the checklist the municipality has received, ticked by a consulent. */
  received?: { id: string; by: string; at: string }[];
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
  /**
   * The same assessment in the consulent's words ("het initiatief", "de aanvrager"), in Dutch: what the
   * inbox and the consulent's PDF show. Drafts made before it existed have only `assessment`.
   */
  consulentAssessment?: Assessment;
  transcript: TranscriptLine[];
}

export interface StatusChange {
  status: DraftStatus;
  by: string;
  at: string;
  /** What the consulent wrote with it (what must be added, for `aanvullen-gevraagd`). */
  note?: string;
  /** The applicant was told by mail. */
  told?: boolean;
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
  /** The initiative's name, its start date and the last day to apply (`submit-by`), when known. */
  title?: string;
  startDate?: CalendarDate;
  submitBy?: CalendarDate;
  email?: string;
  phone?: string;
  budgetLine?: string;
  assignee?: string;
  /** The stored document cannot be read (a damaged row): listed, so it is seen, but without details. */
  unreadable?: true;
}

export function summarize(d: DraftApplication): DraftSummary {
  const submitBy = d.assessment.deadlines?.find((x) => x.id === 'submit-by')?.date;
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
    ...(d.form.title && { title: d.form.title }),
    ...(d.input.initiative?.startDate && { startDate: d.input.initiative.startDate }),
    ...(submitBy && { submitBy }),
    ...(d.contact.email && { email: d.contact.email }),
    ...(d.contact.phone && { phone: d.contact.phone }),
    ...(d.assessment.route?.budgetLine && { budgetLine: d.assessment.route.budgetLine }),
    ...(d.assignee && { assignee: d.assignee.name }),
  };
}

export const formatReference = (year: number, sequence: number): string =>
  `MAG-${year}-${String(sequence).padStart(6, '0')}`;
