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
import { addWal, NO_WAL, perUnit, WalMeter, type WalCount } from './wal.js';

const SECRET = 'bench-webhook-secret-0123456789';
const server = (c: Child): Server => ({ url: c.url, pid: c.process.pid! });
/** Unmeasured load per server before the first round: longer than a connection's 10 s life, so plans are remade on filled tables. */
const WARM_SECONDS = 12;

interface Run {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU per event of the server, of PostgreSQL and of the load generator, in µs, and the machine's idle share (Linux /proc; null elsewhere). */
  cpu: { server: number; postgres: number; client: number; idle: number } | null;
  /** What PostgreSQL wrote for the events of the rounds (null without a WAL meter). */
  wal: WalCount | null;
  events: number;
}

type Bodies = { body: string; signature: string; events: number }[];

/** A server under load: its URL and process. */
interface Server {
  readonly url: string;
  readonly pid: number;
}

/**
 * One target under load: its bodies are sent in order across rounds (a body
 * sent twice is a duplicate). With several servers (instances on one
 * database), the connections are shared out among them and the bodies go to
 * whichever asks next, as a load balancer that knows nothing of cases would
 * send them.
 */
class Target {
  private next = 0;
  private readonly results: RawResult[] = [];
  private seconds = 0;
  private cpu = { server: 0, postgres: 0, client: 0, idle: 0 };
  private measured = true;
  /** The WAL of the rounds so far; null once a round's could not be read. */
  private wal: WalCount | null = NO_WAL;

  constructor(
    private readonly servers: readonly Server[],
    private readonly path: string,
    private readonly bodies: Bodies,
    private readonly signed: boolean,
    /** Counts the WAL of each round (the rounds take turns, so nothing else writes meanwhile). */
    private readonly meter: WalMeter | null = null,
  ) {}

  /** Load that is not measured: a running service's code is optimised and its connections open. */
  async warm(connections: number, duration: number): Promise<void> {
    await this.load(connections, duration);
  }

  /** Loads the servers for one measured round; answers that round's events a second. */
  async round(connections: number, duration: number): Promise<number> {
    // The WAL is read back after the CPU figures are taken: reading it costs PostgreSQL CPU of its own.
    const wal0 = await this.meter?.position();
    const serverCpu = () => this.servers.reduce<number | null>((sum, s) => { const c = cpuSeconds(s.pid); return sum === null || c === null ? null : sum + c; }, 0);
    const server0 = serverCpu();
    const pg0 = postgresCpuSeconds();
    const idle0 = machineIdleSeconds();
    const client0 = process.cpuUsage();
    const results = await this.load(connections, duration);
    const client = process.cpuUsage(client0);
    const server1 = serverCpu();
    const pg1 = postgresCpuSeconds();
    const idle1 = machineIdleSeconds();
    if (server0 === null || server1 === null || pg0 === null || pg1 === null || idle0 === null || idle1 === null) this.measured = false;
    else {
      this.cpu.server += server1 - server0;
      this.cpu.postgres += pg1 - pg0;
      this.cpu.client += (client.user + client.system) / 1e6;
      this.cpu.idle += idle1 - idle0;
    }
    if (this.meter && wal0 !== undefined) {
      const w = await this.meter.since(wal0);
      this.wal = this.wal && w ? addWal(this.wal, w) : null;
    }
    this.results.push(...results);
    const seconds = Math.max(...results.map((r) => r.duration));
    this.seconds += seconds;
    return this.eventsIn(results) / seconds;
  }

  /** Events carried by the requests completed in `results` (every body of a target carries as many). */
  private eventsIn(results: readonly RawResult[]): number {
    return results.reduce((n, r) => n + r.totalCompletedRequests, 0) * this.bodies[0]!.events;
  }

  private load(connections: number, duration: number): Promise<RawResult[]> {
    const each = Math.max(1, Math.round(connections / this.servers.length));
    return Promise.all(
      this.servers.map((server) =>
        autocannon({
          url: `${server.url}${this.path}`,
          connections: each,
          duration,
          timeout: 30,
          skipAggregateResult: true,
          requests: [
            {
              method: 'POST',
              setupRequest: (req) => {
                const n = this.next++;
                const b = this.bodies[n % this.bodies.length]!;
                // The baseline is told which pass over the bodies this is: it stores a body sent again in a later pass
                // as a new row (it sends batches far faster than there are bodies, and a conflict would write nothing).
                const pass = Math.floor(n / this.bodies.length);
                return { ...req, body: b.body, headers: { 'content-type': 'application/json', ...(this.signed ? { 'x-helpdesk-signature': b.signature } : { 'x-bench-pass': String(pass) }) } };
              },
            },
          ],
        }),
      ),
    );
  }

