/**
 * Transcript tests: a conversation as a list of turns `[what the person sends, what we expect back]`.
 * A failing expectation throws with the whole conversation so far appended, so a failure reads like a
 * chat log instead of a bare diff.
 */
import { expect } from 'vitest';
import type { Answers, SlotId } from '../../../dialogs/answers.js';
import type { Audience } from '../../../dialogs/intake-machine.js';
import { createIntakeMachine } from '../../../dialogs/intake-machine.js';
import { plainFromMarkdown } from '../../../dialogs/markdown.js';
import type { ConversationStatus, OutgoingMessage } from '../../../dialogs/outgoing.js';
import type { PersistedIntake } from '../../../dialogs/session.js';
import { IntakeSession } from '../../../dialogs/session.js';
import type {
  Advisor,
  Assessment,
  AttachmentId,
  CalendarDate,
  DeadlineId,
  Decider,
  Lang,
  RuleId,
  SubsidyType,
  Tier,
  Verdict,
} from '../../../rules/index.js';

export const TODAY: CalendarDate = '2026-11-23';
export const LANGS = ['nl', 'en'] as const satisfies readonly Lang[];

/** What the person sends: typed text, or an Adaptive Card submit (`{ value: { '<slot>': code } }`). */
export type Say = string | { value: unknown };

type Pattern = string | RegExp;

/** What one reply (all messages of one turn) must show. Every field is optional. */
export interface Expectation {
  /** The slot the last message asks; `null`: no question (the conversation ended). */
  ask?: SlotId | null;
  /** Each text (case-sensitive) or pattern appears somewhere in the reply's texts. */
  says?: Pattern | readonly Pattern[];
  /** None of these appears. */
  saysNot?: Pattern | readonly Pattern[];
  /** The reply carries a verdict with these properties. */
  verdict?: Verdict;
  /** The reply carries no verdict. */
  noVerdict?: true;
  /** Findings present in the verdict (any severity). */
  rules?: readonly RuleId[];
  /** Findings absent from the verdict. */
  notRules?: readonly RuleId[];
  /** The exact set of refusals. */
  refusals?: readonly RuleId[];
  type?: SubsidyType;
  tier?: Tier;
  decidedBy?: Decider;
  /** The exact set of advisors. */
  advisors?: readonly Advisor[];
  interview?: boolean;
  /** The exact set of checklist ids (`[]`: nothing to send). */
  checklist?: readonly AttachmentId[];
  /** These deadlines, with these dates; `null`: this deadline must be absent. */
  deadlines?: Partial<Record<DeadlineId, CalendarDate | null>>;
  /** The exact choice codes offered with the question (in order). */
  choices?: readonly string[];
  /** Choice codes that must be among those offered. */
  offers?: readonly string[];
  /** The conversation's status after the turn. */
  status?: ConversationStatus;
  /** These answers (slot → stored value; amounts in cents) are in the session's context. */
  answers?: Answers;
  /** These slots have no answer in the session's context. */
  unanswered?: readonly SlotId[];
  /** Anything else. */
  check?: (reply: Reply, conversation: Conversation) => void;
}

export type Turn = readonly [say: Say, expectation?: Expectation];

export interface Reply {
  messages: OutgoingMessage[];
  /** All texts of the reply, joined by blank lines. */
  text: string;
  /** The verdict in this reply, if any. */
  assessment?: Assessment;
  /** The last message (the question). */
  last?: OutgoingMessage;
}

export interface ConversationOptions {
  lang?: Lang;
  audience?: Audience;
  today?: CalendarDate;
  /** Persist after every turn (through a JSON round trip) and go on in a freshly restored session. */
  restoreEachTurn?: boolean;
  /** A name shown above the conversation on failure. */
  name?: string;
}

type Line = { who: 'bot' | 'user'; text: string };

const asList = (p: Pattern | readonly Pattern[] | undefined): readonly Pattern[] =>
  p === undefined ? [] : typeof p === 'string' || p instanceof RegExp ? [p] : p;

const found = (text: string, p: Pattern) => (typeof p === 'string' ? text.includes(p) : p.test(text));

const sorted = <T extends string>(xs: readonly T[]) => [...xs].sort();

