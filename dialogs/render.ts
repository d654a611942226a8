import type { Assessment, Finding, Lang, RemedyOption } from '../rules/index.js';
import { formatDate, formatEuros, THEMES, toCents } from '../rules/index.js';
import type { SlotId } from './answers.js';
import { contactKindOf, displayContact } from './callback.js';
import { choiceTitle } from './choice-options.js';
import { askView, settledSlots } from './flow.js';
import { formatAnswer } from './format-answer.js';
import type { Translate } from './i18n.js';
import { applicantOf, hasText, translator } from './i18n.js';
import type { AnswerNote, IntakeContext, IntakeSettings, Notice } from './intake-machine.js';
import { currentSlot, nextOptions, nextTitleParams, shortcutsFor, subsidyYearOf } from './interpret.js';
import { escapeMarkdown } from './markdown.js';
import type { Choice, ConversationStatus, OutgoingMessage } from './outgoing.js';
import { optionsOf, questionDefinition } from './questions.js';
import { reviewedSlots } from './review.js';

const lines = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join('\n');
const bullets = (items: string[]) => items.map((i) => `- ${i}`).join('\n');

/** Choice questions whose options each get one plain sentence of explanation. */
const EXPLAINED: Partial<Record<string, string>> = {
  'initiative.themes': 'themes',
  'initiative.kaders': 'kaders',
  'initiative.type': 'types',
};

/** The question's own text; the start date asked again names the year or the round it is for. */
function questionText(ctx: IntakeContext, t: Translate, year: number, settings: IntakeSettings): string {
  const slot = currentSlot(ctx);
  const hint = ctx.startHint;
  if (slot === 'initiative.startDate' && hint) {
    return 'year' in hint ? t('startHints.year', { year: hint.year }) : t('startHints.nextRound');
  }
  return t(`questions.${slot}`, { year, retention: retentionText(settings.draftRetentionDays, t) });
}

/** How long a draft is kept, in words: "een jaar", "2 jaar", "90 dagen". */
function retentionText(days: number | undefined, t: Translate): string {
  const kept = days ?? 365;
  if (kept % 365 === 0)
    return kept === 365 ? t('retention.oneYear') : t('retention.years', { count: kept / 365 });
  return t('retention.days', { count: kept });
}