  summary(connections: number): Run {
    if (this.signed && this.next > this.bodies.length) process.stderr.write(`  (note: ${this.next} requests cycled over ${this.bodies.length} bodies; later ones were duplicates)\n`);
    const all = autocannon.aggregateResult(this.results, { url: this.servers[0]!.url, connections });
    const events = this.eventsIn(this.results);
    const perEvent = (s: number) => (s * 1e6) / Math.max(1, events);
    return {
      eventsPerSecond: events / this.seconds,
      p50: all.latency.p50,
      p99: all.latency.p99,
      errors: this.results.reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0),
      cpu: this.measured
        ? { server: perEvent(this.cpu.server), postgres: perEvent(this.cpu.postgres), client: perEvent(this.cpu.client), idle: this.cpu.idle / (this.seconds * availableParallelism()) }
        : null,
      wal: this.meter ? this.wal : null,
      events,
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
async function compare(
  base: Target,
  ours: Target,
  connections: number,
  roundSeconds: number,
  rounds: number,
  settle: () => Promise<void>,
): Promise<{ base: Run; ours: Run; perRound: { base: number[]; ours: number[] } }> {
  const perRound = { base: [] as number[], ours: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    perRound.base.push(await base.round(connections, roundSeconds));
    await settle();
    perRound.ours.push(await ours.round(connections, roundSeconds));
    await settle();
  }
  return { base: base.summary(connections), ours: ours.summary(connections), perRound };
}

export async function benchIngest(report: Report, quick: boolean, databaseUrl: string, compiled = true): Promise<void> {
  const duration = quick ? 3 : 12;
  const rounds = quick ? 1 : 3;
  const roundSeconds = duration / rounds;
  let replyby: Child | null = null;
  let baseline: Child | null = null;
  let maintenance: pg.Client | null = null;
  let meter: WalMeter | null = null;
  try {
    replyby = await startReplyby(databaseUrl, SECRET, { SWEEP_CRON: '0 0 1 1 *' }, compiled);
    baseline = await startBaseline(databaseUrl);
    // One session for it, open throughout: a backend that ended would hand
    // its CPU time to the postmaster's children times during a later round.
    maintenance = new pg.Client({ connectionString: databaseUrl });
    await maintenance.connect();
    const settle = async () => void (await maintenance!.query('VACUUM (ANALYZE)'));
    meter = await WalMeter.open(databaseUrl);
    if (!meter) process.stderr.write('  (pg_walinspect is not available: no WAL figures)\n');
    const now = Date.now();
    // Both servers are warmed first, unmeasured, with events of their own: a
    // running service has optimised its code, opened its connections and
    // planned its statements on tables that hold data (connections are
    // replaced every 10 s). Measured cold, replyby's first 4 s ran at about
    // half its later rate (the baseline, with far less code, at 85%).
    const warmBodies = signedBodies(makeEvents(`warm-${now}`, quick ? 2000 : 12_000, 4, now), 1, SECRET);
    for (const t of [new Target([server(baseline)], '/ingest', warmBodies, false), new Target([server(replyby)], '/v1/events', warmBodies, true)]) {
      await t.warm(16, quick ? 1 : WARM_SECONDS);
    }
    await settle();
    // Throughput is judged with as many senders (connections) for batches as
    // for single events; with 4 senders of 100 events the server waits on
    // each group's round trips (400 events in flight), which the last row
    // shows as a latency-bound figure.
    //
    // Single events, whose ratio to the baseline is the figure that counts,
    // take twice the rounds: the ratio of one 4 s pair of rounds scatters by
    // ±15% and more on this shared machine (0.42x to 0.69x in one run), so
    // over three pairs whole runs of the same code differed by 0.08 (0.51x
    // and 0.59x on 2026-12-07). Each pair's ratio is printed too, lowest and
    // highest.
    //
    // With 16 senders of single events replyby leaves about a fifth of the
    // machine idle (its requests wait on each other's groups and WAL
    // flushes), where the baseline leaves a tenth; the row with 32 senders
    // shows both nearer their capacity. The targets are judged on 16.
    const modes = [
      { name: 'single events', perRequest: 1, cases: quick ? 3000 : 28_000, connections: 16, rounds: quick ? 1 : 2 * rounds, target: { rate: 2000, p99: 50, ratio: 0.6 } },
      ...(quick ? [] : [{ name: 'single events, 32 connections', perRequest: 1, cases: 32_000, connections: 32, rounds: 2 * rounds, target: {} }]),
      { name: 'batches of 100', perRequest: 100, cases: quick ? 3000 : 40_000, connections: 16, rounds, target: { rate: 10_000 } },
      { name: 'batches of 100, 4 connections', perRequest: 100, cases: quick ? 3000 : 30_000, connections: 4, rounds, target: {} },
    ];
    for (const [i, m] of modes.entries()) {
      const events = makeEvents(`${i}-${now}`, m.cases, 4, now);
      const bodies = signedBodies(events, m.perRequest, SECRET);
      const { base, ours, perRound } = await compare(
        new Target([server(baseline)], '/ingest', bodies, false, meter),
        new Target([server(replyby)], '/v1/events', bodies, true, meter),
        m.connections,
        roundSeconds,
        m.rounds,
        settle,
      );
      const s = `ingest ${m.name}`;
      report.add({ section: s, name: 'replyby events/s', value: ours.eventsPerSecond, unit: 'events/s', ...(m.target.rate ? { target: { op: '>=' as const, value: m.target.rate } } : {}) });
      report.add({ section: s, name: 'replyby latency p50', value: ours.p50, unit: 'ms' });
      report.add({ section: s, name: 'replyby latency p99', value: ours.p99, unit: 'ms', ...(m.target.p99 ? { target: { op: '<=' as const, value: m.target.p99 } } : {}) });
      report.add({ section: s, name: 'replyby errors/non-2xx', value: ours.errors, unit: '', target: { op: '<=', value: 0 } });
      report.add({ section: s, name: 'bare Fastify+pg events/s', value: base.eventsPerSecond, unit: 'events/s' });
      report.add({ section: s, name: 'bare Fastify+pg latency p50 / p99', value: base.p50, unit: `ms / ${base.p99} ms` });
      report.add({ section: s, name: 'ratio replyby ÷ bare', value: ours.eventsPerSecond / base.eventsPerSecond, unit: '×', ...(m.target.ratio ? { target: { op: '>=' as const, value: m.target.ratio } } : {}) });
      report.notes[`${s}: events a second per round (replyby, bare)`] = perRound.ours.map((x, r) => [Math.round(x), Math.round(perRound.base[r]!)]);
      const roundRatios = perRound.ours.map((x, r) => x / perRound.base[r]!);
      if (roundRatios.length > 1) {
        report.add({ section: s, name: `ratio per pair of rounds (${roundRatios.length} pairs of ${roundSeconds} s), lowest – highest`, value: Math.min(...roundRatios), unit: `– ${Math.max(...roundRatios).toFixed(2)} ×` });
      }
      for (const [who, run] of [['replyby', ours], ['bare', base]] as const) {
        const c = run.cpu;
        if (c) {
          report.add({ section: s, name: `${who}: CPU per event, server / PostgreSQL / load generator`, value: c.server, unit: `µs / ${c.postgres.toFixed(0)} µs / ${c.client.toFixed(0)} µs` });
          report.add({ section: s, name: `${who}: machine CPU idle during its rounds`, value: c.idle * 100, unit: '%' });
        }
        if (run.wal) {
          const w = perUnit(run.wal, run.events);
          report.add({ section: s, name: `${who}: WAL per event (what PostgreSQL wrote, whatever the machine's speed)`, value: w.records, unit: w.unit });
        }
      }
    }
    await benchTwoInstances(report, quick, databaseUrl, replyby, compiled, { roundSeconds, rounds, settle, now });
    await benchCheckEndpoint(report, replyby.url, databaseUrl, duration);
  } finally {
    await meter?.end();
    await maintenance?.end();
    await replyby?.stop();
    await baseline?.stop();
  }
}

/** Groups stored by an instance so far, by round trips (0, 1, 2), from its metrics. */
async function groupsByRoundTrips(c: Child, token: string): Promise<number[]> {
  const text = await (await fetch(`${c.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
  const counts = [0, 0, 0];
  for (const m of text.matchAll(/^replyby_ingest_groups_total\{round_trips="(\d)"\} (\d+)/gm)) counts[Number(m[1])] = Number(m[2]);
  return counts;
}

/**
 * Issue 8.6, several instances: two replyby instances on one database, 8
 * connections each, against one instance (the one measured above) with all
 * 16, in alternating rounds.
 * Requests go to either instance whatever their case, as a load balancer
 * sends them, so an instance's kept fold inputs go stale whenever the other
 * stores for the case: the check under the case locks catches it and the
 * group goes the two-trip way. The instances' metrics count the groups by
 * round trips.
 */
async function benchTwoInstances(
  report: Report,
  quick: boolean,
  databaseUrl: string,
  first: Child,
  compiled: boolean,
  o: { roundSeconds: number; rounds: number; settle: () => Promise<void>; now: number },
): Promise<void> {
  // Two more instances for the two-instance rounds: an instance's gate turns one-trip tries off for a while when
  // many fail (cases/fold-cache.ts), and the one-instance rounds must not inherit that state.
  const pair: Child[] = [];
  try {
    for (let i = 0; i < 2; i++) pair.push(await startReplyby(databaseUrl, SECRET, { SWEEP_CRON: '0 0 1 1 *' }, compiled));
    const pool = new pg.Pool(poolOptions(databaseUrl));
    const { token } = await createToken(kyselyOver(pool), { role: 'admin', name: 'bench-metrics' });
    await pool.end();
    const cases = quick ? 3000 : 16_000;
    const bodies = (prefix: string) => signedBodies(makeEvents(`${prefix}-${o.now}`, cases, 4, o.now), 1, SECRET);
    await new Target(pair.map(server), '/v1/events', bodies('warm2'), true).warm(16, quick ? 1 : WARM_SECONDS);
    await o.settle();
    const one = new Target([server(first)], '/v1/events', bodies('one'), true);
    const two = new Target(pair.map(server), '/v1/events', bodies('two'), true);
    const trips = [0, 0, 0];
    for (let r = 0; r < o.rounds; r++) {
      await one.round(16, o.roundSeconds);
      await o.settle();
      const before = await Promise.all(pair.map((c) => groupsByRoundTrips(c, token)));
      await two.round(16, o.roundSeconds);
      const after = await Promise.all(pair.map((c) => groupsByRoundTrips(c, token)));
      after.forEach((counts, k) => counts.forEach((n, i) => (trips[i]! += n - before[k]![i]!)));
      await o.settle();
    }
    const a = one.summary(16);
    const b = two.summary(16);
    const s = 'ingest single events, two instances';
    report.add({ section: s, name: 'two instances, 8 connections each: events/s', value: b.eventsPerSecond, unit: 'events/s' });
    report.add({ section: s, name: 'two instances: latency p50 / p99', value: b.p50, unit: `ms / ${b.p99} ms` });
    report.add({ section: s, name: 'two instances: errors/non-2xx', value: b.errors, unit: '', target: { op: '<=', value: 0 } });
    report.add({ section: s, name: 'one instance, 16 connections, in the same rounds: events/s', value: a.eventsPerSecond, unit: 'events/s' });
    report.add({ section: s, name: 'ratio two instances ÷ one', value: b.eventsPerSecond / a.eventsPerSecond, unit: '×' });
    const groups = trips[0]! + trips[1]! + trips[2]!;
    report.add({
      section: s,
      name: 'two instances: groups stored in one round trip (of groups with 0 / 1 / 2)',
      value: (100 * trips[1]!) / Math.max(1, groups),
      unit: `% (${trips.join(' / ')})`,
    });
    for (const [who, run] of [['two instances', b], ['one instance', a]] as const) {
      if (run.cpu) report.add({ section: s, name: `${who}: CPU per event, ${run === b ? 'servers' : 'server'} / PostgreSQL / load generator`, value: run.cpu.server, unit: `µs / ${run.cpu.postgres.toFixed(0)} µs / ${run.cpu.client.toFixed(0)} µs` });
    }
  } finally {
    await Promise.all(pair.map((c) => c.stop()));
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
