// /healthz: the process is up. /readyz: the database answers.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { HttpError } from '../../plugins/errors.js';

export async function healthRoutes(app: FastifyInstance) {
  const config = { access: 'public' } as const;
  app.get('/healthz', { config, schema: { tags: ['operations'], summary: 'Liveness' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config, schema: { tags: ['operations'], summary: 'Readiness: the database answers', 'x-errors': [503] } }, async () => {
    try {
      await Promise.race([
        sql`SELECT 1`.execute(app.db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('database check timed out')), 2000).unref()),
      ]);
    } catch {
      throw new HttpError(503, 'service_unavailable', 'the database is not reachable', undefined, { 'retry-after': '5' });
    }
    return { status: 'ready' };
  });
  app.get('/metrics', { config: { access: ['admin'] }, schema: { tags: ['operations'], summary: 'Prometheus metrics' } }, async (_req, reply) => {
    reply.type(app.metrics.registry.contentType);
    return app.metrics.registry.metrics();
  });
}