function questionMessage(ctx: IntakeContext, t: Translate, settings: IntakeSettings = {}): OutgoingMessage {
  const slot = currentSlot(ctx);
  const def = questionDefinition(slot);
  const lang = ctx.lang;
  const view = askView(ctx.answers, ctx.today);
  const year = subsidyYearOf(ctx);
  const titleParams = { year };
  const choices: Choice[] = [];
  let body = '';
  let settles: OutgoingMessage['settles'];

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
        (s, i) => `${i + 2}. ${t(`labels.${s}`)}: ${formatAnswer(s, ctx.answers[s]!, lang, t, titleParams)}`,
      ),
    );
    choices.push({ value: 'confirm', title: t('choices.confirm') });
    for (const s of answered) choices.push({ value: s, title: t(`labels.${s}`) });
  } else if (slot === 'next') {
    const params = nextTitleParams(ctx)[lang] ?? {};
    for (const code of nextOptions(ctx))
      choices.push({ value: code, title: choiceTitle('next', code, lang, params, ctx.audience) });
  } else if (def.input === 'choice' || def.input === 'multi') {
    const group = EXPLAINED[slot];
    const options = optionsOf(def, view);
    const title = (code: string) => choiceTitle(slot, code, lang, titleParams, ctx.audience);
    if (slot === 'help.fit') {
      // Two lists under their own heading, numbered on: the themes, then the kaders.
      const firstKader = options.findIndex((code) => !(THEMES as readonly string[]).includes(code));
      body = options
        .map((code, i) => {
          const part = i < firstKader ? 'themes' : 'kaders';
          // A blank line before the second heading: otherwise Markdown reads it as part of the list above.
          const heading =
            i === 0
              ? `${t('fitHeadings.themes')}\n`
              : i === firstKader
                ? `\n${t('fitHeadings.kaders')}\n`
                : '';
          const name = choiceTitle(part === 'themes' ? 'initiative.themes' : 'initiative.kaders', code, lang);
          return `${heading}${i + 1}. ${name}: ${t(`explain.${part}.${code}`)}`;
        })
        .join('\n');
    } else if (group) {
      body = options
        .map((code, i) => `${i + 1}. ${title(code)}: ${t(`explain.${group}.${code}`)}`)
        .join('\n');
    } else if (def.input === 'multi') {
      // Grouped boxes are whole sentences: numbered, so they can also be answered by typing "1 en 3".
      body = options.map((code, i) => `${i + 1}. ${title(code)}`).join('\n');
    }
    for (const code of options) choices.push({ value: code, title: title(code) });
    if (def.input === 'multi') choices.push({ value: 'none', title: t('choices.none') });
    settles = def.group?.meaning?.(options);
  } else if (def.input === 'yesno') {
    choices.push({ value: 'yes', title: t('choices.yes') }, { value: 'no', title: t('choices.no') });
  }
  for (const shortcut of shortcutsFor(ctx, def)) {
    const title =
      shortcut === 'skip' && (def.input === 'phone' || def.input === 'kvk')
        ? t(`choices.skip-${def.input}`)
        : t(`choices.${shortcut}`);
    choices.push({ value: shortcut, title, shortcut: true });
  }
  // The second answer in a row it could not use: a person can take over (not inside that request itself).
  const offerPerson = ctx.notice?.kind === 'invalid' && ctx.notice.again === true && !ctx.callback;
  if (offerPerson && !choices.some((c) => c.value === 'callback'))
    choices.push({ value: 'callback', title: t('choices.callback'), shortcut: true });
  const previous = ctx.previous[slot];
  // The previous answer's codes, ticked again on a card (keep is its own button, never a box).
  const selected =
    previous === undefined || previous === null
      ? undefined
      : (Array.isArray(previous) ? previous : [String(previous)]).filter((code) =>
          choices.some((c) => c.value === code),
        );
  const hintKey = def.hint ?? (HINTED.includes(def.input) ? def.input : undefined);
  // Examples of dates name the year the person is answering for.
  const exampleYear =
    ctx.startHint && 'year' in ctx.startHint ? ctx.startHint.year : Number(ctx.today.slice(0, 4)) + 1;
  const hint = hintKey ? t(`hints.${hintKey}`, { exampleYear }) : '';
  const slots = def.group ? settledSlots(slot, view) : undefined;
  return {
    text: lines(
      questionText(ctx, t, year, settings),
      body,
      // A blank line: otherwise Markdown reads the hint as part of the last numbered option.
      hint && body ? `\n${hint}` : hint,
      previous !== undefined && t('previous', { answer: formatAnswer(slot, previous, lang, t, titleParams) }),
      offerPerson && t('again.callback'),
    ),
    ask: slot,
    input: def.input,
    ...(choices.length > 0 && { choices }),
    ...(def.input === 'multi' && { multiSelect: true }),
    ...(selected && selected.length > 0 && { selected }),
    ...(slots && { slots }),
    ...(settles && { settles }),
  };
}

/** Inputs whose question gets a line on how to type the answer. */
const HINTED: readonly string[] = [
  'date',
  'amount',
  'count',
  'multi',
  'email',
  'phone',
  'iban',
  'kvk',
  'address',
];

/** A date, in date order as the rules give them; one that has passed says so and what to do now. */
function deadlineLine(
  d: NonNullable<Assessment['deadlines']>[number],
  today: string,
  t: Translate,
  lang: Lang,
): string {
  const date = formatDate(d.date, lang);
  if (d.date >= today) return t('outcome.deadline', { label: d.label, date });
  return t(d.id === 'submit-by' ? 'outcome.deadlinePassed.submit-by' : 'outcome.deadlinePassed.other', {
    label: d.label,
    date,
  });
}

const findingLine = (f: Finding, t: Translate) => `${f.message} ${t('outcome.source', { source: f.source })}`;

function remedyLine(r: RemedyOption, t: Translate, lang: Lang): string {
  switch (r.kind) {
    case 'lower-amount':
      return t('outcome.remedy.lower-amount', { amount: formatEuros(toCents(r.amount), lang) });
    case 'later-year':
      return t('outcome.remedy.later-year', { year: r.year });
    case 'next-round':
      return t('outcome.remedy.next-round');
  }
}

