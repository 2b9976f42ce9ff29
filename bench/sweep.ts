// Issue 8.2: one sweep over 1,000,000 pending obligations of which 10,000 are
// past due; then the pending-but-not-due ones doubled and the sweep timed again.
// The sweep runs in this process on the compiled service (dist/), as
// `npm start` runs it (bench/servers.ts: serviceModule).
import pg from 'pg';
import { analyze, insertBatch } from './data.js';
import type { Report } from './report.js';
import { serviceModule } from './servers.js';
import { perUnit, WalMeter, type WalCount } from './wal.js';

type AppModule = typeof import('../src/app.js');
type MarketsModule = typeof import('../src/plugins/markets.js');

export async function benchSweep(report: Report, quick: boolean, databaseUrl: string, compiled = true): Promise<void> {
  const pending = quick ? 20_000 : 1_000_000;
  const due = quick ? 1000 : 10_000;
  const { buildApp } = await serviceModule<AppModule>(compiled, 'app.js', () => import('../src/app.js'));
  const { MarketRegistry } = await serviceModule<MarketsModule>(compiled, 'plugins/markets.js', () => import('../src/plugins/markets.js'));
  const markets = await MarketRegistry.load('calendars');
  const lv = markets.get('LV')!;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const app = await buildApp({ databaseUrl, markets, webhookSecrets: ['bench-webhook-secret-0123456789'], poolSize: 4 });
  await app.ready();
  const meter = await WalMeter.open(databaseUrl);
  try {
    const now = new Date();
    // A running service sweeps every minute: its code is optimised and its caches warm. One smaller sweep first.
    await insertBatch(client, { prefix: 'warm', count: 10_000, market: 'LV', state: 'pending', due: quick ? 500 : 5000, events: 'due', sellerPrefix: 'warm-seller-' }, now, lv.fingerprint);
    await app.services.sweep();
    // Each configuration is swept three times, each time over a fresh set of `due` obligations of its own 5000 sellers
    // (so every sweep opens as many absent-seller episodes); the median counts. The first sweep of a configuration runs
    // after a large load and is the slowest; a running service sweeps every minute.
    let set = 0;
    const sweeps = async (pendingNow: number) => {
      const runs: { seconds: number; result: Awaited<ReturnType<typeof app.services.sweep>>; wal: WalCount | null }[] = [];
      for (let k = 0; k < 3; k++) {
        if (k > 0) {
          await insertBatch(client, { prefix: `sw-extra-${++set}`, count: due, market: 'LV', state: 'pending', due, events: 'due', sellerPrefix: `sw-extra-${set}-seller-` }, now, lv.fingerprint, { keepIndexes: true });
          await analyze(client);
        }
        const from = await meter?.position();
        const t = performance.now();
        const result = await app.services.sweep();
        const seconds = (performance.now() - t) / 1000;
        runs.push({ seconds, result, wal: meter && from !== undefined ? await meter.since(from) : null });
      }
      const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
      report.notes[`sweeps${pendingNow}`] = runs.map((r) => ({ seconds: r.seconds, ...r.result, wal: r.wal }));
      const breaches = runs.map((r) => r.result.ms.breaches).sort((a, b) => a - b)[1]!;
      return { ...sorted[1]!, breaches };
    };
    const gen1 = await insertBatch(client, { prefix: 'sw1', count: pending, market: 'LV', state: 'pending', due, events: 'due', sellerPrefix: 'sw1-seller-' }, now, lv.fingerprint);
    await analyze(client);
    report.notes.sweepDataSeconds = gen1;
    const first = await sweeps(pending);
    const s1 = first.seconds;
    report.add({ section: 'sweep', name: `one sweep: ${pending.toLocaleString('en-US')} pending, ${due.toLocaleString('en-US')} due (median of 3)`, value: s1, unit: 's', target: { op: '<=', value: 2 }, note: JSON.stringify(first.result) });
    report.add({ section: 'sweep', name: 'breached / taken over in that sweep', value: first.result.breached, unit: `/ ${first.result.takenOver}` });
    if (first.wal) {
      // Each due case of the bench is breached and taken over, and each of its sellers flagged absent (two cases a seller).
      const w = perUnit(first.wal, due);
      report.add({ section: 'sweep', name: "WAL per due case in that sweep (what PostgreSQL wrote, whatever the machine's speed)", value: w.records, unit: w.unit });
    }

    // Double the pending-but-not-due obligations, make a fresh set of the same size due.
    const gen2 = await insertBatch(client, { prefix: 'sw2', count: pending, market: 'LV', state: 'pending', due, events: 'due', sellerPrefix: 'sw2-seller-' }, now, lv.fingerprint);
    await analyze(client);
    report.notes.sweepData2Seconds = gen2;
    const second = await sweeps(2 * pending);
    const s2 = second.seconds;
    report.add({ section: 'sweep', name: `one sweep: ${(2 * pending - due).toLocaleString('en-US')} pending not due, ${due.toLocaleString('en-US')} due (median of 3)`, value: s2, unit: 's', note: JSON.stringify(second.result) });
    report.add({ section: 'sweep', name: 'time change when not-due obligations double', value: (Math.abs(s2 - s1) / s1) * 100, unit: '%', target: { op: '<=', value: 20 } });
    // The sweep's phases: the breaches phase reads the due cases (what the pending count could slow down); the
    // absent-seller pass that follows grows with the sellers flagged by every earlier sweep of this bench, whatever
    // the pending count, so part of the change above is the bench's own history.
    report.add({
      section: 'sweep',
      name: 'breaches phase alone (medians), and its change when not-due obligations double',
      value: (Math.abs(second.breaches - first.breaches) / first.breaches) * 100,
      unit: `% (${first.breaches} ms → ${second.breaches} ms)`,
    });
    const plan = await client.query(`EXPLAIN SELECT id FROM cases WHERE check_at <= now() ORDER BY check_at LIMIT 500`);
    report.notes.sweepPlan = plan.rows.map((r) => r['QUERY PLAN']);
  } finally {
    await meter?.end();
    await app.close();
    await client.end();
  }
}
