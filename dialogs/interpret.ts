import type { CalendarDate, Lang } from '../rules/index.js';
import { formatEuros, LANGUAGES, toCents } from '../rules/index.js';
import type { AnswerValue, SlotId } from './answers.js';
import { callbackSlot } from './callback.js';
import type { TitleParams } from './choice-options.js';
import { choiceOptions, shortcutOptions } from './choice-options.js';
import { parseCommand } from './commands.js';
import { askView } from './flow.js';
import type { IntakeContext, IntakeEvent } from './intake-machine.js';
import type { ParseResult } from './parsers/index.js';
import {
  parseAddress,
  parseAmount,
  parseChoice,
  parseContact,
  parseCount,
  parseDate,
  parseDutchPhone,
  parseEmail,
  parseIban,
  parseKvk,
  parseMultiChoice,
  parseText,
  parseYesNo,
} from './parsers/index.js';
import type { QuestionDefinition, Shortcut } from './questions.js';
import { optionsOf, questionDefinition } from './questions.js';
import { reviewOptions } from './review.js';

/** What a person sent: typed text, or the value of a clicked card (`{ "<slot>": code }`). */
export interface UserInput {
  text?: string;
  value?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The question being asked: a question of a callback request, the intake's question, or `next` at a verdict. */
export const currentSlot = (ctx: IntakeContext): SlotId =>
  ctx.callback ? callbackSlot(ctx.callback.stage) : ctx.step.kind === 'ask' ? ctx.step.slot : 'next';

/**
 * After a verdict: a draft when eligible, the ways out of a refusal the rules found; talk to a person; or
 * start again, or stop.
 */
export function nextOptions(ctx: IntakeContext): string[] {
  if (ctx.step.kind !== 'outcome') return ['callback', 'restart', 'done'];
  if (ctx.step.assessment.verdict === 'eligible') return ['draft', 'callback', 'restart', 'done'];
  return [...ctx.step.remedies.map((r) => r.kind), 'callback', 'restart', 'done'];
}

/** What the titles of `next` say in each language: the amount or year a way out goes on with. */
export function nextTitleParams(ctx: IntakeContext): Partial<Record<Lang, TitleParams>> {
  const ways = ctx.step.kind === 'outcome' ? ctx.step.remedies : [];
  const out: Partial<Record<Lang, TitleParams>> = {};
  for (const lang of LANGUAGES) {
    const params: TitleParams = {};
    for (const way of ways) {
      if (way.kind === 'lower-amount') params.amount = formatEuros(toCents(way.amount), lang);
      if (way.kind === 'later-year') params.year = way.year;
    }
    out[lang] = params;
  }
  return out;
}

/** The shortcuts offered at this moment (only those that make sense now). */
export function shortcutsFor(ctx: IntakeContext, def: QuestionDefinition): Shortcut[] {
  const list: Shortcut[] = [];
  if (ctx.previous[def.id] !== undefined) list.push('keep');
  for (const s of def.shortcuts ?? []) {
    if (s === 'started' && !(ctx.notice?.kind === 'invalid' && ctx.notice.error === 'date-past')) continue;
    if (s === 'same-day' && typeof ctx.answers['initiative.startDate'] !== 'string') continue;
    list.push(s);
  }
  return list;
}

/** The choices of a question as the parsers match them (titles in both languages, synonyms). */
export function questionChoices(def: QuestionDefinition, ctx: IntakeContext) {
  if (def.id === 'next') return choiceOptions('next', nextOptions(ctx), nextTitleParams(ctx));
  if (def.id === 'help.review') return reviewOptions(ctx);
  return choiceOptions(def.id, optionsOf(def, askView(ctx.answers, ctx.today)), yearParams(ctx));
}

/** The subsidy year that questions and their choices name ("in 2027"). */
export function subsidyYearOf(ctx: IntakeContext): number {
  const start = ctx.answers['initiative.startDate'];
  return typeof start === 'string' ? Number(start.slice(0, 4)) : Number(ctx.today.slice(0, 4));
}
const yearParams = (ctx: IntakeContext): Partial<Record<Lang, TitleParams>> => {
  const year = subsidyYearOf(ctx);
  return { nl: { year }, en: { year } };
};

function parseForSlot(def: QuestionDefinition, text: string, ctx: IntakeContext): ParseResult<AnswerValue> {
  switch (def.input) {
    case 'choice':
      return parseChoice(text, questionChoices(def, ctx));
    case 'multi':
      return parseMultiChoice(text, questionChoices(def, ctx));
    case 'yesno':
      return parseYesNo(text);
    case 'amount':
      return parseAmount(text);
    case 'date':
      return parseDate(text, ctx.today);
    case 'count':
      return parseCount(text);
    case 'email':
      return parseEmail(text);
    case 'phone':
      return parseDutchPhone(text);
    case 'iban':
      return parseIban(text);
    case 'kvk':
      return parseKvk(text);
    case 'address':
      return parseAddress(text);
    case 'contact':
      return parseContact(text);
    case 'text':
      return parseText(text, def.length ?? { min: 1, max: 2000 });
  }
}

function shortcutValue(
  shortcut: Shortcut,
  def: QuestionDefinition,
  ctx: IntakeContext,
): AnswerValue | undefined {
  switch (shortcut) {
    case 'keep':
      return ctx.previous[def.id];
    case 'skip':
      return null;
    case 'same-day':
      return ctx.answers['initiative.startDate'];
    case 'help-me-choose':
      return undefined;
    case 'started':
      return undefined;
  }
}

/** A card's value for this slot, as text the parsers understand (lists joined, booleans as yes/no). */
function valueAsText(value: unknown, slot: SlotId): string | undefined {
  const v = isRecord(value) ? value[slot] : value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
    return v.length === 0 ? 'none' : v.join(', ');
  return undefined;
}

/**
 * Turns what a person sent into one event for the machine: a command, an answer, or a rejected answer
 * with the reason. Pure: the machine decides what follows.
 */
export function interpret(
  ctx: IntakeContext,
  input: UserInput,
  today: CalendarDate = ctx.today,
): IntakeEvent {
  const slot = currentSlot(ctx);
  // A clicked card for another (older) question is not an answer to this one.
  if (isRecord(input.value)) {
    // A card's "none of these" names its question; a box still ticked then is not none.
    if (input.value.none === slot) {
      const ticked = valueAsText(input.value, slot);
      if (ticked === undefined || ticked.trim() === '' || ticked === 'none')
        return { type: 'answer.given', slot, value: [] };
      return { type: 'answer.rejected', slot, error: 'none-and-ticked' };
    }
    const keys = Object.keys(input.value).filter((k) => k !== 'none');
    if (keys.length > 0 && !keys.includes(slot))
      return { type: 'answer.given', slot: keys[0] as SlotId, value: null };
  }
  const text =
    input.text !== undefined && input.text.trim() !== '' ? input.text : valueAsText(input.value, slot);
  if (text === undefined || text.trim() === '') return { type: 'answer.rejected', slot, error: 'empty' };

  const command = parseCommand(text);
  if (command) {
    switch (command.kind) {
      case 'restart':
        return { type: 'dialog.restarted' };
      case 'back':
        return { type: 'dialog.back' };
      case 'help':
        return { type: 'help.requested' };
      case 'stop':
        return { type: 'dialog.stopped' };
      case 'language':
        return { type: 'language.changed', lang: command.lang as Lang };
      case 'callback':
        return { type: 'callback.requested' };
    }
  }

  const def = questionDefinition(slot);
  const shortcuts = shortcutsFor(ctx, def);
  if (shortcuts.length > 0) {
    const picked = parseChoice(text, shortcutOptions(shortcuts));
    // "Houden" and "hetzelfde" are everyday words: inside a sentence ("in dezelfde straat") they answer
    // the question, not keep the old answer.
    const keptInPassing = picked.ok && picked.value === 'keep' && picked.note?.kind === 'in-sentence';
    if (picked.ok && !keptInPassing) {
      if (picked.value === 'help-me-choose') return { type: 'help.requested' };
      if (picked.value === 'started' && ctx.notice?.kind === 'invalid' && ctx.notice.rejected !== undefined) {
        // The person confirms that the past start date is right: the rules will say what that means.
        return { type: 'answer.given', slot, value: ctx.notice.rejected };
      }
      const value = shortcutValue(picked.value, def, ctx);
      if (value !== undefined) return { type: 'answer.given', slot, value };
    }
  }

  // After "that date has passed": yes confirms the past start date, no asks for the right date.
  if (
    ctx.notice?.kind === 'invalid' &&
    ctx.notice.error === 'date-past' &&
    ctx.notice.rejected !== undefined
  ) {
    const answer = parseYesNo(text);
    if (answer.ok) {
      return answer.value
        ? { type: 'answer.given', slot, value: ctx.notice.rejected }
        : { type: 'answer.rejected', slot, error: 'enter-date' };
    }
  }

  const parsed = parseForSlot(def, text, { ...ctx, today });
  // "Nee" to "does any of these apply?" means none of them, also with a reason ("nee, voor iedereen in
  // de straat"), unless the reason names one ("nee, maar er is wel eten").
  if (def.group && def.input === 'multi' && slot !== 'help.fit') {
    const said = parseYesNo(text);
    const named = parsed.ok && Array.isArray(parsed.value) && parsed.value.length > 0;
    if (said.ok && !said.value && (said.note === undefined || !named)) {
      return { type: 'answer.given', slot, value: [] };
    }
  }
  if (!parsed.ok) return { type: 'answer.rejected', slot, error: parsed.error };
  // What the parser assumed ("15 à 20" → 15) is said back with the next question.
  const note = parsed.note;
  // The same past start date typed again: the person means it, and the rules say what that means.
  if (
    ctx.notice?.kind === 'invalid' &&
    ctx.notice.error === 'date-past' &&
    ctx.notice.rejected !== undefined &&
    parsed.value === ctx.notice.rejected
  ) {
    return { type: 'answer.given', slot, value: parsed.value };
  }
  if (slot === 'help.review' && typeof parsed.value === 'string' && parsed.value !== 'confirm') {
    return { type: 'review.change', slot: parsed.value as SlotId };
  }
  const problem = def.validate?.(parsed.value, ctx.answers, today);
  if (problem) return { type: 'answer.rejected', slot, error: problem, rejected: parsed.value };
  return { type: 'answer.given', slot, value: parsed.value, ...(note && { note }) };
}