/** The verdict first, then why, who decides, what to send, by when, and what comes after. */
function outcomeMessages(
  a: Assessment,
  ways: readonly RemedyOption[],
  t: Translate,
  lang: Lang,
  settings: IntakeSettings,
): OutgoingMessage[] {
  const by = (severity: Finding['severity']) => a.findings.filter((f) => f.severity === severity);
  const refusals = by('refusal');
  // The buurtwerk's own contact when the deployment has one; otherwise the MAG-consulent knows who it is.
  const contact = settings.buurtwerkContact?.[lang];
  const verdict: OutgoingMessage = {
    text: lines(
      t(`rules:codes.verdicts.${a.verdict}`),
      refusals.length > 0 && t('outcome.reasons'),
      refusals.length > 0 && bullets(refusals.map((f) => findingLine(f, t))),
      a.verdict === 'refer' &&
        (contact ? t('outcome.refer.contact', { contact }) : t('outcome.refer.contactUnknown')),
    ),
    assessment: a,
  };
  const messages: OutgoingMessage[] = [verdict];

  if (a.verdict === 'not-eligible') {
    // A way out the rules checked comes first (with its button); then each ground's own advice.
    const advice = [...new Set(refusals.map((f) => f.rule))]
      .filter((rule) => hasText(lang, `rules:advice.${rule}`))
      .map((rule) => t(`rules:advice.${rule}`));
    const options = [...ways.map((r) => remedyLine(r, t, lang)), ...advice, t('outcome.alternative.contact')];
    messages.push({ text: lines(t('outcome.alternatives'), bullets(options)) });
    return messages;
  }

  const route = a.route;
  // A buurtinitiatief has no form, no list and no letter with a decision: the buurtwerker settles it.
  const referral = a.verdict === 'refer';
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
      `\n${t('outcome.deadlines')}\n${bullets(a.deadlines.map((d) => deadlineLine(d, a.today, t, lang)))}`,
    !referral &&
      a.accountability &&
      `\n${t('outcome.accountability', { description: a.accountability.description })}`,
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

function noticeText(ctx: IntakeContext, t: Translate, settings: IntakeSettings = {}): string | undefined {
  const notice = ctx.notice;
  if (!notice) return undefined;
  switch (notice.kind) {
    case 'invalid': {
      const slot = currentSlot(ctx);
      const def = questionDefinition(slot);
      // "I don't know": how to find out, and what can be done now; never "answer yes or no".
      if (notice.error === 'dont-know') {
        return hasText(ctx.lang, `dontKnow.${slot}`) ? t(`dontKnow.${slot}`) : t('dontKnow.default');
      }
      // Counts and amounts share the number reader; the explanation names what was asked.
      const error = notice.error === 'not-a-number' && def.input === 'count' ? 'not-a-count' : notice.error;
      const said = hasText(ctx.lang, `errors.${error}`) ? t(`errors.${error}`) : t('errors.invalid');
      // The second answer in a row it cannot use: spell out what it can take (a person is offered below).
      return notice.again ? lines(said, againText(ctx, t)) : said;
    }
    case 'assumed':
      return noteText(ctx, notice.slot, notice.note, t);
    case 'help': {
      const key = `help.${currentSlot(ctx)}`;
      return lines(hasText(ctx.lang, key) ? t(key) : t('help.default'), t('commands'));
    }
    case 'remedy':
      return remedyNotice(notice.remedy, t, ctx.lang);
    case 'callback':
      return callbackNotice(notice, t, settings.callbackPromise?.[ctx.lang]);
    default:
      return t(`notices.${notice.kind}`);
  }
}

/**
 * A callback request was made: who gets in touch, by phone or by mail, and when. The channel adds the
 * request's reference once it is stored. Then the question that was open, again.
 */
function callbackNotice(
  notice: Extract<Notice, { kind: 'callback' }>,
  t: Translate,
  promise: string | undefined,
): string {
  const contact = escapeMarkdown(displayContact(notice.contact));
  return lines(
    t(`callback.done.${notice.by}`),
    t(`callback.${contactKindOf(notice.contact)}`, { contact }),
    t('callback.when', { when: promise ?? t('callback.whenDefault') }),
    notice.cut && t('callback.cut'),
    t('callback.goOn'),
  );
}

/** After two answers it could not use: the choices spelled out, or an example of the answer's form. */
function againText(ctx: IntakeContext, t: Translate): string {
  const slot = currentSlot(ctx);
  const def = questionDefinition(slot);
  // A multi-select lists its numbered options in the question itself; a choice's buttons are spelled out.
  if (def.input === 'choice' || def.input === 'yesno') {
    const titles = (questionMessage(ctx, t).choices ?? []).filter((c) => !c.shortcut).map((c) => c.title);
    const numbered = titles.map((title, i) => `${i + 1}. ${title}`).join('\n');
    return lines(t(`again.${def.input}`), numbered);
  }
  return t(`again.${def.input}`, { exampleYear: Number(ctx.today.slice(0, 4)) + 1 });
}

/**
 * What a parser assumed, said back with the answer as it was noted, so the person can correct it:
 * "U gaf twee getallen. Ik noteer het laagste: 15. Klopt dat niet? Typ dan 'terug'."
 */
function noteText(ctx: IntakeContext, slot: SlotId, note: AnswerNote, t: Translate): string {
  const answer = ctx.answers[slot];
  if (answer === undefined) return t('notes.default');
  const lang = ctx.lang;
  const value = formatAnswer(slot, answer, lang, t, { year: subsidyYearOf(ctx) });
  const isAmount = questionDefinition(slot).input === 'amount';
  const number = (n: number) =>
    isAmount ? formatEuros(n, lang) : n.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB');
  switch (note.kind) {
    case 'approximate':
    case 'typo':
      // What the person typed, shown as typed.
      return t(`notes.${note.kind}`, { value, said: escapeMarkdown(note.said) });
    case 'range-lower':
      return t('notes.range-lower', { value, from: number(note.from), to: number(note.to) });
    case 'per-period':
      return t('notes.per-period', { value, per: t(`notes.per.${note.per}`) });
    default:
      return t(`notes.${note.kind}`, { value });
  }
}

function remedyNotice(r: RemedyOption, t: Translate, lang: Lang): string {
  switch (r.kind) {
    case 'lower-amount':
      return t('notices.remedy.lower-amount', { amount: formatEuros(toCents(r.amount), lang) });
    case 'later-year':
      return t('notices.remedy.later-year', { year: r.year });
    case 'next-round':
      return t('notices.remedy.next-round');
  }
}

export interface RenderOptions {
  /** The conversation's first turn: greet before the first question. */
  greeting?: boolean;
  /** The deployment's settings the wording needs (the buurtwerk's contact, how long drafts are kept). */
  settings?: IntakeSettings;
  /** Said before everything else (for instance about the old organisation). */
  aside?: 'stuwkracht';
}

/** Everything the person should read after a turn, in order; the last message asks the next question. */
export function render(
  ctx: IntakeContext,
  status: ConversationStatus,
  options: RenderOptions = {},
): OutgoingMessage[] {
  const t = translator(ctx.lang, ctx.audience, ctx.rulesetId, applicantOf(ctx.answers['applicant.kind']));
  const out: OutgoingMessage[] = [];
  if (options.aside === 'stuwkracht') out.push({ text: t('outcome.stuwkracht') });
  if (options.greeting) out.push({ text: lines(t('greeting'), t('commands')) });
  if (status === 'stopped') return [...out, { text: t('stopped') }];
  if (status === 'submitted') return [...out, { text: t('submitted') }];
  if (status === 'finished') {
    return [...out, { text: ctx.answers['draft.consent'] === false ? t('notSent') : t('finished') }];
  }
  const notice = noticeText(ctx, t, options.settings);
  if (notice) out.push({ text: notice, ...(ctx.notice?.kind === 'callback' && { callback: true as const }) });
  // A verdict is shown when it is reached, also by going back to it (a day later it may be a new one) and
  // after an answer taken with a note of what was assumed ("Ik noteer: Nee"); after a notice that only
  // repeats the question (help, an unusable answer) just the question follows. A callback request asked at
  // a verdict asks its own questions; the verdict stays where it was.
  if (
    ctx.callback === undefined &&
    ctx.step.kind === 'outcome' &&
    (!ctx.notice || ['language', 'restarted', 'back', 'remedy', 'assumed'].includes(ctx.notice.kind))
  ) {
    out.push(...outcomeMessages(ctx.step.assessment, ctx.step.remedies, t, ctx.lang, options.settings ?? {}));
  }
  out.push(questionMessage(ctx, t, options.settings));
  return out;
}
