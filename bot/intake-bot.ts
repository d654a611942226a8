import { randomUUID } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { CallbackRequest } from '../callbacks/callback.js';
import { callbackFromSession } from '../callbacks/callback.js';
import { parseCommand } from '../dialogs/commands.js';
import type { AssessSettings } from '../dialogs/flow.js';
import type { Translate } from '../dialogs/i18n.js';
import { translator } from '../dialogs/i18n.js';
import type { Audience, IntakeMachine } from '../dialogs/intake-machine.js';
import type { UserInput } from '../dialogs/interpret.js';
import { plainFromMarkdown } from '../dialogs/markdown.js';
import type { OutgoingMessage } from '../dialogs/outgoing.js';
import type { PersistedIntake } from '../dialogs/session.js';
import { IntakeSession, UnrestorableSnapshot } from '../dialogs/session.js';
import type { DraftApplication, TranscriptLine } from '../drafts/draft.js';
import { draftFromSession } from '../drafts/from-session.js';
import type { CalendarDate, Lang } from '../rules/index.js';
import { formatDate, isCalendarDate } from '../rules/index.js';
import type { ConversationStateStore, TurnOutcome, TurnWrite } from '../storage/interfaces.js';
import { ETagConflictError } from '../storage/interfaces.js';
import { teamsMarkdown, toActivities } from './activity-mapper.js';
import type { DraftLinks } from './draft-links.js';
import { LiveSessions } from './live-sessions.js';

interface StoredConversation {
  snapshot: PersistedIntake;
  /** One dialog from greeting to end; a restart in the same chat is a new session (and a new draft). */
  sessionId: string;
  /** What was said, for the consulent's copy of the draft. Only kept while the conversation lives. */
  transcript: TranscriptLine[];
  eTag?: string;
}

const MAX_TRANSCRIPT_LINES = 600;
const MAX_LINE = 2000;
/** Sessions that end in a draft, per conversation: a script cannot fill the inbox from one chat. */
export const MAX_DRAFTS_PER_CONVERSATION = 3;
/** Callback requests per conversation: a person asks once or twice, a script is stopped. */
export const MAX_CALLBACKS_PER_CONVERSATION = 3;

/** What one turn writes, without the channel's part: the channel adds its log and delivers the replies. */
export type BotTurnWrite = Omit<TurnWrite, 'log'> & {
  /**
   * What the channel forgets of the conversation before this turn's messages: `everything` (`stop`: its
   * log and how to resume it) or the `log` of a session that ended (a restart).
   */
  forget?: 'everything' | 'log';
};
/** Commits a turn as one (state, draft, the channel's log) and then delivers its replies. */
export type TurnCommitter = (context: TurnContext, write: BotTurnWrite) => Promise<TurnOutcome>;

export interface IntakeBotOptions {
  storage: ConversationStateStore;
  machine: IntakeMachine;
  /** The adapter a turn came through: each keeps its conversations apart from the other's. */
  spaceOf: (context: TurnContext) => 'directline' | 'teams';
  /** Where a turn reports what it could not use (a stored conversation it cannot restore). */
  log?: { warn(details: object, message: string): void };
  today: () => CalendarDate;
  /** Reads, before each turn, what may have changed since the last one (the consulent's budget figures). */
  beforeTurn?: () => Promise<void>;
  /** Where every turn's writes and replies go, as one (`bot/turn-commit.ts`). */
  commit: TurnCommitter;
  drafts?: {
    links: DraftLinks;
    /**
     * Where the server is reached from outside: the resident's PDF link starts with it. Unset, Direct Line
     * uses its own origin and Teams gives no link (a Teams `serviceUrl` is Microsoft's host, never ours).
     */
    publicUrl?: string;
    settings?: AssessSettings;
  };
}

/** Where a callback request came from. */
const channelOf = (context: TurnContext): 'teams' | 'website' =>
  context.activity.channelId === 'msteams' ? 'teams' : 'website';

/** Buurtwerkers use Teams for intakes; everyone else is a resident. */
const audienceOf = (activity: Activity): Audience =>
  activity.channelId === 'msteams' ? 'intake' : 'resident';
/** The language of an activity's locale; Dutch when it has none (Teams' conversationUpdate has none). */
const langOf = (activity: Activity): Lang => (activity.locale?.toLowerCase().startsWith('en') ? 'en' : 'nl');

/**
 * The language a new session of this conversation speaks: the one the person chose in it before (kept
 * across the end of a session and a snapshot this version cannot restore), else the locale of the
 * activity that starts it. A conversationUpdate, which carries no locale, or a Teams client's locale never
 * overrides a choice made in the chat.
 */
