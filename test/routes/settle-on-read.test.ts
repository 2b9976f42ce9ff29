// Reads settle deadlines passed since the last sweep (CONTRACT §5: `pending`
// is "unanswered, not yet due"; §6: the breach report lists "every late or
// breached obligation"): the case view and the breach and sellers reports run
// the sweep for what they show first, so nothing waits for SWEEP_CRON.
// Market LV: Monday–Friday, 1440 working minutes to reply.
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
