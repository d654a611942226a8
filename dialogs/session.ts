import type { Snapshot } from 'xstate';
import { createActor } from 'xstate';
import type { CalendarDate } from '../rules/index.js';
import { mentionsOldOrganisation } from './commands.js';
import type { IntakeContext, IntakeInput, IntakeMachine, IntakeSettings } from './intake-machine.js';
import { settingsOf } from './intake-machine.js';
import type { UserInput } from './interpret.js';
import { interpret } from './interpret.js';
import type { ConversationStatus, OutgoingMessage } from './outgoing.js';
import { render } from './render.js';

/** A stored conversation this version of the machine cannot go on from. */
export class UnrestorableSnapshot extends Error {
  override readonly name = 'UnrestorableSnapshot';
}

/** What a channel stores between turns: the machine's persisted snapshot (plain JSON). */
export type PersistedIntake = Snapshot<unknown>;

/**
 * One conversation: restores the machine, turns input into an event, and says what to show. Channels
 * (terminal, Direct Line, Teams) keep a `PersistedIntake` per conversation and know nothing else.
 */
export class IntakeSession {
  private constructor(
    private readonly actor: ReturnType<typeof createActor<IntakeMachine>>,
    private readonly settings: IntakeSettings,
  ) {}

  /** A new conversation: the greeting and the first question. */
  static start(
    machine: IntakeMachine,
    input: IntakeInput,
  ): { session: IntakeSession; messages: OutgoingMessage[] } {
    const session = new IntakeSession(createActor(machine, { input }).start(), settingsOf(machine));
    return {
      session,
      messages: render(session.context, 'active', { greeting: true, settings: session.settings }),
    };
  }

  /**
   * A conversation as a channel stored it. Throws `UnrestorableSnapshot` when the machine cannot go on
   * from it (an older version's snapshot, a damaged record): the channel then starts afresh.
   */
  static restore(machine: IntakeMachine, persisted: PersistedIntake): IntakeSession {
    const snapshot = persisted as Snapshot<unknown> & { context: IntakeContext };
    if (
      !snapshot ||
      typeof snapshot !== 'object' ||
      !snapshot.context ||
      typeof snapshot.context !== 'object'
    ) {
      throw new UnrestorableSnapshot('no context');
    }
    const actor = createActor(machine, { snapshot: snapshot as never, input: snapshot.context });
    // Without an error listener XState rethrows a failed restore later, outside any try: a crash.
    let failed: unknown;
    actor.subscribe({ error: (error) => (failed ??= error) });
    try {
      actor.start();
      const session = new IntakeSession(actor, settingsOf(machine));
      if (failed === undefined && actor.getSnapshot().status !== 'error') {
        // The question it would ask now must be askable; a damaged context fails here, not mid-turn.
        session.current();
        return session;
      }
    } catch (error) {
      failed ??= error;
    }
    actor.stop();
    throw new UnrestorableSnapshot(String(failed ?? 'error state'));
  }

  get context(): IntakeContext {
    return this.actor.getSnapshot().context;
  }

  get status(): ConversationStatus {
    const snapshot = this.actor.getSnapshot();
    if (snapshot.status !== 'done') return 'active';
    return snapshot.value as ConversationStatus;
  }

  /**
   * The question being asked now, again: for a page that reloads or a restored conversation. Rendered once
   * per state: a restore checks it can be asked, and the turn that follows reads it again (a click's titles).
   */
  current(): OutgoingMessage[] {
    const snapshot = this.actor.getSnapshot();
    if (this.rendered?.snapshot !== snapshot) {
      this.rendered = { snapshot, messages: render(this.context, this.status, { settings: this.settings }) };
    }
    return this.rendered.messages;
  }

  private rendered: { snapshot: unknown; messages: OutgoingMessage[] } | undefined;

  handle(input: UserInput, today: CalendarDate = this.context.today): OutgoingMessage[] {
    if (this.status !== 'active') return render(this.context, this.status, { settings: this.settings });
    if (today !== this.context.today) this.actor.send({ type: 'clock.set', today });
    const event = interpret(this.context, input, today);
    this.actor.send(event);
    const aside = input.text && mentionsOldOrganisation(input.text) ? ('stuwkracht' as const) : undefined;
    return render(this.context, this.status, { aside, settings: this.settings });
  }

  persisted(): PersistedIntake {
    return this.actor.getPersistedSnapshot() as PersistedIntake;
  }
}
