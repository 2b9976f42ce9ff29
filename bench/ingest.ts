// Issue 8.1: POST /v1/events under load, (a) one event per request and
// (b) batches of 100, signed, realistic mix; and a bare Fastify + pg route
// inserting one row per request, measured in the same run: the ratio counts.
import path from 'node:path';
import autocannon, { type RawResult } from 'autocannon';
import pg from 'pg';
import { kyselyOver, poolOptions } from '../src/db/index.js';
import { loadMarkets } from '../src/markets/index.js';
import { createToken } from '../src/tokens/index.js';
import { sellerMessages500 } from './checks.js';
import { availableParallelism } from 'node:os';
import { cpuSeconds, machineIdleSeconds, postgresCpuSeconds } from './cpu.js';
import type { Report } from './report.js';
import { startBaseline, startReplyby, type Child } from './servers.js';
import { makeEvents, signedBodies } from './traffic.js';

const SECRET = 'bench-webhook-secret-0123456789';
/** Unmeasured load per server before the first round: longer than a connection's 10 s life, so plans are remade on filled tables. */
const WARM_SECONDS = 12;

interface Run {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU per event of the server, of PostgreSQL and of the load generator, in µs, and the machine's idle share (Linux /proc; null elsewhere). */
  cpu: { server: number; postgres: number; client: number; idle: number } | null;
}

type Bodies = { body: string; signature: string; events: number }[];

/** One target under load: its bodies are sent in order across rounds (a body sent twice is a duplicate). */
class Target {
  private next = 0;
  private readonly results: RawResult[] = [];
  private cpu = { server: 0, postgres: 0, client: 0, idle: 0 };
  private measured = true;

  constructor(
    private readonly url: string,
    private readonly pid: number,
    private readonly bodies: Bodies,
    private readonly signed: boolean,
  ) {}

  /** Load that is not measured: a running service's code is optimised and its connections open. */
  async warm(connections: number, duration: number): Promise<void> {
    await this.load(connections, duration);
  }

  async round(connections: number, duration: number): Promise<void> {
    const server0 = cpuSeconds(this.pid);
    const pg0 = postgresCpuSeconds();
    const idle0 = machineIdleSeconds();
    const client0 = process.cpuUsage();
    const result = await this.load(connections, duration);
    const client = process.cpuUsage(client0);
    const server1 = cpuSeconds(this.pid);
    const pg1 = postgresCpuSeconds();
    const idle1 = machineIdleSeconds();
    if (server0 === null || server1 === null || pg0 === null || pg1 === null || idle0 === null || idle1 === null) this.measured = false;
    else {
      this.cpu.server += server1 - server0;
      this.cpu.postgres += pg1 - pg0;
      this.cpu.client += (client.user + client.system) / 1e6;
      this.cpu.idle += idle1 - idle0;
    }
    this.results.push(result);
  }

  private load(connections: number, duration: number): Promise<RawResult> {
    return autocannon({
      url: this.url,
      connections,
      duration,
      timeout: 30,
      skipAggregateResult: true,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const b = this.bodies[this.next++ % this.bodies.length]!;
            return { ...req, body: b.body, headers: { 'content-type': 'application/json', ...(this.signed ? { 'x-helpdesk-signature': b.signature } : {}) } };
          },
        },
      ],
    });
  }

  summary(connections: number): Run {
    if (this.next > this.bodies.length) process.stderr.write(`  (note: ${this.next} requests cycled over ${this.bodies.length} bodies; later ones were duplicates)\n`);
    const all = autocannon.aggregateResult(this.results, { url: this.url, connections });
    const requests = this.results.reduce((n, r) => n + r.totalCompletedRequests, 0);
    const seconds = this.results.reduce((n, r) => n + r.duration, 0);
    const events = requests * this.bodies[0]!.events;
    const perEvent = (s: number) => (s * 1e6) / Math.max(1, events);
    return {
      eventsPerSecond: events / seconds,
      p50: all.latency.p50,
      p99: all.latency.p99,
      errors: this.results.reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0),
      cpu: this.measured
        ? { server: perEvent(this.cpu.server), postgres: perEvent(this.cpu.postgres), client: perEvent(this.cpu.client), idle: this.cpu.idle / (seconds * availableParallelism()) }
        : null,
    };
  }
}

/**
 * The baseline and replyby, loaded in alternation: this shared machine's
 * speed drifts by ±20% over minutes, and rounds that take turns expose both
 * to the same drift, so the ratio compares like with like. Events per
 * second and latency percentiles are over all rounds' requests. After each
 * round the database is vacuumed and analysed, unmeasured: otherwise the
 * autovacuum that one round's writes call for runs during the other's
 * round, on its CPU and in its PostgreSQL figure.
 */
