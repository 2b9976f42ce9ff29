// Environment → typed configuration, validated once at start (CONTRACT §9).
import path from 'node:path';
import cron from 'node-cron';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Unset: an embedded PostgreSQL in dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly calendarsDir: string;
  /** Unset: generated once and kept in dataDir. Two comma-separated secrets during rotation. */
  readonly webhookSecrets: readonly string[] | undefined;
  readonly takeoverWebhookUrl: string | undefined;
  readonly sweepCron: string;
  readonly retentionCron: string;
  readonly logLevel: string;
  /** Largest request body accepted, in bytes (POST /v1/events answers 413 above it). */
  readonly bodyLimit: number;
  /** Queries slower than this are logged (warn) with their duration. */
  readonly slowQueryMs: number;
  /** A request whose body has not arrived by then is cut off (slow-body attacks). */
  readonly requestTimeoutMs: number;
  /** Cases whose fold inputs ingestion keeps in memory (one round trip per group instead of two); 0 turns it off. */
  readonly foldCacheCases: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const int = (name: string, value: string | undefined, fallback: number, min: number, max: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, not "${value}"`);
  return n;
};

const cronExpr = (name: string, value: string | undefined, fallback: string): string => {
  const expr = value && value.trim() !== '' ? value.trim() : fallback;
  if (!cron.validate(expr)) throw new ConfigError(`${name} is not a valid cron expression: "${expr}"`);
  return expr;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const secrets = env.WEBHOOK_SECRET?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (secrets && secrets.some((s) => s.length < 16)) throw new ConfigError('WEBHOOK_SECRET: each secret must be at least 16 characters');
  if (secrets && secrets.length > 2) throw new ConfigError('WEBHOOK_SECRET holds at most two comma-separated secrets (current, previous)');
  const url = env.TAKEOVER_WEBHOOK_URL?.trim() || undefined;
  if (url !== undefined && !/^https?:\/\//.test(url)) throw new ConfigError(`TAKEOVER_WEBHOOK_URL must be an http(s) URL, not "${url}"`);
  return {
    port: int('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    dataDir: path.resolve(cwd, env.DATA_DIR?.trim() || '.data'),
    calendarsDir: path.resolve(cwd, env.CALENDARS_DIR?.trim() || 'calendars'),
    webhookSecrets: secrets && secrets.length > 0 ? secrets : undefined,
    takeoverWebhookUrl: url,
    sweepCron: cronExpr('SWEEP_CRON', env.SWEEP_CRON, '* * * * *'),
    retentionCron: cronExpr('RETENTION_CRON', env.RETENTION_CRON, '17 3 * * *'),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    bodyLimit: int('BODY_LIMIT', env.BODY_LIMIT, 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    slowQueryMs: int('SLOW_QUERY_MS', env.SLOW_QUERY_MS, 500, 0, 600_000),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS, 30_000, 1000, 600_000),
    foldCacheCases: int('FOLD_CACHE_CASES', env.FOLD_CACHE_CASES, 10_000, 0, 10_000_000),
  };
}
