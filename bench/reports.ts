// Issue 8.3 / 4.6: with 1,000,000 obligations, one market's monthly breach
// report (JSON first page and full CSV) and the sellers report, as medians,
// against the real server (compiled, in its own process); a ~100,000-row CSV
// with the server's peak RSS growth; and the plans of the report queries.
import { readFile, writeFile } from 'node:fs/promises';
import pg from 'pg';
import type { CompiledQuery } from 'kysely';
import { kyselyOver, poolOptions } from '../src/db/index.js';
import { MarketRegistry } from '../src/plugins/markets.js';
import { breachPage } from '../src/routes/reports/breaches.js';
import { sellerPage } from '../src/routes/reports/sellers.js';
import { createToken } from '../src/tokens/index.js';
import { analyze, insertBatch } from './data.js';
import { median, type Report } from './report.js';
import { startReplyby } from './servers.js';

const SECRET = 'bench-webhook-secret-0123456789';
const DAY = 86_400_000;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Reads a streamed response to its end, counting lines, holding nothing. */
async function drain(res: Response): Promise<number> {
  let lines = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return lines;
    for (const b of value) if (b === 10) lines++;
  }
}

const statusKb = async (pid: number, field: string) => Number(/(\d+) kB/.exec((await readFile(`/proc/${pid}/status`, 'utf8')).split('\n').find((l) => l.startsWith(field)) ?? '')?.[1] ?? NaN);

export async function benchReports(report: Report, quick: boolean, databaseUrl: string, compiled = true): Promise<void> {
  const total = quick ? 50_000 : 1_000_000;
  const markets = await MarketRegistry.load('calendars');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const now = new Date();
  const shares: [string, number][] = [['LV', 0.4], ['EE', 0.3], ['SA', 0.3]];
  let seconds = 0;
  for (const [code, share] of shares) {
    seconds += await insertBatch(client, { prefix: `r-${code}`, count: Math.round(total * share), market: code, state: 'report', events: 'none' }, now, markets.get(code)!.fingerprint);
  }
  await analyze(client);
  report.add({ section: 'reports', name: `data: ${total.toLocaleString('en-US')} obligations (LV 40%, EE 30%, SA 30%) generated in`, value: seconds, unit: 's' });

  const pool = new pg.Pool(poolOptions(databaseUrl));
  const { token } = await createToken(kyselyOver(pool), { role: 'compliance', name: 'bench' });
  const server = await startReplyby(databaseUrl, SECRET, { SWEEP_CRON: '0 0 1 1 *' }, compiled);
  const auth = { authorization: `Bearer ${token}` };
  const to = now.getTime();
  const month = `market=LV&from=${new Date(to - 30 * DAY).toISOString()}&to=${new Date(to).toISOString()}`;
  const year = `market=LV&from=${new Date(to - 366 * DAY).toISOString()}&to=${new Date(to).toISOString()}`;
  try {
    const runs = quick ? 3 : 7;
    const firstPage: number[] = [];
    for (let i = 0; i < runs; i++) firstPage.push(await timed(async () => (await fetch(`${server.url}/v1/reports/breaches?${month}&limit=100`, { headers: auth })).json()));
    report.add({ section: 'reports', name: 'LV monthly breach report, JSON first page (100 rows), median', value: median(firstPage), unit: 'ms', target: { op: '<=', value: 300 } });

    const csvTimes: number[] = [];
    let monthRows = 0;
    for (let i = 0; i < Math.min(runs, 3); i++) csvTimes.push(await timed(async () => (monthRows = (await drain(await fetch(`${server.url}/v1/reports/breaches?${month}&format=csv`, { headers: auth }))) - 1)));
    report.add({ section: 'reports', name: `LV monthly breach report, full CSV (${monthRows.toLocaleString('en-US')} rows), median`, value: median(csvTimes), unit: 'ms' });

    const sellers: number[] = [];
    for (let i = 0; i < runs; i++) sellers.push(await timed(async () => (await fetch(`${server.url}/v1/reports/sellers?${month}&limit=100`, { headers: auth })).json()));
    report.add({ section: 'reports', name: 'LV monthly sellers report, JSON first page, median', value: median(sellers), unit: 'ms' });

    // The dashboard's first page: every breached obligation of the market is checked against its case (closed or not).
    const overview: number[] = [];
    for (let i = 0; i < runs; i++) overview.push(await timed(async () => (await fetch(`${server.url}/v1/overview?market=LV`, { headers: auth })).json()));
    report.add({ section: 'reports', name: `LV overview (the dashboard's first page; ${Math.round(total * 0.4 * 0.1).toLocaleString('en-US')} breached obligations in open cases), median`, value: median(overview), unit: 'ms' });

    // The year's breach report as CSV (~100,000 rows at full size): time, and the server's peak RSS growth.
    const pid = server.process.pid!;
    await writeFile(`/proc/${pid}/clear_refs`, '5').catch(() => undefined); // reset the peak (VmHWM)
    const rssBefore = await statusKb(pid, 'VmRSS:');
    let yearRows = 0;
    const yearMs = await timed(async () => (yearRows = (await drain(await fetch(`${server.url}/v1/reports/breaches?${year}&format=csv`, { headers: auth }))) - 1));
    const peak = await statusKb(pid, 'VmHWM:');
    report.add({ section: 'reports', name: `LV yearly breach report CSV: ${yearRows.toLocaleString('en-US')} rows streamed in`, value: yearMs, unit: 'ms' });
    report.add({ section: 'reports', name: 'server peak RSS growth while streaming it', value: (peak - rssBefore) / 1024, unit: 'MiB', target: { op: '<=', value: 100 } });
  } finally {
    await server.stop();
  }

  // The plans of the report queries, captured as the routes build them.
  const captured: CompiledQuery[] = [];
  const db = kyselyOver(pool, (e) => captured.push(e.query));
  const period = { from: to - 30 * DAY, to };
  await breachPage(db, markets.get('LV')!, period, undefined, null, 101, to);
  await breachPage(db, markets.get('LV')!, period, 'seller-42', null, 101, to);
  await sellerPage(db, 'LV', period, undefined, null, 101);
  const plans: Record<string, string[]> = {};
  for (const [name, q] of [['breach report', captured[0]!], ['breach report for one seller', captured[1]!], ['sellers report', captured[2]!]] as const) {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${q.sql}`, q.parameters as unknown[]);
    plans[name] = rows.map((r: Record<string, string>) => r['QUERY PLAN']!);
    process.stdout.write(`\nEXPLAIN ANALYZE, ${name}:\n${plans[name].map((l) => `  ${l}`).join('\n')}\n`);
  }
  report.notes.reportPlans = plans;
  await pool.end();
  await client.end();
}
