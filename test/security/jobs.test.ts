// The audit chainer and the retention purge as they run in the service
// (issue 6.2, 6.3): the chainer links rows shortly after the writes that
// made them, with nobody asking; `retention run` purges from the CLI.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { verifyAudit } from '../../src/jobs/audit-chain.js';
import { build, CALENDARS } from '../helpers/app.js';
import { buyerSays } from '../helpers/events.js';
import { runCli } from '../helpers/process.js';

/** Waits for a condition the service reaches on its own (bounded: fails rather than hangs). */
async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

t.test('with the jobs on, audit rows written by a request are chained shortly after, and the chain verifies', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z', jobs: { sweepCron: '0 0 1 1 *', retentionCron: '0 0 1 1 *' } });
  const admin = await app.token('admin');
  t.equal((await app.post(buyerSays('2026-03-16T09:00:00Z', { caseId: 'c1' }))).statusCode, 202);
  t.equal((await app.get('/v1/cases/c1', admin)).statusCode, 200);
  const unchained = async () => Number((await app.app.db.selectFrom('audit').select((eb) => eb.fn.countAll().as('n')).where('seq', 'is', null).executeTakeFirstOrThrow()).n);
  await until('the chainer', async () => (await unchained()) === 0);
  const v = await verifyAudit(app.app.db);
  t.equal(v.broken, null);
  t.equal(v.intact, 3, 'token created, events accepted, case read');
});

t.test('`retention run` purges expired bodies now and says how many per market', async (t) => {
  // The CLI uses the real clock: messages of 2025-01 are past every market's retention by now.
  const app = await build(t, { now: '2025-01-15T10:00:00Z' });
  await app.post({ events: [buyerSays('2025-01-15T09:00:00Z', { caseId: 'a', market: 'LV' }), buyerSays('2025-01-15T09:00:00Z', { caseId: 'b', market: 'SA' })] });
  const run = await runCli(['retention', 'run'], { DATABASE_URL: app.url });
  t.equal(run.code, 0, run.stderr);
  t.equal(run.stdout, 'purged 2 message bodies (LV 1, SA 1)\n');
  const again = await runCli(['retention', 'run'], { DATABASE_URL: app.url });
  t.equal(again.stdout, 'purged 0 message bodies\n', 'idempotent');
  t.ok((await app.app.db.selectFrom('events').select('body').execute()).every((r) => r.body === null));
});

t.test('`retention run` names the stored markets it skipped for want of a market file, whose texts it keeps', async (t) => {
  const app = await build(t, { now: '2025-01-15T10:00:00Z' });
  await app.post({ events: [buyerSays('2025-01-15T09:00:00Z', { caseId: 'a', market: 'LV' }), buyerSays('2025-01-15T09:00:00Z', { caseId: 'b', market: 'SA' })] });
  const only = await mkdtemp(path.join(tmpdir(), 'replyby-cal-'));
  t.teardown(() => rm(only, { recursive: true, force: true }));
  await copyFile(path.join(CALENDARS, 'LV.json'), path.join(only, 'LV.json'));
  const run = await runCli(['retention', 'run'], { DATABASE_URL: app.url, CALENDARS_DIR: only });
  t.equal(run.code, 0, run.stderr);
  t.equal(run.stdout, 'purged 1 message bodies (LV 1)\n');
  t.equal(run.stderr, `skipped markets without a market file in ${only}: SA (their message texts are kept)\n`);
  const kept = await app.app.db.selectFrom('events').select(['market', 'body']).where('body', 'is not', null).execute();
  t.same(kept.map((e) => e.market), ['SA']);
});
