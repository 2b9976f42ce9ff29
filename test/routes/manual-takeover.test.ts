// Staff take a case over by hand (reason `manual`, CONTRACT §5): the pending
// obligation is cancelled, the marketplace is notified, and the takeover
// stands whatever events arrive later.
import t from 'tap';
import { build, type TestApp } from '../helpers/app.js';
import { buyerSays, event, sellerSays } from '../helpers/events.js';

const takeOver = async (app: TestApp, caseId: string, token: string, note: unknown = 'Seller asked the buyer to pay by bank transfer') =>
  app.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/takeover`, headers: { authorization: `Bearer ${token}` }, payload: { note } });

t.test('compliance takes an open case over by hand: obligation cancelled, notice sent, audited, and it stands whatever arrives later', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const staff = await app.token('compliance');
  await app.post(buyerSays('2026-03-16T09:00:00Z', { caseId: 'c1', sellerId: 's1' }));

  const res = await takeOver(app, 'c1', staff);
  t.equal(res.statusCode, 201);
  t.match(res.json(), { id: 'c1', status: 'taken_over', takeover: { at: '2026-03-16T10:00:00.000Z', reason: 'manual', id: Number } });
  const view = async () => (await app.get('/v1/cases/c1', staff)).json();
  t.match(await view(), { status: 'taken_over', takeover: { at: '2026-03-16T10:00:00.000Z', reason: 'manual' }, obligations: [{ state: 'cancelled' }] });

  const outbox = await app.app.db.selectFrom('outbox').select(['kind', 'payload']).execute();
  t.match(outbox, [{ kind: 'case.taken_over', payload: { caseId: 'c1', reason: 'manual', at: '2026-03-16T10:00:00.000Z' } }]);
  const audit = await app.app.db.selectFrom('audit').select(['actor', 'details']).where('action', '=', 'case.manual_takeover').execute();
  t.match(audit, [{ actor: /^token:/, details: { at: '2026-03-16T10:00:00.000Z', note: 'Seller asked the buyer to pay by bank transfer' } }]);

  // Later deliveries: the seller's reply stamped before the takeover answers the obligation; an earlier listed dispute
  // and a new buyer message change nothing; the takeover stays manual, and no second notice leaves.
  app.clock.advance(60_000);
  await app.post(sellerSays('2026-03-16T09:30:00Z', { caseId: 'c1', sellerId: 's1' }));
  await app.post(event({ type: 'dispute.opened', occurredAt: '2026-03-16T08:00:00Z', caseId: 'c1', sellerId: 's1', dispute: { reason: 'counterfeit' } }));
  await app.post(buyerSays('2026-03-16T10:00:30Z', { caseId: 'c1', sellerId: 's1' }));
  await app.restart();
  await app.post(buyerSays('2026-03-16T10:00:40Z', { caseId: 'c1', sellerId: 's1' }));
  t.match(await view(), { status: 'taken_over', takeover: { at: '2026-03-16T10:00:00.000Z', reason: 'manual' }, obligations: [{ state: 'met' }] });
  t.equal((await view()).obligations.length, 1, 'a case taken over opens no new seller obligation');
  t.equal((await app.app.db.selectFrom('outbox').select('id').execute()).length, 1, 'no further notice: the takeover did not change');

  t.equal((await takeOver(app, 'c1', staff)).statusCode, 409, 'already taken over');
});

t.test('refusals: unknown case 404, closed 409, a deadline passed since the last sweep 409 with its own reason, seller 403, blank note 400', async (t) => {
  const app = await build(t, { now: '2026-03-12T10:00:00Z' });
  const admin = await app.token('admin');
  await app.post(buyerSays('2026-03-12T08:00:00Z', { caseId: 'due', sellerId: 's1' }));
  await app.post(buyerSays('2026-03-12T08:00:00Z', { caseId: 'shut', sellerId: 's1' }));
  await app.post(event({ type: 'case.closed', occurredAt: '2026-03-12T09:00:00Z', caseId: 'shut', sellerId: 's1' }));

  t.equal((await takeOver(app, 'nope', admin)).statusCode, 404);
  const closed = await takeOver(app, 'shut', admin);
  t.equal(closed.statusCode, 409);
  t.match(closed.json(), { error: 'conflict', message: /closed/ });
  t.equal((await takeOver(app, 'due', await app.token('seller', 's1'))).statusCode, 403);
  for (const note of ['', '   ', 'x'.repeat(501), 12]) t.equal((await takeOver(app, 'due', admin, note)).statusCode, 400, `note ${JSON.stringify(note)}`);

  // Thursday 08:00Z + 24 working hours is Friday 08:00Z; on Monday no sweep has run yet.
  app.clock.set('2026-03-16T10:00:00Z');
  const late = await takeOver(app, 'due', admin);
  t.equal(late.statusCode, 409);
  t.match(late.json(), { message: /taken over at 2026-03-13T08:00:00.000Z \(reply_overdue\)/ });
  const outbox = await app.app.db.selectFrom('outbox').select(['kind', 'payload']).execute();
  t.match(outbox, [{ kind: 'case.taken_over', payload: { caseId: 'due', reason: 'reply_overdue' } }], 'the settled breach was notified');
  t.equal((await app.app.db.selectFrom('audit').select('id').where('action', '=', 'case.manual_takeover').execute()).length, 0, 'refusals are not audited as takeovers');
});

const withdraw = async (app: TestApp, caseId: string, token: string, note: unknown = 'Taken over by mistake: wrong case') =>
  app.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/takeover/withdrawal`, headers: { authorization: `Bearer ${token}` }, payload: { note } });