function describeMessage(m: OutgoingMessage): string {
  const tags = [
    m.ask && `ask ${m.ask}`,
    m.choices && `choices ${m.choices.map((c) => `${c.value}="${c.title}"`).join(' | ')}`,
    m.assessment && `verdict ${m.assessment.verdict}`,
  ].filter(Boolean);
  return tags.length > 0 ? `${m.text}\n      [${tags.join('; ')}]` : m.text;
}

const describeSay = (say: Say) =>
  typeof say === 'string'
    ? say.length > 200
      ? `${say.slice(0, 60)}… (${say.length} characters)`
      : JSON.stringify(say)
    : `(card) ${JSON.stringify(say.value)}`;

/** One conversation with the intake, driven turn by turn. */
export class Conversation {
  session: IntakeSession;
  readonly lines: Line[] = [];
  /** Every reply so far (the greeting is reply 0). */
  readonly replies: Reply[] = [];
  /** Every verdict shown so far, in order. */
  readonly assessments: Assessment[] = [];
  /** How many times the session was restored from its persisted form. */
  restores = 0;
  private turn = 0;

  constructor(readonly options: ConversationOptions = {}) {
    const started = IntakeSession.start(createIntakeMachine(), {
      today: options.today ?? TODAY,
      lang: options.lang ?? 'nl',
      audience: options.audience ?? 'resident',
    });
    this.session = started.session;
    this.record(started.messages);
  }

  /** The last reply. */
  get reply(): Reply {
    return this.replies.at(-1)!;
  }

  /** The last verdict shown. */
  get assessment(): Assessment | undefined {
    return this.assessments.at(-1);
  }

  get answers(): Answers {
    return this.session.context.answers;
  }

  /** Checks the last reply (the greeting, before any turn) without sending anything. */
  expect(expectation: Expectation): this {
    this.verify(this.reply, expectation, this.turn === 0 ? 'the greeting' : `reply to turn ${this.turn}`);
    return this;
  }

  /**
   * Answers whatever is asked from `answers` (slot → what to say), in the order the bot asks, until a
   * verdict is shown or `until` is asked. Every entry must be asked exactly once: a question that is
   * not in the list, one asked twice, or an entry never asked fails with the conversation.
   */
  fill(answers: Partial<Record<SlotId, Say>>, options: { until?: SlotId } = {}): Reply {
    const used = new Set<SlotId>();
    for (;;) {
      const ask = this.reply.last?.ask;
      if (ask === undefined || ask === options.until || (used.size > 0 && this.reply.assessment)) break;
      const say = answers[ask];
      if (say === undefined || used.has(ask)) {
        throw this.annotate(
          new Error(`fill: ${used.has(ask) ? 'asked twice' : 'not in the list'}: ${ask}`),
          `turn ${this.turn + 1}`,
        );
      }
      used.add(ask);
      this.say(say);
    }
    const never = (Object.keys(answers) as SlotId[]).filter((s) => answers[s] !== undefined && !used.has(s));
    if (never.length > 0) {
      throw this.annotate(new Error(`fill: never asked: ${never.join(', ')}`), `after turn ${this.turn}`);
    }
    return this.reply;
  }

  /** Sends one message and checks the reply. */
  say(say: Say, expectation: Expectation = {}): Reply {
    this.turn += 1;
    this.lines.push({ who: 'user', text: describeSay(say) });
    let messages: OutgoingMessage[];
    try {
      messages = this.session.handle(typeof say === 'string' ? { text: say } : { value: say.value });
    } catch (error) {
      throw this.annotate(error, `turn ${this.turn} (${describeSay(say)}) threw`);
    }
    const reply = this.record(messages);
    if (this.options.restoreEachTurn) this.restore();
    this.verify(reply, expectation, `turn ${this.turn} (${describeSay(say)})`);
    return reply;
  }

  /** Plays a list of turns. */
  run(turns: readonly Turn[]): this {
    for (const [say, expectation] of turns) this.say(say, expectation);
    return this;
  }

