import type { AttachmentId, BudgetLine } from '../codes.js';
import type { DatedValue } from '../dated.js';
import { euros } from '../money.js';

/**
 * Every amount, limit and date of the Subsidieregeling MAG (in force 1 January 2024), with its source.
 * A new year's regulation is a new file like this one, not an edit of this one.
 */
export const SOURCES = {
  regeling: 'Subsidieregeling MAG',
  art2: 'art. 2 lid 1',
  art2lid2: 'art. 2 lid 2',
  art3a: 'art. 3 sub a',
  art3b: 'art. 3 sub b; art. 8; art. 9',
  art3c: 'art. 3 sub c',
  art3d: 'art. 3 sub d',
  art4c: 'art. 4 sub c',
  art5: 'art. 5',
  art6: 'art. 6',
  art7: 'art. 7',
  art8: 'art. 8',
  art11: 'art. 11',
  art12: 'art. 12',
  art13: 'art. 13',
  art13a: 'art. 13 lid 1 sub a',
  art13c: 'art. 13 lid 1 sub c',
  bijlage1Financiering: 'Bijlage 1, Financiering en beoordeling',
  bijlage1Verantwoording: 'Bijlage 1, Verantwoording',
  bijlage2Past: 'Bijlage 2, Past uw idee bij de MAG?',
  bijlage2Algemeen: 'Bijlage 2, Algemene spelregels',
  bijlage2Gala: 'Bijlage 2, Algemene spelregels, noot 1',
  bijlage2Kern: 'Bijlage 2, Algemene spelregels, noot 2',
  bijlage2Winst: 'Bijlage 2, Geen winstoogmerk',
  bijlage2NietGesubsidieerd: 'Bijlage 2, Deze initiatieven subsidieert de gemeente niet',
  bijlage2Weigering: 'Bijlage 2, Weigeringsgronden',
  bijlage2Aanvraagproces: 'Bijlage 2, Aanvraagproces',
  bijlage2Financiering: 'Bijlage 2, Aanbevelingen, Financiering',
  bijlage2Aanbevelingen: 'Bijlage 2, Aanbevelingen',
  bijlage2Vog: 'Bijlage 2, Verklaring Omtrent Gedrag',
  bijlage2KernTermijn: 'Bijlage 2 §1, Aanvraagtermijn',
  bijlage2KernMeerjarig: 'Bijlage 2 §1, Beslissing en beslistermijn',
  bijlage2KernBoven10000: 'Bijlage 2 §1, MAG-aanvraag vanaf € 10.000',
  bijlage2Eenmalig: 'Bijlage 2 §2',
  bijlage2Buurt: 'Bijlage 2 §2, MAG-aanvraag voor in de eigen buurt tot en met € 500',
  bijlage2Evenement: 'Bijlage 2 §3',
  bijlage2Sport: 'Bijlage 2 §4',
  bijlage2SportTabel: 'Bijlage 2 §4, tabel 1',
  bijlage2Beslistermijn: 'Bijlage 2, Beslissing en beslistermijn',
  bijlage3: 'Bijlage 3',
} as const;

