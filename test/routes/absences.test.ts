// Planned absences through the real app (CONTRACT §7, POLICIES D): who may
// register, list and cancel; the figures; validation; overlaps; the audit.
import t from 'tap';
import { build, type TestApp } from '../helpers/app.js';

const register = (app: TestApp, token: string, sellerId: string, body: Record<string, unknown>) =>
  app.app.inject({ method: 'POST', url: `/v1/sellers/${sellerId}/absences`, headers: { authorization: `Bearer ${token}` }, payload: body });
const cancel = (app: TestApp, token: string, sellerId: string, id: string) =>
  app.app.inject({ method: 'DELETE', url: `/v1/sellers/${sellerId}/absences/${id}`, headers: { authorization: `Bearer ${token}` } });
const stored = (app: TestApp) => app.app.db.selectFrom('absences').selectAll().orderBy('created_at').execute();
const auditOf = (app: TestApp, action: string) => app.app.db.selectFrom('audit').selectAll().where('action', '=', action).execute();

t.test('a seller registers its own absence: 201 with the §7 fields, stored with an audit row', async (t) => {
  const app = await build(t, { now: '2026-04-27T09:00:00Z' }); // Monday
  const token = await app.token('seller', 's1');
  const res = await register(app, token, 's1', { market: 'LV', from: '2026-05-11', to: '2026-05-15', note: 'Trade fair' });
  t.equal(res.statusCode, 201);
  const body = res.json();
  t.match(body, { id: /^[0-9a-f-]{36}$/, sellerId: 's1', market: 'LV', from: '2026-05-11', to: '2026-05-15', workingDays: 5, noticeDays: 14, compliant: true, note: 'Trade fair' });
  t.notOk('violation' in body, 'a compliant absence carries no violation');
  t.equal(body.startsAt, '2026-05-10T21:00:00.000Z', 'local 00:00 of from in Riga (summer time)');
  t.equal(body.endsAt, '2026-05-15T21:00:00.000Z', 'local 00:00 after to');
  t.equal(body.createdAt, '2026-04-27T09:00:00.000Z', 'the app clock');
  const rows = await stored(app);
  t.equal(rows.length, 1);
  t.match(rows[0], { id: body.id, seller_id: 's1', market: 'LV', from_date: '2026-05-11', to_date: '2026-05-15', working_days: 5, notice_days: 14, compliant: true, violation: null, cancelled_at: null });
  const audit = await auditOf(app, 'absence.registered');
  t.equal(audit.length, 1);
  t.match(audit[0], { actor: /^token:/, subject: body.id, details: { sellerId: 's1', market: 'LV', from: '2026-05-11', to: '2026-05-15', workingDays: 5, compliant: true } });
});

t.test('POLICIES D: 6 working days with exactly 14 days of notice are compliant; with 13 they are registered anyway, with violation late_notice', async (t) => {
  const app = await build(t, { now: '2026-04-27T09:00:00Z' });
  const admin = await app.token('admin');
  const on = await register(app, admin, 'on-time', { market: 'LV', from: '2026-05-11', to: '2026-05-18' });
  t.equal(on.statusCode, 201);
  t.match(on.json(), { workingDays: 6, noticeDays: 14, compliant: true });
  t.notOk('violation' in on.json());
  const late = await register(app, admin, 'late', { market: 'LV', from: '2026-05-10', to: '2026-05-18' });
  t.equal(late.statusCode, 201, 'buyers must still be covered: the absence is registered');
  t.match(late.json(), { workingDays: 6, noticeDays: 13, compliant: false, violation: 'late_notice' });
  const row = await app.app.db.selectFrom('absences').selectAll().where('seller_id', '=', 'late').executeTakeFirstOrThrow();
  t.match(row, { compliant: false, violation: 'late_notice', notice_days: 13 }, 'the violation is stored for the scorecard and reports');
  const list = await app.get('/v1/sellers/late/absences', admin);
  t.match(list.json().absences, [{ from: '2026-05-10', violation: 'late_notice', compliant: false }]);
});