  /** Persists, round-trips the snapshot through JSON and continues in a restored session. */
  restore(): void {
    const persisted = JSON.parse(JSON.stringify(this.session.persisted())) as PersistedIntake;
    const before = { answers: this.session.context.answers, status: this.session.status };
    this.session = IntakeSession.restore(createIntakeMachine(), persisted);
    this.restores += 1;
    try {
      expect(this.session.status, 'status after restore').toBe(before.status);
      expect(this.session.context.answers, 'answers after restore').toEqual(before.answers);
      if (before.status === 'active') {
        const again = this.session.current().at(-1);
        expect(again?.ask, 'question asked after restore').toBe(this.reply.last?.ask);
      }
    } catch (error) {
      throw this.annotate(error, `restore after turn ${this.turn}`);
    }
  }

  /** The conversation so far, readable. */
  format(): string {
    const o = this.options;
    const head = `--- conversation${o.name ? ` "${o.name}"` : ''} (${o.lang ?? 'nl'}, ${o.audience ?? 'resident'}, today ${o.today ?? TODAY}${o.restoreEachTurn ? ', restored every turn' : ''}) ---`;
    let n = 0;
    const body = this.lines.map((l) =>
      l.who === 'user' ? `\n  USER ${++n}: ${l.text}` : `  BOT:  ${l.text.split('\n').join('\n        ')}`,
    );
    return [head, ...body, '--- end ---'].join('\n');
  }

  private record(messages: OutgoingMessage[]): Reply {
    for (const m of messages) this.lines.push({ who: 'bot', text: describeMessage(m) });
    const assessment = messages.find((m) => m.assessment)?.assessment;
    if (assessment) this.assessments.push(assessment);
    const reply: Reply = {
      messages,
      // As the person reads it: the Markdown's escapes rendered away.
      text: messages.map((m) => plainFromMarkdown(m.text)).join('\n\n'),
      ...(assessment && { assessment }),
      ...(messages.length > 0 && { last: messages.at(-1) }),
    };
    this.replies.push(reply);
    return reply;
  }

  private annotate(error: unknown, where: string): Error {
    const e = error instanceof Error ? error : new Error(String(error));
    e.message = `${where}: ${e.message}\n\n${this.format()}`;
    return e;
  }

  private verify(reply: Reply, x: Expectation, where: string): void {
    try {
      check(reply, x, this);
    } catch (error) {
      throw this.annotate(error, where);
    }
  }
}

function check(reply: Reply, x: Expectation, c: Conversation): void {
  if (x.ask !== undefined) expect(reply.last?.ask ?? null, 'slot asked').toBe(x.ask);
  for (const p of asList(x.says)) expect(found(reply.text, p), `reply says ${String(p)}`).toBe(true);
  for (const p of asList(x.saysNot))
    expect(found(reply.text, p), `reply does not say ${String(p)}`).toBe(false);
  if (x.noVerdict) expect(reply.assessment, 'no verdict in this reply').toBeUndefined();

  const needsVerdict =
    x.verdict ??
    x.rules ??
    x.notRules ??
    x.refusals ??
    x.type ??
    x.tier ??
    x.decidedBy ??
    x.advisors ??
    x.interview ??
    x.checklist ??
    x.deadlines;
  if (needsVerdict !== undefined) {
    const a = reply.assessment;
    expect(a, 'a verdict in this reply').toBeDefined();
    if (!a) return;
    const rules = a.findings.map((f) => f.rule);
    if (x.verdict) expect(a.verdict, 'verdict').toBe(x.verdict);
    for (const r of x.rules ?? []) expect(rules, `finding ${r}`).toContain(r);
    for (const r of x.notRules ?? []) expect(rules, `no finding ${r}`).not.toContain(r);
    if (x.refusals) {
      const refusals = a.findings.filter((f) => f.severity === 'refusal').map((f) => f.rule);
      expect(sorted(refusals), 'refusals').toEqual(sorted(x.refusals));
    }
    if (x.type) expect(a.route?.type, 'route type').toBe(x.type);
    if (x.tier) expect(a.route?.tier, 'tier').toBe(x.tier);
    if (x.decidedBy) expect(a.route?.decidedBy, 'decided by').toBe(x.decidedBy);
    if (x.advisors) expect(sorted(a.route?.advisors ?? []), 'advisors').toEqual(sorted(x.advisors));
    if (x.interview !== undefined) expect(a.route?.interview, 'interview').toBe(x.interview);
    if (x.checklist) {
      expect(sorted((a.checklist ?? []).map((i) => i.id)), 'checklist').toEqual(sorted(x.checklist));
    }
    for (const [id, date] of Object.entries(x.deadlines ?? {})) {
      const deadline = (a.deadlines ?? []).find((d) => d.id === id);
      if (date === null) expect(deadline, `no deadline ${id}`).toBeUndefined();
      else expect(deadline?.date, `deadline ${id}`).toBe(date);
    }
  }

  if (x.choices)
    expect(
      (reply.last?.choices ?? []).map((ch) => ch.value),
      'choices',
    ).toEqual(x.choices);
  if (x.offers) {
    const offered = (reply.last?.choices ?? []).map((ch) => ch.value);
    for (const o of x.offers) expect(offered, `choice ${o} offered`).toContain(o);
  }
  if (x.status) expect(c.session.status, 'status').toBe(x.status);
  if (x.answers) expect(c.session.context.answers, 'answers').toMatchObject(x.answers);
  for (const slot of x.unanswered ?? []) {
    expect(c.session.context.answers[slot], `no answer for ${slot}`).toBeUndefined();
  }
  x.check?.(reply, c);
}

