import { randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import { translator } from '../dialogs/i18n.js';
import { createIntakeMachine } from '../dialogs/intake-machine.js';
import { PdfRenderer } from '../drafts/pdf-renderer.js';
import { createMail, mailSettingsOf, mailStartupLine } from '../mail/index.js';
import { openStores } from '../storage/open-stores.js';
import { callbackMail } from './callback-mail.js';
import type { Config } from './config.js';
import { teamsModeOf, wordingOf } from './config.js';
import { consulentRoutes } from './consulent/routes.js';
import { DirectLineAdapter, TURN_FAILED } from './directline/adapter.js';
import { directLineBot } from './directline/bot.js';
import { directLineRoutes } from './directline/routes.js';
import { TokenService } from './directline/tokens.js';
import { DraftLinks } from './draft-links.js';
import { startExpiry } from './expiry.js';
import { installErrorHandler } from './http-errors.js';
import { IntakeBot } from './intake-bot.js';
import { routeLibraryConsole } from './library-console.js';
import { BudgetBook, environmentBudget } from './remaining-budget.js';
import { assessRoutes } from './routes/assess.js';
import { draftDocumentRoute } from './routes/draft-document.js';
import type { ReadinessCheck } from './routes/health.js';
import { healthRoutes } from './routes/health.js';
import { messagesRoute, TeamsChannelAdapter } from './routes/messages.js';
import { webchatTokenRoute } from './routes/webchat-token.js';
import { sharedRateLimitStore } from './shared-rate-limit.js';
import { makeClock } from './today.js';
import { turnCommitter } from './turn-commit.js';
import { webPage } from './web/page-routes.js';

export interface AppDependencies {
  readinessChecks?: ReadinessCheck[];
  /** Where logs go (standard output when unset); tests read what the server logs. */
  logStream?: NodeJS.WritableStream;
  /**
   * botbuilder's authentication endpoints, for a cloud other than Microsoft's public one (and for tests,
   * which point the channel's key endpoint at this machine), e.g. `ToBotFromChannelOpenIdMetadataUrl`.
   */
  teamsEndpoints?: Record<string, string>;
}

/** Tokens, Direct Line, assessments and drafts: personal data or credentials, never kept by a cache. */
const NOT_CACHED =
  /^\/(?:api\/webchat\/token|v3\/directline|api\/assess|api\/drafts|drafts|api\/messages)(?:[/?]|$)/;

/**
 * Fastify's `trustProxy` from TRUST_PROXY: a number trusts that many proxies nearest to us (the client's
 * own X-Forwarded-For entries are never trusted), addresses trust those proxies.
 */
function trustProxyOf(setting: Config['TRUST_PROXY']) {
  if (typeof setting === 'number') return (_address: string, hop: number) => hop < setting;
  return setting;
}

/** Builds the whole server without listening: tests use `app.inject()` or listen on port 0. */
export async function buildApp(config: Config, deps: AppDependencies = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      // Residents' answers are personal data: never log bodies, tokens, signed links or client addresses.
      serializers: {
        // The route's pattern, not the path: paths carry conversation and draft ids, which stay out of logs.
        req: (request) => ({
          method: request.method,
          url: (request as { routeOptions?: { url?: string } }).routeOptions?.url ?? '(no route)',
        }),
      },
      ...(deps.logStream && { stream: deps.logStream }),
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: trustProxyOf(config.TRUST_PROXY),
  });
  installErrorHandler(app);
  routeLibraryConsole(app.log);
  app.addHook('onSend', async (request, reply) => {
    // Nothing is sniffed into another type; behind https (a trusted proxy's X-Forwarded-Proto) the browser
    // keeps to https; what carries tokens, answers or drafts is never cached.
    reply.header('x-content-type-options', 'nosniff');
    if (request.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (NOT_CACHED.test(request.url) && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });
  // Web Chat and the Direct Line client post `application/json` with an empty body on some calls.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      (error as { statusCode?: number }).statusCode = 400;
      done(error as Error, undefined);
    }
  });

  // SQLite's file, or PostgreSQL with DATABASE_URL: the same stores behind the same interfaces.
  const stores = await openStores(config, {
    onError: (error) => app.log.warn({ err: error }, 'database notifications interrupted; reconnecting'),
  });
  const { state: storage, log, settings } = stores;
  // Tokens must survive a restart: the signing key comes from the environment or is made once and kept.
  const signingKey =
    config.TOKEN_SIGNING_KEY ??
    (await settings.setIfAbsent('token-signing-key', randomBytes(32).toString('hex')));
  const tokens = new TokenService(Buffer.from(signingKey), config.DIRECTLINE_TOKEN_TTL_SECONDS);
  const today = makeClock(config.MAG_TODAY);
  // What is left of each budget line per subsidy year: the consulent's figures (read again for every turn
  // and request), the environment's for the year the server starts in, else the ruleset's ceilings.
  const budget = new BudgetBook(stores.budget, environmentBudget(config, today()), today);
  await budget.refresh();
  const remainingBudget = budget.remainingBudgetFor;

  const draftStore = stores.drafts;
  // Callback requests ("Ik wil iemand spreken"), stored with the turn that makes one (see the turn store).
  const callbackStore = stores.callbacks;
  const draftLinks = new DraftLinks(Buffer.from(`${signingKey}:drafts`));
  const notifier = stores.signal;
  const directLine = new DirectLineAdapter(log, notifier);
  // PDFs are rendered on a thread of their own: a long one does not hold anybody's turn.
  const pdf = new PdfRenderer();
  // Mail goes out from a durable outbox in this database; without SMTP_URL nothing is queued or sent.
  const mailSettings = mailSettingsOf(config);
  const mail = createMail(mailSettings, {
    outbox: stores.outbox,
    drafts: draftStore,
    pdf,
    log: app.log.child({ component: 'mail' }),
  });
  const turns = stores.turns({
    draft: (draft) => mail.draftSubmittedMails(draft),
    callback: (request) => mail.callbackRequestedMails(callbackMail(request, config)),
  });
  const rates = stores.rates;
  const intakeBot = new IntakeBot({
    storage,
    machine: createIntakeMachine({ remainingBudget, ...wordingOf(config) }),
    beforeTurn: () => budget.refresh(),
    today,
    log: app.log,
    // Which adapter a turn came through, never what the activity says: Teams cannot reach the website's keys.
    spaceOf: (context) => (context.adapter === directLine ? 'directline' : 'teams'),
    commit: turnCommitter(turns, directLine),
    drafts: {
      links: draftLinks,
      publicUrl: config.PUBLIC_URL,
      settings: { remainingBudget },
    },
  });
  const teamsAdapter = new TeamsChannelAdapter({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
    ...deps.teamsEndpoints,
  });
  const logTurnError = (context: TurnContext, error: Error) =>
    app.log.error({ err: error, channel: context.activity.channelId }, 'bot turn failed');
  // Nothing of a failed turn was committed: the person is told and can send the answer again.
  teamsAdapter.onTurnError = async (context, error) => {
    logTurnError(context, error);
    const lang = context.activity.locale?.toLowerCase().startsWith('en') ? 'en' : 'nl';
    await context
      .sendActivity(translator(lang, 'intake')('turnFailed'))
      .catch((sendError: unknown) => app.log.warn({ err: sendError }, 'could not say the turn failed'));
  };
  // One teams-ai Application for every channel; the dialog's state is the IntakeBot's, not teams-ai's.
  const bot = new Application({
    adapter: teamsAdapter,
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  bot.activity(ActivityTypes.Message, async (context) => intakeBot.onTurn(context));
  bot.conversationUpdate('membersAdded', async (context) => intakeBot.onTurn(context));
  const runBot = (context: TurnContext) => bot.run(context).then(() => undefined);

  directLine.onTurnError = async (context, error) => {
    logTurnError(context, error);
    context.turnState.set(TURN_FAILED, true);
  };

  const expiry = startExpiry({
    storage,
    log,
    drafts: draftStore,
    ttlMs: config.CONVERSATION_TTL_HOURS * 3_600_000,
    draftRetentionMs: config.DRAFT_RETENTION_DAYS * 86_400_000,
    rates,
    // What expiry deleted leaves the write-ahead log too (see SqliteTurnStore).
    afterDelete: () => stores.afterDelete(),
    // With several instances on one database, one of them runs it at a time.
    exclusive: stores.exclusive,
    onError: (error) => app.log.error({ err: error }, 'expiry run failed; the next run tries again'),
    onExpired: (count) => app.log.info({ count }, 'expired abandoned conversations'),
    // Deletions are logged by reference only: no names, no answers.
    onDraftsDeleted: (deleted) =>
      app.log.info({ references: deleted.map((d) => d.reference), reason: 'retention' }, 'drafts deleted'),
    callbacks: {
      store: callbackStore,
      retentionMs: (config.CALLBACK_RETENTION_DAYS ?? config.DRAFT_RETENTION_DAYS) * 86_400_000,
      onDeleted: (deleted) => {
        const references = deleted.map((d) => d.reference);
        app.log.info({ references, reason: 'retention' }, 'callback requests deleted');
      },
    },
  });
  app.addHook('onClose', async () => {
    intakeBot.close();
    expiry.stop();
    await mail.stop();
    await pdf.close();
    await stores.close();
  });

  // Every instance counts a client's requests together (the database's rate windows).
  await app.register(rateLimit, { global: false, store: sharedRateLimitStore(rates) });
  await app.register(websocket);
  await app.register(healthRoutes, {
    checks: [() => stores.check(), ...(deps.readinessChecks ?? [])],
  });
  await app.register(assessRoutes, {
    today,
    remainingBudget: () => budget.refresh().then(() => remainingBudget),
  });
  await app.register(webchatTokenRoute, {
    log,
    tokens,
    perMinute: config.RATE_LIMIT_PER_MINUTE,
    rates,
    conversationsPerHour: config.CONVERSATIONS_PER_HOUR,
  });
  await app.register(directLineRoutes, {
    log,
    tokens,
    adapter: directLine,
    queue: stores.turnOrder,
    notifier,
    runBot: directLineBot(intakeBot),
    secret: config.DIRECTLINE_SECRET,
    rates,
    limits: {
      postsPerMinute: config.DIRECTLINE_POSTS_PER_MINUTE,
      conversationsPerHour: config.CONVERSATIONS_PER_HOUR,
    },
  });
  const teamsMode = teamsModeOf(config);
  if (teamsMode !== 'off')
    await app.register(messagesRoute, {
      adapter: teamsAdapter,
      mode: teamsMode,
      // A Teams conversation's turns in order too, whichever instance the channel reaches.
      runBot: (context) =>
        stores.turnOrder.run(`teams ${context.activity.conversation?.id ?? ''}`, () => runBot(context)),
    });
  app.addHook('onReady', async () => {
    app.log.info({ teams: teamsMode }, `teams channel ${teamsMode}`);
    const line = mailStartupLine(mailSettings);
    app.log[line.level](line.fields, line.message);
    mail.start();
  });
  await app.register(draftDocumentRoute, { drafts: draftStore, links: draftLinks, pdf });
  await app.register(consulentRoutes, {
    drafts: draftStore,
    users: config.CONSULENT_USERS,
    sessionKey: Buffer.from(`${signingKey}:consulent`),
    sessionHours: config.CONSULENT_SESSION_HOURS,
    secureCookies: config.PUBLIC_URL?.startsWith('https:') ?? false,
    store: stores.auth,
    pdf,
    callbacks: callbackStore,
    today,
    budget,
    // "Tell the applicant": queued for the outbox right after the change is stored.
    onStatusChange: async (draft, { told }) => {
      if (told) await mail.statusChanged(draft);
    },
  });
  await app.register(webPage);
  app.decorate('expiry', expiry);
  return app;
}