t.test('POLICIES D: 5 working days need no notice, 6 do; a span holding public holidays counts only open days', async (t) => {
  const app = await build(t, { now: '2026-05-08T09:00:00Z' }); // Friday
  const admin = await app.token('admin');
  t.match((await register(app, admin, 'five', { market: 'LV', from: '2026-05-11', to: '2026-05-15' })).json(), { workingDays: 5, noticeDays: 3, compliant: true });
  t.match((await register(app, admin, 'six', { market: 'LV', from: '2026-05-11', to: '2026-05-18' })).json(), { workingDays: 6, noticeDays: 3, compliant: false, violation: 'late_notice' });
  app.clock.set('2026-06-16T09:00:00Z');
  // 19–29 June 2026 in Riga: 11 calendar days; 22 June is a transferred day off, 23–24 June are
  // public holidays (Līgo, Jāņi), 27 June a transferred working Saturday → 5 working days.
  t.match((await register(app, admin, 'midsummer', { market: 'LV', from: '2026-06-19', to: '2026-06-29' })).json(), { workingDays: 5, noticeDays: 3, compliant: true });
  t.match((await register(app, admin, 'midsummer', { market: 'EE', from: '2026-06-22', to: '2026-06-26' })).json(), { workingDays: 3, compliant: true }, 'EE: 23–24 June are holidays, 22 June is not');
});

t.test('a weekend-only absence has 0 working days and is compliant with no notice at all', async (t) => {
  const app = await build(t, { now: '2026-05-16T05:00:00Z' }); // Saturday 08:00 in Riga
  const res = await register(app, await app.token('seller', 's1'), 's1', { market: 'LV', from: '2026-05-16', to: '2026-05-17' });
  t.equal(res.statusCode, 201);
  t.match(res.json(), { workingDays: 0, noticeDays: 0, compliant: true });
});

t.test('SA: the Friday–Saturday weekend is not working time, Sunday is', async (t) => {
  const app = await build(t, { now: '2026-06-01T09:00:00Z' });
  const admin = await app.token('admin');
  t.match((await register(app, admin, 's1', { market: 'SA', from: '2026-06-12', to: '2026-06-13' })).json(), { workingDays: 0, compliant: true }, 'Fri–Sat');
  t.match((await register(app, admin, 's2', { market: 'SA', from: '2026-06-07', to: '2026-06-14' })).json(), { workingDays: 6, noticeDays: 6, compliant: false, violation: 'late_notice' }, 'Sun–Sun');
  t.match((await register(app, admin, 's2', { market: 'LV', from: '2026-06-07', to: '2026-06-14' })).json(), { workingDays: 5, compliant: true }, 'the same dates in LV: Mon–Fri');
});

t.test("CONTRACT §8: a seller token acts only for its own seller id (403, nothing stored); admin acts for anyone; compliance may read but not write", async (t) => {
  const app = await build(t, { now: '2026-04-27T09:00:00Z' });
  const s1 = await app.token('seller', 's1');
  const admin = await app.token('admin');
  const compliance = await app.token('compliance');
  const body = { market: 'LV', from: '2026-05-11', to: '2026-05-12' };

  const other = await register(app, s1, 's2', body);
  t.equal(other.statusCode, 403);
  t.match(other.json(), { error: 'forbidden', message: /own seller/ });
  t.equal((await register(app, compliance, 's2', body)).statusCode, 403, 'compliance may not register');
  t.equal((await app.app.inject({ method: 'POST', url: '/v1/sellers/s2/absences', payload: body })).statusCode, 401, 'no token');
  t.same(await stored(app), [], 'nothing stored');

  const made = await register(app, admin, 's2', body);
  t.equal(made.statusCode, 201, 'admin registers for any seller');
  const id = made.json().id;
  t.match((await stored(app))[0], { created_by: /^token:/ });

  t.equal((await app.get('/v1/sellers/s2/absences', s1)).statusCode, 403, 'a seller may not list another seller’s absences');
  const read = await app.get('/v1/sellers/s2/absences', compliance);
  t.equal(read.statusCode, 200, 'compliance may list');
  t.equal(read.json().absences.length, 1);
  t.match(await auditOf(app, 'absences.read'), [{ actor: /^token:/, subject: 's2', details: { count: 1 } }], 'a staff read is audited');
  t.equal((await app.get('/v1/sellers/s2/absences', await app.token('seller', 's2'))).statusCode, 200, 'the seller lists its own');

  t.equal((await cancel(app, s1, 's2', id)).statusCode, 403, 'another seller may not cancel');
  t.equal((await cancel(app, compliance, 's2', id)).statusCode, 403, 'compliance may not cancel');
  t.equal((await stored(app))[0]!.cancelled_at, null);
});

