import type { Assessment, Finding, Lang, RuleId } from '../rules/index.js';
import { formatDate, yearOf } from '../rules/index.js';
import { choiceTitle } from './choice-options.js';
import { formatAnswer } from './format-answer.js';
import type { Translate } from './i18n.js';
import { translator } from './i18n.js';
import type { IntakeContext } from './intake-machine.js';
import { currentSlot, nextOptions, shortcutsFor } from './interpret.js';
import type { Choice, ConversationStatus, OutgoingMessage } from './outgoing.js';
import { reviewedSlots } from './review.js';
import { slotDefinition } from './slots.js';

const lines = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join('\n');
const bullets = (items: string[]) => items.map((i) => `- ${i}`).join('\n');

/** Choice questions whose options each get one plain sentence of explanation. */
const EXPLAINED: Partial<Record<string, string>> = {
  'initiative.themes': 'themes',
  'initiative.kaders': 'kaders',
  'initiative.type': 'types',
};

function questionMessage(ctx: IntakeContext, t: Translate): OutgoingMessage {
  const slot = currentSlot(ctx);
  const def = slotDefinition(slot);
  const lang = ctx.lang;
  const startDate = ctx.answers['initiative.startDate'];
  const year = typeof startDate === 'string' ? yearOf(startDate) : Number(ctx.today.slice(0, 4));
  const choices: Choice[] = [];
  let body = '';

  if (slot === 'help.review') {
    const answered = reviewedSlots(ctx);
    // The verdict these answers give now: a change in the review shows its effect before anything is sent.
    const now = ctx.step.kind === 'ask' ? ctx.step.assessment : undefined;
    const concerns = now?.findings.filter((f) => f.severity === 'risk' || f.severity === 'warning') ?? [];
    body = lines(
      now && t(`rules:codes.verdicts.${now.verdict}`),
      concerns.length > 0 && bullets(concerns.map((f) => findingLine(f, t))),
      now && '',
      `1. ${t('choices.confirm')}`,
      ...answered.map(
        (s, i) => `${i + 2}. ${t(`labels.${s}`)}: ${formatAnswer(s, ctx.answers[s]!, lang, t)}`,
      ),
    );
    choices.push({ value: 'confirm', title: t('choices.confirm') });
    for (const s of answered) choices.push({ value: s, title: t(`labels.${s}`) });
  } else if (slot === 'next') {
    for (const code of nextOptions(ctx)) choices.push({ value: code, title: t(`choices.${code}`) });
  } else if (def.input === 'choice' || def.input === 'multi') {
    const group = EXPLAINED[slot];
    const options = def.options ?? [];
    if (group) {
      body = options
        .map((code, i) => `${i + 1}. ${choiceTitle(slot, code, lang)}: ${t(`explain.${group}.${code}`)}`)
        .join('\n');
    }
    for (const code of options) choices.push({ value: code, title: choiceTitle(slot, code, lang) });
    if (def.input === 'multi') choices.push({ value: 'none', title: t('choices.none') });
  } else if (def.input === 'yesno') {
    choices.push({ value: 'yes', title: t('choices.yes') }, { value: 'no', title: t('choices.no') });
  }
  for (const shortcut of shortcutsFor(ctx, def)) {
    const title =
      shortcut === 'skip' && def.input === 'phone' ? t('choices.skip-phone') : t(`choices.${shortcut}`);
    choices.push({ value: shortcut, title });
  }
  const previous = ctx.previous[slot];
  const hint = ['date', 'amount', 'count', 'multi', 'email', 'phone'].includes(def.input)
    ? t(`hints.${def.input}`)
    : '';
  return {
    text: lines(
      t(`questions.${slot}`, { year }),
      body,
      // A blank line: otherwise Markdown reads the hint as part of the last numbered option.
      hint && body ? `\n${hint}` : hint,
      previous !== undefined && t('previous', { answer: formatAnswer(slot, previous, lang, t) }),
    ),
    ask: slot,
    input: def.input,
    ...(choices.length > 0 && { choices }),
    ...(def.input === 'multi' && { multiSelect: true }),
  };
}

const findingLine = (f: Finding, t: Translate) => `${f.message} ${t('outcome.source', { source: f.source })}`;

const AMOUNT_RULES: readonly RuleId[] = ['non-core-cap', 'budget-ceiling', 'applicant-above-10000'];
const TYPE_RULES: readonly RuleId[] = [
  'kern-needs-organisation',
  'core-once-a-year',
  'non-core-twice-a-year',
];
const TIME_RULES: readonly RuleId[] = [
  'kern-deadline',
  'deadline-above-10000',
  'already-started',
  'grant-limit',
];