function sessionLang(stored: StoredConversation | undefined, activity: Activity): Lang {
  const chosen = (stored?.snapshot as { context?: { lang?: unknown } } | undefined)?.context?.lang;
  if (chosen === 'nl' || chosen === 'en') return chosen;
  return langOf(activity);
}
const MAX_ATTEMPTS = 3;
/** Sessions kept between turns: more than the conversations a server has in flight at once. */
export const LIVE_SESSIONS = 500;
/** A kept session not spoken to for this long is dropped; the store keeps the conversation. */
const LIVE_IDLE_MS = 10 * 60_000;

interface LiveSession {
  session: IntakeSession;
  conversation: StoredConversation;
}

/**
 * The bot: for each activity, restore the conversation's dialog from storage (or go on with the session
 * kept from its last turn, while the store still has that turn's eTag), run the turn, save it with its
 * eTag (a concurrent turn makes the save fail and the turn is run again on the newer state), reply.
 * It knows activities and storage; the dialog knows neither.
 */
export class IntakeBot {
  private readonly live: LiveSessions<LiveSession>;

  constructor(private readonly options: IntakeBotOptions) {
    this.live = new LiveSessions(LIVE_SESSIONS, LIVE_IDLE_MS);
  }

  /** Forgets the sessions kept between turns (the server closes). */
  close(): void {
    this.live.clear();
  }

