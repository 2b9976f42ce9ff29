// Entry point: config → database (embedded or DATABASE_URL) → migrations →
// markets → app → jobs → listen. Shuts down gracefully on SIGTERM/SIGINT;
// SIGHUP reloads the market files.
import closeWithGrace from 'close-with-grace';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { kyselyOver, migrate, poolOptions, resolveDatabase } from './db/index.js';
import { MarketFileError } from './markets/index.js';
import { MarketRegistry } from './plugins/markets.js';
import { webhookSecrets } from './secrets.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      pino().fatal(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = pino({ level: config.logLevel });

  let markets: MarketRegistry;
  try {
    markets = await MarketRegistry.load(config.calendarsDir);
  } catch (err) {
    if (err instanceof MarketFileError) {
      log.fatal({ problems: err.problems, file: err.file }, `invalid market file, not starting:\n${err.message}`);
      process.exit(2);
    }
    throw err;
  }

  const database = await resolveDatabase(config.databaseUrl, config.dataDir, (msg, extra) => log.info(extra ?? {}, msg));
  const migrationPool = new pg.Pool(poolOptions(database.url));
  try {
    const applied = await migrate(kyselyOver(migrationPool));
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
  } finally {
    await migrationPool.end();
  }

  const secret = await webhookSecrets(config.webhookSecrets, config.dataDir);
  if (secret.file) log.info({ file: secret.file, webhookSecret: secret.secrets[0] }, secret.generated ? 'generated a webhook secret' : 'webhook secret (from DATA_DIR)');

  const app = await buildApp({
    databaseUrl: database.url,
    markets,
    webhookSecrets: secret.secrets,
    takeoverWebhookUrl: config.takeoverWebhookUrl,
    loggerInstance: log,
    bodyLimit: config.bodyLimit,
    foldCacheCases: config.foldCacheCases,
    requestTimeoutMs: config.requestTimeoutMs,
    slowQueryMs: config.slowQueryMs,
    jobs: { sweepCron: config.sweepCron, retentionCron: config.retentionCron },
  });

  // SIGHUP is ours: it reloads the market files instead of shutting down.
  closeWithGrace({ delay: 20_000, logger: log, skip: ['SIGHUP'] }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'shutting down after an error');
    else log.info({ signal }, 'shutting down');
    await app.close();
    await database.stop();
  });
  process.on('SIGHUP', () => {
    app.services.reloadMarkets().catch((err) => log.error({ err: err instanceof MarketFileError ? err.message : err }, 'market reload failed; previous calendars stay in force'));
  });

  await app.ready();
  const recomputed = await app.services.recomputeAll();
  if (recomputed > 0) log.info({ recomputed }, 'recomputed pending deadlines of changed market files');
  // Start-up still loads what is there (a market is removed by a restart), but not silently.
  const orphaned = await app.services.marketsWithoutFile();
  if (orphaned.length > 0) {
    log.warn({ markets: orphaned, calendarsDir: config.calendarsDir }, 'cases exist for markets without a market file: their events are refused, their deadlines not enforced, their reports refused');
  }
  const address = await app.listen({ port: config.port, host: config.host });
  log.info({ address, markets: markets.all().map((m) => m.code), database: config.databaseUrl ? 'DATABASE_URL' : 'embedded' }, `replyby listening on ${address}`);
}

main().catch((err) => {
  pino().fatal({ err }, 'failed to start');
  process.exit(1);
});
