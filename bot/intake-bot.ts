import type { Activity, Storage, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import { translator } from '../dialogs/i18n.js';
import type { Audience, IntakeMachine } from '../dialogs/intake-machine.js';
import type { UserInput } from '../dialogs/interpret.js';
import type { OutgoingMessage } from '../dialogs/outgoing.js';
import type { PersistedIntake } from '../dialogs/session.js';
import { IntakeSession } from '../dialogs/session.js';
import type { CalendarDate, Lang } from '../rules/index.js';
import { ETagConflictError } from '../storage/sqlite/sqlite-storage.js';
import { toActivities } from './activity-mapper.js';

interface StoredConversation {
  snapshot: PersistedIntake;
  eTag?: string;
}

export interface IntakeBotOptions {
  storage: Storage;
  machine: IntakeMachine;
  today: () => CalendarDate;
  /** Called after `stop`: the channel forgets what it kept of the conversation (its activity log). */
  forget?: (context: TurnContext) => Promise<void>;
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
    const isStart =
      activity.type === ActivityTypes.ConversationUpdate &&
      (activity.membersAdded ?? []).some((m) => m.id !== activity.recipient?.id);
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

    let session: IntakeSession;
    let messages: OutgoingMessage[];
    if (isStart && existing) {
      return; // a reconnecting client: the conversation is where it was
    }
    if (existing?.status !== 'active') {
      // A new conversation, or a message after the last one ended: greet and ask the first question.
      ({ session, messages } = IntakeSession.start(machine, {
        today: today(),
        lang: existing?.context.lang ?? langOf(context.activity),
        audience: audienceOf(context.activity),
      }));
    } else {
      session = existing;
      messages = session.handle(inputOf(context.activity), today());
    }

    if (session.status === 'stopped') {
      await storage.delete([key]);
      await this.options.forget?.(context);
    } else {
      await storage.write({ [key]: { snapshot: session.persisted(), eTag: stored?.eTag ?? '*' } });
    }
    const t = translator(session.context.lang, session.context.audience);
    const replies = toActivities(messages, context.activity.channelId, t);
    if (messages.some((m) => m.assessment)) await context.sendActivity({ type: ActivityTypes.Typing });
    await context.sendActivities(replies);
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

/** Typed text, or the value of a clicked card; anything longer than a sensible answer is cut, not refused. */
function inputOf(activity: Activity): UserInput {
  const text = typeof activity.text === 'string' ? activity.text.slice(0, 20_000) : undefined;
  return {
    ...(text !== undefined && { text }),
    ...(activity.value !== undefined && { value: activity.value }),
  };
}