/** The verdict first, then why, who decides, what to send, by when, and what comes after. */
function outcomeMessages(a: Assessment, t: Translate, lang: Lang): OutgoingMessage[] {
  const by = (severity: Finding['severity']) => a.findings.filter((f) => f.severity === severity);
  const refusals = by('refusal');
  const verdict: OutgoingMessage = {
    text: lines(
      t(`rules:codes.verdicts.${a.verdict}`),
      refusals.length > 0 && t('outcome.reasons'),
      refusals.length > 0 && bullets(refusals.map((f) => findingLine(f, t))),
      a.verdict === 'refer' && t('outcome.referContact'),
    ),
    assessment: a,
  };
  const messages: OutgoingMessage[] = [verdict];

  if (a.verdict === 'not-eligible') {
    const fired = new Set(refusals.map((f) => f.rule));
    const options = [
      AMOUNT_RULES.some((r) => fired.has(r)) && t('outcome.alternative.amount'),
      TYPE_RULES.some((r) => fired.has(r)) && t('outcome.alternative.type'),
      TIME_RULES.some((r) => fired.has(r)) && !fired.has('non-core-cap') && t('outcome.alternative.nextYear'),
      t('outcome.alternative.contact'),
    ].filter((o): o is string => typeof o === 'string');
    messages.push({ text: lines(t('outcome.alternatives'), bullets(options)) });
    return messages;
  }

  const route = a.route;
  const details = lines(
    route &&
      t('outcome.tier', {
        type: t(`rules:codes.types.${route.type}`),
        tier: t(`rules:codes.tiers.${route.tier}`),
      }),
    route && t('outcome.route', { decider: t(`rules:codes.deciders.${route.decidedBy}`) }),
    route &&
      route.advisors.length > 0 &&
      t('outcome.advisors', {
        advisors: route.advisors.map((x) => t(`rules:codes.advisors.${x}`)).join(', '),
      }),
    route?.interview && t('outcome.interview'),
    by('risk').length > 0 && `\n${t('outcome.risks')}\n${bullets(by('risk').map((f) => findingLine(f, t)))}`,
    by('warning').length > 0 &&
      `\n${t('outcome.warnings')}\n${bullets(by('warning').map((f) => findingLine(f, t)))}`,
    a.checklist &&
      a.checklist.length > 0 &&
      `\n${t('outcome.checklist')}\n${bullets(a.checklist.map((c) => c.label))}`,
    a.deadlines &&
      a.deadlines.length > 0 &&
      `\n${t('outcome.deadlines')}\n${bullets(
        a.deadlines.map((d) => t('outcome.deadline', { label: d.label, date: formatDate(d.date, lang) })),
      )}`,
    a.accountability && `\n${t('outcome.accountability', { description: a.accountability.description })}`,
  );
  messages.push({ text: details });
  const info = by('info');
  messages.push({
    text: lines(
      info.length > 0 && `${t('outcome.info')}\n${bullets(info.map((f) => findingLine(f, t)))}\n`,
      t('outcome.recommendations'),
      bullets(a.recommendations.map((r) => t(`rules:recommendations.${r}`))),
    ),
  });
  return messages;
}

function noticeText(ctx: IntakeContext, t: Translate): string | undefined {
  const notice = ctx.notice;
  if (!notice) return undefined;
  switch (notice.kind) {
    case 'invalid': {
      // Counts and amounts share the number reader; the explanation names what was asked.
      const countAsked = slotDefinition(currentSlot(ctx)).input === 'count';
      const error = notice.error === 'not-a-number' && countAsked ? 'not-a-count' : notice.error;
      return t(`errors.${error}`, { defaultValue: t('errors.invalid') });
    }
    case 'help': {
      const slot = currentSlot(ctx);
      const key = `help.${slot}`;
      return lines(safe(t, key) ?? t('help.default'), t('commands'));
    }
    default:
      return t(`notices.${notice.kind}`);
  }
}

function safe(t: Translate, key: string): string | undefined {
  try {
    return t(key);
  } catch {
    return undefined;
  }
}

export interface RenderOptions {
  /** The conversation's first turn: greet before the first question. */
  greeting?: boolean;
  /** Said before everything else (for instance about the old organisation). */
  aside?: 'stuwkracht';
}

/** Everything the person should read after a turn, in order; the last message asks the next question. */
export function render(
  ctx: IntakeContext,
  status: ConversationStatus,
  options: RenderOptions = {},
): OutgoingMessage[] {
  const t = translator(ctx.lang, ctx.audience);
  const out: OutgoingMessage[] = [];
  if (options.aside === 'stuwkracht') out.push({ text: t('outcome.stuwkracht') });
  if (options.greeting) out.push({ text: lines(t('greeting'), t('commands')) });
  if (status === 'stopped') return [...out, { text: t('stopped') }];
  if (status === 'submitted') return [...out, { text: t('submitted') }];
  if (status === 'finished') {
    return [...out, { text: ctx.answers['draft.consent'] === false ? t('notSent') : t('finished') }];
  }
  const notice = noticeText(ctx, t);
  if (notice) out.push({ text: notice });
  // A verdict is shown when it is reached, also by going back to it (a day later it may be a new one);
  // after a notice that only repeats the question (help, an unusable answer) just the question follows.
  if (
    ctx.step.kind === 'outcome' &&
    (!ctx.notice || ['language', 'restarted', 'back'].includes(ctx.notice.kind))
  ) {
    out.push(...outcomeMessages(ctx.step.assessment, t, ctx.lang));
  }
  out.push(questionMessage(ctx, t));
  return out;
}
