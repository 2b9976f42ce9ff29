// `npm run demo` (issue 9.5): the real service started as `npm start` does,
// an empty database filled with a realistic week for EE, LV and SA through
// the API (signed events, absences with the sellers' own tokens, a sweep), a
// ready compliance token and the dashboard's URL printed, serving until
// Ctrl-C; a database that already has data left alone unless --force.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { localDayOf } from '../../src/calendar/index.js';
import { MarketRegistry } from '../../src/plugins/markets.js';
import { ABSENT_SELLER, DEMO_MARKETS, demoWeek, seededRandom } from '../../scripts/demo/scenario.js';
import { CALENDARS } from '../helpers/app.js';
import { freshDatabase } from '../helpers/db.js';
import { ROOT } from '../helpers/process.js';

interface DemoRun {
  readonly child: ChildProcess;
  readonly output: string;
  readonly dashboard: string;
  readonly compliance: string;
  readonly seller: string;
  stop(): Promise<number | null>;
}

/** Runs the demo until it prints its tokens (or exits); stop() sends Ctrl-C's SIGINT and waits for the exit. */
function runDemo(env: Record<string, string>, args: string[] = []): Promise<DemoRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', ...args], { cwd: ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  let errors = '';
  child.stderr!.on('data', (c: Buffer) => (errors += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
      if (!output.includes('Press Ctrl-C to stop.')) return;
      const field = (name: string) => new RegExp(`${name}:\\s+(\\S+)`).exec(output)?.[1] ?? '';
      resolve({
        child,
        output,
        dashboard: field('Dashboard'),
        compliance: field('Compliance token'),
        seller: field('Seller token'),
        stop: () => {
          child.kill('SIGINT');
          return exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`the demo exited (${code}) before it was ready:\n${output}\n${errors}`)));
  });
}

t.test('the demo week is realistic: every persona and market, buyers sharing phone numbers, nothing in the future', async (t) => {
  const markets = await MarketRegistry.load(CALENDARS);
  const now = Date.parse('2026-03-18T10:00:00Z'); // a Wednesday
  const week = demoWeek(DEMO_MARKETS.map((c) => markets.get(c)!), now, seededRandom(42), 'x1');
  t.same([...new Set(week.events.map((e) => e.market))].sort(), ['EE', 'LV', 'SA']);
  t.same([...new Set(week.sellers.map((s) => s.persona))].sort(), ['absent', 'automated', 'late', 'prompt', 'silent']);
  t.ok(week.events.every((e) => Date.parse(e.occurredAt) < now), 'every event has happened');
  t.ok(week.events.every((e) => Date.parse(e.occurredAt) >= now - 8 * 86_400_000), 'within the week');
  t.same(new Set(week.events.map((e) => e.id)).size, week.events.length, 'event ids are unique');
  t.ok(week.events.some((e) => e.market === 'SA' && /[٠-٩]{10}/.test(e.message?.body ?? '')), 'an Arabic-Indic phone number in SA');
  t.ok(week.events.some((e) => e.market === 'LV' && e.message?.body.includes('+371')), 'a Latvian phone number');
  t.ok(week.events.some((e) => e.type === 'dispute.opened'), 'disputes');
  t.ok(week.events.some((e) => e.message?.automated), 'automatic acknowledgements');
  const silent = week.events.filter((e) => e.sellerId === 'lv-kalnins' && e.message?.author === 'seller');
  t.same(silent, [], 'the silent seller never answers');
  const absence = week.absences.find((a) => a.sellerId === ABSENT_SELLER.sellerId)!;
  t.equal(absence.from, new Date(localDayOf('Europe/Riga', now) * 86_400_000).toISOString().slice(0, 10), 'the absence starts today in Riga');
  t.ok(
    week.events.some((e) => e.sellerId === ABSENT_SELLER.sellerId && e.message?.author === 'buyer' && Date.parse(e.occurredAt) >= Date.parse(`${absence.from}T00:00:00+02:00`)),
    'a buyer writes during the absence',
  );
  t.same(demoWeek(DEMO_MARKETS.map((c) => markets.get(c)!), now, seededRandom(42), 'x1'), week, 'the same seed gives the same week');
});

