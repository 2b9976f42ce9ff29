// Reads settle deadlines passed since the last sweep (CONTRACT §5: `pending`
// is "unanswered, not yet due"; §6: the breach report lists "every late or
// breached obligation"): the case view and the breach and sellers reports run
// the sweep for what they show first, so nothing waits for SWEEP_CRON.
// Market LV: Monday–Friday, 1440 working minutes to reply.
import pg from 'pg';
import t from 'tap';
import { build } from '../helpers/app.js';
import { buyerSays } from '../helpers/events.js';

const PERIOD = 'market=LV&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z';

t.test('one millisecond past a deadline, with no sweep run: the case shows the breach and its takeover, and the marketplace is told', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' }); // Monday
  t.equal((await app.post(buyerSays('2026-03-16T09:00:00Z', { caseId: 'c1', sellerId: 's1' }))).statusCode, 202); // due Tuesday 09:00Z
  const admin = await app.token('admin');
  app.clock.set('2026-03-17T08:59:59.999Z');
  t.match((await app.get('/v1/cases/c1', admin)).json(), { status: 'open', obligations: [{ state: 'pending' }], takeover: null }, 'before the deadline: pending');
  app.clock.set('2026-03-17T09:00:00.001Z');
  t.match((await app.get('/v1/cases/c1', admin)).json(), {
    status: 'taken_over',
    obligations: [{ dueAt: '2026-03-17T09:00:00.000Z', state: 'breached', lateByMinutes: 1 / 60000 }],
    takeover: { at: '2026-03-17T09:00:00.000Z', reason: 'reply_overdue' },
  });
  const notices = await app.app.db.selectFrom('outbox').select('kind').where('kind', '=', 'case.taken_over').execute();
  t.equal(notices.length, 1, 'the takeover notice is in the outbox');
  t.match((await app.get('/v1/cases/c1', admin)).json(), { status: 'taken_over' }, 'read again: the same');
  t.equal((await app.app.db.selectFrom('outbox').select('kind').where('kind', '=', 'case.taken_over').execute()).length, 1, 'and told once');
});

t.test('concurrent reads just past a deadline all show the settled case, and the marketplace is told once', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const events = Array.from({ length: 5 }, (_, i) => buyerSays('2026-03-16T09:00:00Z', { caseId: `c${i}`, sellerId: 's1' }));
  t.equal((await app.post({ events })).statusCode, 202);
  const admin = await app.token('admin');
  const staff = await app.token('compliance');
  app.clock.set('2026-03-17T09:00:00.001Z');
  const reads = await Promise.all([
    ...Array.from({ length: 10 }, () => app.get('/v1/cases/c0', admin)),
    ...Array.from({ length: 4 }, () => app.get(`/v1/reports/breaches?${PERIOD}`, staff)),
  ]);
  for (const r of reads.slice(0, 10)) t.match(r.json(), { status: 'taken_over', obligations: [{ state: 'breached' }], takeover: { reason: 'reply_overdue' } });
  for (const r of reads.slice(10)) t.equal(r.json().rows.length, 5, 'every report sees the five breaches');
  t.equal((await app.app.db.selectFrom('outbox').select('id').where('kind', '=', 'case.taken_over').execute()).length, 5, 'one notice per case');
});

t.test('the breach and sellers reports count a deadline passed since the last sweep, in their market only', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const ee = { ...buyerSays('2026-03-16T09:00:00Z', { caseId: 'ee1', sellerId: 's2' }), market: 'EE' };
  t.equal((await app.post({ events: [buyerSays('2026-03-16T09:00:00Z', { caseId: 'lv1', sellerId: 's1' }), ee] })).statusCode, 202);
  const staff = await app.token('compliance');
  app.clock.set('2026-03-17T09:30:00Z');
  t.match((await app.get(`/v1/reports/breaches?${PERIOD}`, staff)).json(), { rows: [{ caseId: 'lv1', state: 'breached', lateByMinutes: 30, takenOver: true }] });
  t.match((await app.get(`/v1/reports/sellers?${PERIOD}`, staff)).json(), { rows: [{ sellerId: 's1', obligations: 1, breached: 1, onTimeRate: 0 }] });
  const ee1 = await app.app.db.selectFrom('obligations').select('state').where('case_id', '=', 'ee1').executeTakeFirstOrThrow();
  t.equal(ee1.state, 'pending', 'another market is left to the sweep');
});

t.test('a read of a case another transaction is settling waits for it, rather than answering the state before', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  t.equal((await app.post(buyerSays('2026-03-16T09:00:00Z', { caseId: 'held', sellerId: 's1' }))).statusCode, 202);
  const admin = await app.token('admin');
  app.clock.set('2026-03-17T09:00:00.001Z');
  const pool = new pg.Pool({ connectionString: app.url, max: 2 });
  t.teardown(() => pool.end());
  const holder = await pool.connect();
  await holder.query('BEGIN');
  await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended('held', 42))`); // as a sweep or an ingestion holds it
  const read = app.get('/v1/cases/held', admin);
  let waiting = false;
  // polled until the read's backend is seen waiting for the case's lock, at most 30 s
  for (const deadline = Date.now() + 30_000; !waiting && Date.now() < deadline; ) {
    const { rows } = await pool.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND pid <> pg_backend_pid()`);
    waiting = rows.length > 0;
    if (!waiting) await new Promise((r) => setTimeout(r, 10));
  }
  t.ok(waiting, 'the read waits for the case');
  await holder.query('ROLLBACK');
  holder.release();
  t.match((await read).json(), { status: 'taken_over', obligations: [{ state: 'breached' }] }, 'then settles it and shows it');
});