async function compare(base: Target, ours: Target, connections: number, duration: number, rounds: number, settle: () => Promise<void>): Promise<{ base: Run; ours: Run }> {
  for (let r = 0; r < rounds; r++) {
    await base.round(connections, duration / rounds);
    await settle();
    await ours.round(connections, duration / rounds);
    await settle();
  }
  return { base: base.summary(connections), ours: ours.summary(connections) };
}

export async function benchIngest(report: Report, quick: boolean, databaseUrl: string, compiled = true): Promise<void> {
  const duration = quick ? 3 : 12;
  const rounds = quick ? 1 : 3;
  let replyby: Child | null = null;
  let baseline: Child | null = null;
  let maintenance: pg.Client | null = null;
  try {
    replyby = await startReplyby(databaseUrl, SECRET, { SWEEP_CRON: '0 0 1 1 *' }, compiled);
    baseline = await startBaseline(databaseUrl);
    // One session for it, open throughout: a backend that ended would hand
    // its CPU time to the postmaster's children times during a later round.
    maintenance = new pg.Client({ connectionString: databaseUrl });
    await maintenance.connect();
    const settle = async () => void (await maintenance!.query('VACUUM (ANALYZE)'));
    const now = Date.now();
    // Both servers are warmed first, unmeasured, with events of their own: a
    // running service has optimised its code, opened its connections and
    // planned its statements on tables that hold data (connections are
    // replaced every 10 s). Measured cold, replyby's first 4 s ran at about
    // half its later rate (the baseline, with far less code, at 85%).
    const warmBodies = signedBodies(makeEvents(`warm-${now}`, quick ? 2000 : 12_000, 4, now), 1, SECRET);
    for (const t of [new Target(`${baseline.url}/ingest`, baseline.process.pid!, warmBodies, false), new Target(`${replyby.url}/v1/events`, replyby.process.pid!, warmBodies, true)]) {
      await t.warm(16, quick ? 1 : WARM_SECONDS);
    }
    await settle();
    // Throughput is judged with as many senders (connections) for batches as
    // for single events; with 4 senders of 100 events the server waits on
    // each group's round trips (400 events in flight), which the last row
    // shows as a latency-bound figure.
    const modes = [
      { name: 'single events', perRequest: 1, cases: quick ? 3000 : 16_000, connections: 16, target: { rate: 2000, p99: 50 } },
      { name: 'batches of 100', perRequest: 100, cases: quick ? 3000 : 40_000, connections: 16, target: { rate: 10_000 } },
      { name: 'batches of 100, 4 connections', perRequest: 100, cases: quick ? 3000 : 30_000, connections: 4, target: {} },
    ];
    for (const [i, m] of modes.entries()) {
      const events = makeEvents(`${i}-${now}`, m.cases, 4, now);
      const bodies = signedBodies(events, m.perRequest, SECRET);
      const { base, ours } = await compare(
        new Target(`${baseline.url}/ingest`, baseline.process.pid!, bodies, false),
        new Target(`${replyby.url}/v1/events`, replyby.process.pid!, bodies, true),
        m.connections,
        duration,
        rounds,
        settle,
      );
      const s = `ingest ${m.name}`;
      report.add({ section: s, name: 'replyby events/s', value: ours.eventsPerSecond, unit: 'events/s', ...(m.target.rate ? { target: { op: '>=' as const, value: m.target.rate } } : {}) });
      report.add({ section: s, name: 'replyby latency p50', value: ours.p50, unit: 'ms' });
      report.add({ section: s, name: 'replyby latency p99', value: ours.p99, unit: 'ms', ...(m.target.p99 ? { target: { op: '<=' as const, value: m.target.p99 } } : {}) });
      report.add({ section: s, name: 'replyby errors/non-2xx', value: ours.errors, unit: '', target: { op: '<=', value: 0 } });
      report.add({ section: s, name: 'bare Fastify+pg events/s', value: base.eventsPerSecond, unit: 'events/s' });
      report.add({ section: s, name: 'bare Fastify+pg latency p50 / p99', value: base.p50, unit: `ms / ${base.p99} ms` });
      report.add({ section: s, name: 'ratio replyby ÷ bare', value: ours.eventsPerSecond / base.eventsPerSecond, unit: '×', ...(m.perRequest === 1 ? { target: { op: '>=' as const, value: 0.6 } } : {}) });
      for (const [who, run] of [['replyby', ours], ['bare', base]] as const) {
        if (!run.cpu) continue;
        const c = run.cpu;
        report.add({ section: s, name: `${who}: CPU per event, server / PostgreSQL / load generator`, value: c.server, unit: `µs / ${c.postgres.toFixed(0)} µs / ${c.client.toFixed(0)} µs` });
        report.add({ section: s, name: `${who}: machine CPU idle during its rounds`, value: c.idle * 100, unit: '%' });
      }
    }
    await benchCheckEndpoint(report, replyby.url, databaseUrl, duration);
  } finally {
    await maintenance?.end();
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
