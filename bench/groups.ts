// What one ingestion group costs, without HTTP: groups of 1, 8 and 100
// events stored one after another through ingestEvents (message checks,
// the round trips, the fold, the commit), with the CPU of this process and
// of PostgreSQL per group, both ways: two round trips (inputs read, no
// cache) and one (folded from kept inputs, cases/one-trip.ts). A straight line through the three sizes splits
// the cost into a fixed part per group and a part per event; it shows why a
// single event costs two to three times what an event in a batch does (with
// 16 senders of one event, groups hold about eight). No targets: it explains
// the ingestion rows, it does not replace them. The service's code runs
// compiled, as `npm start` runs it.
import path from 'node:path';
import pg from 'pg';
import type { IncomingEvent } from '../src/cases/index.js';
import { postgresCpuSeconds } from './cpu.js';
import type { Report } from './report.js';
import { serviceModule } from './servers.js';
import { makeEvents } from './traffic.js';

const SIZES = [1, 8, 100] as const;

interface Cost {
  size: number;
  /** CPU ms per group: this process (the service's code) and PostgreSQL. */
  server: number;
  postgres: number;
  wall: number;
}

/** Least-squares line y = fixed + perEvent · size. */
function fit(points: readonly { x: number; y: number }[]): { fixed: number; perEvent: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const slope = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return { fixed: my - slope * mx, perEvent: slope };
}

export async function benchGroups(report: Report, quick: boolean, databaseUrl: string, compiled = true): Promise<void> {
  const { FoldCache, ingestEvents, OneTripGate } = await serviceModule<typeof import('../src/cases/index.js')>(compiled, 'cases/index.js', () => import('../src/cases/index.js'));
  const { messageChecks } = await serviceModule<typeof import('../src/checks/index.js')>(compiled, 'checks/index.js', () => import('../src/checks/index.js'));
  const { kyselyOver, PipelinedPool, poolOptions } = await serviceModule<typeof import('../src/db/index.js')>(compiled, 'db/index.js', () => import('../src/db/index.js'));
  const { MarketRegistry } = await serviceModule<typeof import('../src/plugins/markets.js')>(compiled, 'plugins/markets.js', () => import('../src/plugins/markets.js'));
  const { validateEvent } = await serviceModule<typeof import('../src/routes/events/validate.js')>(compiled, 'routes/events/validate.js', () => import('../src/routes/events/validate.js'));
  const markets = await MarketRegistry.load(path.resolve(import.meta.dirname, '../calendars'));
  const pool = new pg.Pool({ ...poolOptions(databaseUrl), max: 2 });
  const db = kyselyOver(pool);
  const conns = new PipelinedPool(databaseUrl, 1);
  const checks = messageChecks(markets.lookup);
  const now = Date.now();
  const perSize = quick ? 400 : 4000; // events per size, measured
  const warm = quick ? 100 : 1000; // events per size before measuring
  const costs = new Map<string, Cost[]>();
  try {
    for (const way of ['two round trips', 'one round trip'] as const) {
      const events: IncomingEvent[] = makeEvents(`g${now}${way.length}`, Math.ceil(((perSize + warm) * SIZES.length) / 4), 4, now).map((raw, i) => {
        const v = validateEvent(raw, i, { now, knownMarket: (code) => markets.get(code) !== undefined });
        if (!('event' in v)) throw new Error(`bench event ${i} is invalid: ${JSON.stringify(v.problems)}`);
        return v.event;
      });
      const cache = way === 'one round trip' ? { cases: new FoldCache(20_000), gate: new OneTripGate() } : undefined;
      let next = 0;
      const store = async (size: number) => {
        const batch = events.slice(next, next + size);
        next += size;
        const r = await ingestEvents(conns, db, markets.lookup, batch, { now, actor: 'bench', checks, ...(cache ? { cache } : {}) });
        // (a group of one event sent twice is all duplicates: none with the cache)
        if (cache ? r.roundTrips === 2 : r.roundTrips !== 2) throw new Error(`a group of the ${way} took ${r.roundTrips}`);
      };
      const list: Cost[] = [];
      for (const size of SIZES) {
        for (let n = 0; n < warm; n += size) await store(size);
        const pg0 = postgresCpuSeconds();
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        let groups = 0;
        for (let n = 0; n < perSize; n += size, groups++) await store(size);
        const wall = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        const pg1 = postgresCpuSeconds();
        if (pg0 === null || pg1 === null) return; // not Linux: no CPU figures to split
        list.push({ size, server: (cpu.user + cpu.system) / 1000 / groups, postgres: ((pg1 - pg0) * 1000) / groups, wall: wall / groups });
      }
      costs.set(way, list);
    }
  } finally {
    await conns.end();
    await pool.end();
  }
  for (const [way, list] of costs) {
    const s = `ingestion groups (no HTTP), ${way}`;
    for (const c of list) {
      report.add({
        section: s,
        name: `group of ${c.size}: CPU per event, server / PostgreSQL (wall per group)`,
        value: (c.server * 1000) / c.size,
        unit: `µs / ${((c.postgres * 1000) / c.size).toFixed(0)} µs (${c.wall.toFixed(2)} ms)`,
      });
    }
    const server = fit(list.map((c) => ({ x: c.size, y: c.server })));
    const postgres = fit(list.map((c) => ({ x: c.size, y: c.postgres })));
    report.add({ section: s, name: 'fixed CPU per group, server / PostgreSQL', value: server.fixed * 1000, unit: `µs / ${(postgres.fixed * 1000).toFixed(0)} µs` });
    report.add({ section: s, name: 'CPU per event beyond that, server / PostgreSQL', value: server.perEvent * 1000, unit: `µs / ${(postgres.perEvent * 1000).toFixed(0)} µs` });
  }
}
