import type { Assessment, Lang, Severity } from '../../rules/index.js';
import { assess, formatDate, formatEuros, isCalendarDate, toCents, yearOf } from '../../rules/index.js';
import type { DraftApplication } from '../draft.js';
import { capitalize, docText, joinAnd, ruleText } from './labels.js';

/**
 * What the document says, in one language, as plain strings: no PDF here. The PDF writer lays it out;
 * tests can read it directly. Text a person typed is kept as typed (the writer makes it safe for the PDF).
 */

export interface FieldRow {
  label: string;
  value: string;
  /** Typed by the person: may be long, may contain line breaks. */
  typed?: boolean;
}

export type Block =
  /** Label/value rows; `wide` labels are questions or long names, with short answers. */
  | { kind: 'fields'; rows: FieldRow[]; wide?: boolean }
  /** A long text the person typed, under its own label (a form's text area). */
  | { kind: 'longText'; label: string; text: string }
  | { kind: 'paragraph'; text: string; emphasis?: 'strong' | 'muted' }
  | { kind: 'verdict'; text: string; tone: 'positive' | 'negative' | 'neutral' }
  | {
      kind: 'findings';
      items: { rule: string; severity: Severity; severityLabel: string; message: string; source: string }[];
    }
  | { kind: 'checklist'; items: { id: string; label: string }[] }
  | { kind: 'dates'; items: { id: string; date: string; label: string; past: boolean }[] }
  | { kind: 'bullets'; items: string[] };

export interface Section {
  id: string;
  heading: string;
  blocks: Block[];
}

export interface DocumentModel {
  lang: Lang;
  title: string;
  subtitle: string;
  /** The PDF's author in its metadata. */
  author: string;
  reference: string;
  /** Label and value lines under the title. */
  meta: FieldRow[];
  intro: string;
  sections: Section[];
  footerPage: (page: number, pages: number) => string;
}

/**
 * The assessment in the document's language. The stored one is exactly what the resident saw (in the
 * conversation's language); for the other language the rules run again on the same answers and the same
 * date, which is deterministic. The stored outcome stays authoritative: only wording is taken from the
 * new run, matched by rule and severity (a deployment's remaining budget is not in the draft, so a run
 * could otherwise differ), and a finding without a match keeps its stored wording.
 */
export function assessmentIn(draft: DraftApplication, lang: Lang): Assessment {
  const stored = draft.assessment;
  if ((stored.lang ?? draft.lang) === lang) return stored;
  let fresh: Assessment | undefined;
  try {
    fresh = assess(draft.input, { today: draft.assessedOn, lang });
  } catch {
    fresh = undefined;
  }
  const wording = new Map(fresh?.findings.map((f) => [`${f.rule}:${f.severity}`, f.message]));
  return {
    ...stored,
    lang,
    findings: stored.findings.map((f) => ({
      ...f,
      message: wording.get(`${f.rule}:${f.severity}`) ?? f.message,
    })),
    ...(stored.checklist && {
      checklist: stored.checklist.map((c) => ({
        ...c,
        label: ruleText(lang, `checklist.${c.id}`, draft.rulesetId),
      })),
    }),
    ...(stored.deadlines && {
      deadlines: stored.deadlines.map((d) => ({
        ...d,
        label: ruleText(lang, `deadlines.${d.id}`, draft.rulesetId),
      })),
    }),
    ...(stored.accountability && {
      accountability: {
        ...stored.accountability,
        description: ruleText(lang, `accountability.levels.${stored.accountability.level}`, draft.rulesetId),
      },
    }),
  };
}

const date = (d: string | undefined, lang: Lang): string | undefined =>
  d && isCalendarDate(d) ? formatDate(d, lang) : undefined;

const euros = (amount: number, lang: Lang): string => formatEuros(toCents(amount), lang);

/**
 * `reader`: the resident's own copy, or the consulent's (Dutch, addressed to the consulent, the findings in
 * the consulent's words, and the conversation as an annex).
 */
