import type { FastifyInstance } from 'fastify';
import type { AnswerMap, Assessment, BotActivity } from './intake-answers.js';
import { answerText, askOf, ELIGIBLE_ORGANISATION, lastQuestion } from './intake-answers.js';

/** One HTTP exchange, over real HTTP (`fetch`) or `app.inject()`: the tests use either. */
export interface HttpResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON body of any shape
  body: any;
  headers: Record<string, string>;
}
export type Http = (
  method: string,
  path: string,
  opts?: { headers?: Record<string, string>; body?: unknown; rawBody?: string },
) => Promise<HttpResponse>;

const parse = (text: string) => {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
};

export function httpViaFetch(base: string): Http {
  return async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${base}${path}`, { method, headers, body });
    return { status: res.status, body: parse(await res.text()), headers: Object.fromEntries(res.headers) };
  };
}

/** `remoteAddress`: the client address the server sees (the rate limit counts per address). */
export function httpViaInject(app: FastifyInstance, remoteAddress = '127.0.0.1'): Http {
  return async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    let payload: string | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.inject({ method: method as 'GET', url: path, headers, payload, remoteAddress });
    return {
      status: res.statusCode,
      body: parse(res.body),
      headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])),
    };
  };
}

export interface WebchatToken {
  conversationId: string;
  userId: string;
  token: string;
  expires_in: number;
  resume: string;
  resumed: boolean;
}

export async function webchatToken(http: Http, body: unknown = {}): Promise<WebchatToken> {
  const res = await http('POST', '/api/webchat/token', { body });
  if (res.status !== 200) throw new Error(`/api/webchat/token answered ${res.status}`);
  return res.body as WebchatToken;
}

/**
 * A Direct Line 3.0 conversation over plain REST, as a test drives it: `POST` a message (the server answers
 * once the bot's turn is done), then read the activities after the watermark.
 */
export class RestConversation {
  watermark = '0';
  readonly seen: BotActivity[] = [];

  constructor(
    readonly http: Http,
    public token: string,
    readonly conversationId: string,
  ) {}

  /** A new conversation from `/api/webchat/token` and `POST /conversations` (the bot greets). */
  static async start(http: Http): Promise<RestConversation & { resume: string; userId: string }> {
    const t = await webchatToken(http);
    const conversation = new RestConversation(http, t.token, t.conversationId);
    const res = await conversation.startConversation();
    if (res.status !== 201) throw new Error(`POST /conversations answered ${res.status}`);
    return Object.assign(conversation, { resume: t.resume, userId: t.userId });
  }

  get auth() {
    return { authorization: `Bearer ${this.token}` };
  }

  get path() {
    return `/v3/directline/conversations/${encodeURIComponent(this.conversationId)}`;
  }

  startConversation() {
    return this.http('POST', '/v3/directline/conversations', { headers: this.auth, body: {} });
  }

  post(activity: Record<string, unknown>) {
    return this.http('POST', `${this.path}/activities`, { headers: this.auth, body: activity });
  }

  /** Posts a message; returns the id of the echoed user activity (replies carry it as `replyToId`). */
  async say(text: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await this.post({ type: 'message', from: { id: 'user' }, text, ...extra });
    if (res.status !== 200) throw new Error(`posting "${text}" answered ${res.status}`);
    return res.body.id as string;
  }

  async get(watermark?: string) {
    const query = watermark === undefined ? '' : `?watermark=${encodeURIComponent(watermark)}`;
    return this.http('GET', `${this.path}/activities${query}`, { headers: this.auth });
  }

  /** The activities after the watermark this conversation has read up to; moves the watermark. */
  async fetchNew(): Promise<BotActivity[]> {
    const res = await this.get(this.watermark);
    if (res.status !== 200) throw new Error(`GET activities answered ${res.status}`);
    this.watermark = res.body.watermark;
    this.seen.push(...res.body.activities);
    return res.body.activities as BotActivity[];
  }

  /** Says `text` and returns the bot's replies to it. */
  async answer(text: string, extra: Record<string, unknown> = {}): Promise<BotActivity[]> {
    const id = await this.say(text, extra);
    const fresh = await this.fetchNew();
    return fresh.filter((a) => a.replyToId === id);
  }

  /** The question the bot asked last, from everything read so far. */
  currentQuestion(): BotActivity | undefined {
    return lastQuestion(this.seen.filter((a) => a.from?.role === 'bot'));
  }
}

export interface VerdictRun {
  /** The slots asked, in order (each answered once). */
  asked: string[];
  /** The questions answered, in order (`asked` are their names): what `assessInputFor` reads. */
  answered: BotActivity[];
  verdict: BotActivity;
  assessment: Assessment;
}

/**
 * Answers whatever the last bot question asks, from the map, until an activity carries
 * `channelData.assessment`. Fails if the same slot is asked twice in a row (an answer not understood).
 */
export async function answerUntilVerdict(
  conversation: RestConversation,
  answers: AnswerMap = ELIGIBLE_ORGANISATION,
  maxTurns = 60,
): Promise<VerdictRun> {
  if (conversation.seen.length === 0) await conversation.fetchNew();
  let question = conversation.currentQuestion();
  const asked: string[] = [];
  const answered: BotActivity[] = [];
  for (let turn = 0; turn < maxTurns; turn++) {
    const slot = askOf(question);
    if (!slot) throw new Error('the bot asked nothing');
    asked.push(slot);
    answered.push(question!);
    const replies = await conversation.answer(answerText(slot, answers));
    if (replies.length === 0) throw new Error(`no reply to the answer for ${slot}`);
    const verdict = replies.find((a) => a.channelData?.assessment);
    if (verdict) return { asked, answered, verdict, assessment: verdict.channelData!.assessment! };
    question = lastQuestion(replies);
    if (askOf(question) === slot) {
      throw new Error(`the answer "${answerText(slot, answers)}" to ${slot} was not accepted`);
    }
  }
  throw new Error(`no verdict after ${maxTurns} answers`);
}

/**
 * Types the answer to whatever the bot asks, from the map, until it asks `until`; returns that question.
 * Fails if a question is asked twice in a row (an answer not understood).
 */
export async function answerUntilAsked(
  conversation: RestConversation,
  until: string,
  answers: AnswerMap,
  maxTurns = 80,
): Promise<BotActivity> {
  if (conversation.seen.length === 0) await conversation.fetchNew();
  let question = conversation.currentQuestion();
  for (let turn = 0; turn < maxTurns; turn++) {
    const slot = askOf(question);
    if (!slot) throw new Error('the bot asked nothing');
    if (slot === until) return question!;
    const replies = await conversation.answer(answerText(slot, answers));
    const next = lastQuestion(replies);
    if (askOf(next) === slot)
      throw new Error(`the answer "${answerText(slot, answers)}" to ${slot} was not accepted`);
    question = next;
  }
  throw new Error(`${until} was never asked`);
}
