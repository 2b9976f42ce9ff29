// The app as a plugin tree: builds everything, listens nowhere (tests inject
// into it; server.ts listens). Shared things are decorations, not singletons.
import { randomUUID } from 'node:crypto';
import AjvCompiler from '@fastify/ajv-compiler';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { messageChecks } from './checks/index.js';
import { chainAudit, throttled } from './jobs/audit-chain.js';
import { purgeExpiredBodies } from './jobs/retention.js';
import { Poller, Scheduler } from './jobs/scheduler.js';
import { authPlugin } from './plugins/auth.js';
import { clockPlugin, type Clock } from './plugins/clock.js';
import { databasePlugin } from './plugins/database.js';
import { docsPlugin } from './plugins/docs.js';
import { clientErrorHandler, errorsPlugin, frameworkErrors } from './plugins/errors.js';
import { jsonBodyPlugin } from './plugins/json-body.js';
import { marketsPlugin, type MarketRegistry } from './plugins/markets.js';
import { metricsPlugin } from './plugins/metrics.js';
import { requestContextPlugin } from './plugins/request-context.js';
import { securityPlugin, type RateLimitOptions } from './plugins/security.js';
import { adminRoutes } from './routes/admin/index.js';
import { caseRoutes } from './routes/cases/index.js';
import { checkRoutes } from './routes/checks/index.js';
import { contactSharingRoutes } from './routes/contact-sharing/index.js';
import { dashboardRoutes } from './routes/dashboard/index.js';
import { eventRoutes } from './routes/events/index.js';
import { healthRoutes } from './routes/health/index.js';
import { marketRoutes } from './routes/markets/index.js';
import { reportRoutes } from './routes/reports/index.js';
import { flaggedSellerRoutes } from './routes/sellers/flagged.js';
import { scorecardRoutes } from './routes/sellers/scorecard.js';
import { takeoverRoutes } from './routes/takeovers/index.js';
import { webRoutes } from './routes/web/index.js';
import { absenceRoutes } from './routes/sellers/absences.js';
import { makeServices } from './services.js';

