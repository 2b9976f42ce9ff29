// What the compliance read models SAY, against hand-computed scenarios (QA of
// the figures): reads that do not wait for the sweep, and the figures of the
// scorecard, seller weeks, flagged sellers and overview.
// Market LV: Monday–Friday 00:00–24:00 Europe/Riga (UTC+2 in March), 1440 working minutes to reply.
import t from 'tap';
import { build, type TestApp } from '../helpers/app.js';
import { buyerSays } from '../helpers/events.js';

const WEEK = 'from=2026-03-01T22:00:00Z&to=2026-03-08T22:00:00Z'; // Monday 2 – Sunday 8 March, Riga: 2026-W10

/** Asked Monday 2 March 08:00Z, due Tuesday 08:00Z; read Tuesday 09:00Z with no sweep run since. */
async function overdue(t: Parameters<typeof build>[0]): Promise<TestApp & { staff: string }> {
  const app = await build(t, { now: '2026-03-02T09:00:00Z' });
  const res = await app.post(buyerSays('2026-03-02T08:00:00Z', { caseId: 'p1', sellerId: 'seller-p' }));
  if (res.statusCode !== 202) throw new Error(res.body);
  app.clock.set('2026-03-03T09:00:00Z');
  return { ...app, staff: await app.token('compliance') };
}

t.test('scorecard, seller weeks, flagged sellers and overview count a deadline passed since the last sweep (as the breach and sellers reports do)', async (t) => {
  t.test('scorecard, with and without a market', async (t) => {
    for (const market of ['', '&market=LV']) {
      const app = await overdue(t);
      const s = (await app.get(`/v1/sellers/seller-p/scorecard?${WEEK}${market}`, app.staff)).json();
      t.match(s, { obligations: 1, pending: 0, breached: 1, onTimeRate: 0, takeovers: 1, takeoversByReason: { reply_overdue: 1 } }, `scorecard${market}`);
      t.match(s.weeks, [{ week: '2026-W10', breached: 1, pending: 0, takeovers: 1 }]);
    }
  });
  t.test('seller weeks', async (t) => {
    const app = await overdue(t);
    const w = (await app.get(`/v1/reports/seller-weeks?market=LV&${WEEK}&sellerId=seller-p`, app.staff)).json();
    t.same(w.sellers, [{ sellerId: 'seller-p', weeks: [{ week: '2026-W10', obligations: 1, met: 0, late: 0, breached: 1, onTimeRate: 0 }] }]);
  });
  t.test('flagged sellers', async (t) => {
    const app = await overdue(t);
    const f = (await app.get('/v1/sellers/flagged?market=LV', app.staff)).json();
    t.match(f.late, [{ sellerId: 'seller-p', late: 0, breached: 1, oldestBreached: { caseId: 'p1', dueAt: '2026-03-03T08:00:00.000Z' } }]);
    t.equal(f.late.length, 1);
  });
  t.test('overview', async (t) => {
    const app = await overdue(t);
    const o = (await app.get('/v1/overview?market=LV', app.staff)).json();
    t.equal(o.openCases, 0, 'the case is taken over, not open');
    t.match(o.breachedNow, { count: 1, cases: [{ caseId: 'p1' }] });
    t.same(o.takeoversThisWeek, { count: 1, since: '2026-03-01T22:00:00.000Z', byReason: { reply_overdue: 1 } });
    t.same(o.breachesPerDay.find((d: { date: string }) => d.date === '2026-03-03'), { date: '2026-03-03', late: 0, breached: 1 });
  });
  t.end();
});

t.test('the contact-sharing report refuses an unknown market (400), as the other reports do, rather than answering an empty report', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const staff = await app.token('compliance');
  for (const format of ['json', 'csv']) {
    const res = await app.get(`/v1/reports/contact-sharing?market=LX&${WEEK}&format=${format}`, staff);
    t.equal(res.statusCode, 400, format);
    t.match(res.json(), { error: 'bad_request', details: [{ field: 'querystring.market' }] });
  }
  t.equal((await app.get(`/v1/reports/contact-sharing?market=LV&${WEEK}`, staff)).statusCode, 200);
});

t.test('a scorecard with nothing in the period and no market still lists every week of the period (UTC dates), as an empty trend', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const s = (await app.get('/v1/sellers/nobody/scorecard?from=2026-03-02T00:00:00Z&to=2026-03-16T00:00:00Z', await app.token('compliance'))).json();
  t.match(s, { obligations: 0, onTimeRate: null, takeovers: 0 });
  t.same(
    s.weeks.map((w: { week: string; monday: string; firstDay: string; lastDay: string; obligations: number }) => [w.week, w.monday, w.firstDay, w.lastDay, w.obligations]),
    [['2026-W10', '2026-03-02', '2026-03-02', '2026-03-08', 0], ['2026-W11', '2026-03-09', '2026-03-09', '2026-03-15', 0]],
    'the UTC ISO weeks, Monday to Sunday',
  );
  const lv = (await app.get('/v1/sellers/nobody/scorecard?from=2026-03-02T00:00:00Z&to=2026-03-16T00:00:00Z&market=LV', await app.token('compliance'))).json();
  t.same(lv.weeks.map((w: { week: string }) => w.week), ['2026-W10', '2026-W11', '2026-W12'], 'with a market, its zone: 16 March 00:00Z is 02:00 Monday in Riga');
});
