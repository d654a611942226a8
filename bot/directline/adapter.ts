import type { Activity, ConversationReference, ResourceResponse } from 'botbuilder';
import { BotAdapter, TurnContext } from 'botbuilder';
import type {
  ActivitySignal,
  ConversationLog,
  TurnOutcome,
  TurnStore,
  TurnWrite,
} from '../../storage/interfaces.js';

export const BOT_ID = 'mag-assistant';
export const CHANNEL_ID = 'directline';

/** The person's activity, not yet in the log: the turn's commit stores it with its answer. */
const PENDING = Symbol('directline.pending');
/** The person's activity as the turn's commit stored it (with its id). */
const STORED = Symbol('directline.stored');
/** Set when the bot's turn threw: nothing of it was committed. */
export const TURN_FAILED = Symbol('directline.turnFailed');

/**
 * The bot's side of our own Direct Line: what the bot sends is appended to the conversation's log, where
 * Web Chat reads it with a watermark or receives it over the WebSocket stream.
 */
export class DirectLineAdapter extends BotAdapter {
  /** Whether any middleware was added: without, a turn skips botbuilder's middleware pipeline. */
  private withMiddleware = false;

  constructor(
    private readonly log: ConversationLog,
    private readonly notifier: ActivitySignal,
  ) {
    super();
  }

  override use(...middlewares: Parameters<BotAdapter['use']>): this {
    this.withMiddleware = true;
    return super.use(...middlewares);
  }

  /**
   * `runMiddleware` when there is middleware; else what it does for a turn without any (the locale, the
   * bot, `onTurnError`), without wrapping the context in a revocable proxy that every property read of the
   * turn then goes through.
   */
  private async runTurn(context: TurnContext, logic: (context: TurnContext) => Promise<void>) {
    if (this.withMiddleware) return this.runMiddleware(context, logic);
    if (context.activity.locale) context.locale = context.activity.locale;
    try {
      await logic(context);
    } catch (error) {
      if (!this.onTurnError) throw error;
      await this.onTurnError(context, error as Error);
    }
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversationId = context.activity.conversation.id;
    const stored = await this.log.appendAll(
      conversationId,
      activities.map((activity) => fromBot(conversationId, activity)),
    );
    this.notifier.notify(conversationId);
    return stored.map((a) => ({ id: a.id! }));
  }

  /**
   * Commits a turn with its Direct Line part in the same transaction: the person's activity (when the
   * route left it to the turn), the log emptied first on `forget` (and the resume secret forgotten for
   * `everything`), and the replies. Then the open streams are told.
   */
  async commitTurn(
    context: TurnContext,
    turns: TurnStore,
    write: Omit<TurnWrite, 'log'>,
    forget: 'everything' | 'log' | undefined,
  ): Promise<TurnOutcome> {
    const conversationId = context.activity.conversation.id;
    const incoming = context.turnState.get(PENDING) as Partial<Activity> | undefined;
    const outcome = await turns.commit({
      ...write,
      log: {
        conversationId,
        incoming,
        ...(forget && { clear: { forgetResume: forget === 'everything' } }),
      },
      replies: (draft, callback) =>
        write.replies(draft, callback).map((activity) => fromBot(conversationId, activity)),
    });
    if (outcome.incoming) {
      context.turnState.set(STORED, outcome.incoming);
      context.turnState.delete(PENDING);
    }
    this.notifier.notify(conversationId);
    return outcome;
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

  /**
   * Runs one incoming activity through the middleware and the bot. A posted activity (`store`) reaches
   * the log with the turn that answers it, or, when the turn commits nothing, after it; when the turn
   * failed, with `failed`'s apology. Returns the activity as stored.
   */
  async process(
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
    store?: { failed: () => Partial<Activity> },
  ): Promise<Activity | undefined> {
    const context = new TurnContext(this, activity);
    if (store) context.turnState.set(PENDING, activity);
    await this.runTurn(context, logic);
    const stored = context.turnState.get(STORED) as Activity | undefined;
    if (!store || stored) return stored;
    const conversationId = activity.conversation.id;
    const incoming = await this.log.append(conversationId, activity);
    if (context.turnState.get(TURN_FAILED)) {
      await this.log.append(
        conversationId,
        fromBot(conversationId, { ...store.failed(), replyToId: incoming.id }),
      );
    }
    this.notifier.notify(conversationId);
    return incoming;
  }
}

/** An activity as the bot sends it into the conversation. */
const fromBot = (conversationId: string, activity: Partial<Activity>): Partial<Activity> => ({
  ...activity,
  channelId: CHANNEL_ID,
  timestamp: new Date(),
  from: { id: BOT_ID, name: 'MAG-assistent', role: 'bot' },
  conversation: { id: conversationId } as Activity['conversation'],
});
