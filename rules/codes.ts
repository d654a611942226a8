/** The codes of `mag-rules.md`. They never change with the language; labels live in `locales/`. */

export const THEMES = ['levendigheid', 'verbinding', 'omzien-naar-elkaar', 'vitaliteit'] as const;
export const KADERS = ['vraag-inwoner', 'samen-bouwen', 'voorkomen', 'dichtbij', 'kracht-inwoners'] as const;
export const SUBSIDY_TYPES = ['kernactiviteit', 'eenmalig', 'evenement', 'sport'] as const;
export const APPLICANT_KINDS = ['resident', 'organisation', 'kvk-professional'] as const;
export const TIERS = ['buurt-500', 'tot-1000', 'tot-10000', 'boven-10000'] as const;
export const DECIDERS = ['buurtwerker', 'mag-consulent', 'wethouder', 'college'] as const;
export const ADVISORS = ['klankbordgroep', 'team-sportservice', 'gala-uitvoeringsteam'] as const;
export const BUDGET_LINES = ['sport-en-bewegen', 'overige-initiatieven'] as const;
export const SEVERITIES = ['refusal', 'risk', 'warning', 'info'] as const;
export const VERDICTS = ['eligible', 'not-eligible', 'refer', 'incomplete'] as const;
export const LANGUAGES = ['nl', 'en'] as const;
/** Who reads a text: the applicant themselves, or a buurtwerker during an intake. */
export const AUDIENCES = ['resident', 'intake'] as const;

export const ATTACHMENTS = [
  'aanvraagformulier',
  'activiteitenplan',
  'uitvoeringsplan',
  'evenementenplan',
  'publiciteitsplan',
  'communicatieplan',
  'begroting',
  'begroting-met-subsidies-elders',
  'vergunning-of-melding',
  'kvk-uittreksel',
  'statuten',
  'bestuurssamenstelling',
  'jaarrekening',
  'jaarverslag',
  'vog',
] as const;

export const DEADLINE_IDS = [
  'submit-by',
  'concept-by',
  'concept-discussed-by',
  'provisional-grant-by',
  'decision-expected',
  'decision-latest',
  'accountability-by',
] as const;

export const ACCOUNTABILITY_LEVELS = ['direct', 'report', 'audit'] as const;
export const ACCOUNTABILITY_DOCUMENTS = [
  'inhoudelijk-verslag',
  'financieel-verslag',
  'balans-met-toelichting',
  'controleverklaring',
] as const;

export const RECOMMENDATIONS = ['inclusief', 'duurzaam-effect', 'samenwerking', 'eigen-bijdrage'] as const;

/** Rule ids in the order of the spec's table; findings are reported in this order within a severity. */
export const RULE_IDS = [
  'outside-municipality',
  'no-theme',
  'no-kader',
  'not-gala',
  'already-started',
  'grant-limit',
  'core-once-a-year',
  'non-core-twice-a-year',
  'kern-needs-organisation',
  'kern-deadline',
  'profit-motive',
  'religious',
  'non-core-cap',
  'applicant-above-10000',
  'deadline-above-10000',
  'budget-ceiling',
  'multiple-initiatives',
  'similar-granted',
  'refused-before',
  'late-application',
  'food-and-drink',
  'materials-real-estate',
  'exceeds-remaining-costs',
  'no-own-contribution',
  'not-an-event',
  'other-municipal-funding',
  'vog-required',
  'multi-year-possible',
  'sportakkoord-ends',
  'cost-per-participant',
  'deadline-sources-differ',
] as const;

export type Theme = (typeof THEMES)[number];
export type Kader = (typeof KADERS)[number];
export type SubsidyType = (typeof SUBSIDY_TYPES)[number];
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];
export type Tier = (typeof TIERS)[number];
export type Decider = (typeof DECIDERS)[number];
export type Advisor = (typeof ADVISORS)[number];
export type BudgetLine = (typeof BUDGET_LINES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type Verdict = (typeof VERDICTS)[number];
export type Lang = (typeof LANGUAGES)[number];
export type Audience = (typeof AUDIENCES)[number];
export type AttachmentId = (typeof ATTACHMENTS)[number];
export type DeadlineId = (typeof DEADLINE_IDS)[number];
export type AccountabilityLevel = (typeof ACCOUNTABILITY_LEVELS)[number];
export type AccountabilityDocument = (typeof ACCOUNTABILITY_DOCUMENTS)[number];
export type Recommendation = (typeof RECOMMENDATIONS)[number];
export type RuleId = (typeof RULE_IDS)[number];