export const PARAMETERS = {
  /** Own-neighbourhood initiatives of residents up to this amount go to the buurtwerker (Bijlage 2 §2). */
  buurtMax: euros(500),
  /** Upper bound of tier `tot-1000`, inclusive (art. 4 sub a). */
  smallMax: euros(1_000),
  /** Upper bound of tier `tot-10000`, inclusive: art. 4, 5 and 7 say "groter dan € 10.000". */
  middleMax: euros(10_000),
  /** Above this the college decides instead of the wethouder (Bijlage 2 §1). */
  wethouderMax: euros(150_000),
  /** At most this many MAG grants to one applicant per calendar year (art. 3 sub c): the 4th is refused. */
  maxGrantsPerYear: 3,
  /** Non-core initiatives: at most two applications per calendar year (Bijlage 2, Algemene spelregels). */
  maxNonCoreApplicationsPerYear: 2,
  /** "In ieder geval 8 weken voor de start" (Bijlage 2, Aanvraagproces). */
  applyDaysBeforeStart: 56,
  /** Decision within 8 weeks, once extendable by 6 weeks (Bijlage 2, Beslissing en beslistermijn). */
  decisionDays: 56,
  decisionExtensionDays: 42,
  /** Kernactiviteit ≤ € 10.000: "uiterlijk eind oktober" of the subsidy year (Bijlage 2 §1). */
  kernDeadline: { month: 10, day: 31 },
  /**
   * Above € 10.000, applications for year Y: art. 5 lid 1 wants them received before 16 August of Y−1,
   * Bijlage 2 §1 allows up to 15 September of Y−1. For Y = 2024, art. 5 lid 2: before 29 February 2024,
   * Bijlage 2: at the latest 29 February 2024.
   */
  aboveMiddleDeadline: {
    art5LastDay: { month: 8, day: 15 },
    bijlage2LastDay: { month: 9, day: 15 },
    conceptBy: { month: 7, day: 1 },
    conceptDiscussedBy: { month: 9, day: 10 },
    provisionalGrantBy: { month: 12, day: 31 },
    firstYearExceptions: { 2024: { art5LastDay: '2024-02-28', bijlage2LastDay: '2024-02-29' } } as Record<
      number,
      { art5LastDay: string; bijlage2LastDay: string }
    >,
  },
  /** Multi-year grants for yearly activities "onder de € 1.000", for at most 3 years (Bijlage 2 §1; Bijlage 1). */
  multiYearBelow: euros(1_000),
  multiYearMaxYears: 3,
  /** A volunteer's VOG "mag niet ouder zijn dan vier jaar" (Bijlage 2, Verklaring Omtrent Gedrag). */
  vogMaxAgeYears: 4,
  /** Sportakkoord II money runs "jaarlijks tot en met 2026" (Bijlage 2 §4, tabel 1). */
  sportakkoordLastYear: 2026,
  /** Accountability by the total granted to one party in a calendar year (art. 11–13; Bijlage 1). */
  accountability: { directMax: euros(5_000), reportMax: euros(50_000), auditKernBy: { month: 4, day: 1 } },
  /** Art. 12: within 8 weeks after the activities; art. 13 sub c: within 12 weeks. */
  reportDaysAfterEnd: 56,
  auditDaysAfterEnd: 84,
  /**
   * Budget ceilings of the lines this assistant serves, by subsidy year, each with its source; the deployment
   * (the consulent's budget page) says what is left. Art. 8 lid 1 sets the ceiling "volgens het in bijlage 3
   * opgenomen overzicht"; Bijlage 3 gives the figures of 2024 and nothing later; art. 8 lid 2 lets the
   * college set changed ones and publish them. The regeling has no end date and no later figures were
   * published in the sources, so Bijlage 3 holds from 2024 until changed: explicitly, not as a fallback. A
   * published change is a new entry here with its own `from` and source. (Sport en bewegen, € 30.635, is
   * € 17.000 MAG money plus the Sportakkoord II money of 2024, € 13.635, Bijlage 2 §4 tabel 1; that table
   * foresees € 10.484 in 2026 and nothing after it, but no source turns that into a changed ceiling.)
   */
  budgetCeilings: [
    {
      from: 2024,
      through: 'until-changed',
      values: { 'sport-en-bewegen': euros(30_635), 'overige-initiatieven': euros(115_000) },
      source: `${SOURCES.bijlage3} (subsidieplafond MAG-budget 2024); ${SOURCES.art8}: tot het college het plafond wijzigt`,
    },
  ] satisfies readonly DatedValue<Record<BudgetLine, number>>[],
} as const;

/** The figures texts mention, by name: a text says `{{middleMax}}`, never "€ 10.000". */
export const TEXT_PARAMETERS = {
  buurtMax: { money: PARAMETERS.buurtMax },
  smallMax: { money: PARAMETERS.smallMax },
  middleMax: { money: PARAMETERS.middleMax },
  wethouderMax: { money: PARAMETERS.wethouderMax },
  directMax: { money: PARAMETERS.accountability.directMax },
  reportMax: { money: PARAMETERS.accountability.reportMax },
  multiYearBelow: { money: PARAMETERS.multiYearBelow },
  multiYearMaxYears: PARAMETERS.multiYearMaxYears,
  maxGrants: PARAMETERS.maxGrantsPerYear,
  maxNonCore: PARAMETERS.maxNonCoreApplicationsPerYear,
  applyWeeks: PARAMETERS.applyDaysBeforeStart / 7,
  decisionWeeks: PARAMETERS.decisionDays / 7,
  extensionWeeks: PARAMETERS.decisionExtensionDays / 7,
  vogMaxAgeYears: PARAMETERS.vogMaxAgeYears,
} as const;

/** Attachments per case (Bijlage 2 §1–§4). */
export const CHECKLISTS = {
  basic: ['aanvraagformulier', 'activiteitenplan', 'publiciteitsplan', 'begroting'],
  organisationAboveSmall: ['kvk-uittreksel', 'statuten', 'bestuurssamenstelling'],
  professionalAboveSmall: ['kvk-uittreksel'],
  kernAboveMiddle: [
    'aanvraagformulier',
    'uitvoeringsplan',
    'publiciteitsplan',
    'begroting-met-subsidies-elders',
    'kvk-uittreksel',
    'statuten',
    'bestuurssamenstelling',
    'jaarrekening',
    'jaarverslag',
  ],
  /** A sole trader has a KvK extract but no statuten or board: our reading, see `mag-rules.md`. */
  kernAboveMiddleWithoutBoard: ['statuten', 'bestuurssamenstelling'],
  evenement: [
    'aanvraagformulier',
    'evenementenplan',
    'communicatieplan',
    'begroting',
    'vergunning-of-melding',
  ],
  sport: ['aanvraagformulier', 'uitvoeringsplan', 'communicatieplan', 'begroting'],
} as const satisfies Record<string, readonly AttachmentId[]>;

export const CHECKLIST_SOURCES = {
  basic: 'Bijlage 2 §1 en §2, Aanleveren',
  kernAboveMiddle: 'Bijlage 2 §1, MAG-aanvraag vanaf € 10.000, Aanleveren',
  evenement: 'Bijlage 2 §3, Aanleveren',
  sport: 'Bijlage 2 §4, Aanleveren',
  vog: SOURCES.bijlage2Vog,
} as const;
