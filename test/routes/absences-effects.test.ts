// What a registered absence does to cases (CONTRACT §7, §5; POLICIES D: the
// platform keeps answering the buyers of an absent seller). Absences are an
// input of the obligation fold, so registering or cancelling one refolds the
// seller's cases in that market, and late events are judged like timely ones.
import t from 'tap';
import { build, type TestApp } from '../helpers/app.js';
import { buyerSays } from '../helpers/events.js';

const register = async (app: TestApp, sellerId: string, body: Record<string, unknown>) => {
  const res = await app.app.inject({ method: 'POST', url: `/v1/sellers/${sellerId}/absences`, headers: { authorization: `Bearer ${await app.token('seller', sellerId)}` }, payload: body });
  if (res.statusCode !== 201) throw new Error(`absence not registered: ${res.statusCode} ${res.body}`);
  return res.json();
};
const cancel = async (app: TestApp, sellerId: string, id: string) =>
  (await app.app.inject({ method: 'DELETE', url: `/v1/sellers/${sellerId}/absences/${id}`, headers: { authorization: `Bearer ${await app.token('admin')}` } })).statusCode;
const view = async (app: TestApp, caseId: string) => {
  const res = await app.get(`/v1/cases/${caseId}`, await app.token('admin'));
  if (res.statusCode !== 200) throw new Error(`case ${caseId}: ${res.statusCode} ${res.body}`);
  const { id: _id, sellerId: _seller, ...rest } = res.json();
  if (rest.takeover) delete rest.takeover.id;
  return rest;
};
const checkAt = async (app: TestApp, caseId: string) =>
  (await app.app.db.selectFrom('cases').select('check_at').where('id', '=', caseId).executeTakeFirstOrThrow()).check_at?.toISOString() ?? null;
const sweep = async (app: TestApp) => (await app.app.inject({ method: 'POST', url: '/v1/admin/sweep', headers: { authorization: `Bearer ${await app.token('admin')}` } })).json();
/** Takeover notices in the outbox (other kinds, e.g. at-risk warnings, are not this file's subject). */
const takeoverNotices = (app: TestApp) => app.app.db.selectFrom('outbox').select(['kind', 'payload']).where('kind', 'like', 'case.%').orderBy('id').execute();
const accept = async (app: TestApp, body: unknown) => {
  const res = await app.post(body);
  if (res.statusCode !== 202) throw new Error(`events refused: ${res.statusCode} ${res.body}`);
};

t.test('a buyer message at 23:59 local on the last day is taken over (seller_absence, no obligation); at 00:00 the day after it opens a normal obligation — across the spring DST change', async (t) => {
  const app = await build(t, { now: '2026-03-20T10:00:00Z' });
  // Riga moves from UTC+2 to UTC+3 at 03:00 on Sunday 29 March 2026, inside the absence.
  const a = await register(app, 's1', { market: 'LV', from: '2026-03-27', to: '2026-03-29' });
  t.match(a, { startsAt: '2026-03-26T22:00:00.000Z', endsAt: '2026-03-29T21:00:00.000Z', workingDays: 1 }, 'start at UTC+2, end at UTC+3: 71 hours, not 72');
  app.clock.set('2026-03-30T08:00:00Z');
  await accept(app, { events: [buyerSays('2026-03-29T20:59:00Z', { caseId: 'last-minute', sellerId: 's1' }), buyerSays('2026-03-29T21:00:00Z', { caseId: 'day-after', sellerId: 's1' })] });
  t.same(await view(app, 'last-minute'), { market: 'LV', status: 'taken_over', obligations: [], takeover: { at: '2026-03-29T20:59:00.000Z', reason: 'seller_absence' }, flags: [] });
  const after = await view(app, 'day-after');
  t.equal(after.status, 'open');
  t.equal(after.takeover, null);
  t.same(after.obligations, [{ requestedAt: '2026-03-29T21:00:00.000Z', dueAt: '2026-03-30T21:00:00.000Z', answeredAt: null, state: 'pending' }]);
  t.match(await takeoverNotices(app), [{ kind: 'case.taken_over', payload: { caseId: 'last-minute', reason: 'seller_absence' } }], 'the marketplace is told');
});

t.test('the same boundary across the autumn DST change (Riga UTC+3 → UTC+2 on Sunday 25 October 2026)', async (t) => {
  const app = await build(t, { now: '2026-10-01T10:00:00Z' });
  const a = await register(app, 's1', { market: 'LV', from: '2026-10-23', to: '2026-10-25' });
  t.match(a, { startsAt: '2026-10-22T21:00:00.000Z', endsAt: '2026-10-25T22:00:00.000Z' }, '73 hours, not 72');
  app.clock.set('2026-10-26T08:00:00Z');
  await accept(app, { events: [buyerSays('2026-10-25T21:59:00Z', { caseId: 'last-minute', sellerId: 's1' }), buyerSays('2026-10-25T22:00:00Z', { caseId: 'day-after', sellerId: 's1' })] });
  t.match(await view(app, 'last-minute'), { status: 'taken_over', obligations: [], takeover: { at: '2026-10-25T21:59:00.000Z', reason: 'seller_absence' } });
  t.match(await view(app, 'day-after'), { status: 'open', takeover: null, obligations: [{ state: 'pending', requestedAt: '2026-10-25T22:00:00.000Z' }] });
});

