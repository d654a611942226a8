import type { Snapshot } from 'xstate';
import { createActor } from 'xstate';
import type { CalendarDate } from '../rules/index.js';
import { mentionsOldOrganisation } from './commands.js';
import type { IntakeContext, IntakeInput, IntakeMachine } from './intake-machine.js';
import type { UserInput } from './interpret.js';
import { interpret } from './interpret.js';
import type { ConversationStatus, OutgoingMessage } from './outgoing.js';
import { render } from './render.js';

/** What a channel stores between turns: the machine's persisted snapshot (plain JSON). */
export type PersistedIntake = Snapshot<unknown>;

/**
 * One conversation: restores the machine, turns input into an event, and says what to show. Channels
 * (terminal, Direct Line, Teams) keep a `PersistedIntake` per conversation and know nothing else.
 */
export class IntakeSession {
  private constructor(private readonly actor: ReturnType<typeof createActor<IntakeMachine>>) {}

  /** A new conversation: the greeting and the first question. */
  static start(
    machine: IntakeMachine,
    input: IntakeInput,
  ): { session: IntakeSession; messages: OutgoingMessage[] } {
    const session = new IntakeSession(createActor(machine, { input }).start());
    return { session, messages: render(session.context, 'active', { greeting: true }) };
  }

  static restore(machine: IntakeMachine, persisted: PersistedIntake): IntakeSession {
    // Restored snapshots are trusted only as far as the machine accepts them; a channel that cannot
    // restore (an older version's snapshot) starts a new conversation.
    const snapshot = persisted as Snapshot<unknown> & { context: IntakeContext };
    return new IntakeSession(
      createActor(machine, { snapshot: snapshot as never, input: snapshot.context }).start(),
    );
  }

  get context(): IntakeContext {
    return this.actor.getSnapshot().context;
  }

  get status(): ConversationStatus {
    const snapshot = this.actor.getSnapshot();
    if (snapshot.status !== 'done') return 'active';
    return snapshot.value as ConversationStatus;
  }

  /** The question being asked now, again: for a page that reloads or a restored conversation. */
  current(): OutgoingMessage[] {
    return render(this.context, this.status);
  }

  handle(input: UserInput, today: CalendarDate = this.context.today): OutgoingMessage[] {
    if (this.status !== 'active') return render(this.context, this.status);
    if (today !== this.context.today) this.actor.send({ type: 'clock.set', today });
    const event = interpret(this.context, input, today);
    this.actor.send(event);
    const aside = input.text && mentionsOldOrganisation(input.text) ? ('stuwkracht' as const) : undefined;
    return render(this.context, this.status, { aside });
  }

  persisted(): PersistedIntake {
    return this.actor.getPersistedSnapshot() as PersistedIntake;
  }
}
