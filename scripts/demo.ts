// `npm run demo`: the service with a living dashboard within a minute.
// 1. builds the dashboard if stale, starts the service as `npm start` does
//    (embedded PostgreSQL of DATA_DIR, or DATABASE_URL);
// 2. if the database holds no events (or with --force), fills it with a
//    realistic week for EE, LV and SA (scripts/demo/scenario.ts) through the
//    real API: signed POST /v1/events, absences registered with the sellers'
//    own tokens, then a sweep (POST /v1/admin/sweep);
// 3. prints a compliance token, a seller token and the dashboard's URL, and
//    keeps serving until Ctrl-C.
// A database that already has data is left alone unless --force is given.
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { kyselyOver, poolOptions, resolveDatabase } from '../src/db/index.js';
import { signatureHeader } from '../src/domain/signature.js';
import { MarketRegistry } from '../src/plugins/markets.js';
import { webhookSecrets } from '../src/secrets.js';
import { createToken } from '../src/tokens/index.js';
import { ABSENT_SELLER, DEMO_MARKETS, demoWeek, seededRandom, type Week } from './demo/scenario.js';
import { startService } from './demo/server.js';
import { ensureWebBuild } from './demo/web-build.js';

const USAGE = `npm run demo [-- --force] [--weeks <n>] [--seed <n>]

Starts replyby (as npm start does: DATA_DIR, DATABASE_URL, PORT, … apply),
fills an empty database with a realistic week for EE, LV and SA through the
API, prints a compliance token and the dashboard URL, and serves until Ctrl-C.
  --force      add the demo week even if the database already has events
  --weeks <n>  weeks of history, 1 to 8 (default 1); more weeks give the
               weekly trends something to show
  --seed <n>   another random week (default 42)`;

const say = (line = '') => process.stdout.write(`${line}\n`);

function parseArgs(argv: string[]): { force: boolean; seed: number; weeks: number } {
  let force = false;
  let seed = 42;
  let weeks = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--force') force = true;
    else if (a === '--seed' && /^\d+$/.test(argv[i + 1] ?? '')) seed = Number(argv[++i]);
    else if (a === '--weeks' && /^[1-8]$/.test(argv[i + 1] ?? '')) weeks = Number(argv[++i]);
    else if (a === '--help' || a === '-h') {
      say(USAGE);
      process.exit(0);
    } else {
      process.stderr.write(`unknown argument ${a}\n\n${USAGE}\n`);
      process.exit(2);
    }
  }
  return { force, seed, weeks };
}

async function api(address: string, path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  const res = await fetch(`${address}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers },
    ...(body ? { body } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw Object.assign(new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`), { status: res.status });
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

async function fill(address: string, secret: string, week: Week, tokenFor: (sellerId: string) => Promise<string>, adminToken: string) {
  let accepted = 0;
  for (let i = 0; i < week.events.length; i += 500) {
    const body = JSON.stringify({ events: week.events.slice(i, i + 500) });
    const signature = signatureHeader(secret, Math.floor(Date.now() / 1000), body);
    const r = await api(address, '/v1/events', { method: 'POST', body, headers: { 'x-helpdesk-signature': signature } });
    accepted += r.accepted as number;
  }
  const absences: string[] = [];
  for (const a of week.absences) {
    const what = `${a.sellerId} ${a.market} ${a.from}…${a.to}`;
    try {
      const r = await api(address, `/v1/sellers/${encodeURIComponent(a.sellerId)}/absences`, { method: 'POST', token: await tokenFor(a.sellerId), body: { market: a.market, from: a.from, to: a.to, note: a.note } });
      absences.push(`${what}: ${r.workingDays} working days, ${r.noticeDays} days' notice, ${r.compliant ? 'compliant' : 'late notice'}`);
    } catch (err) {
      // --force on a database that has the demo already: the seller holds that absence (409 on overlap).
      if ((err as { status?: number }).status !== 409) throw err;
      absences.push(`${what}: not registered again, it overlaps an absence the seller already has`);
    }
  }
  const sweep = await api(address, '/v1/admin/sweep', { method: 'POST', token: adminToken });
  return { accepted, absences, sweep };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  say('replyby demo');
  if (await ensureWebBuild()) say('  built the dashboard (web/ → dist/web/)');

  const service = await startService(process.env, (line) => process.stderr.write(`${line}\n`));
  const address = service.address.replace('://0.0.0.0', '://127.0.0.1').replace('://[::]', '://127.0.0.1');
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('\nstopping the service…');
    service.child.kill('SIGTERM');
    const exit = await service.exited;
    process.exit(code || (exit ?? 0));
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('exit', () => {
    if (service.child.exitCode === null) service.child.kill('SIGTERM');
  });
  void service.exited.then((code) => {
    if (!stopping) {
      process.stderr.write(`the service stopped unexpectedly (${code})\n`);
      process.exit(code || 1);
    }
  });

  // The service started (or reused) the database; this connects to the same one, as the CLI does.
  const database = await resolveDatabase(config.databaseUrl, config.dataDir, () => undefined);
  const pool = new pg.Pool({ ...poolOptions(database.url), max: 2 });
  const db = kyselyOver(pool);
  try {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM events`.execute(db);
    const existing = rows[0]?.n ?? 0;
    const stamp = Date.now().toString(36).slice(-4);
    const token = async (role: 'admin' | 'compliance' | 'seller', sellerId?: string) =>
      (await createToken(db, { role, sellerId: sellerId ?? null, name: `demo-${role}${sellerId ? `-${sellerId}` : ''}-${stamp}`, actor: 'demo' })).token;

    if (existing > 0 && !args.force) {
      say(`  the database (${config.databaseUrl ? 'DATABASE_URL' : config.dataDir}) already has ${existing} events: no demo data added.`);
      say('  Run `npm run demo -- --force` to add a demo week anyway, or use another DATA_DIR.');
    } else {
      if (existing > 0) say(`  --force: adding a demo week to a database that already has ${existing} events`);
      const markets = await MarketRegistry.load(config.calendarsDir);
      const chosen = DEMO_MARKETS.map((c) => markets.get(c)).filter((m) => m !== undefined);
      const week = demoWeek(chosen, Date.now(), seededRandom(args.seed), stamp, args.weeks * 7);
      const secret = (await webhookSecrets(config.webhookSecrets, config.dataDir)).secrets[0]!;
      const sellerTokens = new Map<string, string>();
      const tokenFor = async (sellerId: string) => sellerTokens.get(sellerId) ?? sellerTokens.set(sellerId, await token('seller', sellerId)).get(sellerId)!;
      const filled = await fill(address, secret, week, tokenFor, await token('admin'));
      const cases = new Set(week.events.map((e) => e.caseId)).size;
      say(`  posted ${filled.accepted} signed events (${cases} cases, ${week.sellers.length} sellers) for ${chosen.map((m) => m.code).join(', ')}: the last ${args.weeks * 7} days`);
      for (const a of filled.absences) say(`  absence registered through the API: ${a}`);
      say(`  sweep: ${filled.sweep.breached} breached, ${filled.sweep.takenOver} taken over`);
    }
    const compliance = await token('compliance');
    const seller = await token('seller', ABSENT_SELLER.sellerId);
    say('');
    say(`  Dashboard:        ${address}/?market=${ABSENT_SELLER.market}`);
    say(`  Compliance token: ${compliance}`);
    say(`  Seller token:     ${seller}   (seller ${ABSENT_SELLER.sellerId}: its own scorecard, cases and absences)`);
    say('');
    say('  Sign in with a token (it stays in that browser tab). Press Ctrl-C to stop.');
  } finally {
    await pool.end();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
