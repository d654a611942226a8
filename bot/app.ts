import { randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import { createIntakeMachine } from '../dialogs/intake-machine.js';
import { SqliteConversationLog } from '../storage/sqlite/conversation-log.js';
import { openDatabase } from '../storage/sqlite/database.js';
import { SqliteDraftStore } from '../storage/sqlite/draft-store.js';
import { SqliteSettingsStore } from '../storage/sqlite/settings-store.js';
import { SqliteStorage } from '../storage/sqlite/sqlite-storage.js';
import type { Config } from './config.js';
import { consulentRoutes } from './consulent/routes.js';
import { ActivityNotifier, ConversationQueue, DirectLineAdapter } from './directline/adapter.js';
import { directLineRoutes } from './directline/routes.js';
import { TokenService } from './directline/tokens.js';
import { DraftLinks } from './draft-links.js';
import { startExpiry } from './expiry.js';
import { installErrorHandler } from './http-errors.js';
import { IntakeBot } from './intake-bot.js';
import { remainingBudgetOf } from './remaining-budget.js';
import { assessRoutes } from './routes/assess.js';
import { draftDocumentRoute } from './routes/draft-document.js';
import type { ReadinessCheck } from './routes/health.js';
import { healthRoutes } from './routes/health.js';
import { messagesRoute } from './routes/messages.js';
import { webchatTokenRoute } from './routes/webchat-token.js';
import { makeClock } from './today.js';
import { webPage } from './web/page-routes.js';

export interface AppDependencies {
  readinessChecks?: ReadinessCheck[];
  /** Where logs go (standard output when unset); tests read what the server logs. */
  logStream?: NodeJS.WritableStream;
}

/** Builds the whole server without listening: tests use `app.inject()` or listen on port 0. */
export async function buildApp(config: Config, deps: AppDependencies = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      // Residents' answers are personal data: never log bodies, tokens, signed links or client addresses.
      serializers: {
        req: (request) => ({ method: request.method, url: String(request.url).split('?')[0] }),
      },
      ...(deps.logStream && { stream: deps.logStream }),
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
  });
  installErrorHandler(app);
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

  const db = openDatabase(config.DATABASE_PATH);
  const storage = new SqliteStorage(db);
  const log = new SqliteConversationLog(db);
  const settings = new SqliteSettingsStore(db);
  // Tokens must survive a restart: the signing key comes from the environment or is made once and kept.
  const signingKey =
    config.TOKEN_SIGNING_KEY ??
    (await settings.setIfAbsent('token-signing-key', randomBytes(32).toString('hex')));
  const tokens = new TokenService(Buffer.from(signingKey), config.DIRECTLINE_TOKEN_TTL_SECONDS);
  const today = makeClock(config.MAG_TODAY);
  const remainingBudget = remainingBudgetOf(config);

  const draftStore = new SqliteDraftStore(db);
  const draftLinks = new DraftLinks(Buffer.from(`${signingKey}:drafts`));
  const intakeBot = new IntakeBot({
    storage,
    machine: createIntakeMachine({ remainingBudget }),
    today,
    forget: async (context) => {
      if (context.activity.channelId === 'directline') await log.clear(context.activity.conversation.id);
    },
    drafts: {
      store: draftStore,
      links: draftLinks,
      publicUrl: config.PUBLIC_URL,
      settings: { remainingBudget },
    },
  });
  const teamsAdapter = new TeamsAdapter({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
  const logTurnError = async (context: TurnContext, error: Error) => {
    app.log.error({ err: error, channel: context.activity.channelId }, 'bot turn failed');
  };
  teamsAdapter.onTurnError = logTurnError;
  // One teams-ai Application for every channel; the dialog's state is the IntakeBot's, not teams-ai's.
  const bot = new Application({
    adapter: teamsAdapter,
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  bot.activity(ActivityTypes.Message, async (context) => intakeBot.onTurn(context));
  bot.conversationUpdate('membersAdded', async (context) => intakeBot.onTurn(context));
  const runBot = (context: TurnContext) => bot.run(context).then(() => undefined);

  const notifier = new ActivityNotifier();
  const directLine = new DirectLineAdapter(log, notifier);
  directLine.onTurnError = logTurnError;

  const expiry = startExpiry({
    storage,
    log,
    drafts: draftStore,
    ttlMs: config.CONVERSATION_TTL_HOURS * 3_600_000,
    draftRetentionMs: config.DRAFT_RETENTION_DAYS * 86_400_000,
    onExpired: (count) => app.log.info({ count }, 'expired abandoned conversations'),
    // Deletions are logged by reference only: no names, no answers.
    onDraftsDeleted: (deleted) =>
      app.log.info({ references: deleted.map((d) => d.reference), reason: 'retention' }, 'drafts deleted'),
  });
  app.addHook('onClose', async () => {
    expiry.stop();
    db.close();
  });

  await app.register(rateLimit, { global: false });
  await app.register(websocket);
  await app.register(healthRoutes, { checks: [() => storage.ping(), ...(deps.readinessChecks ?? [])] });
  await app.register(assessRoutes, { today, remainingBudget });
  await app.register(webchatTokenRoute, { log, tokens, perMinute: config.RATE_LIMIT_PER_MINUTE });
  await app.register(directLineRoutes, {
    log,
    tokens,
    adapter: directLine,
    queue: new ConversationQueue(),
    notifier,
    runBot,
    secret: config.DIRECTLINE_SECRET,
  });
  await app.register(messagesRoute, { adapter: teamsAdapter, runBot });
  await app.register(draftDocumentRoute, { drafts: draftStore, links: draftLinks });
  await app.register(consulentRoutes, {
    drafts: draftStore,
    users: config.CONSULENT_USERS,
    sessionKey: Buffer.from(`${signingKey}:consulent`),
    sessionHours: config.CONSULENT_SESSION_HOURS,
    secureCookies: config.PUBLIC_URL?.startsWith('https:') ?? false,
  });
  await app.register(webPage);
  app.decorate('expiry', expiry);
  return app;
}