t.test('staff withdraw a manual takeover: the case is open again with its obligation pending, the marketplace is told, audited; the rules apply again', async (t) => {
  // LV, Monday 16 March 2026: a buyer message at 09:00Z is due Tuesday 09:00Z.
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const staff = await app.token('compliance');
  await app.post(buyerSays('2026-03-16T09:00:00Z', { caseId: 'c1', sellerId: 's1' }));
  const made = await takeOver(app, 'c1', staff);
  t.equal(made.statusCode, 201);
  const charge = await app.app.inject({
    method: 'POST',
    url: `/v1/takeovers/${made.json().takeover.id}/charges`,
    headers: { authorization: `Bearer ${staff}` },
    payload: { amountMinor: 500, currency: 'EUR', description: 'Platform agent handled the case' },
  });
  t.equal(charge.statusCode, 201, charge.body);

  app.clock.set('2026-03-16T11:00:00Z');
  const res = await withdraw(app, 'c1', staff);
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { id: 'c1', status: 'open', takeover: null });
  const view = async () => (await app.get('/v1/cases/c1', staff)).json();
  t.match(await view(), { status: 'open', takeover: null, obligations: [{ state: 'pending', dueAt: '2026-03-17T09:00:00.000Z' }] });
  const outbox = await app.app.db.selectFrom('outbox').select(['kind', 'payload']).orderBy('id').execute();
  t.match(outbox, [{ kind: 'case.taken_over', payload: { reason: 'manual' } }, { kind: 'case.takeover_withdrawn', payload: { caseId: 'c1' } }]);
  const audit = await app.app.db.selectFrom('audit').select(['actor', 'details']).where('action', '=', 'case.manual_takeover_withdrawn').execute();
  t.match(audit, [{ actor: /^token:/, details: { at: '2026-03-16T11:00:00.000Z', takenOverAt: '2026-03-16T10:00:00.000Z', note: 'Taken over by mistake: wrong case' } }]);
  const scorecard = await app.get('/v1/sellers/s1/scorecard?market=LV&from=2026-03-16T00:00:00Z&to=2026-03-17T00:00:00Z', staff);
  t.match(scorecard.json(), { takeovers: 0 }, 'a withdrawn takeover no longer counts against the seller');
  const charges = await app.get('/v1/reports/charges?market=LV&from=2026-03-16T00:00:00Z&to=2026-03-17T00:00:00Z', staff);
  t.match(charges.json(), { rows: [{ caseId: 'c1', amountMinor: 500, takeoverWithdrawn: true }] }, 'the charge stays on record, marked');

  t.equal((await withdraw(app, 'c1', staff)).statusCode, 409, 'nothing left to withdraw');
  // The rules apply again: the deadline passes unanswered and the case is taken over for it.
  app.clock.set('2026-03-17T09:30:00Z');
  t.equal((await app.app.inject({ method: 'POST', url: '/v1/admin/sweep', headers: { authorization: `Bearer ${await app.token('admin')}` } })).statusCode, 200);
  t.match(await view(), { status: 'taken_over', takeover: { at: '2026-03-17T09:00:00.000Z', reason: 'reply_overdue' }, obligations: [{ state: 'breached' }] });
  await app.restart();
  t.match(await view(), { status: 'taken_over', takeover: { reason: 'reply_overdue' } }, 'and it stays so after a restart (no kept input brings the manual one back)');
});

