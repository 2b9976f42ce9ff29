// The breach sweep (issue 3.4): marks breaches, takes over per policy, once,
// even with several instances on one database.
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { build, SECRET } from '../helpers/app.js';
import { buyerSays, sellerSays } from '../helpers/events.js';

const sweep = async (app: Awaited<ReturnType<typeof build>>, token: string) => {
  const res = await app.app.inject({ method: 'POST', url: '/v1/admin/sweep', headers: { authorization: `Bearer ${token}` } });
  t.equal(res.statusCode, 200);
  return res.json();
};

t.test('the sweep marks an unanswered obligation breached at its deadline and takes the case over (reply_overdue)', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const admin = await app.token('admin');
  await app.post({ events: [buyerSays('2026-03-16T09:00:00Z', { caseId: 'due' }), buyerSays('2026-03-16T09:30:00Z', { caseId: 'answered' }), sellerSays('2026-03-16T09:40:00Z', { caseId: 'answered' })] });
  t.match(await sweep(app, admin), { breached: 0, takenOver: 0 }, 'nothing is due yet');
  app.clock.set('2026-03-17T08:59:59.999Z');
  t.match(await sweep(app, admin), { breached: 0, takenOver: 0 }, 'a millisecond before the deadline, still pending');
  app.clock.set('2026-03-17T09:00:00Z');
  t.match(await sweep(app, admin), { breached: 1, takenOver: 1 }, 'at the deadline, breached (a reply stamped exactly dueAt would still be on time)');
  const c = (await app.get('/v1/cases/due', admin)).json();
  t.equal(c.status, 'taken_over');
  t.match(c.takeover, { at: '2026-03-17T09:00:00.000Z', reason: 'reply_overdue' });
  t.match(c.obligations, [{ state: 'breached' }]);
  t.match(await sweep(app, admin), { breached: 0, takenOver: 0 }, 'a second sweep finds nothing');
  const outbox = await app.app.db.selectFrom('outbox').select(['kind', 'payload']).where('kind', '=', 'case.taken_over').execute();
  t.match(outbox, [{ kind: 'case.taken_over', payload: { caseId: 'due', reason: 'reply_overdue' } }]);
  const audit = await app.app.db.selectFrom('audit').select(['action', 'subject']).where('action', 'in', ['obligation.breached', 'case.taken_over']).execute();
  t.same(audit.map((a) => a.action).sort(), ['case.taken_over', 'obligation.breached']);
});

t.test('with several instances sweeping one database at once, each case is taken over exactly once', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const events = Array.from({ length: 300 }, (_, i) => buyerSays('2026-03-16T09:00:00Z', { caseId: `c${i}`, sellerId: `s${i % 7}` }));
  await app.post({ events });
  app.clock.set('2026-03-18T10:00:00Z');
  const others = await Promise.all(
    [1, 2, 3].map(() => buildApp({ databaseUrl: app.url, markets: app.app.markets, webhookSecrets: [SECRET], clock: app.clock, poolSize: 3 })),
  );
  t.teardown(() => Promise.all(others.map((o) => o.close())));
  const results = await Promise.all([app.app, ...others].map((a) => a.services.sweep()));
  t.equal(results.reduce((n, r) => n + r.takenOver, 0), 300, 'takeovers summed over the instances');
  t.equal(results.reduce((n, r) => n + r.breached, 0), 300);
  const takeovers = await app.app.db.selectFrom('takeovers').select('case_id').execute();
  t.equal(takeovers.length, 300);
  const notices = await app.app.db.selectFrom('outbox').select('idempotency_key').execute();
  t.equal(new Set(notices.map((n) => n.idempotency_key)).size, 300, 'one notification per case');
  t.equal(notices.length, 300);
});

t.test('the sweep reads only due cases (partial index on check_at)', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  await app.post({ events: [buyerSays('2026-03-16T09:00:00Z', { caseId: 'x' }), buyerSays('2026-03-16T09:10:00Z', { caseId: 'y' }), sellerSays('2026-03-16T09:20:00Z', { caseId: 'y' })] });
  const rows = await app.app.db.selectFrom('cases').select(['id', 'check_at']).orderBy('id').execute();
  t.same(
    rows.map((r) => [r.id, r.check_at?.toISOString() ?? null]),
    [
      ['x', '2026-03-17T09:00:00.000Z'],
      ['y', null],
    ],
    'only a case with a pending obligation waits for the sweep, at its deadline',
  );
});
