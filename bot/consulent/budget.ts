import type { FastifyInstance } from 'fastify';
import type { DraftSummary } from '../../drafts/draft.js';
import type { BudgetLine, CalendarDate, Cents } from '../../rules/index.js';
import { BUDGET_LINES, MAX_EUROS, RULESETS, toCents, toEuros, yearOf } from '../../rules/index.js';
import type { DraftStore } from '../../storage/interfaces.js';
import type { BudgetBook } from '../remaining-budget.js';
import type { ConsulentAuth } from './auth.js';
import { type Form, guardConsulentPages, sendHtml } from './guard.js';
import { formatAmount, t } from './texts.js';
import type { BudgetFormErrors, BudgetView, Requested } from './views/budget.js';
import { budgetPage } from './views/budget.js';
import { messagePage } from './views/layout.js';

export interface BudgetPagesOptions {
  auth: ConsulentAuth;
  budget: BudgetBook;
  drafts: DraftStore;
  today: () => CalendarDate;
}

/** The first subsidy year any ruleset covers; a consulent may set figures up to this many years ahead. */
const FIRST_YEAR = yearOf(RULESETS[0]!.effectiveFrom);
const YEARS_AHEAD = 10;

const isLine = (v: unknown): v is BudgetLine => BUDGET_LINES.includes(v as BudgetLine);
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

function yearIn(value: unknown, range: { from: number; to: number }): number | undefined {
  const s = text(value);
  if (!/^\d{4}$/.test(s)) return undefined;
  const year = Number(s);
  return year >= range.from && year <= range.to ? year : undefined;
}

/**
 * An amount in euros as a consulent types it: `27.484`, `27484,50`, `€ 27.484,-`, `27484.50`; empty is
 * `null` (the default). A dot followed by three digits separates thousands, as in Dutch.
 */
export function parseEuros(value: string): Cents | null | 'invalid' | 'too-high' {
  const s = value.replace(/[\s€]/gu, '').replace(/,-$/, '');
  if (s === '') return null;
  let plain: string;
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?$/.test(s)) plain = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d+(?:,\d{1,2})?$/.test(s)) plain = s.replace(',', '.');
  else if (/^\d+\.\d{1,2}$/.test(s)) plain = s;
  else return 'invalid';
  const euros = Number(plain);
  if (!Number.isFinite(euros)) return 'invalid';
  return euros > MAX_EUROS ? 'too-high' : toCents(euros);
}

/** The eligible drafts starting in each year, per line: what they ask in all, and how many there are. */
function requestedByYear(drafts: DraftSummary[]): Map<number, Map<BudgetLine, Requested>> {
  const out = new Map<number, Map<BudgetLine, Requested>>();
  for (const d of drafts) {
    if (d.unreadable || d.verdict !== 'eligible' || !d.startDate || !isLine(d.budgetLine)) continue;
    const year = yearOf(d.startDate);
    const lines = out.get(year) ?? new Map<BudgetLine, Requested>();
    const sum = lines.get(d.budgetLine) ?? { total: 0, count: 0 };
    lines.set(d.budgetLine, { total: sum.total + toCents(d.requested), count: sum.count + 1 });
    out.set(year, lines);
  }
  return out;
}

/**
 * `/consulent/budget`: per subsidy year each budget line's ceiling, what is left and what the drafts of
 * that year ask; a form per line to change its figures, kept as a history. The same login, session, CSRF
 * and headers as the other consulent pages. What is saved counts for the next turn and request.
 */