t.test('when npm run demo starts on an empty database, then it fills EE, LV and SA through the API, prints a working compliance token and the dashboard URL, and stops on Ctrl-C', async (t) => {
  const db = await freshDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'replyby-demo-'));
  t.teardown(async () => {
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  });
  const env = { DATABASE_URL: db.url, DATA_DIR: dataDir };
  const started = Date.now();
  const demo = await runDemo(env);
  t.comment(`ready in ${Date.now() - started} ms`);
  t.teardown(() => (demo.child.exitCode === null ? demo.stop() : undefined));
  t.match(demo.output, /posted \d+ signed events \(\d+ cases, 12 sellers\) for EE, LV, SA: the last 7 days/);
  t.match(demo.output, /absence registered through the API: lv-liepa LV .*compliant/);
  t.match(demo.output, /absence registered through the API: ee-mets EE .*late notice/);
  t.match(demo.output, /sweep: \d+ breached, \d+ taken over/);
  t.match(demo.dashboard, /^http:\/\/127\.0\.0\.1:\d+\/\?market=LV$/, 'the overview of a market with a planned absence running');
  t.match(demo.compliance, /^rby_/);

  const get = async (url: string, token = demo.compliance) => {
    const res = await fetch(new URL(url, demo.dashboard), { headers: { authorization: `Bearer ${token}` } });
    t.equal(res.status, 200, url);
    return (await res.json()) as Record<string, any>;
  };
  for (const market of ['EE', 'LV', 'SA']) {
    const o = await get(`/v1/overview?market=${market}`);
    const breaches = o.breachesPerDay.reduce((s: number, d: { late: number; breached: number }) => s + d.late + d.breached, 0);
    t.ok(o.openCases > 0 && breaches > 0, `${market}: ${o.openCases} open cases, ${breaches} late or breached in 30 days`);
    const from = new Date(Date.now() - 8 * 86_400_000).toISOString();
    const flagged = await get(`/v1/reports/contact-sharing?market=${market}&from=${from}&to=${new Date(Date.now() + 60_000).toISOString()}`);
    t.ok(flagged.rows.some((r: { author: string; matches: { type: string }[] }) => r.author === 'buyer' && r.matches.some((m) => m.type === 'phone')), `${market}: buyers shared phone numbers`);
  }
  const lv = await get('/v1/overview?market=LV');
  t.ok(lv.takeoversThisWeek.byReason.seller_absence >= 1, 'LV: the absent seller’s buyers are covered (seller_absence takeovers)');
  const me = await get('/v1/me', demo.seller);
  t.same([me.role, me.sellerId], ['seller', ABSENT_SELLER.sellerId], 'the printed seller token is the absent seller’s');
  const absences = await get(`/v1/sellers/${ABSENT_SELLER.sellerId}/absences`, demo.seller);
  t.match(absences.absences, [{ market: 'LV', compliant: true }], 'registered through the API');
  const page = await fetch(demo.dashboard, { headers: { accept: 'text/html' } });
  t.match(await page.text(), /<div id="app">/, 'the dashboard is served at the printed URL');

  t.equal(await demo.stop(), 0, 'Ctrl-C stops the service and the demo cleanly');

  await t.test('when the demo starts again on that database, then it adds nothing and says so; --force adds another week', async (t) => {
    const count = async () => {
      const again = await runDemo(env);
      const n = Number(/already has (\d+) events/.exec(again.output)?.[1]);
      return { again, n };
    };
    const { again, n } = await count();
    t.match(again.output, /already has \d+ events: no demo data added\.\s+Run `npm run demo -- --force`/);
    t.notMatch(again.output, /posted/);
    t.match(again.compliance, /^rby_/, 'a token is still printed');
    t.equal(await again.stop(), 0);
    const forced = await runDemo(env, ['--force']);
    t.match(forced.output, new RegExp(`--force: adding a demo week to a database that already has ${n} events`));
    t.match(forced.output, /posted \d+ signed events/);
    t.equal(await forced.stop(), 0);
  });
});
