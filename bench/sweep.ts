// Issue 8.2: one sweep over 1,000,000 pending obligations of which 10,000 are
// past due; then the pending-but-not-due ones doubled and the sweep timed again.
// The sweep runs in this process on the compiled service (dist/), as
// `npm start` runs it: the TypeScript loader (tsx) keeps function names with
// a wrapper on every closure, which the fold creates per case.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { analyze, insertBatch } from './data.js';
import type { Report } from './report.js';
import { ROOT } from './servers.js';

type AppModule = typeof import('../src/app.js');
type MarketsModule = typeof import('../src/plugins/markets.js');

async function service(compiled: boolean): Promise<{ buildApp: AppModule['buildApp']; MarketRegistry: MarketsModule['MarketRegistry'] }> {
  const load = async <T>(file: string, source: () => Promise<T>): Promise<T> =>
    compiled ? ((await import(pathToFileURL(path.join(ROOT, 'dist', file)).href)) as T) : source();
  const { buildApp } = await load<AppModule>('app.js', () => import('../src/app.js'));
  const { MarketRegistry } = await load<MarketsModule>('plugins/markets.js', () => import('../src/plugins/markets.js'));
  return { buildApp, MarketRegistry };
}

export async function benchSweep(report: Report, quick: boolean, databaseUrl: string, compiled = true): Promise<void> {
  const pending = quick ? 20_000 : 1_000_000;
  const due = quick ? 1000 : 10_000;
  const { buildApp, MarketRegistry } = await service(compiled);
  const markets = await MarketRegistry.load('calendars');
  const lv = markets.get('LV')!;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const app = await buildApp({ databaseUrl, markets, webhookSecrets: ['bench-webhook-secret-0123456789'], poolSize: 4 });
  await app.ready();
  try {
    const now = new Date();
    // A running service sweeps every minute: its code is optimised and its caches warm. One smaller sweep first.
    await insertBatch(client, { prefix: 'warm', count: 10_000, market: 'LV', state: 'pending', due: quick ? 500 : 5000, events: 'due', sellerPrefix: 'warm-seller-' }, now, lv.fingerprint);
    await app.services.sweep();
    // Each set of due obligations belongs to its own 5000 sellers, so both sweeps open as many absent-seller episodes.
    const gen1 = await insertBatch(client, { prefix: 'sw1', count: pending, market: 'LV', state: 'pending', due, events: 'due', sellerPrefix: 'sw1-seller-' }, now, lv.fingerprint);
    await analyze(client);
    report.notes.sweepDataSeconds = gen1;
    const t1 = performance.now();
    const first = await app.services.sweep();
    const s1 = (performance.now() - t1) / 1000;
    report.add({ section: 'sweep', name: `one sweep: ${pending.toLocaleString('en-US')} pending, ${due.toLocaleString('en-US')} due`, value: s1, unit: 's', target: { op: '<=', value: 2 }, note: JSON.stringify(first) });
    report.add({ section: 'sweep', name: 'breached / taken over in that sweep', value: first.breached, unit: `/ ${first.takenOver}` });

    // Double the pending-but-not-due obligations, make a fresh set of the same size due.
    const gen2 = await insertBatch(client, { prefix: 'sw2', count: pending, market: 'LV', state: 'pending', due, events: 'due', sellerPrefix: 'sw2-seller-' }, now, lv.fingerprint);
    await analyze(client);
    report.notes.sweepData2Seconds = gen2;
    const t2 = performance.now();
    const second = await app.services.sweep();
    const s2 = (performance.now() - t2) / 1000;
    report.add({ section: 'sweep', name: `one sweep: ${(2 * pending - due).toLocaleString('en-US')} pending not due, ${due.toLocaleString('en-US')} due`, value: s2, unit: 's', note: JSON.stringify(second) });
    report.add({ section: 'sweep', name: 'time change when not-due obligations double', value: (Math.abs(s2 - s1) / s1) * 100, unit: '%', target: { op: '<=', value: 20 } });
    const plan = await client.query(`EXPLAIN SELECT id FROM cases WHERE check_at <= now() ORDER BY check_at LIMIT 500`);
    report.notes.sweepPlan = plan.rows.map((r) => r['QUERY PLAN']);
  } finally {
    await app.close();
    await client.end();
  }
}
