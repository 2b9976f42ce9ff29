// Issue 8.1: POST /v1/events under load, (a) one event per request and
// (b) batches of 100, signed, realistic mix; and a bare Fastify + pg route
// inserting one row per request, measured in the same run: the ratio counts.
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { kyselyOver, poolOptions } from '../src/db/index.js';
import { loadMarkets } from '../src/markets/index.js';
import { createToken } from '../src/tokens/index.js';
import { sellerMessages500 } from './checks.js';
import type { Report } from './report.js';
import { startBaseline, startReplyby, type Child } from './servers.js';
import { makeEvents, signedBodies } from './traffic.js';

const SECRET = 'bench-webhook-secret-0123456789';

interface Run {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, bodies: { body: string; signature: string; events: number }[], connections: number, duration: number, signed: boolean): Promise<Run> {
  let k = 0;
  const perRequest = bodies[0]!.events;
  const result = await autocannon({
    url,
    connections,
    duration,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const b = bodies[k++ % bodies.length]!;
          return { ...req, body: b.body, headers: { 'content-type': 'application/json', ...(signed ? { 'x-helpdesk-signature': b.signature } : {}) } };
        },
      },
    ],
  });
  if (k > bodies.length) process.stderr.write(`  (note: ${k} requests cycled over ${bodies.length} bodies; later ones were duplicates)\n`);
  return { eventsPerSecond: result.requests.average * perRequest, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx + result.timeouts };
}

export async function benchIngest(report: Report, quick: boolean, databaseUrl: string, compiled = true): Promise<void> {
  const duration = quick ? 3 : 12;
  let replyby: Child | null = null;
  let baseline: Child | null = null;
  try {
    replyby = await startReplyby(databaseUrl, SECRET, { SWEEP_CRON: '0 0 1 1 *' }, compiled);
    baseline = await startBaseline(databaseUrl);
    const now = Date.now();
    const modes = [
      { name: 'single events', perRequest: 1, cases: quick ? 3000 : 16_000, connections: 16, target: { rate: 2000, p99: 50 } },
      { name: 'batches of 100', perRequest: 100, cases: quick ? 3000 : 40_000, connections: 4, target: { rate: 10_000 } },
    ];
    for (const m of modes) {
      const events = makeEvents(`${m.perRequest}-${now}`, m.cases, 4, now);
      const bodies = signedBodies(events, m.perRequest, SECRET);
      const base = await load(`${baseline.url}/ingest`, bodies, m.connections, duration, false);
      const ours = await load(`${replyby.url}/v1/events`, bodies, m.connections, duration, true);
      const s = `ingest ${m.name}`;
      report.add({ section: s, name: 'replyby events/s', value: ours.eventsPerSecond, unit: 'events/s', target: { op: '>=', value: m.target.rate } });
      report.add({ section: s, name: 'replyby latency p50', value: ours.p50, unit: 'ms' });
      report.add({ section: s, name: 'replyby latency p99', value: ours.p99, unit: 'ms', ...(m.target.p99 ? { target: { op: '<=' as const, value: m.target.p99 } } : {}) });
      report.add({ section: s, name: 'replyby errors/non-2xx', value: ours.errors, unit: '', target: { op: '<=', value: 0 } });
      report.add({ section: s, name: 'bare Fastify+pg events/s', value: base.eventsPerSecond, unit: 'events/s' });
      report.add({ section: s, name: 'bare Fastify+pg latency p50 / p99', value: base.p50, unit: `ms / ${base.p99} ms` });
      report.add({ section: s, name: 'ratio replyby ÷ bare', value: ours.eventsPerSecond / base.eventsPerSecond, unit: '×', ...(m.perRequest === 1 ? { target: { op: '>=' as const, value: 0.6 } } : {}) });
    }
    await benchCheckEndpoint(report, replyby.url, databaseUrl, duration);
  } finally {
    await replyby?.stop();
    await baseline?.stop();
  }
}

/**
 * Issue 7.6: POST /v1/checks/message in the send path, with the ingested
 * data in place: 500-character seller replies with a sellerId (so the repeat
 * count's index scan runs too), over 8 connections.
 */
async function benchCheckEndpoint(report: Report, url: string, databaseUrl: string, duration: number): Promise<void> {
  const pool = new pg.Pool(poolOptions(databaseUrl));
  const { token } = await createToken(kyselyOver(pool), { role: 'integration', name: 'bench-checks' });
  await pool.end();
  const markets = await loadMarkets(path.resolve(import.meta.dirname, '../calendars'));
  const bodies = sellerMessages500(markets).map((s) =>
    JSON.stringify({ market: s.market.code, author: 'seller', body: s.event.message!.body, sellerId: `seller-${s.event.caseId.length % 50}` }),
  );
  let k = 0;
  const result = await autocannon({
    url: `${url}/v1/checks/message`,
    connections: 8,
    duration,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: bodies[k++ % bodies.length], headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }) }],
  });
  const s = 'message check endpoint';
  report.add({ section: s, name: 'POST /v1/checks/message requests/s (500-character seller replies)', value: result.requests.average, unit: 'req/s' });
  report.add({ section: s, name: 'latency p50', value: result.latency.p50, unit: 'ms' });
  report.add({ section: s, name: 'latency p99', value: result.latency.p99, unit: 'ms', target: { op: '<=', value: 50 } });
  report.add({ section: s, name: 'errors/non-2xx', value: result.errors + result.non2xx + result.timeouts, unit: '', target: { op: '<=', value: 0 } });
}