t.test('an obligation pending when the absence starts is taken over at its start by the sweep, and never becomes a breach', async (t) => {
  const app = await build(t, { now: '2026-03-20T15:00:00Z' }); // Friday 17:00 in Riga
  // Friday 16:00 Riga: due Monday 16:00 (14:00Z). The same message to a seller without an absence is the control.
  await accept(app, { events: [buyerSays('2026-03-20T14:00:00Z', { caseId: 'away', sellerId: 's1' }), buyerSays('2026-03-20T14:00:00Z', { caseId: 'control', sellerId: 's2' })] });
  t.equal(await checkAt(app, 'away'), '2026-03-23T14:00:00.000Z', 'before the absence: checked at the deadline');
  await register(app, 's1', { market: 'LV', from: '2026-03-23', to: '2026-03-24' });
  t.equal(await checkAt(app, 'away'), '2026-03-22T22:00:00.000Z', 'registering moved the check to the absence start (Monday 00:00 Riga)');
  t.equal(await checkAt(app, 'control'), '2026-03-23T14:00:00.000Z', 'other sellers are untouched');
  t.equal((await takeoverNotices(app)).length, 0, 'nothing is taken over before the start');

  app.clock.set('2026-03-22T21:59:59.999Z');
  t.match(await sweep(app), { breached: 0, takenOver: 0 }, 'one millisecond before the start: nothing');
  app.clock.set('2026-03-22T22:00:00Z');
  t.match(await sweep(app), { breached: 0, takenOver: 1 }, 'at the start: taken over');
  t.same(await view(app, 'away'), {
    market: 'LV',
    status: 'taken_over',
    obligations: [{ requestedAt: '2026-03-20T14:00:00.000Z', dueAt: '2026-03-23T14:00:00.000Z', answeredAt: null, state: 'cancelled' }],
    takeover: { at: '2026-03-22T22:00:00.000Z', reason: 'seller_absence' },
    flags: [],
  });
  t.match(await takeoverNotices(app), [{ kind: 'case.taken_over', payload: { caseId: 'away', reason: 'seller_absence', at: '2026-03-22T22:00:00.000Z' } }]);

  app.clock.set('2026-03-25T10:00:00Z');
  t.match(await sweep(app), { breached: 1, takenOver: 1 }, 'after the deadline only the control case breaches');
  t.match((await view(app, 'away')).obligations, [{ state: 'cancelled' }], 'the absent seller’s obligation never counts as a breach');
  t.match(await view(app, 'control'), { obligations: [{ state: 'breached' }], takeover: { reason: 'reply_overdue' } });
});

t.test('a late-arriving buyer message inside the absence is treated exactly like a timely one', async (t) => {
  const app = await build(t, { now: '2026-03-20T15:00:00Z' });
  await register(app, 's1', { market: 'LV', from: '2026-03-23', to: '2026-03-24' });
  app.clock.set('2026-03-23T10:00:30Z');
  await accept(app, buyerSays('2026-03-23T10:00:00Z', { caseId: 'timely', sellerId: 's1' }));
  app.clock.set('2026-03-27T10:00:00Z'); // three days after the absence ended, long past any deadline
  await accept(app, buyerSays('2026-03-23T10:00:00Z', { caseId: 'late', sellerId: 's1' }));
  await sweep(app);
  const timely = await view(app, 'timely');
  t.same(timely, { market: 'LV', status: 'taken_over', obligations: [], takeover: { at: '2026-03-23T10:00:00.000Z', reason: 'seller_absence' }, flags: [] });
  t.same(await view(app, 'late'), timely, 'same state, no obligation, no breach');
  t.equal(await app.app.db.selectFrom('obligations').select('id').executeTakeFirst(), undefined);
});

