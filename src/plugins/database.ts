// PostgreSQL through @fastify/postgres (which owns the pool and ends it on
// close) and Kysely on top of that pool.
import fastifyPostgres from '@fastify/postgres';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import { kyselyOver, poolOptions, type Database } from '../db/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
  }
}

export const databasePlugin = fp(async (app: FastifyInstance, opts: { url: string; poolSize?: number }) => {
  await app.register(fastifyPostgres, { ...poolOptions(opts.url), ...(opts.poolSize ? { max: opts.poolSize } : {}) });
  // An idle connection dropped by the server must not crash the process.
  app.pg.pool.on('error', (err) => app.log.warn({ err }, 'idle database connection lost'));
  app.decorate('db', kyselyOver(app.pg.pool));
});