t.test('validation: malformed dates and unknown markets are 400 naming the field; impossible ranges are 422; nothing is stored', async (t) => {
  const app = await build(t, { now: '2026-03-15T22:30:00Z' }); // 00:30 on Monday 16 March in Riga
  const token = await app.token('seller', 's1');
  const cases: [string, Record<string, unknown>, number, RegExp, string[]][] = [
    ['a date that does not exist', { market: 'LV', from: '2026-02-30', to: '2026-03-31' }, 400, /from must be a local date/, ['body.from']],
    ['a date in another format', { market: 'LV', from: '2026-03-20', to: '31/03/2026' }, 400, /to must be a local date/, ['body.to']],
    ['an instant instead of a date', { market: 'LV', from: '2026-03-20T00:00:00Z', to: '2026-03-21' }, 400, /from/, ['body.from']],
    ['both dates malformed', { market: 'LV', from: 'soon', to: 'later' }, 400, /from .*to/, ['body.from', 'body.to']],
    ['an unknown market', { market: 'XX', from: '2026-03-20', to: '2026-03-21' }, 400, /market is not a known market/, ['body.market']],
    ['a year outside 2000–2099', { market: 'LV', from: '2026-03-20', to: '2126-03-21' }, 400, /2000 to 2099/, ['body.to']],
    ['a missing field', { market: 'LV', from: '2026-03-20' }, 400, /to/, ['body.to']],
    ['a note over 1000 characters', { market: 'LV', from: '2026-03-20', to: '2026-03-21', note: 'x'.repeat(1001) }, 400, /note/, ['body.note']],
    ['a note that is a number (not turned into text)', { market: 'LV', from: '2026-03-20', to: '2026-03-21', note: 123 }, 400, /note must be string/, ['body.note']],
    ['a null note (not turned into "")', { market: 'LV', from: '2026-03-20', to: '2026-03-21', note: null }, 400, /note must be string/, ['body.note']],
    ['a null market', { market: null, from: '2026-03-20', to: '2026-03-21' }, 400, /market must be string/, ['body.market']],
    ['an unknown field (not dropped unseen)', { market: 'LV', from: '2026-03-20', to: '2026-03-21', reason: 'holiday' }, 400, /reason is not a field/, ['body.reason']],
    ["from before the market's local today (the UTC date is already yesterday in Riga)", { market: 'LV', from: '2026-03-15', to: '2026-03-21' }, 422, /from must not be before/, ['body.from']],
    ['to before from', { market: 'LV', from: '2026-03-21', to: '2026-03-20' }, 422, /to must not be before from/, ['body.to']],
    ['366 days', { market: 'LV', from: '2026-03-16', to: '2027-03-16' }, 422, /at most 365 days/, ['body.to']],
  ];
  for (const [name, body, status, message, fields] of cases) {
    const res = await register(app, token, 's1', body);
    t.equal(res.statusCode, status, name);
    const err = res.json();
    t.equal(err.error, status === 400 ? 'bad_request' : 'unprocessable', name);
    t.match(err.message, message, name);
    t.same(
      err.details.map((d: { field: string }) => d.field),
      fields,
      `${name}: details name the field`,
    );
  }
  t.same(await stored(app), [], 'nothing stored');
  t.equal((await register(app, token, 's1', { market: 'LV', from: '2026-03-16', to: '2027-03-15' })).statusCode, 201, '365 days starting today are accepted');
});

