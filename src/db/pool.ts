// pg pool settings shared by the server, the CLI and tests: int8 and numeric
// as numbers (our ids and counts stay far below 2^53), date as 'YYYY-MM-DD'.
import pg from 'pg';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import type { Database } from './schema.js';

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

export const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    if (oid === DATE) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

export function poolOptions(connectionString: string): pg.PoolConfig {
  return {
    connectionString,
    types: pgTypes,
    max: 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    application_name: 'replyby',
  };
}

/** Kysely over a pool owned by someone else: never call destroy() on it. `log` sees every query with its duration. */
export function kyselyOver(pool: pg.Pool, log?: (event: LogEvent) => void): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
}
