// The read models behind the dashboard (issue 9): who is signed in, a market
// overview, a case's timeline, a seller's cases, weekly seller trends and the
// absence preview, through the app on a real database.
// LV: Monday–Friday 00:00–24:00 Europe/Riga (UTC+2 in March), 1440 working
// minutes to reply, breaches and counterfeit disputes take cases over (POLICIES D).
import t, { type Test } from 'tap';
import { purgeExpiredBodies } from '../../src/jobs/retention.js';
import { build, type TestApp } from '../helpers/app.js';
import { buyerSays, event, sellerSays } from '../helpers/events.js';

// Monday 16 March 2026, 12:00 in Riga.
const NOW = '2026-03-16T10:00:00Z';

const inject = (app: TestApp, method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
  app.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

t.test('GET /v1/me: when a token asks who it is, then it learns its name, role, seller and the service clock', async (t) => {
  const app = await build(t, { now: NOW });
  const me = async (token: string) => (await app.get('/v1/me', token)).json();
  t.same(await me(await app.token('compliance')), { name: 'compliance-x', role: 'compliance', sellerId: null, now: '2026-03-16T10:00:00.000Z' });
  t.same(await me(await app.token('seller', 'seller-7')), { name: 'seller-seller-7', role: 'seller', sellerId: 'seller-7', now: '2026-03-16T10:00:00.000Z' });
  t.equal((await app.get('/v1/me')).statusCode, 401, 'no token: 401');
});

/**
 * LV at Monday 16 March 10:00Z (12:00 Riga):
 * - old: asked Monday 2 March 08:00Z, due Tuesday 3 March 08:00Z; overdue: asked Thursday 12 March 08:00Z,
 *   due Friday 13 March 08:00Z. Both were posted before their deadline and no sweep has run since: pending
 *   past dueAt until the sweep marks them breached and takes their cases over at the deadline (last week);
 * - soon: asked Friday 13 March 13:00Z, due Monday 13:00Z: within the next 4 working hours;
 * - later: asked Monday 09:00Z, due Tuesday 09:00Z: not;
 * - late: asked Tuesday 10 March 22:30Z (Wednesday 00:30 Riga), due Wednesday 22:30Z, which is Thursday
 *   12 March 00:30 in Riga; answered Thursday 10:00Z: counted on 12 March, not on the UTC date;
 * - dispute: a counterfeit dispute Monday 08:30Z takes its case over this week;
 * - an SA case, never counted in LV.
 */
async function overviewScenario(t: Test) {
  const app = await build(t, { now: '2026-03-02T08:00:00Z' });
  t.equal((await app.post({ events: [buyerSays('2026-03-02T08:00:00Z', { caseId: 'old', sellerId: 's-old' })] })).statusCode, 202);
  app.clock.set('2026-03-12T09:00:00Z');
  t.equal((await app.post({ events: [buyerSays('2026-03-12T08:00:00Z', { caseId: 'overdue', sellerId: 's-over' })] })).statusCode, 202);
  app.clock.set(NOW);
  const res = await app.post({
    events: [
      buyerSays('2026-03-13T13:00:00Z', { caseId: 'soon', sellerId: 's-soon' }),
      buyerSays('2026-03-16T09:00:00Z', { caseId: 'later', sellerId: 's-later' }),
      buyerSays('2026-03-10T22:30:00Z', { caseId: 'late', sellerId: 's-late' }),
      sellerSays('2026-03-12T10:00:00Z', { caseId: 'late', sellerId: 's-late' }),
      event({ type: 'dispute.opened', occurredAt: '2026-03-16T08:30:00Z', caseId: 'dispute', sellerId: 's-d', dispute: { reason: 'counterfeit' } }),
      buyerSays('2026-03-16T06:00:00Z', { caseId: 'sa-1', market: 'SA', sellerId: 's-sa' }),
    ],
  });
  t.equal(res.statusCode, 202);
  return app;
}

t.test('GET /v1/overview: when compliance opens a market, then it sees open cases, what is due within 4 working hours, what is breached now, this week’s takeovers and 30 days of breaches by local date', async (t) => {
  const app = await overviewScenario(t);
  const staff = await app.token('compliance');
  const overview = async () => {
    const res = await app.get('/v1/overview?market=LV', staff);
    t.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const day = (o: { breachesPerDay: { date: string }[] }, date: string) => o.breachesPerDay.find((d) => d.date === date);

  const before = await overview();
  t.match(before, { market: 'LV', timeZone: 'Europe/Riga', at: '2026-03-16T10:00:00.000Z' });
  t.equal(before.openCases, 2, 'soon, later: the read settled old and overdue (taken over at their deadlines, no sweep needed); late was taken over at its deadline, before its answer; dispute on its dispute');
  t.equal(before.dueSoon.until, '2026-03-16T14:00:00.000Z', '4 working hours from Monday 12:00 Riga');
  t.equal(before.dueSoon.count, 1);
  t.same(before.dueSoon.cases, [{ caseId: 'soon', sellerId: 's-soon', dueAt: '2026-03-16T13:00:00.000Z' }]);
  t.equal(before.breachedNow.count, 2, 'past their deadline: breached before any sweep');
  t.same(before.breachedNow.cases.map((c: { caseId: string }) => c.caseId), ['old', 'overdue'], 'oldest deadline first');
  t.equal(before.takeoversThisWeek.since, '2026-03-15T22:00:00.000Z', 'Monday 00:00 Riga');
  t.same(before.takeoversThisWeek, { count: 1, since: '2026-03-15T22:00:00.000Z', byReason: { 'dispute:counterfeit': 1 } });
  t.equal(before.breachesPerDay.length, 30);
  t.equal(before.breachesPerDay[0].date, '2026-02-15');
  t.equal(before.breachesPerDay[29].date, '2026-03-16', 'today last');
  t.same(day(before, '2026-03-12'), { date: '2026-03-12', late: 1, breached: 0 }, 'deadline 00:30 Riga on 12 March (22:30Z on the 11th)');
  t.same(day(before, '2026-03-11'), { date: '2026-03-11', late: 0, breached: 0 });

  t.equal((await inject(app, 'POST', '/v1/admin/sweep', await app.token('admin'))).statusCode, 200);
  const after = await overview();
  t.equal(after.openCases, 2, 'the sweep took old and overdue over');
  t.equal(after.breachedNow.count, 2, 'the same two, now breached');
  t.same(after.breachedNow.cases.map((c: { caseId: string }) => c.caseId), ['old', 'overdue']);
  t.equal(after.takeoversThisWeek.count, 1, 'their takeovers are at their deadlines, last week and before');
  t.equal(before.takeoversThisWeek.count, 1, 'late: taken over at its deadline, Thursday 00:30 Riga, last week');
  t.same(day(after, '2026-03-03'), { date: '2026-03-03', late: 0, breached: 1 });
  t.same(day(after, '2026-03-13'), { date: '2026-03-13', late: 0, breached: 1 });
  t.equal(after.breachesPerDay.reduce((s: number, d: { late: number; breached: number }) => s + d.late + d.breached, 0), 3, 'nothing else, nothing from SA');

  const audit = await app.app.db.selectFrom('audit').select(['action', 'subject']).where('subject', '=', 'overview').execute();
  t.equal(audit.length, 2, 'each staff read is audited');
  t.match(audit[0], { action: 'report.read', subject: 'overview' });
  t.equal((await app.get('/v1/overview?market=LV', await app.token('seller', 's-soon'))).statusCode, 403, 'not for sellers');
  t.equal((await app.get('/v1/overview?market=XX', staff)).statusCode, 400, 'unknown market: 400');
});

t.test('GET /v1/overview: when it is Saturday, then "due within 4 working hours" reaches into Monday morning, not Saturday afternoon', async (t) => {
  // Friday 13 March 01:00Z = 03:00 Riga: 21 working hours left on Friday, 3 more on Monday: due Monday 03:00 Riga (01:00Z).
  const app = await build(t, { now: '2026-03-13T06:00:00Z' });
  await app.post({ events: [buyerSays('2026-03-13T01:00:00Z', { caseId: 'weekend', sellerId: 's-w' }), buyerSays('2026-03-13T06:00:00Z', { caseId: 'monday-8', sellerId: 's-w' })] });
  app.clock.set('2026-03-14T10:00:00Z'); // Saturday noon in Riga
  const o = (await app.get('/v1/overview?market=LV', await app.token('admin'))).json();
  t.equal(o.dueSoon.until, '2026-03-16T02:00:00.000Z', 'Monday 04:00 Riga');
  t.same(o.dueSoon.cases.map((c: { caseId: string }) => c.caseId), ['weekend'], 'due Monday 03:00 Riga: 39 clock hours away, within 4 working hours; the other is due at 08:00');
});

const ARABIC = 'مرحبا، تواصل معي على واتساب ٠٥٥١٢٣٤٥٦٧ من فضلك';

t.test('GET /v1/cases/{id}/messages: when staff open a case, then they read its events in fold order with bodies, automated flags and contact-sharing evidence at its offsets', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const res = await app.post({
    events: [
      // Sent in reverse: the order comes from occurredAt and, at the same instant, buyer before seller.
      event({ id: 'e-auto', occurredAt: '2026-03-16T07:00:00Z', market: 'SA', caseId: 'sa-9', sellerId: 'seller-a', message: { author: 'seller', body: 'رد آلي: سنعود إليك قريبا', automated: true } }),
      event({ id: 'e-seller', occurredAt: '2026-03-16T06:00:00Z', market: 'SA', caseId: 'sa-9', sellerId: 'seller-a', message: { author: 'seller', body: 'سيتم الشحن غدا إن شاء الله' } }),
      event({ id: 'e-buyer', occurredAt: '2026-03-16T06:00:00Z', market: 'SA', caseId: 'sa-9', sellerId: 'seller-a', message: { id: 'm-ar', author: 'buyer', body: ARABIC } }),
      event({ id: 'e-dispute', type: 'dispute.opened', occurredAt: '2026-03-16T08:00:00Z', market: 'SA', caseId: 'sa-9', sellerId: 'seller-a', dispute: { reason: 'quality' } }),
    ],
  });
  t.equal(res.statusCode, 202, res.body);
  const staff = await app.token('compliance');
  const got = await app.get('/v1/cases/sa-9/messages', staff);
  t.equal(got.statusCode, 200, got.body);
  const body = got.json();
  t.match(body, { caseId: 'sa-9', market: 'SA', sellerId: 'seller-a', timeZone: 'Asia/Riyadh', truncated: false });
  t.same(body.events.map((e: { eventId: string }) => e.eventId), ['e-buyer', 'e-seller', 'e-auto', 'e-dispute']);
  const [buyer, seller, auto, dispute] = body.events;
  t.match(buyer, { type: 'message.created', author: 'buyer', messageId: 'm-ar', body: ARABIC, automated: false, bodyPurgedAt: null });
  const flag = buyer.flags.find((f: { kind: string }) => f.kind === 'contact_sharing');
  t.ok(flag, 'the buyer message carries its contact_sharing flag');
  for (const m of flag.matches) t.equal(ARABIC.slice(m.start, m.end), m.text, `offsets point at "${m.text}" in the body`);
  t.ok(flag.matches.some((m: { type: string; text: string }) => m.type === 'phone' && m.text === '٠٥٥١٢٣٤٥٦٧'));
  t.match(seller, { author: 'seller', automated: false, flags: [] });
  t.match(auto, { author: 'seller', automated: true });
  t.match(dispute, { type: 'dispute.opened', author: null, body: null, disputeReason: 'quality' });

  const audit = await app.app.db.selectFrom('audit').select(['action', 'subject']).where('action', '=', 'case.messages.read').execute();
  t.same(audit, [{ action: 'case.messages.read', subject: 'sa-9' }], 'the staff read is audited');
  t.equal((await app.get('/v1/cases/sa-9/messages', await app.token('seller', 'seller-a'))).statusCode, 200, 'the case’s own seller may read it');
  t.equal((await app.get('/v1/cases/sa-9/messages', await app.token('seller', 'seller-b'))).statusCode, 403, 'another seller may not');
  t.equal((await app.get('/v1/cases/nope/messages', staff)).statusCode, 404);

  // Retention (SA: 183 days) removes the bodies and the evidence text; the flags' kinds, types and offsets stay.
  await purgeExpiredBodies(app.app.db, app.app.markets.all(), Date.parse('2026-10-01T00:00:00Z'));
  const purgedRes = await app.get('/v1/cases/sa-9/messages', staff);
  t.equal(purgedRes.statusCode, 200, purgedRes.body);
  const purged = purgedRes.json();
  t.equal(purged.events[0].body, null, 'the body is null once purged');
  t.ok(purged.events[0].bodyPurgedAt, 'and says when');
  t.same(
    purged.events[0].flags[0].matches,
    flag.matches.map((m: { type: string; start: number; end: number }) => ({ type: m.type, start: m.start, end: m.end })),
    'the match types and offsets outlive the text',
  );
});

t.test('GET /v1/sellers/{id}/cases: when a seller lists its cases, then it gets its own, latest activity first, in pages, filtered by status', async (t) => {
  const app = await build(t, { now: NOW });
  await app.post({
    events: [
      buyerSays('2026-03-16T06:00:00Z', { caseId: 'c1', sellerId: 's1' }),
      buyerSays('2026-03-16T07:00:00Z', { caseId: 'c2', sellerId: 's1' }),
      buyerSays('2026-03-16T08:00:00Z', { caseId: 'c3', sellerId: 's1', market: 'EE' }),
      event({ type: 'dispute.opened', occurredAt: '2026-03-16T09:00:00Z', caseId: 'c4', sellerId: 's1', dispute: { reason: 'counterfeit' } }),
      buyerSays('2026-03-16T09:30:00Z', { caseId: 'other', sellerId: 's2' }),
    ],
  });
  const seller = await app.token('seller', 's1');
  const ids = (r: { rows: { caseId: string }[] }) => r.rows.map((c) => c.caseId);
  const first = (await app.get('/v1/sellers/s1/cases?limit=3', seller)).json();
  t.same(ids(first), ['c4', 'c3', 'c2']);
  t.match(first.rows[0], { caseId: 'c4', market: 'LV', status: 'taken_over', lastEventAt: '2026-03-16T09:00:00.000Z', takeover: { at: '2026-03-16T09:00:00.000Z', reason: 'dispute:counterfeit' } });
  t.type(first.nextCursor, 'string');
  const second = (await app.get(`/v1/sellers/s1/cases?limit=3&cursor=${first.nextCursor}`, seller)).json();
  t.same(ids(second), ['c1']);
  t.equal(second.nextCursor, null);
  t.same(ids((await app.get('/v1/sellers/s1/cases?status=open&market=LV', seller)).json()), ['c2', 'c1']);
  t.equal((await app.get('/v1/sellers/s2/cases', seller)).statusCode, 403, 'not another seller’s');
  t.equal((await app.get('/v1/sellers/s1/cases?cursor=garbage', seller)).statusCode, 400);
  const staff = await app.token('compliance');
  t.same(ids((await app.get('/v1/sellers/s2/cases', staff)).json()), ['other'], 'staff see any seller');
  t.equal((await app.app.db.selectFrom('audit').select('id').where('subject', '=', 'seller-cases').execute()).length, 1, 'staff reads are audited, the seller’s own are not');
});

t.test('GET /v1/reports/seller-weeks: when staff ask for sellers’ weekly trend, then each seller gets every week of the period (Riga dates, Monday to Sunday), empty ones too', async (t) => {
  const app = await build(t, { now: NOW });
  await app.post({
    events: [
      // Week 10 (2–8 March): s1 met one, breached one; week 11: nothing; week 12 (from 16 March): s1 one pending.
      buyerSays('2026-03-02T08:00:00Z', { caseId: 'a', sellerId: 's1' }),
      sellerSays('2026-03-02T09:00:00Z', { caseId: 'a', sellerId: 's1' }),
      buyerSays('2026-03-03T08:00:00Z', { caseId: 'b', sellerId: 's1' }),
      // Sunday 15 March 22:30Z is Monday 16 March 00:30 in Riga: week 12, not week 11.
      buyerSays('2026-03-15T22:30:00Z', { caseId: 'c', sellerId: 's1' }),
      buyerSays('2026-03-04T08:00:00Z', { caseId: 'd', sellerId: 's2' }),
      sellerSays('2026-03-06T08:00:00Z', { caseId: 'd', sellerId: 's2' }),
    ],
  });
  const res = await app.get('/v1/reports/seller-weeks?market=LV&from=2026-03-01T22:00:00Z&to=2026-03-22T22:00:00Z&sellerId=s1&sellerId=s2&sellerId=s3&sellerId=s1', await app.token('compliance'));
  t.equal(res.statusCode, 200, res.body);
  const body = res.json();
  t.same(body.weeks, [
    { week: '2026-W10', monday: '2026-03-02', firstDay: '2026-03-02', lastDay: '2026-03-08' },
    { week: '2026-W11', monday: '2026-03-09', firstDay: '2026-03-09', lastDay: '2026-03-15' },
    { week: '2026-W12', monday: '2026-03-16', firstDay: '2026-03-16', lastDay: '2026-03-22' },
  ]);
  t.same(body.sellers.map((s: { sellerId: string }) => s.sellerId), ['s1', 's2', 's3'], 'each asked seller once, in the order asked');
  const [s1, s2, s3] = body.sellers;
  t.same(s1.weeks[0], { week: '2026-W10', obligations: 2, met: 1, late: 0, breached: 1, onTimeRate: 0.5 });
  t.same(s1.weeks[1], { week: '2026-W11', obligations: 0, met: 0, late: 0, breached: 0, onTimeRate: null });
  t.same(s1.weeks[2], { week: '2026-W12', obligations: 1, met: 0, late: 0, breached: 0, onTimeRate: null }, 'pending: undecided');
  t.same(s2.weeks[0], { week: '2026-W10', obligations: 1, met: 0, late: 1, breached: 0, onTimeRate: 0 });
  t.same(s3.weeks.map((w: { obligations: number }) => w.obligations), [0, 0, 0]);
  t.equal((await app.get('/v1/reports/seller-weeks?market=LV&from=2026-03-01T22:00:00Z&to=2026-03-22T22:00:00Z&sellerId=s1', await app.token('seller', 's1'))).statusCode, 403, 'staff only');
  t.equal((await app.get('/v1/reports/seller-weeks?market=LV&from=2026-03-01T22:00:00Z&to=2026-03-22T22:00:00Z', await app.token('admin'))).statusCode, 400, 'at least one seller');
});

t.test('GET /v1/overview?market=SA: this week starts on Sunday, local 00:00 in Riyadh, the day after the Friday–Saturday weekend', async (t) => {
  const app = await build(t, { now: NOW }); // Monday 16 March, 13:00 in Riyadh
  const dispute = (occurredAt: string, caseId: string) => event({ type: 'dispute.opened', occurredAt, market: 'SA', caseId, sellerId: 's-sa', dispute: { reason: 'counterfeit' } });
  t.equal(
    (await app.post({ events: [dispute('2026-03-15T06:00:00Z', 'sa-sunday'), dispute('2026-03-14T20:30:00Z', 'sa-saturday'), dispute('2026-03-14T21:00:00Z', 'sa-midnight')] })).statusCode,
    202,
  );
  const o = (await app.get('/v1/overview?market=SA', await app.token('compliance'))).json();
  t.same(
    o.takeoversThisWeek,
    { count: 2, since: '2026-03-14T21:00:00.000Z', byReason: { 'dispute:counterfeit': 2 } },
    'Sunday 15 March 00:00 Riyadh: Sunday 09:00 and Sunday 00:00 count, Saturday 23:30 is last week',
  );
});

t.test('GET /v1/reports/seller-weeks?market=SA: Saudi weeks run Sunday to Saturday, so a Sunday request opens its week', async (t) => {
  const app = await build(t, { now: NOW });
  await app.post({
    events: [
      buyerSays('2026-03-08T06:00:00Z', { caseId: 'sun-8', market: 'SA', sellerId: 's-sa' }), // Sunday 8 March 09:00 Riyadh
      buyerSays('2026-03-07T06:00:00Z', { caseId: 'sat-7', market: 'SA', sellerId: 's-sa' }), // Saturday 7 March
    ],
  });
  // Riyadh: Sunday 1 March 00:00 to Sunday 15 March 00:00.
  const res = await app.get('/v1/reports/seller-weeks?market=SA&from=2026-02-28T21:00:00Z&to=2026-03-14T21:00:00Z&sellerId=s-sa', await app.token('compliance'));
  t.equal(res.statusCode, 200, res.body);
  const body = res.json();
  t.same(body.weeks, [
    { week: '2026-W10', monday: '2026-03-02', firstDay: '2026-03-01', lastDay: '2026-03-07' },
    { week: '2026-W11', monday: '2026-03-09', firstDay: '2026-03-08', lastDay: '2026-03-14' },
  ]);
  t.same(body.sellers[0].weeks.map((w: { week: string; obligations: number }) => [w.week, w.obligations]), [['2026-W10', 1], ['2026-W11', 1]], 'Saturday ends one week, Sunday opens the next');
});

t.test('GET /v1/sellers/{id}/absences/preview: when a seller previews an absence, then it sees what registering it would answer (POLICIES D: more than 5 working days need 14 days’ notice), and nothing is stored', async (t) => {
  const app = await build(t, { now: NOW }); // Monday 16 March, Riga
  const seller = await app.token('seller', 's1');
  const preview = (q: string, token = seller) => app.get(`/v1/sellers/s1/absences/preview?market=LV&${q}`, token);

  const late = await preview('from=2026-03-23&to=2026-03-31');
  t.equal(late.statusCode, 200, late.body);
  t.same(late.json(), {
    sellerId: 's1',
    market: 'LV',
    from: '2026-03-23',
    to: '2026-03-31',
    today: '2026-03-16',
    workingDays: 7,
    noticeDays: 7,
    compliant: false,
    violation: 'late_notice',
    rule: { maxWorkingDaysWithoutNotice: 5, minNoticeDays: 14 },
    overlaps: [],
  });
  t.match((await preview('from=2026-03-23&to=2026-03-27')).json(), { workingDays: 5, compliant: true }, 'five working days need no notice');
  t.match((await preview('from=2026-03-30&to=2026-04-08')).json(), { noticeDays: 14, compliant: true }, 'fourteen days’ notice makes a long absence compliant');
  t.equal((await app.app.db.selectFrom('absences').select('id').execute()).length, 0, 'a preview stores nothing');

  // The preview answers what the registration answers.
  const registered = await app.app.inject({ method: 'POST', url: '/v1/sellers/s1/absences', headers: { authorization: `Bearer ${seller}` }, payload: { market: 'LV', from: '2026-03-23', to: '2026-03-31' } });
  t.equal(registered.statusCode, 201);
  t.match(registered.json(), { workingDays: 7, noticeDays: 7, compliant: false, violation: 'late_notice' });
  t.same((await preview('from=2026-03-30&to=2026-04-02')).json().overlaps, [{ id: registered.json().id, from: '2026-03-23', to: '2026-03-31' }], 'an overlap is shown before the 409');
  // A piece next to it is judged with it too, as the registration judges it.
  const before = (await preview('from=2026-03-18&to=2026-03-20')).json();
  t.match(before, { workingDays: 3, compliant: true }, 'three days alone need no notice');
  t.same(before.continuous, { from: '2026-03-18', to: '2026-03-31', workingDays: 10, compliant: false, violation: 'late_notice' }, 'across the weekend it makes one absence of ten working days, announced two days ahead');
  t.same(
    (await preview('from=2026-04-01&to=2026-04-02')).json().continuous,
    { from: '2026-03-23', to: '2026-04-02', workingDays: 9, compliant: false, violation: 'late_notice' },
    'a piece after it with sixteen days’ notice still joins a whole whose first piece was announced a week ahead',
  );
  const piece = await app.app.inject({ method: 'POST', url: '/v1/sellers/s1/absences', headers: { authorization: `Bearer ${seller}` }, payload: { market: 'LV', from: '2026-03-18', to: '2026-03-20' } });
  t.same(piece.json().continuous, before.continuous, 'the registration answers what the preview showed');

  t.equal((await preview('from=2026-03-13&to=2026-03-20')).statusCode, 422, 'from in the past: 422 as on registration');
  t.equal((await preview('from=2026-03-20&to=2026-03-19')).statusCode, 422, 'to before from: 422');
  const bad = await preview('from=2026-02-30&to=2026-03-19');
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { error: 'bad_request', details: [{ field: 'querystring.from' }] });
  t.equal((await app.get('/v1/sellers/s1/absences/preview?market=XX&from=2026-03-23&to=2026-03-24', seller)).statusCode, 400, 'unknown market');
  t.equal((await app.get('/v1/sellers/s2/absences/preview?market=LV&from=2026-03-23&to=2026-03-24', seller)).statusCode, 403, 'not for another seller');
  t.equal((await preview('from=2026-03-23&to=2026-03-24', await app.token('admin'))).statusCode, 200, 'admin may preview for anyone');
});
