import './directline-polyfills.js';
import type { Activity, DirectLineOptions } from 'botframework-directlinejs';
import { ConnectionStatus, DirectLine } from 'botframework-directlinejs';
import type { AnswerMap, Assessment, BotActivity } from './intake-answers.js';
import { answerFor, askOf, clickFor, ELIGIBLE_ORGANISATION } from './intake-answers.js';

export { ConnectionStatus };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something other than `undefined`, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined, what: string, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * The official `botframework-directlinejs` client as Web Chat uses it, with everything it receives
 * recorded: activities in arrival order, connection statuses, stream errors.
 */
export class ClientHarness {
  readonly dl: DirectLine;
  readonly activities: BotActivity[] = [];
  readonly statuses: ConnectionStatus[] = [];
  readonly errors: unknown[] = [];
  private readonly subscriptions: { unsubscribe(): void }[];

  constructor(options: DirectLineOptions) {
    this.dl = new DirectLine({ pollingInterval: 200, ...options });
    this.subscriptions = [
      this.dl.activity$.subscribe(
        (a: Activity) => this.activities.push(a as unknown as BotActivity),
        (error: unknown) => this.errors.push(error),
      ),
      this.dl.connectionStatus$.subscribe((s: ConnectionStatus) => this.statuses.push(s)),
    ];
  }

  /** The watermark the client keeps (private in the library; Web Chat never exposes it either). */
  get watermark(): string {
    return (this.dl as unknown as { watermark: string }).watermark;
  }

  /** The token the client sends now (private in the library). */
  get token(): string {
    return (this.dl as unknown as { token: string }).token;
  }

  get botActivities(): BotActivity[] {
    return this.activities.filter((a) => a.from?.role === 'bot');
  }

  waitFor(predicate: (a: BotActivity) => boolean, what: string, timeoutMs = 8000): Promise<BotActivity> {
    return eventually(() => this.activities.find(predicate), what, timeoutMs);
  }

  waitForStatus(status: ConnectionStatus, timeoutMs = 8000): Promise<ConnectionStatus> {
    return eventually(
      () => (this.dl.connectionStatus$.getValue() === status ? status : undefined),
      `connection status ${ConnectionStatus[status]}`,
      timeoutMs,
    );
  }

  /** `postActivity` as a promise of the id the server gave the activity. */
  post(activity: Record<string, unknown>): Promise<string> {
    return new Promise((resolve, reject) => {
      this.dl
        .postActivity({ from: { id: 'web-user' }, ...activity } as unknown as Activity)
        .subscribe((id: string) => resolve(id), reject);
    });
  }

  end(): void {
    for (const s of this.subscriptions) s.unsubscribe();
    this.dl.end();
  }
}

export interface ClientRun {
  asked: string[];
  /** The questions answered, in order (`asked` are their names): what `assessInputFor` reads. */
  answered: BotActivity[];
  /** Every question the bot asked (the last activity of each turn). */
  questions: BotActivity[];
  verdict: BotActivity;
  assessment: Assessment;
}

export interface AnswerOptions {
  /**
   * Answer a question with choices as Web Chat does when the person clicks: a suggested action (a
   * messageBack with the action's `text` and `value`), or a card's button after ticking its boxes (a
   * message with the submit's `value` and no text); otherwise type the answer.
   */
  click?: boolean;
  answers?: AnswerMap;
}

export const firstQuestion = (h: ClientHarness) =>
  h.waitFor((a) => a.from?.role === 'bot' && askOf(a) !== undefined, 'the first question');

/** Answers `question` and waits for the bot's next question (the last reply of the turn). */
export async function clientAnswer(
  h: ClientHarness,
  question: BotActivity,
  { click = false, answers = ELIGIBLE_ORGANISATION }: AnswerOptions = {},
): Promise<{ id: string; slot: string; next: BotActivity }> {
  const slot = askOf(question);
  if (!slot) throw new Error('not a question');
  const answer = answerFor(slot, answers);
  const action = click ? clickFor(question, answer) : undefined;
  const id = await h.post(
    action
      ? {
          type: 'message',
          ...(action.text !== undefined && { text: action.text }),
          value: action.value,
          ...(action.displayText && { channelData: { messageBack: { displayText: action.displayText } } }),
        }
      : { type: 'message', text: answer.text },
  );
  const next = await h.waitFor(
    (a) => a.replyToId === id && askOf(a) !== undefined,
    `the question after answering ${slot}`,
  );
  return { id, slot, next };
}

/** Answers whatever the bot asks, over the official client, until an activity carries the assessment. */
export async function clientRunToVerdict(h: ClientHarness, options: AnswerOptions = {}): Promise<ClientRun> {
  let question = await firstQuestion(h);
  const asked: string[] = [];
  const answered: BotActivity[] = [];
  const questions: BotActivity[] = [question];
  for (let turn = 0; turn < 60; turn++) {
    const { id, slot, next } = await clientAnswer(h, question, options);
    asked.push(slot);
    answered.push(question);
    questions.push(next);
    const verdict = h.activities.find((a) => a.replyToId === id && a.channelData?.assessment);
    if (verdict) return { asked, answered, questions, verdict, assessment: verdict.channelData!.assessment! };
    if (askOf(next) === slot) throw new Error(`the answer to ${slot} was not accepted`);
    question = next;
  }
  throw new Error('no verdict after 60 answers');
}
