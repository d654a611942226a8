import type { TurnContext } from 'botbuilder';
import { ActivityTypes, TurnContext as Context } from 'botbuilder';

/**
 * The bot for a Direct Line turn, without teams-ai's Application in between: of what `Application.run` does
 * for an activity (typing timer off, no turn-state storage, no auth, no AI, two routes), only the removal of
 * an @mention of the bot from a message's text acts on a Direct Line activity. The IntakeBot picks the
 * messages and the conversation starts itself, as the two routes did. Teams keeps the Application.
 */
export function directLineBot(bot: { onTurn(context: TurnContext): Promise<void> }) {
  return async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Message) activity.text = Context.removeRecipientMention(activity);
    await bot.onTurn(context);
  };
}