t.test('an absence overlapping another live one of the same seller and market is refused with 409 (not merged); touching, other markets and cancelled ones do not clash', async (t) => {
  const app = await build(t, { now: '2026-04-27T09:00:00Z' });
  const token = await app.token('seller', 's1');
  const first = (await register(app, token, 's1', { market: 'LV', from: '2026-05-11', to: '2026-05-15' })).json();
  for (const [from, to] of [['2026-05-15', '2026-05-20'], ['2026-05-01', '2026-05-11'], ['2026-05-12', '2026-05-13'], ['2026-05-01', '2026-05-31']]) {
    const res = await register(app, token, 's1', { market: 'LV', from, to });
    t.equal(res.statusCode, 409, `${from}–${to} overlaps 2026-05-11–2026-05-15`);
    t.match(res.json(), { error: 'conflict', message: /overlaps another absence/, details: [{ field: 'body.from', id: first.id, from: '2026-05-11', to: '2026-05-15' }] });
  }
  t.equal((await stored(app)).length, 1, 'nothing stored');
  t.equal((await register(app, token, 's1', { market: 'LV', from: '2026-05-16', to: '2026-05-20' })).statusCode, 201, 'a touching absence does not overlap');
  t.equal((await register(app, token, 's1', { market: 'EE', from: '2026-05-11', to: '2026-05-15' })).statusCode, 201, 'another market does not clash');
  t.equal((await register(app, await app.token('seller', 's2'), 's2', { market: 'LV', from: '2026-05-11', to: '2026-05-15' })).statusCode, 201, 'another seller does not clash');
  t.equal((await cancel(app, token, 's1', first.id)).statusCode, 204);
  t.equal((await register(app, token, 's1', { market: 'LV', from: '2026-05-12', to: '2026-05-13' })).statusCode, 201, 'a cancelled absence no longer clashes');
});

t.test('two overlapping registrations sent at the same time: exactly one succeeds (seller+market advisory lock)', async (t) => {
  const app = await build(t, { now: '2026-04-27T09:00:00Z' });
  const token = await app.token('seller', 's1');
  for (const from of ['2026-05-02', '2026-05-10', '2026-06-02', '2026-06-10', '2026-07-02']) {
    const [a, b] = await Promise.all([
      register(app, token, 's1', { market: 'LV', from, to: from }),
      register(app, token, 's1', { market: 'LV', from, to: from }),
    ]);
    t.same([a.statusCode, b.statusCode].sort(), [201, 409], `two registrations of ${from}`);
  }
  t.equal((await stored(app)).length, 5);
});

t.test('GET lists live absences earliest first; includeCancelled=true lists all; market filters', async (t) => {
  const app = await build(t, { now: '2026-04-27T09:00:00Z' });
  const token = await app.token('seller', 's1');
  const later = (await register(app, token, 's1', { market: 'LV', from: '2026-06-01', to: '2026-06-02' })).json();
  const sooner = (await register(app, token, 's1', { market: 'EE', from: '2026-05-04', to: '2026-05-05' })).json();
  const gone = (await register(app, token, 's1', { market: 'LV', from: '2026-05-20', to: '2026-05-21' })).json();
  await cancel(app, token, 's1', gone.id);
  const live = (await app.get('/v1/sellers/s1/absences', token)).json().absences;
  t.same(live.map((a: { id: string }) => a.id), [sooner.id, later.id]);
  const all = (await app.get('/v1/sellers/s1/absences?includeCancelled=true', token)).json().absences;
  t.same(all.map((a: { id: string }) => a.id), [sooner.id, gone.id, later.id]);
  t.equal(all[1].cancelledAt, '2026-04-27T09:00:00.000Z');
  t.same((await app.get('/v1/sellers/s1/absences?market=EE', token)).json().absences.map((a: { id: string }) => a.id), [sooner.id]);
  t.same((await app.get('/v1/sellers/nobody/absences', await app.token('admin'))).json(), { absences: [] });
});