  async onTurn(context: TurnContext): Promise<void> {
    const activity = context.activity;
    // Direct Line adds the user; a personal install in Teams adds only the bot. Either starts the talk
    // (a conversation that already has state is not greeted again).
    const isStart =
      activity.type === ActivityTypes.ConversationUpdate && (activity.membersAdded ?? []).length > 0;
    if (activity.type !== ActivityTypes.Message && !isStart) return;

    for (let attempt = 1; ; attempt++) {
      try {
        await this.runTurn(context, isStart);
        return;
      } catch (error) {
        if (!(error instanceof ETagConflictError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private key(context: TurnContext): string {
    const { channelId, conversation } = context.activity;
    if (this.options.spaceOf(context) === 'directline') return `intake/directline/${conversation.id}`;
    // Teams' own keys as they always were; any other channel a Teams-side caller names gets its own prefix.
    return channelId === 'msteams'
      ? `intake/msteams/${conversation.id}`
      : `intake/teams:${channelId}/${conversation.id}`;
  }

  private async runTurn(context: TurnContext, isStart: boolean): Promise<void> {
    const { storage, machine, today } = this.options;
    await this.options.beforeTurn?.();
    const key = this.key(context);
    // The session kept from this conversation's last turn, if the store still has what that turn wrote.
    const kept = this.live.take(key);
    const read = kept ? await storage.readUnlessCurrent(key, kept.eTag) : (await storage.read([key]))[key];
    const current = read === 'current' ? kept : undefined;
    const stored = current
      ? { ...current.value.conversation, eTag: current.eTag }
      : (read as StoredConversation | undefined);
    const existing = current ? current.value.session : stored ? this.restore(stored.snapshot) : undefined;
    // A stored conversation this version cannot go on from: the person is told, then starts afresh.
    const lost = stored !== undefined && existing === undefined;
    if (isStart && existing) {
      // A reconnecting client: the conversation is where it was.
      if (current) this.live.put(key, current.eTag, current.value);
      return;
    }

    const input = inputOf(context.activity);
    // `stop` outside an active session (after a draft, a declined consent, "Klaar", or with nothing
    // stored): everything of the conversation is deleted all the same. A submitted draft is the
    // municipality's and stays.
    const stopCommand = input.text !== undefined && parseCommand(input.text)?.kind === 'stop';
    if (stopCommand && existing?.status !== 'active') {
      const t = existing
        ? translator(existing.context.lang, existing.context.audience)
        : translator(langOf(context.activity), audienceOf(context.activity));
      await this.options.commit(context, {
        ...(stored && { state: { key, value: null } }),
        forget: 'everything',
        replies: () => [{ type: ActivityTypes.Message, text: t('stopped') }],
      });
      return;
    }
    // A second click on the consent (a double click, a retried request) gets the same draft again.
    if (existing?.status === 'submitted' && stored && input.value !== undefined) {
      const t = translator(existing.context.lang, existing.context.audience);
      await this.options.commit(context, {
        draft: this.draftWrite(context, existing, stored),
        replies: (draft) => [this.draftActivity(context, draft, t, true)],
      });
      return;
    }

    // A new conversation, or a message after the last one ended, starts a new session: greet and ask
    // the first question. Otherwise the turn goes on where the stored session stands.
    const continuing = existing?.status === 'active' ? existing : undefined;
    let session: IntakeSession;
    let messages: OutgoingMessage[];
    let transcript: TranscriptLine[];
    let sessionId: string;
    // Callback requests this session had made before the turn: one more after it means one was made now.
    let callbacksBefore = 0;
    if (continuing && stored) {
      session = continuing;
      // What the person said, as they saw it: read before the turn, from the question the click answered.
      const said = line('resident', spokenText(context.activity, session));
      callbacksBefore = session.context.callbacks ?? 0;
      messages = session.handle(input, today());
      if (restartedNow(session)) {
        // `opnieuw`, "Opnieuw beginnen": a new session. Nothing said before it reaches a later draft.
        sessionId = randomUUID();
        transcript = [];
      } else {
        sessionId = stored.sessionId;
        transcript = [...stored.transcript, said];
      }
    } else {
      // "english" as the message that starts a session is the person's choice: the session starts in it.
      const command = input.text === undefined ? undefined : parseCommand(input.text);
      ({ session, messages } = IntakeSession.start(machine, {
        today: today(),
        lang: command?.kind === 'language' ? command.lang : sessionLang(stored, context.activity),
        audience: audienceOf(context.activity),
      }));
      sessionId = randomUUID();
      transcript = [];
      if (command?.kind === 'callback') {
        // "Ik wil iemand spreken" as the first message: the greeting, then at once the callback's questions.
        transcript = [line('resident', spokenText(context.activity, session))];
        messages = [...messages.slice(0, -1), ...session.handle(input, today())];
      }
    }
    transcript = [...transcript, ...messages.map((m) => line('assistant', plainFromMarkdown(m.text)))].slice(
      -MAX_TRANSCRIPT_LINES,
    );

    const conversation: StoredConversation = { snapshot: session.persisted(), sessionId, transcript };
    const stopped = session.status === 'stopped';
    // A new session in the same chat (`opnieuw`, or a message after the end): the previous session's
    // messages leave the channel's log; the chat on screen keeps them.
    const newSession = stored !== undefined && sessionId !== stored.sessionId;
    const submitted = session.status === 'submitted' && this.options.drafts !== undefined;
    const requested = (session.context.callbacks ?? 0) > callbacksBefore;
    const t = translator(session.context.lang, session.context.audience);
    const activities = toActivities(messages, context.activity.channelId, t);
    const withRestoreNote = (replies: Partial<Activity>[]) =>
      lost ? [{ type: ActivityTypes.Message, text: t('restoreFailed') }, ...replies] : replies;
    // State, draft, callback request and replies are one commit: a crash leaves the turn undone or done.
    const outcome = await this.options.commit(context, {
      state: { key, value: stopped ? null : conversation, eTag: stored?.eTag ?? '*' },
      ...(stopped ? { forget: 'everything' as const } : newSession && { forget: 'log' as const }),
      ...(submitted && { draft: this.draftWrite(context, session, conversation) }),
      ...(requested && { callback: this.callbackWrite(context, session, conversation) }),
      replies: (draft, callback) => {
        const replies = withRestoreNote(
          requested ? this.withCallback(activities, messages, callback, t, context) : activities,
        );
        return submitted ? [...replies, this.draftActivity(context, draft, t, false)] : replies;
      },
    });
    // Only a session that goes on is kept; one that ended is read again if the person writes once more.
    if (outcome.stateETag !== undefined && session.status === 'active') {
      this.live.put(key, outcome.stateETag, { session, conversation });
    }
  }

  /**
   * The callback request this turn made, stored with the turn (the lead's mail to whoever must call is
   * enqueued in the same transaction): one per session and count, at most a few per conversation.
   */
  private callbackWrite(
    context: TurnContext,
    session: IntakeSession,
    conversation: StoredConversation,
  ): NonNullable<TurnWrite['callback']> {
    const key = this.key(context);
    const request = callbackFromSession(session.context, channelOf(context), conversation.transcript);
    return {
      // As in the transcript: nothing hidden or reordered reaches the consulent's page.
      request: { ...request, question: request.question.replace(HIDDEN, '') },
      idempotencyKey: `${key}/${conversation.sessionId}/${session.context.callbacks ?? 0}`,
      year: Number(session.context.today.slice(0, 4)),
      conversationKey: key,
      limit: MAX_CALLBACKS_PER_CONVERSATION,
    };
  }

  /**
   * The message that says a callback request was made gets the stored request's reference (and
   * `channelData.callback`); past the limit it says how to reach the municipality instead.
   */
  private withCallback(
    activities: Partial<Activity>[],
    messages: OutgoingMessage[],
    callback: CallbackRequest | 'limit' | undefined,
    t: Translate,
    context: TurnContext,
  ): Partial<Activity>[] {
    const teams = context.activity.channelId === 'msteams';
    return activities.map((activity, i) => {
      if (!messages[i]?.callback) return activity;
      if (callback === undefined || callback === 'limit') {
        return { ...activity, text: t('callbackReady.limit', { count: MAX_CALLBACKS_PER_CONVERSATION }) };
      }
      const text = `${t('callbackReady.reference', { reference: callback.reference })}\n${messages[i].text}`;
      return {
        ...activity,
        text: teams ? teamsMarkdown(text) : text,
        channelData: {
          ...(activity.channelData as object | undefined),
          callback: { id: callback.id, reference: callback.reference },
        },
      };
    });
  }

  private draftWrite(
    context: TurnContext,
    session: IntakeSession,
    conversation: StoredConversation,
  ): NonNullable<TurnWrite['draft']> {
    const drafts = this.options.drafts!;
    const channel = context.activity.channelId === 'msteams' ? 'teams' : 'website';
    const key = this.key(context);
    return {
      draft: draftFromSession(session.context, channel, conversation.transcript, drafts.settings ?? {}),
      idempotencyKey: `${key}/${conversation.sessionId}`,
      year: Number(session.context.today.slice(0, 4)),
      conversationKey: key,
      limit: MAX_DRAFTS_PER_CONVERSATION,
    };
  }

  /**
   * The reply that says the draft is stored: its reference, that it is a draft and not yet the application,
   * what to send, where and by when (the stored draft's own assessment), and the PDF as a labelled link.
   */
  private draftActivity(
    context: TurnContext,
    draft: DraftApplication | 'limit' | undefined,
    t: Translate,
    again: boolean,
  ): Partial<Activity> {
    const drafts = this.options.drafts!;
    if (draft === undefined || draft === 'limit') {
      // More drafts from one chat than any person makes: the consulent is reached another way.
      return {
        type: ActivityTypes.Message,
        text: t('draftReady.limit', { count: MAX_DRAFTS_PER_CONVERSATION }),
      };
    }
    const teams = context.activity.channelId === 'msteams';
    // The link carries a valid signature: its host is PUBLIC_URL, never a Teams serviceUrl or a Host
    // header someone chose. Without PUBLIC_URL (development on this machine) a loopback origin only.
    const base =
      drafts.publicUrl ??
      (this.options.spaceOf(context) === 'directline'
        ? loopbackOrigin(context.activity.serviceUrl)
        : undefined);
    const url = base === undefined ? undefined : drafts.links.residentUrl(base, draft.id);
    const { checklist = [], deadlines = [] } = draft.assessment;
    const toSend = checklist.filter((c) => c.required).map((c) => c.label);
    const toKeep = checklist.filter((c) => !c.required).map((c) => c.label);
    const submitBy = deadlines.find((d) => d.id === 'submit-by');
    const date = submitBy && formatDate(submitBy.date, draft.lang);
    const inbox = `${drafts.publicUrl?.replace(/\/$/, '') ?? ''}/consulent`;
    const text = paragraphs(
      again && t('draftReady.alreadySent'),
      t('draftReady.submittedReference', { reference: draft.reference }),
      t('draftReady.notTheApplication'),
      toSend.length > 0 && `${t('draftReady.send')}\n${bullets(toSend)}`,
      toKeep.length > 0 && `${t('draftReady.keep')}\n${bullets(toKeep)}`,
      submitBy &&
        (submitBy.date < draft.assessedOn
          ? t('draftReady.submitByPast', { date })
          : t('draftReady.submitBy', { date })),
      url && `[${t('draftReady.pdf')}](${url})`,
      teams && t('draftReady.consulentInbox', { inbox }),
    );
    return {
      type: ActivityTypes.Message,
      text: teams ? teamsMarkdown(text) : text,
      textFormat: 'markdown',
      channelData: { draft: { id: draft.id, reference: draft.reference } },
    };
  }

  private restore(snapshot: PersistedIntake): IntakeSession | undefined {
    try {
      return IntakeSession.restore(this.options.machine, snapshot);
    } catch (error) {
      if (!(error instanceof UnrestorableSnapshot)) throw error;
      // A snapshot an older version wrote, or a damaged record: start afresh rather than fail.
      const { log } = this.options;
      if (log) log.warn({ reason: error.message.slice(0, 200) }, 'stored conversation could not be restored');
      return undefined;
    }
  }
}

/** `url`'s origin when it is this machine (localhost, 127.0.0.1, ::1), else undefined. */
function loopbackOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname) ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Blocks of text, each its own paragraph (in Web Chat and in Teams alike). */
const paragraphs = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join('\n\n');
const bullets = (items: string[]) => items.map((i) => `- ${i}`).join('\n');

/**
 * Whether this turn started the dialog again (`opnieuw`, "Opnieuw beginnen"): the machine resets its
 * answers and says so with the notice `restarted`, which every later event replaces.
 */
const restartedNow = (session: IntakeSession): boolean =>
  session.status === 'active' && session.context.notice?.kind === 'restarted';

/**
 * Invisible and direction characters (zero-width, bidi overrides and isolates, BOM) and control characters
 * other than line breaks and tabs: in the consulent's transcript they could hide or reorder what was said.
 */
export const HIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/g;

const line = (from: TranscriptLine['from'], text: string): TranscriptLine => ({
  from,
  text: text.replace(HIDDEN, '').slice(0, MAX_LINE),
  at: new Date().toISOString(),
});

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What the person saw themselves say, for the consulent's transcript: what they typed, or for a click
 * (a card in Teams, a card or button in Web Chat) the titles of what they chose, never its codes or JSON.
 * The titles come from the question the click answered (`session` before the turn).
 */
function spokenText(activity: Activity, session: IntakeSession): string {
  const displayText = (activity.channelData as { messageBack?: { displayText?: unknown } } | undefined)
    ?.messageBack?.displayText;
  const value = activity.value;
  if (isRecord(value)) {
    const question = session.current().findLast((m) => m.ask !== undefined);
    const teamsShown = isRecord(value.msteams) ? value.msteams.displayText : undefined;
    const t = translator(session.context.lang, session.context.audience);
    // A button pressed with nothing chosen or typed ("Verder" on an empty card): no answer to record.
    if (Object.keys(value).every((key) => key === 'msteams')) return t('cards.nothingChosen');
    return (
      (question && clickedTitles(value, question, session.context.lang, t)) ??
      (typeof displayText === 'string' && displayText.trim() !== '' ? displayText : undefined) ??
      (typeof teamsShown === 'string' && teamsShown.trim() !== '' ? teamsShown : undefined) ??
      // A click on a card of an earlier question: its codes would mean nothing to the consulent.
      t('cards.earlierQuestion')
    );
  }
  if (typeof displayText === 'string' && displayText !== '') return displayText;
  return typeof activity.text === 'string' ? activity.text : '';
}

/**
 * The titles of the choices a click sent for `question`: a button's code, a drop-down's, the boxes ticked
 * (joined by ", "), "none of these"; a date or number typed in a card as the person reads it. Undefined
 * when the click was not for this question or sent a code it does not offer.
 */
function clickedTitles(
  value: Record<string, unknown>,
  question: OutgoingMessage,
  lang: Lang,
  t: Translate,
): string | undefined {
  const ask = question.ask!;
  const choices = question.choices ?? [];
  const titleOf = (code: string) => choices.find((c) => c.value === code)?.title;
  const noneTitle = () => titleOf('none') ?? t('choices.none');
  if (value.none === ask) return noneTitle();
  const sent = value[ask];
  if (sent === undefined || sent === null) return undefined;
  const codes = Array.isArray(sent)
    ? sent.map(String)
    : typeof sent === 'string' && question.multiSelect
      ? sent.split(',')
      : [String(sent)];
  const picked = codes.map((code) => code.trim()).filter((code) => code !== '');
  if (picked.length === 0) return question.multiSelect ? noneTitle() : t('cards.nothingChosen');
  const titles = picked.map((code) => {
    const title = titleOf(code);
    if (title !== undefined) return title;
    // Typed into a card's field (Teams): a date as it reads, a number as typed.
    if (question.input === 'date' && isCalendarDate(code)) return formatDate(code, lang);
    if ((question.input === 'amount' || question.input === 'count') && /^\d+(?:[.,]\d+)?$/.test(code))
      return code;
    return undefined;
  });
  return titles.every((title) => title !== undefined) ? titles.join(', ') : undefined;
}

/** Typed text, or the value of a clicked card; anything longer than a sensible answer is cut, not refused. */
function inputOf(activity: Activity): UserInput {
  const text = typeof activity.text === 'string' ? activity.text.slice(0, 20_000) : undefined;
  return {
    ...(text !== undefined && { text }),
    ...(activity.value !== undefined && { value: activity.value }),
  };
}