t.test('withdrawn after the deadline passed: the case is taken over for the breach at its deadline instead (case.takeover_changed)', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const staff = await app.token('admin');
  await app.post(buyerSays('2026-03-16T09:00:00Z', { caseId: 'c2', sellerId: 's2' }));
  t.equal((await takeOver(app, 'c2', staff)).statusCode, 201);
  app.clock.set('2026-03-18T10:00:00Z');
  const res = await withdraw(app, 'c2', staff);
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { id: 'c2', status: 'taken_over', takeover: { at: '2026-03-17T09:00:00.000Z', reason: 'reply_overdue' } });
  const kinds = (await app.app.db.selectFrom('outbox').select('kind').orderBy('id').execute()).map((o) => o.kind);
  t.same(kinds, ['case.taken_over', 'case.takeover_changed']);
  t.match((await app.get('/v1/cases/c2', staff)).json(), { obligations: [{ state: 'breached' }] });
});

t.test('withdrawal refusals: unknown case 404, not taken over 409, taken over by its own events 409, seller 403, blank note 400', async (t) => {
  const app = await build(t, { now: '2026-03-12T10:00:00Z' });
  const admin = await app.token('admin');
  await app.post(buyerSays('2026-03-12T08:00:00Z', { caseId: 'open', sellerId: 's1' }));
  await app.post(event({ type: 'dispute.opened', occurredAt: '2026-03-12T09:00:00Z', caseId: 'disputed', sellerId: 's1', dispute: { reason: 'counterfeit' } }));

  t.equal((await withdraw(app, 'nope', admin)).statusCode, 404);
  const open = await withdraw(app, 'open', admin);
  t.equal(open.statusCode, 409);
  t.match(open.json(), { error: 'conflict', message: /not taken over/ });
  const disputed = await withdraw(app, 'disputed', admin);
  t.equal(disputed.statusCode, 409);
  t.match(disputed.json(), { message: /\(dispute:counterfeit\), not by hand/ });
  t.equal((await takeOver(app, 'open', admin)).statusCode, 201);
  t.equal((await withdraw(app, 'open', await app.token('seller', 's1'))).statusCode, 403);
  for (const note of ['', '   ', 'x'.repeat(501), 12]) t.equal((await withdraw(app, 'open', admin, note)).statusCode, 400, `note ${JSON.stringify(note)}`);
  t.equal((await app.app.db.selectFrom('audit').select('id').where('action', '=', 'case.manual_takeover_withdrawn').execute()).length, 0, 'refusals are not audited');
  t.match((await app.get('/v1/cases/open', admin)).json(), { takeover: { reason: 'manual' } }, 'the takeover stands');
});

t.test('after a withdrawal, events ingested for the case (its fold inputs kept in memory before) do not bring the manual takeover back', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const staff = await app.token('compliance');
  await app.post(buyerSays('2026-03-16T09:00:00Z', { caseId: 'c3', sellerId: 's3' }));
  t.equal((await takeOver(app, 'c3', staff)).statusCode, 201);
  t.equal((await app.post(buyerSays('2026-03-16T10:00:10Z', { caseId: 'c3', sellerId: 's3' }))).statusCode, 202); // kept by ingestion with the takeover
  t.equal((await withdraw(app, 'c3', staff)).statusCode, 200);
  app.clock.set('2026-03-16T10:31:00Z');
  t.equal((await app.post(sellerSays('2026-03-16T10:30:00Z', { caseId: 'c3', sellerId: 's3' }))).statusCode, 202);
  t.match((await app.get('/v1/cases/c3', staff)).json(), { status: 'open', takeover: null, obligations: [{ state: 'met' }] });
  t.equal((await app.app.db.selectFrom('outbox').select('id').execute()).length, 2, 'taken over, withdrawn: nothing more');
});