export async function budgetPages(
  app: FastifyInstance,
  { auth, budget, drafts, today }: BudgetPagesOptions,
): Promise<void> {
  const { caller } = guardConsulentPages(app, auth);

  const rangeNow = () => {
    const current = yearOf(today());
    return { current, range: { from: FIRST_YEAR, to: current + YEARS_AHEAD } };
  };

  /** The page as it is now: the figures are read again first (another instance may have saved some). */
  async function view(
    extra: Pick<BudgetView, 'saved' | 'errors' | 'badYear'>,
    asked?: number,
  ): Promise<BudgetView> {
    const { current, range } = rangeNow();
    await budget.refresh();
    const requested = requestedByYear(await drafts.list());
    const inRange = (y: number) => y >= range.from && y <= range.to;
    const years = [
      ...new Set([current, current + 1, ...budget.yearsSet, ...requested.keys(), ...(asked ? [asked] : [])]),
    ]
      .filter(inRange)
      .sort((a, b) => a - b);
    return {
      years: years.map((year) => ({
        year,
        lines: budget.figuresOf(year).map((figures) => ({
          ...figures,
          requested: requested.get(year)?.get(figures.line) ?? { total: 0, count: 0 },
        })),
      })),
      history: await budget.history(),
      range,
      ...extra,
    };
  }

  app.get<{ Querystring: Record<string, unknown> }>('/', async (request, reply) => {
    const { range } = rangeNow();
    const q = request.query;
    const asked = yearIn(q.jaar, range);
    const line = isLine(q.post) ? q.post : undefined;
    const saved =
      asked !== undefined && line && (q.melding === 'opgeslagen' || q.melding === 'ongewijzigd')
        ? { year: asked, line, changed: q.melding === 'opgeslagen' }
        : undefined;
    // A year outside the range is said, with what was typed (cut short), never silently ignored.
    const badYear = q.jaar !== undefined && asked === undefined ? text(q.jaar).slice(0, 10) : undefined;
    const extra = { ...(saved && { saved }), ...(badYear !== undefined && { badYear }) };
    const page = budgetPage(await view(extra, asked), caller(request).viewer);
    return sendHtml(reply, badYear === undefined ? 200 : 400, page);
  });

  app.post('/', async (request, reply) => {
    const { session, viewer } = caller(request);
    const form = (request.body ?? {}) as Form;
    const { range } = rangeNow();
    const year = yearIn(form.year, range);
    if (year === undefined) {
      const message = t('budget.errors.badYear', range);
      return sendHtml(reply, 400, messagePage(t('errors.badRequestTitle'), [message], viewer));
    }
    const line = form.line;
    if (!isLine(line)) {
      const message = t('budget.errors.badLine');
      return sendHtml(reply, 400, messagePage(t('errors.badRequestTitle'), [message], viewer));
    }
    const values = { ceiling: text(form.ceiling), remaining: text(form.remaining) };
    const fields: BudgetFormErrors['fields'] = {};
    const parsed = { ceiling: parseEuros(values.ceiling), remaining: parseEuros(values.remaining) };
    for (const name of ['ceiling', 'remaining'] as const) {
      const p = parsed[name];
      if (p === 'invalid') fields[name] = t('budget.errors.amount');
      if (p === 'too-high') fields[name] = t('budget.errors.tooHigh');
    }
    await budget.refresh();
    const ceiling =
      typeof parsed.ceiling === 'number' || parsed.ceiling === null ? parsed.ceiling : undefined;
    const remaining =
      typeof parsed.remaining === 'number' || parsed.remaining === null ? parsed.remaining : undefined;
    // What is left can be no more than the ceiling that will hold: the one typed, else the regeling's.
    const limit = ceiling === null ? budget.rulesetCeilings(year)?.values[line] : ceiling;
    if (typeof remaining === 'number' && limit !== undefined && remaining > limit) {
      fields.remaining = t('budget.errors.aboveCeiling', { amount: formatAmount(toEuros(limit)) });
    }
    if (fields.ceiling || fields.remaining || ceiling === undefined || remaining === undefined) {
      const errors: BudgetFormErrors = { year, line, values, fields };
      return sendHtml(reply, 400, budgetPage(await view({ errors }, year), viewer));
    }
    const before = budget.figuresOf(year).find((f) => f.line === line)!.set;
    const changed = before.ceiling !== ceiling || before.remaining !== remaining;
    if (changed) {
      await budget.set({ year, line, ceiling, remaining, by: session.user });
      request.log.info({ year, line, by: session.user }, 'budget figures changed');
    }
    const melding = changed ? 'opgeslagen' : 'ongewijzigd';
    return reply.redirect(`/consulent/budget?jaar=${year}&post=${line}&melding=${melding}#year-${year}`, 303);
  });
}
