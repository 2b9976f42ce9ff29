// Prometheus metrics (a registry per app, so tests can build several apps).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly eventsAccepted: Counter;
  readonly eventsDuplicate: Counter;
  readonly obligationsBreached: Counter;
  readonly takeovers: Counter<'reason'>;
  readonly ingestGroups: Counter<'round_trips'>;
  readonly sweepDuration: Histogram;
  readonly notifications: Counter<'kind' | 'outcome'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

export const metricsPlugin = fp(async (app: FastifyInstance, opts: { defaultMetrics?: boolean }) => {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'replyby_' });
  const registers = [registry];
  const m: Metrics = {
    registry,
    eventsAccepted: new Counter({ name: 'replyby_events_accepted_total', help: 'Events stored', registers }),
    eventsDuplicate: new Counter({ name: 'replyby_events_duplicate_total', help: 'Events received again (same id and content)', registers }),
    obligationsBreached: new Counter({ name: 'replyby_obligations_breached_total', help: 'Obligations that became breached', registers }),
    takeovers: new Counter({ name: 'replyby_takeovers_total', help: 'Cases taken over', labelNames: ['reason'], registers }),
    ingestGroups: new Counter({
      name: 'replyby_ingest_groups_total',
      help: 'Groups of events stored, by round trips: 1 when folded from kept inputs, 2 when they were read (a rate of 2 says the fold cache misses), 0 when all were duplicates of kept events',
      labelNames: ['round_trips'],
      registers,
    }),
    sweepDuration: new Histogram({ name: 'replyby_sweep_duration_seconds', help: 'Duration of breach sweeps', buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30], registers }),
    notifications: new Counter({ name: 'replyby_notifications_total', help: 'Outbox delivery attempts', labelNames: ['kind', 'outcome'], registers }),
    httpDuration: new Histogram({
      name: 'replyby_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
  };
  new Gauge({
    name: 'replyby_outbox_backlog',
    help: 'Notifications not yet delivered (nor discarded by an operator)',
    registers,
    async collect() {
      const row = await app.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('delivered_at', 'is', null)
        .where('discarded_at', 'is', null)
        .executeTakeFirst()
        .catch(() => undefined);
      if (row) this.set(Number(row.n));
    },
  });
  app.decorate('metrics', m);
  // One labelled child per method, route and status, looked up by a string key: observing through a labels
  // object hashes it on every request.
  const children = new Map<string, ReturnType<typeof m.httpDuration.labels>>();
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeConfig?.url ?? 'unmatched';
    const key = `${req.method} ${reply.statusCode} ${route}`;
    let child = children.get(key);
    if (!child) children.set(key, (child = m.httpDuration.labels({ method: req.method, route, status: String(reply.statusCode) })));
    child.observe(reply.elapsedTime / 1000);
    done();
  });
});
