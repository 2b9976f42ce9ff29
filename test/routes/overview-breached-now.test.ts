// The overview's "breached now" is a state: obligations breached and never
// answered in cases not closed (a buyer still waits), not every breach since
// the start. LV: Monday–Friday, 1440 working minutes to reply, breaches take
// cases over (POLICIES D).
import t from 'tap';
import { build } from '../helpers/app.js';
import { buyerSays, event, sellerSays } from '../helpers/events.js';

t.test('GET /v1/overview: a breached case leaves "breached now" when it is closed or answered late, and stays while it is open or taken over', async (t) => {
  // Monday 2 March 2026, 10:00 Riga.
  const app = await build(t, { now: '2026-03-02T08:00:00Z' });
  const asked = ['closed', 'taken', 'answered'].map((caseId) => buyerSays('2026-03-02T08:00:00Z', { caseId, sellerId: `s-${caseId}` }));
  t.equal((await app.post({ events: asked })).statusCode, 202);
  app.clock.set('2026-03-04T08:00:00Z'); // Wednesday: all three breached at Tuesday 08:00Z and taken over then
  const staff = await app.token('compliance');
  const breachedNow = async () => {
    const res = await app.get('/v1/overview?market=LV', staff);
    t.equal(res.statusCode, 200, res.body);
    const b = res.json().breachedNow as { count: number; cases: { caseId: string }[] };
    return { count: b.count, cases: b.cases.map((c) => c.caseId) };
  };
  t.same(await breachedNow(), { count: 3, cases: ['answered', 'closed', 'taken'] }, 'all three wait, taken over or not');

  const later = [
    event({ type: 'case.closed', occurredAt: '2026-03-04T07:00:00Z', caseId: 'closed', sellerId: 's-closed' }),
    sellerSays('2026-03-04T07:30:00Z', { caseId: 'answered', sellerId: 's-answered' }),
  ];
  t.equal((await app.post({ events: later })).statusCode, 202);
  t.same(await breachedNow(), { count: 1, cases: ['taken'] }, 'the closed case and the late answer leave; the case taken over and still open stays');

  const reports = await app.get('/v1/reports/breaches?market=LV&from=2026-03-01T00:00:00Z&to=2026-03-05T00:00:00Z', staff);
  t.equal(reports.statusCode, 200, reports.body);
  t.same(reports.json().rows.map((r: { caseId: string; state: string }) => [r.caseId, r.state]).sort(), [['answered', 'late'], ['closed', 'breached'], ['taken', 'breached']], 'the breach report still lists all three');
});
