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