t.test('registering an absence that starts today covers a buyer message already received today from the registration on, even with late notice', async (t) => {
  const app = await build(t, { now: '2026-05-11T08:00:00Z' }); // Monday 11:00 in Riga
  await accept(app, buyerSays('2026-05-11T06:00:00Z', { caseId: 'c1', sellerId: 's1' }));
  t.match(await view(app, 'c1'), { status: 'open', obligations: [{ state: 'pending' }] });
  const a = await register(app, 's1', { market: 'LV', from: '2026-05-11', to: '2026-05-18' });
  t.match(a, { workingDays: 6, noticeDays: 0, compliant: false, violation: 'late_notice' });
  t.same(
    await view(app, 'c1'),
    {
      market: 'LV',
      status: 'taken_over',
      obligations: [{ requestedAt: '2026-05-11T06:00:00.000Z', dueAt: '2026-05-12T06:00:00.000Z', answeredAt: null, state: 'cancelled' }],
      takeover: { at: '2026-05-11T08:00:00.000Z', reason: 'seller_absence' },
      flags: [],
    },
    'buyers are covered whatever the notice, from the moment the platform learns of the absence',
  );
  t.match(await takeoverNotices(app), [{ kind: 'case.taken_over', payload: { caseId: 'c1', reason: 'seller_absence' } }]);
  t.match(await app.app.db.selectFrom('audit').select(['action', 'subject']).where('action', 'in', ['absence.registered', 'case.taken_over']).orderBy('id').execute(), [
    { action: 'absence.registered', subject: a.id },
    { action: 'case.taken_over', subject: 'c1' },
  ]);
  t.equal(await cancel(app, 's1', a.id), 409, 'it has started: it cannot be cancelled');
  const refused = await app.app.inject({ method: 'DELETE', url: `/v1/sellers/s1/absences/${a.id}`, headers: { authorization: `Bearer ${await app.token('admin')}` } });
  t.match(refused.json().message, `started at ${a.startsAt}`, 'the start named is the one startsAt shows: its registration');
  t.equal(a.startsAt, '2026-05-11T08:00:00.000Z');
});

t.test('an absence registered from today does not reach back over a deadline already missed: the breach stays, whatever events come after', async (t) => {
  const app = await build(t, { now: '2026-12-04T17:00:00Z' }); // Friday 19:00 in Riga
  await accept(app, buyerSays('2026-12-04T16:53:29Z', { caseId: 'missed', sellerId: 's1' })); // due Monday 7 December 16:53:29Z
  app.clock.set('2026-12-07T17:00:00Z');
  t.match(await sweep(app), { breached: 1 });
  const breached = await view(app, 'missed');
  t.match(breached, { status: 'taken_over', obligations: [{ state: 'breached' }], takeover: { at: '2026-12-07T16:53:29.000Z', reason: 'reply_overdue' } });
  const a = await register(app, 's1', { market: 'LV', from: '2026-12-07', to: '2026-12-07' });
  t.match(a, { workingDays: 1, noticeDays: 0, compliant: true });
  t.same(await view(app, 'missed'), breached, 'registering does not change it');
  await accept(app, { id: 'later', type: 'message.created', occurredAt: '2026-12-07T16:30:00Z', market: 'LV', caseId: 'missed', sellerId: 's1', buyerId: 'b1', message: { id: 'm-later', author: 'platform', body: 'We are on it.' } });
  t.same(await view(app, 'missed'), breached, 'nor does a later event that refolds the case');
  const report = await app.get('/v1/reports/breaches?market=LV&from=2026-12-01T00:00:00Z&to=2026-12-08T00:00:00Z', await app.token('compliance'));
  t.match(report.json(), { rows: [{ caseId: 'missed', state: 'breached', takenOver: true }] }, 'and it stays in the breach report');
});

t.test('cancelling before the start removes every effect: check_at and outcome are as without the absence', async (t) => {
  const app = await build(t, { now: '2026-03-20T15:00:00Z' });
  await accept(app, { events: [buyerSays('2026-03-20T14:00:00Z', { caseId: 'away', sellerId: 's1' }), buyerSays('2026-03-20T14:00:00Z', { caseId: 'control', sellerId: 's2' })] });
  const a = await register(app, 's1', { market: 'LV', from: '2026-03-23', to: '2026-03-24' });
  t.equal(await checkAt(app, 'away'), '2026-03-22T22:00:00.000Z');
  app.clock.set('2026-03-22T21:00:00Z'); // Sunday 23:00 in Riga, an hour before the start
  t.equal(await cancel(app, 's1', a.id), 204);
  t.equal(await checkAt(app, 'away'), await checkAt(app, 'control'), 'the check is back at the deadline');

  app.clock.set('2026-03-22T22:00:00Z');
  t.match(await sweep(app), { breached: 0, takenOver: 0 }, 'nothing happens at the former start');
  app.clock.set('2026-03-25T10:00:00Z');
  t.match(await sweep(app), { breached: 2, takenOver: 2 });
  const away = await view(app, 'away');
  t.same(away, await view(app, 'control'), 'the same outcome as a seller who never registered an absence');
  t.match(away, { status: 'taken_over', takeover: { reason: 'reply_overdue', at: '2026-03-23T14:00:00.000Z' }, obligations: [{ state: 'breached' }] });
  t.same(
    (await app.app.db.selectFrom('takeovers').select(['case_id', 'reason']).orderBy('case_id').execute()).map((r) => r.reason),
    ['reply_overdue', 'reply_overdue'],
    'no seller_absence takeover was ever written',
  );
});
