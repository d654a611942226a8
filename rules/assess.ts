import type { RemainingBudgetOption } from './budget.js';
import { budgetContext } from './budget.js';
import type { CalendarDate } from './calendar-date.js';
import type {
  AccountabilityDocument,
  AccountabilityLevel,
  AttachmentId,
  Audience,
  DeadlineId,
  Lang,
  Recommendation,
  RuleId,
  Severity,
  Verdict,
} from './codes.js';
import { SEVERITIES } from './codes.js';
import { toFacts } from './facts.js';
import type { AssessInput, SlotPath } from './input-schema.js';
import { formatParams, hasMessage, message, rulesetFigures } from './messages.js';
import { toEuros } from './money.js';
import type { RuleContext } from './rule.js';
import type { Route } from './ruleset.js';
import { rulesetFor } from './rulesets.js';

export interface AssessOptions {
  /** The assessment date when the input names none (the server's date in Europe/Amsterdam). */
  today: CalendarDate;
  lang?: Lang;
  /**
   * Who reads the texts: the applicant ("u", the default) or a buurtwerker during an intake, who reads
   * about "de aanvrager" (a text's `_intake` variant where it has one). Codes and figures are the same.
   */
  audience?: Audience;
  /**
   * What is left of each budget line: the same for every year, or a function of the subsidy year (the year
   * the initiative starts). A line it leaves out has the ceiling of that year from the ruleset's dated
   * values; a year with neither is reported (`budget-ceiling`, variant `no-figures`), never filled in.
   */
  remainingBudget?: RemainingBudgetOption;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  source: string;
  message: string;
  /** Euros, for `cost-per-participant`. */
  value?: number;
  /** Euros, for `exceeds-remaining-costs`. */
  maxAmount?: number;
}

export interface Assessment {
  verdict: Verdict;
  ruleset: string;
  route?: Route;
  findings: Finding[];
  checklist?: { id: AttachmentId; label: string; required: boolean; source: string }[];
  deadlines?: { id: DeadlineId; date: CalendarDate; label: string; source: string }[];
  accountability?: {
    level: AccountabilityLevel;
    documents: AccountabilityDocument[];
    description: string;
    /** Euros: this request plus earlier MAG grants this calendar year. */
    totalThisYear: number;
    source: string;
  };
  recommendations: Recommendation[];
  /** Partial assessments only: the slots a full assessment still needs. */
  missing?: SlotPath[];
  rulesetEffectiveFrom: CalendarDate;
  today: CalendarDate;
  lang: Lang;
}

const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

/**
 * Applies the ruleset in force on the assessment date to a validated input. Pure: the date comes in,
 * nothing is read or written. With `partial: true` unanswered slots stay unknown, and only what the
 * given answers already settle is reported.
 */
export function assess(input: AssessInput, options: AssessOptions): Assessment {
  const lang = options.lang ?? 'nl';
  const today = input.today ?? options.today;
  const partial = input.partial === true;
  const ruleset = rulesetFor(today);
  const facts = toFacts(input, today, partial);
  const ctx: RuleContext = budgetContext(ruleset.budgetCeilings, options.remainingBudget);
  const figures = rulesetFigures(ruleset.id, lang);
  const intake = options.audience === 'intake';
  const text = (key: string, params: Record<string, string | number> = {}) =>
    message(lang, intake && hasMessage(lang, `${key}_intake`) ? `${key}_intake` : key, {
      ...figures,
      ...params,
    });

  const findings: Finding[] = [];
  for (const rule of ruleset.findings) {
    const hit = rule.check(facts, ctx);
    if (!hit) continue;
    const key = hit.variant ? `findings.${rule.id}.${hit.variant}` : `findings.${rule.id}`;
    findings.push({
      rule: rule.id,
      severity: hit.severity ?? rule.severity,
      source: rule.source,
      message: text(key, formatParams(hit.params, lang)),
      ...(hit.value !== undefined && { value: toEuros(hit.value) }),
      ...(hit.maxAmount !== undefined && { maxAmount: toEuros(hit.maxAmount) }),
    });
  }
  findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));

  const refused = findings.some((f) => f.severity === 'refusal');
  const route = ruleset.routeOf(facts);
  const verdict: Verdict = refused
    ? 'not-eligible'
    : partial || !route
      ? 'incomplete'
      : route.tier === 'buurt-500'
        ? 'refer'
        : 'eligible';

  const accountability = ruleset.accountabilityOf(facts);
  // A refused application has nothing to send; a partial one without a refusal has no lists yet.
  const complete = !partial && route !== undefined;
  const checklist = refused ? [] : complete ? ruleset.checklistOf(facts, route) : undefined;
  const deadlines = refused ? [] : complete ? ruleset.deadlinesOf(facts, route, accountability) : undefined;

  return {
    verdict,
    ruleset: ruleset.id,
    ...(route && { route }),
    findings,
    ...(checklist && {
      checklist: checklist.map((c) => ({
        id: c.id,
        label: text(`checklist.${c.id}`),
        required: c.required,
        source: c.source,
      })),
    }),
    ...(deadlines && {
      deadlines: deadlines.map((d) => ({
        id: d.id,
        date: d.date,
        label: text(`deadlines.${d.id}`),
        source: d.source,
      })),
    }),
    ...(accountability && {
      accountability: {
        level: accountability.level,
        documents: accountability.documents,
        description: text(`accountability.levels.${accountability.level}`),
        totalThisYear: toEuros(accountability.totalThisYear),
        source: accountability.source,
      },
    }),
    recommendations: [...ruleset.recommendations],
    ...(partial && { missing: ruleset.missingSlots(facts) }),
    rulesetEffectiveFrom: ruleset.effectiveFrom,
    today,
    lang,
  };
}
