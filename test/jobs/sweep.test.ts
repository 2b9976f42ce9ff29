// The breach sweep (issue 3.4): marks breaches, takes over per policy, once,
// even with several instances on one database.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { build, SECRET } from '../helpers/app.js';
import { buyerSays, event, sellerSays } from '../helpers/events.js';
import { lvFile } from '../helpers/market-files.js';

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

t.test('the sweep counts exactly what it did: breaches with and without a takeover, takeovers at an absence start, nothing settled before it, nothing twice', async (t) => {
  const dir = t.testdir({});
  // XA: a market that does not take over on breach and lists only "quality".
  const xa = lvFile();
  Object.assign(xa, { market: 'XA', name: 'No takeover on breach' });
  (xa.policy as { takeover: unknown }).takeover = { onBreach: false, disputeReasons: ['quality'] };
  await writeFile(path.join(dir, 'XA.json'), JSON.stringify(xa));
  await writeFile(path.join(dir, 'LV.json'), JSON.stringify(lvFile()));
  const app = await build(t, { now: '2026-03-16T10:00:00Z', calendarsDir: dir });
  const admin = await app.token('admin');
  const at = '2026-03-16T09:00:00Z'; // Monday 11:00 Riga: due Tuesday 11:00
  await app.post({
    events: [
      buyerSays(at, { caseId: 'xa-breach', market: 'XA' }),
      buyerSays(at, { caseId: 'xa-unlisted', market: 'XA' }),
      event({ type: 'dispute.opened', occurredAt: '2026-03-16T09:30:00Z', caseId: 'xa-unlisted', market: 'XA', dispute: { reason: 'complaint_ignored' } }),
      buyerSays(at, { caseId: 'lv-other', sellerId: 'seller-2' }),
      event({ type: 'dispute.opened', occurredAt: '2026-03-16T09:30:00Z', caseId: 'lv-other', sellerId: 'seller-2', dispute: { reason: 'other' } }),
      buyerSays(at, { caseId: 'lv-read', sellerId: 'seller-2' }),
      buyerSays(at, { caseId: 'lv-absent', sellerId: 'seller-3' }),
    ],
  });
  const absence = await app.app.inject({
    method: 'POST',
    url: '/v1/sellers/seller-3/absences',
    headers: { authorization: `Bearer ${admin}` },
    payload: { market: 'LV', from: '2026-03-17', to: '2026-03-17' },
  });
  t.equal(absence.statusCode, 201);
  app.clock.set('2026-03-17T12:00:00Z');
  t.match((await app.get('/v1/cases/lv-read', admin)).json(), { status: 'taken_over', obligations: [{ state: 'breached' }] }, 'a read settles its case first');
  t.match(await sweep(app, admin), { breached: 3, takenOver: 2 }, 'xa-breach, xa-unlisted and lv-other breached; lv-other and lv-absent taken over');
  t.match(await sweep(app, admin), { breached: 0, takenOver: 0 }, 'a second sweep finds nothing');
  const view = async (id: string) => (await app.get(`/v1/cases/${id}`, admin)).json();
  t.match(await view('xa-breach'), { status: 'open', takeover: null, obligations: [{ state: 'breached' }] });
  t.match(await view('xa-unlisted'), { status: 'open', takeover: null, obligations: [{ state: 'breached' }] }, 'a dispute reason the market does not list takes nothing over');
  t.match(await view('lv-other'), { status: 'taken_over', takeover: { reason: 'reply_overdue' }, obligations: [{ state: 'breached' }] }, '"other" takes nothing over; the breach does');
  t.match(await view('lv-absent'), { status: 'taken_over', takeover: { reason: 'seller_absence', at: '2026-03-16T22:00:00.000Z' }, obligations: [{ state: 'cancelled' }] });
});