t.test('DELETE before the local start of from cancels (204, audited, idempotent); from the start on it is 409; unknown is 404', async (t) => {
  const app = await build(t, { now: '2026-05-08T09:00:00Z' });
  const token = await app.token('seller', 's1');
  const a = (await register(app, token, 's1', { market: 'LV', from: '2026-05-11', to: '2026-05-12' })).json();
  const b = (await register(app, token, 's1', { market: 'LV', from: '2026-05-14', to: '2026-05-15' })).json();

  app.clock.set('2026-05-10T20:59:59.999Z'); // 23:59:59.999 on Sunday in Riga
  const res = await cancel(app, token, 's1', a.id);
  t.equal(res.statusCode, 204);
  t.equal(res.body, '');
  const row = await app.app.db.selectFrom('absences').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
  t.equal(row.cancelled_at?.toISOString(), '2026-05-10T20:59:59.999Z');
  t.match(await auditOf(app, 'absence.cancelled'), [{ subject: a.id, actor: /^token:/, details: { sellerId: 's1', market: 'LV', from: '2026-05-11' } }]);
  t.equal((await cancel(app, token, 's1', a.id)).statusCode, 204, 'cancelling again changes nothing');
  t.equal((await auditOf(app, 'absence.cancelled')).length, 1);

  app.clock.set('2026-05-13T21:00:00Z'); // 00:00 on Thursday 14 May in Riga: b has started
  const started = await cancel(app, token, 's1', b.id);
  t.equal(started.statusCode, 409);
  t.match(started.json(), { error: 'conflict', message: /started at 2026-05-13T21:00:00.000Z/ });
  t.equal((await app.app.db.selectFrom('absences').select('cancelled_at').where('id', '=', b.id).executeTakeFirstOrThrow()).cancelled_at, null);

  t.equal((await cancel(app, token, 's1', '00000000-0000-4000-8000-000000000000')).statusCode, 404, 'unknown id');
  t.equal((await cancel(app, token, 's1', 'not-a-uuid')).statusCode, 404, 'not an id at all');
  const s2 = await app.token('seller', 's2');
  t.equal((await cancel(app, s2, 's2', b.id)).statusCode, 404, 'another seller’s absence is unknown under one’s own id');
  t.equal((await cancel(app, await app.token('admin'), 's1', b.id)).statusCode, 409, 'admin too cannot cancel a started absence');
});

t.test('the absence endpoints are in the OpenAPI document', async (t) => {
  const app = await build(t);
  const doc = (await app.get('/docs/json')).json();
  t.ok(doc.paths['/v1/sellers/{sellerId}/absences']?.post, 'POST');
  t.ok(doc.paths['/v1/sellers/{sellerId}/absences']?.get, 'GET');
  t.ok(doc.paths['/v1/sellers/{sellerId}/absences/{id}']?.delete, 'DELETE');
});

t.test('POLICIES D: an absence registered in pieces is judged whole as well: each piece keeps its §7 figures, the late piece carries continuous.violation', async (t) => {
  const app = await build(t, { now: '2026-05-08T09:00:00Z' }); // Friday
  const token = await app.token('seller', 'pieces');
  const admin = await app.token('admin');
  const first = await register(app, token, 'pieces', { market: 'LV', from: '2026-05-11', to: '2026-05-15' }); // Mon–Fri
  t.match(first.json(), { workingDays: 5, noticeDays: 3, compliant: true });
  t.notOk('continuous' in first.json(), 'an absence that adjoins none has no continuous part');
  const second = await register(app, token, 'pieces', { market: 'LV', from: '2026-05-18', to: '2026-05-22' }); // the next Mon–Fri
  t.equal(second.statusCode, 201);
  const body = second.json();
  t.match(body, { workingDays: 5, noticeDays: 10, compliant: true }, 'the piece alone: five working days need no notice (the contract formula)');
  t.notOk('violation' in body);
  t.same(body.continuous, { from: '2026-05-11', to: '2026-05-22', workingDays: 10, compliant: false, violation: 'late_notice' }, 'with the piece before it, across the weekend: ten working days, ten days of notice');
  const row = await app.app.db.selectFrom('absences').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
  t.match(row, { compliant: true, violation: null, continuous_from: '2026-05-11', continuous_to: '2026-05-22', continuous_working_days: 10, continuous_violation: 'late_notice' });
  const [, audit] = await auditOf(app, 'absence.registered');
  t.match(audit!.details, { continuous: { workingDays: 10, violation: 'late_notice' } }, 'the audit row records the judgment');
  const list = (await app.get('/v1/sellers/pieces/absences', admin)).json().absences;
  t.same(
    list.map((a: { continuous?: unknown }) => a.continuous),
    [body.continuous, body.continuous],
    'the first piece carries the whole as it now is too: what the pieces show does not depend on their order',
  );
  const card = (await app.get('/v1/sellers/pieces/scorecard?from=2026-05-01T00:00:00Z&to=2026-06-01T00:00:00Z', admin)).json();
  t.equal(card.lateNoticeAbsences, 2, 'the scorecard counts both pieces of the late whole');
  t.match(card.absences, [{ continuousViolation: 'late_notice' }, { continuousViolation: 'late_notice' }]);
  // a piece a working day away, or one announced two weeks ahead, breaks nothing
  const apart = await register(app, token, 'pieces', { market: 'LV', from: '2026-05-26', to: '2026-05-29' }); // Monday 25 May is worked
  t.notOk('continuous' in apart.json());
  const ahead = await register(app, admin, 'ahead', { market: 'LV', from: '2026-05-11', to: '2026-05-15' });
  t.equal(ahead.statusCode, 201);
  const long = await register(app, admin, 'ahead', { market: 'LV', from: '2026-05-25', to: '2026-05-29' });
  t.notOk('continuous' in long.json(), 'Monday 18 May to Friday 22 May lie between');
  const announced = await register(app, admin, 'ahead', { market: 'LV', from: '2026-05-16', to: '2026-05-24' });
  t.same(announced.json().continuous, { from: '2026-05-11', to: '2026-05-29', workingDays: 15, compliant: false, violation: 'late_notice' }, 'the gap filled: all three are one absence');
});