export function buildDocumentModel(
  draft: DraftApplication,
  lang: Lang,
  reader: 'resident' | 'consulent' = 'resident',
): DocumentModel {
  const t = (key: string, params?: Record<string, string | number>) => docText(lang, key, params);
  const notFilled = t('values.notFilled');
  const yesNo = (v: boolean) => t(v ? 'values.yes' : 'values.no');
  const forConsulent = reader === 'consulent';
  const a = (forConsulent && lang === 'nl' && draft.consulentAssessment) || assessmentIn(draft, lang);
  const input = draft.input;
  const initiative = input.initiative ?? {};
  const money = input.money ?? {};
  const history = input.history ?? {};
  const route = a.route;
  const type = route?.type ?? initiative.type;
  const deadline = (id: string) => a.deadlines?.find((d) => d.id === id)?.date;

  // Aanvrager
  const applicantRows: FieldRow[] = [{ label: t('fields.name'), value: draft.contact.name, typed: true }];
  if (draft.contact.organisation || (input.applicant?.kind && input.applicant.kind !== 'resident')) {
    applicantRows.push({
      label: t('fields.organisation'),
      value: draft.contact.organisation ?? notFilled,
      typed: true,
    });
  }
  applicantRows.push(
    {
      label: t('fields.kind'),
      value: input.applicant?.kind
        ? ruleText(lang, `codes.applicantKinds.${input.applicant.kind}`, draft.rulesetId)
        : notFilled,
    },
    ...(draft.contact.role ? [{ label: t('fields.role'), value: draft.contact.role, typed: true }] : []),
    { label: t('fields.email'), value: draft.contact.email, typed: true },
    { label: t('fields.phone'), value: draft.contact.phone ?? notFilled, typed: true },
    { label: t('fields.address'), value: draft.contact.address ?? notFilled, typed: true },
    ...(draft.contact.kvk ? [{ label: t('fields.kvk'), value: draft.contact.kvk }] : []),
    { label: t('fields.iban'), value: draft.contact.iban ?? notFilled },
  );

  // Initiatief
  const themes = (initiative.themes ?? []).map((c) => ruleText(lang, `codes.themes.${c}`, draft.rulesetId));
  const kaders = (initiative.kaders ?? []).map((c) => ruleText(lang, `codes.kaders.${c}`, draft.rulesetId));
  const initiativeBlocks: Block[] = [
    { kind: 'fields', rows: [{ label: t('fields.title'), value: draft.form.title, typed: true }] },
    { kind: 'longText', label: t('fields.description'), text: draft.form.description },
  ];
  if (draft.form.idea)
    initiativeBlocks.push({ kind: 'longText', label: t('fields.idea'), text: draft.form.idea });
  const initiativeRows: FieldRow[] = [
    { label: t('fields.targetGroup'), value: draft.form.targetGroup, typed: true },
    { label: t('fields.location'), value: draft.form.location, typed: true },
    { label: t('fields.startDate'), value: date(initiative.startDate, lang) ?? notFilled },
    { label: t('fields.endDate'), value: date(initiative.endDate, lang) ?? notFilled },
  ];
  if (initiative.expectedParticipants !== undefined) {
    initiativeRows.push({ label: t('fields.participants'), value: String(initiative.expectedParticipants) });
  }
  initiativeRows.push(
    { label: t('fields.themes'), value: themes.length ? themes.join('\n') : t('values.none') },
    { label: t('fields.kaders'), value: kaders.length ? kaders.join('\n') : t('values.none') },
    {
      label: t('fields.type'),
      value: type ? ruleText(lang, `codes.types.${type}`, draft.rulesetId) : notFilled,
    },
  );
  if (route) {
    initiativeRows.push(
      { label: t('fields.tier'), value: ruleText(lang, `codes.tiers.${route.tier}`, draft.rulesetId) },
      {
        label: t('fields.decidedBy'),
        value: capitalize(ruleText(lang, `codes.deciders.${route.decidedBy}`, draft.rulesetId)),
      },
      {
        label: t('fields.advisors'),
        value: route.advisors.length
          ? route.advisors
              .map((c) => capitalize(ruleText(lang, `codes.advisors.${c}`, draft.rulesetId)))
              .join('\n')
          : t('values.none'),
      },
      { label: t('fields.interview'), value: yesNo(route.interview) },
    );
  }
  initiativeBlocks.push({ kind: 'fields', rows: initiativeRows });

  // Bedragen
  const requested = money.requested;
  const total = money.totalCosts;
  const others = money.thirdPartyContributions ?? 0;
  const moneyRows: FieldRow[] = [
    { label: t('fields.requested'), value: requested !== undefined ? euros(requested, lang) : notFilled },
    { label: t('fields.totalCosts'), value: total !== undefined ? euros(total, lang) : notFilled },
    { label: t('fields.others'), value: euros(others, lang) },
  ];
  if (total !== undefined && requested !== undefined) {
    const own = toCents(total) - toCents(others) - toCents(requested);
    moneyRows.push({
      label: t('fields.ownPart'),
      value:
        own < 0 ? t('values.ownPartNegative') : `${formatEuros(own, lang)}\n(${t('values.ownPartNote')})`,
    });
  }
  const perParticipant =
    a.findings.find((f) => f.rule === 'cost-per-participant')?.value ??
    (requested !== undefined && initiative.expectedParticipants
      ? Math.round((requested * 100) / initiative.expectedParticipants) / 100
      : undefined);
  if (perParticipant !== undefined) {
    moneyRows.push({ label: t('fields.perParticipant'), value: euros(perParticipant, lang) });
  }
  if (route) {
    moneyRows.push({
      label: t('fields.budgetLine'),
      value: capitalize(ruleText(lang, `codes.budgetLines.${route.budgetLine}`, draft.rulesetId)),
    });
  }

  // Andere antwoorden: every other answer that was given, in the order of the form.
  const year =
    initiative.startDate && isCalendarDate(initiative.startDate) ? yearOf(initiative.startDate) : '';
  const answerRows: FieldRow[] = [];
  const answer = (key: string, value: unknown, show: (v: never) => string) => {
    if (value === undefined) return;
    answerRows.push({ label: t(`answers.${key}`, { year }), value: show(value as never) });
  };
  const flag = (v: boolean) => yesNo(v);
  const count = (v: number) => String(v);
  answer('inMunicipality', initiative.inMunicipality, flag);
  answer('ownNeighbourhood', initiative.ownNeighbourhood, flag);
  answer('isActivity', initiative.isActivity, flag);
  answer('fitsGala', initiative.fitsGala, flag);
  answer('alreadyStarted', initiative.alreadyStarted, flag);
  answer('multipleInitiatives', initiative.multipleInitiatives, flag);
  answer('profitMotive', initiative.profitMotive, flag);
  answer('primarilyReligious', initiative.primarilyReligious, flag);
  answer('diaconalOpenToAll', initiative.diaconalOpenToAll, flag);
  answer('worksWithVulnerable', initiative.worksWithVulnerable, flag);
  answer('needsEventPermit', initiative.needsEventPermit, flag);
  answer('kvkFitsBusiness', input.applicant?.kvkFitsBusiness, flag);
  answer('includesFoodAndDrink', money.includesFoodAndDrink, flag);
  answer('targetsLowIncome', money.targetsLowIncome, flag);
  answer('includesMaterialsOrRealEstate', money.includesMaterialsOrRealEstate, flag);
  answer('otherMunicipalFunding', money.otherMunicipalFunding, flag);
  answer('grantsThisYear', history.grantsThisYear, count);
  answer('amountGrantedThisYear', history.amountGrantedThisYear, (v: number) => euros(v, lang));
  answer('nonCoreApplicationsThisYear', history.nonCoreApplicationsThisYear, count);
  answer('coreApplicationThisYear', history.coreApplicationThisYear, flag);
  answer('sameApplicationRefusedBefore', history.sameApplicationRefusedBefore, flag);
  answer('similarGranted', history.similarGranted, flag);

  // Controle door de assistent
  const tone =
    a.verdict === 'eligible' ? 'positive' : a.verdict === 'not-eligible' ? 'negative' : ('neutral' as const);
  const checkBlocks: Block[] = [
    { kind: 'verdict', text: ruleText(lang, `codes.verdicts.${a.verdict}`, draft.rulesetId), tone },
    a.findings.length
      ? {
          kind: 'findings',
          items: a.findings.map((f) => ({
            rule: f.rule,
            severity: f.severity,
            severityLabel: ruleText(lang, `codes.severities.${f.severity}`, draft.rulesetId),
            message: f.message,
            source: t('check.source', { source: f.source }),
          })),
        }
      : { kind: 'paragraph', text: t('check.noFindings') },
    { kind: 'paragraph', text: t('check.notADecision'), emphasis: 'muted' },
  ];

  // Bijlagen nog te sturen
  const checklist = a.checklist ?? [];
  const vog = checklist.some((c) => c.id === 'vog') || a.findings.some((f) => f.rule === 'vog-required');
  const attachmentBlocks: Block[] = [];
  if (a.verdict === 'not-eligible') {
    attachmentBlocks.push({ kind: 'paragraph', text: t('attachments.notEligible') });
  } else if (route?.tier === 'buurt-500') {
    attachmentBlocks.push({ kind: 'paragraph', text: t('attachments.refer') });
  } else if (checklist.length === 0) {
    attachmentBlocks.push({ kind: 'paragraph', text: t('attachments.none') });
  } else {
    attachmentBlocks.push(
      { kind: 'paragraph', text: t('attachments.intro', { reference: draft.reference }) },
      { kind: 'checklist', items: checklist.map((c) => ({ id: c.id, label: c.label })) },
    );
  }
  if (vog && a.verdict !== 'not-eligible') {
    attachmentBlocks.push({ kind: 'paragraph', text: t('attachments.vog'), emphasis: 'muted' });
  }

  // Belangrijke datums
  const deadlines = a.deadlines ?? [];
  const dateBlocks: Block[] = deadlines.length
    ? [
        {
          kind: 'dates',
          items: deadlines.map((d) => ({
            id: d.id,
            date: formatDate(d.date, lang),
            label: d.date < draft.assessedOn ? `${d.label} (${t('values.past')})` : d.label,
            past: d.date < draft.assessedOn,
          })),
        },
      ]
    : [{ kind: 'paragraph', text: t('deadlines.none') }];

  // Wat gebeurt er nu
  const next: string[] = [];
  if (a.verdict === 'not-eligible') {
    next.push(t('next.notEligible'));
  } else if (route?.tier === 'buurt-500') {
    next.push(t('next.received'), t('next.refer'));
  } else {
    next.push(t('next.received'));
    const submitBy = deadline('submit-by');
    if (submitBy) {
      const key = submitBy < draft.assessedOn ? 'next.submitByPast' : 'next.submitBy';
      next.push(t(key, { date: formatDate(submitBy, lang) }));
    }
    if (route) {
      next.push(
        t('next.decider', {
          decider: capitalize(ruleText(lang, `codes.deciders.${route.decidedBy}`, draft.rulesetId)),
        }),
      );
      if (route.advisors.length) {
        const advisors = route.advisors.map((c) => ruleText(lang, `codes.advisors.${c}`, draft.rulesetId));
        next.push(t('next.advisors', { advisors: joinAnd(lang, advisors) }));
      }
      if (route.interview) next.push(t('next.interview'));
    }
    const expected = deadline('decision-expected');
    const latest = deadline('decision-latest');
    if (expected && latest) {
      next.push(
        t('next.decision', { expected: formatDate(expected, lang), latest: formatDate(latest, lang) }),
      );
    }
    const provisional = deadline('provisional-grant-by');
    if (provisional) next.push(t('next.provisional', { date: formatDate(provisional, lang) }));
    if (a.accountability) {
      next.push(a.accountability.description);
      const by = deadline('accountability-by');
      if (by) next.push(t('next.accountabilityBy', { date: formatDate(by, lang) }));
    }
  }
  const nextBlocks: Block[] = [
    { kind: 'bullets', items: next },
    { kind: 'paragraph', text: t('next.contact', { reference: draft.reference }), emphasis: 'strong' },
  ];

  // Regeling: which rules the assistant applied, with their articles.
  const rulesetRows: FieldRow[] = [
    { label: t('ruleset.name'), value: t('ruleset.value', { id: a.ruleset || draft.rulesetId }) },
  ];
  const effectiveFrom = date(a.rulesetEffectiveFrom, lang);
  if (effectiveFrom) rulesetRows.push({ label: t('ruleset.effectiveFrom'), value: effectiveFrom });
  rulesetRows.push({
    label: t('ruleset.assessedOn'),
    value: date(draft.assessedOn, lang) ?? draft.assessedOn,
  });
  const applied: FieldRow[] = [];
  if (a.findings.length) applied.push({ label: t('ruleset.check'), value: t('ruleset.checkSee') });
  const checklistSources = unique(checklist.map((c) => c.source));
  if (checklistSources.length) {
    applied.push({ label: t('ruleset.attachments'), value: checklistSources.join('\n') });
  }
  for (const d of deadlines) applied.push({ label: d.label, value: d.source });
  if (a.accountability && a.verdict !== 'not-eligible') {
    applied.push({ label: t('ruleset.accountability'), value: a.accountability.source });
  }

  const sections: Section[] = [
    { id: 'applicant', heading: t('sections.applicant'), blocks: [{ kind: 'fields', rows: applicantRows }] },
    { id: 'initiative', heading: t('sections.initiative'), blocks: initiativeBlocks },
    { id: 'money', heading: t('sections.money'), blocks: [{ kind: 'fields', rows: moneyRows }] },
  ];
  if (answerRows.length) {
    sections.push({
      id: 'answers',
      heading: t('sections.answers'),
      blocks: [{ kind: 'fields', rows: answerRows, wide: true }],
    });
  }
  sections.push(
    { id: 'check', heading: t('sections.check'), blocks: checkBlocks },
    { id: 'attachments', heading: t('sections.attachments'), blocks: attachmentBlocks },
    { id: 'deadlines', heading: t('sections.deadlines'), blocks: dateBlocks },
    { id: 'next', heading: t('sections.next'), blocks: nextBlocks },
  );
  if (a.verdict !== 'not-eligible' && a.recommendations.length) {
    sections.push({
      id: 'tips',
      heading: t('sections.tips'),
      blocks: [
        {
          kind: 'bullets',
          items: a.recommendations.map((r) => ruleText(lang, `recommendations.${r}`, draft.rulesetId)),
        },
      ],
    });
  }
  sections.push({
    id: 'ruleset',
    heading: t('sections.ruleset'),
    blocks: [
      { kind: 'fields', rows: rulesetRows },
      ...(applied.length
        ? [
            { kind: 'paragraph', text: t('ruleset.appliedIntro') } as const,
            { kind: 'fields', rows: applied, wide: true } as const,
          ]
        : []),
    ],
  });

  if (forConsulent) {
    sections.push({
      id: 'transcript',
      heading: t('sections.transcript'),
      blocks:
        draft.transcript.length > 0
          ? draft.transcript.map((line) => ({
              kind: 'longText' as const,
              label: t(`transcript.${line.from}`),
              text: line.text,
            }))
          : [{ kind: 'paragraph', text: t('transcript.none'), emphasis: 'muted' }],
    });
  }

  return {
    lang,
    title: t('title'),
    subtitle: t('subtitle'),
    author: t('author'),
    reference: draft.reference,
    meta: [
      { label: t('reference'), value: draft.reference },
      { label: t('date'), value: date(draft.assessedOn, lang) ?? draft.assessedOn },
    ],
    intro: t(forConsulent ? 'introConsulent' : 'intro'),
    sections,
    footerPage: (page, pages) => t('footer.page', { page, pages }),
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
