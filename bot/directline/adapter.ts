import { EventEmitter } from 'node:events';
import type { Activity, ConversationReference, ResourceResponse } from 'botbuilder';
import { BotAdapter, TurnContext } from 'botbuilder';
import type { ConversationLog } from '../../storage/interfaces.js';

export const BOT_ID = 'mag-assistant';
export const CHANNEL_ID = 'directline';

/** Tells open WebSocket streams that a conversation has new activities. In-process; see README for scale-out. */
export class ActivityNotifier {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  notify(conversationId: string): void {
    this.emitter.emit(conversationId);
  }
  subscribe(conversationId: string, listener: () => void): () => void {
    this.emitter.on(conversationId, listener);
    return () => this.emitter.off(conversationId, listener);
  }
}

/**
 * The bot's side of our own Direct Line: what the bot sends is appended to the conversation's log, where
 * Web Chat reads it with a watermark or receives it over the WebSocket stream.
 */
export class DirectLineAdapter extends BotAdapter {
  constructor(
    private readonly log: ConversationLog,
    private readonly notifier: ActivityNotifier,
  ) {
    super();
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation.id;
    const stored = await this.log.appendAll(
      conversationId,
      activities.map((activity) => ({
        ...activity,
        channelId: CHANNEL_ID,
        timestamp: new Date(),
        from: { id: BOT_ID, name: 'MAG-assistent', role: 'bot' },
        conversation: { id: conversationId } as Activity['conversation'],
      })),
    );
    this.notifier.notify(conversationId);
    return stored.map((a) => ({ id: a.id! }));
  }

  async updateActivity(): Promise<void> {
    throw new Error('Direct Line here does not update activities');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('Direct Line here does not delete single activities');
  }

  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: 'event', name: 'continueConversation' },
      reference,
      true,
    );
    await this.runMiddleware(new TurnContext(this, activity as Activity), logic);
  }

  /** Runs one incoming activity through the middleware and the bot. */
  async process(activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}

/** Turns of one conversation run one after the other, so two quick messages are answered in order. */
export class ConversationQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.tails.set(conversationId, tail);
    void tail.then(() => {
      if (this.tails.get(conversationId) === tail) this.tails.delete(conversationId);
    });
    return next;
  }
}
