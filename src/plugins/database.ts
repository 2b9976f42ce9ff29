// PostgreSQL through @fastify/postgres (which owns the pool and ends it on
// close) and Kysely on top of that pool.
import fastifyPostgres from '@fastify/postgres';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely, LogEvent } from 'kysely';
import { kyselyOver, PipelinedPool, poolOptions, type Database } from '../db/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    /** Connections for pipelined transactions (ingestion's few-round-trip path; db/pipelined.ts). */
    pipelined: PipelinedPool;
  }
}

export const databasePlugin = fp(async (app: FastifyInstance, opts: { url: string; poolSize?: number; slowQueryMs?: number }) => {
  await app.register(fastifyPostgres, { ...poolOptions(opts.url), ...(opts.poolSize ? { max: opts.poolSize } : {}) });
  // An idle connection dropped by the server must not crash the process. Once closing, it is expected: pg's pool
  // reports itself ended while its idle sockets are still closing, and the embedded database stops right after.
  app.pg.pool.on('error', (err) => (app.isClosing() ? app.log.debug({ err }, 'idle database connection closed at shutdown') : app.log.warn({ err }, 'idle database connection lost')));
  // Queries slower than slowQueryMs are logged with their duration (SQL text only, never parameters).
  const slow = opts.slowQueryMs;
  const log =
    slow === undefined
      ? undefined
      : (e: LogEvent) => {
          if (e.queryDurationMillis >= slow) {
            app.log.warn({ ms: Math.round(e.queryDurationMillis * 10) / 10, sql: e.query.sql.replace(/\s+/g, ' ').slice(0, 300), failed: e.level === 'error' }, 'slow query');
          }
        };
  app.decorate('db', kyselyOver(app.pg.pool, log));
  // Two: ingestion runs at most two transactions at once (cases/group-commit.ts).
  const pipelined = new PipelinedPool(opts.url, 2);
  app.decorate('pipelined', pipelined);
  app.addHook('onClose', () => pipelined.end());
});