export interface AppOptions {
  readonly databaseUrl: string;
  readonly markets: MarketRegistry;
  /** Current secret first; a second one is accepted during rotation. */
  readonly webhookSecrets: readonly string[];
  readonly takeoverWebhookUrl?: string | undefined;
  readonly clock?: Clock;
  readonly logger?: FastifyServerOptions['logger'];
  /** A pino instance to log with (the server's); overrides `logger`. */
  readonly loggerInstance?: FastifyBaseLogger;
  readonly bodyLimit?: number;
  /** Cases whose fold inputs ingestion keeps (cases/fold-cache.ts); 0 turns it off. Default 10,000. */
  readonly foldCacheCases?: number;
  readonly requestTimeoutMs?: number;
  readonly poolSize?: number;
  /** Log queries slower than this many ms (unset: no query log). */
  readonly slowQueryMs?: number;
  /** Background jobs (sweep and retention crons, outbox worker, audit chainer); off unless given. */
  readonly jobs?: { readonly sweepCron: string; readonly retentionCron?: string } | undefined;
  /** Limits on authentication failures per IP and requests per token (plugins/security.ts). */
  readonly rateLimit?: RateLimitOptions;
  readonly fetch?: typeof fetch;
  /** The built dashboard served at / (default dist/web of the repository). */
  readonly webRoot?: string;
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * Fastify's Ajv coerces types and drops unknown fields, which a query string
 * needs (every value arrives as text) but a JSON body must not have: a note
 * of 123 was stored as "123", null as "", and an unknown field vanished
 * unseen. Bodies are validated as sent (400 naming the field); the rest as
 * Fastify does.
 */
const validatorsByPart: AjvCompiler.BuildCompilerFromPool = (externalSchemas, options = {}) => {
  const lenient = AjvCompiler()(externalSchemas, options);
  const strict = AjvCompiler()(externalSchemas, { ...options, mode: undefined, customOptions: { ...options.customOptions, coerceTypes: false, removeAdditional: false } });
  return (route) => (route.httpPart === 'body' ? strict : lenient)(route);
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const bodyLimit = opts.bodyLimit ?? 5 * 1024 * 1024;
  const app = Fastify({
    ...(opts.loggerInstance ? { loggerInstance: opts.loggerInstance } : { logger: opts.logger ?? false }),
    bodyLimit,
    requestTimeout: opts.requestTimeoutMs ?? 30_000,
    connectionTimeout: opts.requestTimeoutMs ?? 30_000,
    // Slow bodies: Node enforces requestTimeout only with headersTimeout no longer than it (its default is 60 s), and checks
    // on connectionsCheckingInterval (30 s by default): both set here so that a trickled body is cut near its deadline (408).
    http: {
      headersTimeout: Math.min(60_000, opts.requestTimeoutMs ?? 30_000),
      connectionsCheckingInterval: Math.min(1000, Math.max(100, Math.floor((opts.requestTimeoutMs ?? 30_000) / 4))),
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 300 },
    ajv: { customOptions: { allErrors: false } },
    schemaController: { compilersFactory: { buildValidator: validatorsByPart } },
    // Errors raised before a route runs, in the contract's shape too (plugins/errors.ts).
    frameworkErrors,
    clientErrorHandler,
    return503OnClosing: false,
  });
  await app.register(requestContextPlugin); // first: its onRequest hook runs before every other
  await app.register(errorsPlugin);
  await app.register(jsonBodyPlugin, { bodyLimit });
  await app.register(clockPlugin, opts.clock ? { clock: opts.clock } : {});
  await app.register(databasePlugin, {
    url: opts.databaseUrl,
    ...(opts.poolSize ? { poolSize: opts.poolSize } : {}),
    ...(opts.slowQueryMs !== undefined ? { slowQueryMs: opts.slowQueryMs } : {}),
  });
  await app.register(marketsPlugin, { markets: opts.markets });
  await app.register(metricsPlugin, { defaultMetrics: opts.jobs !== undefined });
  await app.register(securityPlugin, opts.rateLimit ?? {});
  await app.register(authPlugin, { onAuthFailure: (req) => app.recordAuthFailure(req) });
  await app.register(docsPlugin);

  app.decorate(
    'services',
    makeServices(app, {
      takeoverWebhookUrl: opts.takeoverWebhookUrl,
      secret: opts.webhookSecrets[0]!,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      onNotifications: () => outbox.wake(), // called by requests only, once the outbox below exists
    }),
  );

  const outbox = new Poller('outbox', 1000, () => app.services.deliverNotifications(), app.log);
  await app.register(healthRoutes);
  await app.register(marketRoutes);
  await app.register(caseRoutes);
  await app.register(contactSharingRoutes);
  await app.register(checkRoutes);
  await app.register(adminRoutes, { sweep: () => app.services.sweep(), reloadMarkets: () => app.services.reloadMarkets() });
  await app.register(eventRoutes, {
    secrets: () => opts.webhookSecrets,
    bodyLimit,
    onAuthFailure: (req) => app.recordAuthFailure(req),
    checks: messageChecks(app.markets.lookup),
    foldCacheCases: opts.foldCacheCases ?? 10_000,
    onNotifications: () => outbox.wake(),
  });
  await app.register(absenceRoutes, { onNotifications: () => outbox.wake() });
  await app.register(reportRoutes);
  await app.register(scorecardRoutes);
  await app.register(flaggedSellerRoutes);
  await app.register(takeoverRoutes);
  await app.register(dashboardRoutes);
  await app.register(webRoutes, opts.webRoot ? { root: opts.webRoot } : {});

  if (opts.jobs) {
    const scheduler = new Scheduler(app.log);
    // Audit rows are written unchained; the chainer links them shortly after (src/jobs/audit-chain.ts).
    const chainer = new Poller('audit-chain', 5000, async () => {
      await chainAudit(app.db);
      return false;
    }, app.log);
    const chainSoon = throttled(() => chainer.wake(), 250);
    app.addHook('onResponse', (req, reply, done) => {
      if (reply.statusCode < 400 && req.routeConfig?.access !== 'public') chainSoon();
      done();
    });
    scheduler.add({
      name: 'sweep',
      cron: opts.jobs.sweepCron,
      run: async () => {
        const r = await app.services.sweep();
        if (r.takenOver + r.atRisk + r.flagged > 0) outbox.wake();
        chainer.wake();
      },
    });
    scheduler.add({
      name: 'retention',
      cron: opts.jobs.retentionCron ?? '17 3 * * *',
      run: async () => {
        const r = await purgeExpiredBodies(app.db, app.markets.all(), app.clock.now());
        if (r.total > 0) app.log.info({ purged: r.purged }, 'retention purge');
        // Without its file a market has no retentionDays: its events keep their texts until the file is back.
        const skipped = await app.services.marketsWithoutFile();
        if (skipped.length > 0) app.log.warn({ markets: skipped }, 'retention purge skipped markets without a market file: their message texts are kept');
        chainer.wake();
      },
    });
    app.addHook('onReady', async () => {
      if (opts.takeoverWebhookUrl) outbox.start();
      chainer.start();
    });
    // Stop the clocks first, then let in-flight work finish, then the pool closes.
    app.addHook('preClose', async () => {
      await scheduler.stop();
      await outbox.stop();
      await chainer.stop();
    });
  }
  return app;
}