t.test('POLICIES D: a whole is judged with the least notice its pieces were given, in whichever order they come; a cancelled piece joins nothing', async (t) => {
  const app = await build(t, { now: '2026-04-20T09:00:00Z' }); // Monday
  const admin = await app.token('admin');
  const first = (await register(app, admin, 's1', { market: 'LV', from: '2026-05-04', to: '2026-05-08' })).json();
  const second = (await register(app, admin, 's1', { market: 'LV', from: '2026-05-11', to: '2026-05-15' })).json();
  t.same(second.continuous, { from: '2026-05-04', to: '2026-05-15', workingDays: 9, compliant: true }, 'each piece announced two weeks ahead or more; Monday 4 May is a holiday in LV');
  app.clock.set('2026-04-27T09:00:00Z'); // a week later, the same two pieces for two other sellers, one in each order
  await register(app, admin, 's2', { market: 'LV', from: '2026-05-04', to: '2026-05-08' });
  const late = { from: '2026-05-04', to: '2026-05-15', workingDays: 9, compliant: false, violation: 'late_notice' };
  t.same((await register(app, admin, 's2', { market: 'LV', from: '2026-05-11', to: '2026-05-15' })).json().continuous, late, 'the short first piece, a week ahead, makes the whole late');
  await register(app, admin, 's3', { market: 'LV', from: '2026-05-11', to: '2026-05-15' });
  t.same((await register(app, admin, 's3', { market: 'LV', from: '2026-05-04', to: '2026-05-08' })).json().continuous, late, 'and so it does registered last');
  t.equal((await cancel(app, admin, 's1', first.id)).statusCode, 204);
  const third = (await register(app, admin, 's1', { market: 'LV', from: '2026-05-01', to: '2026-05-03' })).json();
  t.notOk('continuous' in third, 'the cancelled piece is not live; 1–3 May and 11 May are a working week apart');
});

