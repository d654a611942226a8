import type { TurnStore } from '../storage/interfaces.js';
import type { DirectLineAdapter } from './directline/adapter.js';
import type { TurnCommitter } from './intake-bot.js';

/**
 * Commits a turn by the adapter it came through. Direct Line: the person's activity, the state, the draft
 * and the replies in one transaction (our log is the channel). Teams: state and draft in one transaction,
 * then the replies go to Teams; a crash between the two loses those replies, never the turn or a draft.
 */
export function turnCommitter(turns: TurnStore, directLine: DirectLineAdapter): TurnCommitter {
  return async (context, { forget, ...write }) => {
    if (context.adapter === directLine) return directLine.commitTurn(context, turns, write, forget);
    const outcome = await turns.commit(write);
    await context.sendActivities(outcome.replies);
    return outcome;
  };
}
