import { randomUUID } from 'node:crypto';
import type { Activity, Storage, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import { parseCommand } from '../dialogs/commands.js';
import type { AssessSettings } from '../dialogs/flow.js';
import type { Translate } from '../dialogs/i18n.js';
import { translator } from '../dialogs/i18n.js';
import type { Audience, IntakeMachine } from '../dialogs/intake-machine.js';
import type { UserInput } from '../dialogs/interpret.js';
import type { OutgoingMessage } from '../dialogs/outgoing.js';
import type { PersistedIntake } from '../dialogs/session.js';
import { IntakeSession } from '../dialogs/session.js';
import type { DraftApplication, TranscriptLine } from '../drafts/draft.js';
import { draftFromSession } from '../drafts/from-session.js';
import type { CalendarDate, Lang } from '../rules/index.js';
import type { DraftStore } from '../storage/interfaces.js';
import { ETagConflictError } from '../storage/sqlite/sqlite-storage.js';
import { toActivities } from './activity-mapper.js';
import type { DraftLinks } from './draft-links.js';

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

export interface IntakeBotOptions {
  storage: Storage;
  machine: IntakeMachine;
  today: () => CalendarDate;
  /** Called after `stop`: the channel forgets what it kept of the conversation (its activity log). */
  forget?: (context: TurnContext) => Promise<void>;
  drafts?: {
    store: DraftStore;
    links: DraftLinks;
    /** Where the server is reached from outside; Direct Line's own origin when unset. */
    publicUrl?: string;
    settings?: AssessSettings;
  };
}

/** Buurtwerkers use Teams for intakes; everyone else is a resident. */
const audienceOf = (activity: Activity): Audience =>
  activity.channelId === 'msteams' ? 'intake' : 'resident';
const langOf = (activity: Activity): Lang => (activity.locale?.toLowerCase().startsWith('en') ? 'en' : 'nl');
const MAX_ATTEMPTS = 3;

/**
 * The bot: for each activity, restore the conversation's dialog from storage, run the turn, save it with
 * its eTag (a concurrent turn makes the save fail and the turn is run again on the newer state), reply.
 * It knows activities and storage; the dialog knows neither.
 */
export class IntakeBot {
  constructor(private readonly options: IntakeBotOptions) {}

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
    return `intake/${channelId}/${conversation.id}`;
  }

  private async runTurn(context: TurnContext, isStart: boolean): Promise<void> {
    const { storage, machine, today } = this.options;
    const key = this.key(context);
    const stored = (await storage.read([key]))[key] as StoredConversation | undefined;
    const existing = stored ? this.restore(stored.snapshot) : undefined;
    if (isStart && existing) return; // a reconnecting client: the conversation is where it was

    const input = inputOf(context.activity);
    // `stop` with nothing stored (already stopped, or never started): say so, and store nothing new.
    if (!existing && input.text !== undefined && parseCommand(input.text)?.kind === 'stop') {
      const t = translator(langOf(context.activity), audienceOf(context.activity));
      await context.sendActivity({ type: ActivityTypes.Message, text: t('stopped') });
      return;
    }
    // A second click on the consent (a double click, a retried request) gets the same draft again.
    if (existing?.status === 'submitted' && stored && input.value !== undefined) {
      const draft = await this.storeDraft(context, existing, stored);
      const t = translator(existing.context.lang, existing.context.audience);
      await context.sendActivities([this.draftActivity(context, draft, t, true)]);
      return;
    }

    // A new conversation, or a message after the last one ended, starts a new session: greet and ask
    // the first question. Otherwise the turn goes on where the stored session stands.
    const continuing = existing?.status === 'active' ? existing : undefined;
    let session: IntakeSession;
    let messages: OutgoingMessage[];
    let transcript: TranscriptLine[];
    if (continuing) {
      session = continuing;
      transcript = [...(stored?.transcript ?? []), line('resident', spokenText(context.activity))];
      messages = session.handle(input, today());
    } else {
      ({ session, messages } = IntakeSession.start(machine, {
        today: today(),
        lang: existing?.context.lang ?? langOf(context.activity),
        audience: audienceOf(context.activity),
      }));
      transcript = [];
    }
    const sessionId = continuing && stored ? stored.sessionId : randomUUID();
    transcript = [...transcript, ...messages.map((m) => line('assistant', m.text))].slice(
      -MAX_TRANSCRIPT_LINES,
    );

    const conversation: StoredConversation = { snapshot: session.persisted(), sessionId, transcript };
    if (session.status === 'stopped') {
      await storage.delete([key]);
      await this.options.forget?.(context);
    } else {
      await storage.write({ [key]: { ...conversation, eTag: stored?.eTag ?? '*' } });
    }
    const t = translator(session.context.lang, session.context.audience);
    const replies = toActivities(messages, context.activity.channelId, t);
    if (session.status === 'submitted' && this.options.drafts) {
      const draft = await this.storeDraft(context, session, conversation);
      replies.push(this.draftActivity(context, draft, t, false));
    }
    if (messages.some((m) => m.assessment)) await context.sendActivity({ type: ActivityTypes.Typing });
    await context.sendActivities(replies);
  }

  private async storeDraft(context: TurnContext, session: IntakeSession, conversation: StoredConversation) {
    const drafts = this.options.drafts!;
    const channel = context.activity.channelId === 'msteams' ? 'teams' : 'website';
    const draft = draftFromSession(session.context, channel, conversation.transcript, drafts.settings ?? {});
    const idempotencyKey = `${this.key(context)}/${conversation.sessionId}`;
    const year = Number(session.context.today.slice(0, 4));
    return (await drafts.store.create(draft, idempotencyKey, year)).draft;
  }

  private draftActivity(
    context: TurnContext,
    draft: DraftApplication,
    t: Translate,
    again: boolean,
  ): Partial<Activity> {
    const drafts = this.options.drafts!;
    const base = drafts.publicUrl ?? context.activity.serviceUrl ?? '';
    const url = drafts.links.residentUrl(base, draft.id);
    return {
      type: ActivityTypes.Message,
      text: [
        again ? t('draftReady.alreadySent') : undefined,
        t('draftReady.submittedReference', { reference: draft.reference }),
        t('draftReady.download', { url }),
      ]
        .filter(Boolean)
        .join('\n'),
      channelData: { draft: { id: draft.id, reference: draft.reference } },
    };
  }

  private restore(snapshot: PersistedIntake): IntakeSession | undefined {
    try {
      return IntakeSession.restore(this.options.machine, snapshot);
    } catch {
      // A snapshot an older version wrote and this one cannot read: start afresh rather than fail.
      return undefined;
    }
  }
}

const line = (from: TranscriptLine['from'], text: string): TranscriptLine => ({
  from,
  text: text.slice(0, MAX_LINE),
  at: new Date().toISOString(),
});

/** What the person saw themselves say: the title of a clicked choice, or what they typed. */
function spokenText(activity: Activity): string {
  const displayText = (activity.channelData as { messageBack?: { displayText?: unknown } } | undefined)
    ?.messageBack?.displayText;
  if (typeof displayText === 'string') return displayText;
  if (typeof activity.text === 'string' && activity.text !== '') return activity.text;
  return activity.value === undefined ? '' : JSON.stringify(activity.value);
}

/** Typed text, or the value of a clicked card; anything longer than a sensible answer is cut, not refused. */
function inputOf(activity: Activity): UserInput {
  const text = typeof activity.text === 'string' ? activity.text.slice(0, 20_000) : undefined;
  return {
    ...(text !== undefined && { text }),
    ...(activity.value !== undefined && { value: activity.value }),
  };
}