t.test('POLICIES D: cancelling a piece judges again the pieces whose whole held it', async (t) => {
  const app = await build(t, { now: '2026-05-08T09:00:00Z' }); // Friday
  const token = await app.token('seller', 'planner');
  const admin = await app.token('admin');
  const reg = async (from: string, to: string) => (await register(app, token, 'planner', { market: 'LV', from, to })).json();
  const mon = await reg('2026-05-11', '2026-05-13'); // Mon–Wed
  const thu = await reg('2026-05-14', '2026-05-15'); // Thu–Fri
  const next = await reg('2026-05-18', '2026-05-20'); // the next Mon–Wed
  t.same(thu.continuous, { from: '2026-05-11', to: '2026-05-15', workingDays: 5, compliant: true }, 'five working days in all need no notice');
  t.same(next.continuous, { from: '2026-05-11', to: '2026-05-20', workingDays: 8, compliant: false, violation: 'late_notice' });
  await register(app, admin, 'someone-else', { market: 'LV', from: '2026-05-14', to: '2026-05-22' });
  const scorecard = async () => (await app.get('/v1/sellers/planner/scorecard?from=2026-05-01T00:00:00Z&to=2026-06-01T00:00:00Z', admin)).json();
  t.equal((await scorecard()).lateNoticeAbsences, 3, 'the three pieces of the late whole count');

  t.equal((await cancel(app, token, 'planner', mon.id)).statusCode, 204);
  const list = (await app.get('/v1/sellers/planner/absences', admin)).json().absences;
  t.same(list.map((a: { from: string }) => a.from), ['2026-05-14', '2026-05-18']);
  const whole = { from: '2026-05-14', to: '2026-05-20', workingDays: 5, compliant: true };
  t.same(list.map((a: { continuous?: unknown }) => a.continuous), [whole, whole], 'Thursday–Friday and the next Monday–Wednesday: five working days, no longer late');
  const [audit] = await auditOf(app, 'absence.cancelled');
  t.match(audit!.details, { rejudged: [{ id: thu.id, continuous: { workingDays: 5, compliant: true } }, { id: next.id, continuous: { workingDays: 5, compliant: true } }] }, 'the audit row names what changed');
  t.match((await app.get('/v1/sellers/someone-else/absences', admin)).json().absences, [{ from: '2026-05-14', workingDays: 7, violation: 'late_notice' }], "another seller's absence is not touched");
  t.equal((await scorecard()).lateNoticeAbsences, 0, 'nothing late is left');

  t.equal((await cancel(app, token, 'planner', thu.id)).statusCode, 204);
  t.notOk('continuous' in (await app.get('/v1/sellers/planner/absences', admin)).json().absences[0], 'the last piece alone');
  t.equal((await scorecard()).absences.length, 1);
});

t.test('POLICIES D: the late-notice count of pieces does not depend on the order they were registered in, and a weekend piece is not counted', async (t) => {
  const app = await build(t, { now: '2026-12-07T09:00:00Z' }); // Monday
  const admin = await app.token('admin');
  const pieces = { A: ['2026-12-14', '2026-12-18'], B: ['2026-12-21', '2026-12-23'], C: ['2026-12-28', '2026-12-30'] } as const; // 7, 14 and 21 days ahead
  const counts: number[] = [];
  for (const [seller, order] of [['abc', 'ABC'], ['bca', 'BCA'], ['acb', 'ACB']] as const) {
    for (const p of order) await register(app, admin, seller, { market: 'LV', from: pieces[p as keyof typeof pieces][0], to: pieces[p as keyof typeof pieces][1] });
    counts.push((await app.get(`/v1/sellers/${seller}/scorecard?market=LV&from=2026-12-01T00:00:00Z&to=2027-01-31T00:00:00Z`, admin)).json().lateNoticeAbsences);
    const list = (await app.get(`/v1/sellers/${seller}/absences`, admin)).json().absences;
    t.same(new Set(list.map((a: { continuous?: { from: string; to: string } }) => `${a.continuous?.from}..${a.continuous?.to}`)), new Set(['2026-12-14..2026-12-30']), `${order}: every piece shows the whole`);
  }
  t.same(counts, [3, 3, 3], 'the same count in every order');
  await register(app, admin, 'weekend', { market: 'LV', from: '2026-12-14', to: '2026-12-18' });
  await register(app, admin, 'weekend', { market: 'LV', from: '2026-12-19', to: '2026-12-20' }); // Saturday–Sunday
  await register(app, admin, 'weekend', { market: 'LV', from: '2026-12-21', to: '2026-12-23' });
  t.equal((await app.get('/v1/sellers/weekend/scorecard?market=LV&from=2026-12-01T00:00:00Z&to=2027-01-31T00:00:00Z', admin)).json().lateNoticeAbsences, 2, 'the two working pieces; the weekend between adds nothing to cover');
});