/** Starts a conversation and plays the turns. */
export function transcript(options: ConversationOptions, turns: readonly Turn[]): Conversation {
  return new Conversation(options).run(turns);
}

/** Picks the Dutch or the English text: `tr(lang, 'ja', 'yes')`. */
export const tr = <T>(lang: Lang, nl: T, en: T): T => (lang === 'nl' ? nl : en);

/** Typed answers people give, in both languages (several forms, on purpose). */
export const WORDS = {
  nl: {
    yes: 'ja',
    no: 'nee',
    noThanks: 'nee hoor',
    none: 'geen',
    noneOfThese: 'Geen van deze',
    back: 'terug',
    keep: 'Houden',
    restart: 'opnieuw',
  },
  en: {
    yes: 'yes',
    no: 'no',
    noThanks: 'no',
    none: 'none',
    noneOfThese: 'None of these',
    back: 'back',
    keep: 'keep',
    restart: 'restart',
  },
} as const satisfies Record<Lang, Record<string, string>>;

/**
 * The two grouped questions answered "none of these": "Which of these apply to your initiative?"
 * (`help.conditions`: an activity, no profit, not religious, no food or drink, no materials, no vulnerable
 * people, no other municipal money, one initiative and, where the budget is asked, nobody else pays, so
 * what others pay is 0 and not asked) and "Which of these apply to your application?" (`help.history`: no
 * earlier MAG application this year, not refused before, nothing similar funded).
 * `overrides` changes an entry, adds one (a follow-up, the budget, the end date) or (with `undefined`)
 * drops one.
 */
export function noneApply(
  lang: Lang,
  overrides: Partial<Record<SlotId, Say | undefined>> = {},
): Partial<Record<SlotId, Say>> {
  const answers: Partial<Record<SlotId, Say | undefined>> = {
    'help.conditions': WORDS[lang].none,
    'help.history': WORDS[lang].noneOfThese,
    ...overrides,
  };
  for (const slot of Object.keys(answers) as SlotId[]) if (answers[slot] === undefined) delete answers[slot];
  return answers as Partial<Record<SlotId, Say>>;
}

/** The slots asked, in order: the question each reply ends with (the greeting's first). */
export const askedSlots = (c: Conversation): SlotId[] =>
  c.replies.flatMap((r) => (r.last?.ask === undefined ? [] : [r.last.ask]));

/**
 * How many questions the person answered before the first verdict: the replies, from the greeting on,
 * whose last message asks something, up to the reply that shows the verdict.
 */
export function questionsBeforeVerdict(c: Conversation): number {
  const verdictAt = c.replies.findIndex((r) => r.assessment !== undefined);
  const before = verdictAt === -1 ? c.replies : c.replies.slice(0, verdictAt);
  return before.filter((r) => r.last?.ask !== undefined).length;
}
