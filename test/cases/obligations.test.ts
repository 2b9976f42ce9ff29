// Reply obligations through the real app and database (CONTRACT §5).
import t from 'tap';
import { build, type TestApp } from '../helpers/app.js';
import { buyerSays, event, sellerSays } from '../helpers/events.js';

const caseView = async (app: TestApp, id: string) => {
  const res = await app.get(`/v1/cases/${id}`, await app.token('admin'));
  t.equal(res.statusCode, 200);
  return res.json();
};

t.test('a buyer message opens an obligation due 1440 working minutes later in the case’s market', async (t) => {
  const app = await build(t, { now: '2026-03-13T14:00:00Z' });
  await app.post(buyerSays('2026-03-13T13:00:00Z', { caseId: 'c1' }));
  const c = await caseView(app, 'c1');
  t.match(c, { id: 'c1', market: 'LV', sellerId: 'seller-1', status: 'open', takeover: null, flags: [] });
  t.same(c.obligations, [{ requestedAt: '2026-03-13T13:00:00.000Z', dueAt: '2026-03-16T13:00:00.000Z', answeredAt: null, state: 'pending' }]);
  const row = await app.app.db.selectFrom('obligations').select(['due_at', 'calendar_fingerprint']).executeTakeFirstOrThrow();
  t.equal(row.due_at.toISOString(), '2026-03-16T13:00:00.000Z', 'the pending obligation is stored with due_at');
  t.equal(row.calendar_fingerprint, app.app.markets.get('LV')!.fingerprint);
});

t.test('instants keep their milliseconds through storage (they travel to the database as epoch milliseconds)', async (t) => {
  const app = await build(t, { now: '2099-12-30T12:00:00Z' });
  await app.post({ events: [buyerSays('2099-12-30T09:59:59.999Z', { caseId: 'ms' }), sellerSays('2099-12-30T10:00:00.001Z', { caseId: 'ms' })] });
  const events = await app.app.db.selectFrom('events').select('occurred_at').orderBy('occurred_at').execute();
  t.same(events.map((e) => e.occurred_at.toISOString()), ['2099-12-30T09:59:59.999Z', '2099-12-30T10:00:00.001Z']);
  const o = await app.app.db.selectFrom('obligations').select(['requested_at', 'answered_at', 'decided_at']).executeTakeFirstOrThrow();
  t.same([o.requested_at.toISOString(), o.answered_at?.toISOString(), o.decided_at?.toISOString()], ['2099-12-30T09:59:59.999Z', '2099-12-30T10:00:00.001Z', '2099-12-30T10:00:00.001Z']);
  const c = await app.app.db.selectFrom('cases').select(['last_event_at', 'last_seller_message_at']).executeTakeFirstOrThrow();
  t.same([c.last_event_at?.toISOString(), c.last_seller_message_at?.toISOString()], ['2099-12-30T10:00:00.001Z', '2099-12-30T10:00:00.001Z']);
});

t.test('a seller reply that arrives before the buyer message it answers still answers it', async (t) => {
  const app = await build(t, { now: '2026-03-16T12:00:00Z' });
  await app.post(sellerSays('2026-03-16T10:30:00Z', { caseId: 'c1' }));
  await app.post(buyerSays('2026-03-16T10:00:00Z', { caseId: 'c1' }));
  const c = await caseView(app, 'c1');
  t.match(c.obligations, [{ state: 'met', answeredAt: '2026-03-16T10:30:00.000Z' }]);
});

t.test('an automated seller reply does not answer', async (t) => {
  const app = await build(t, { now: '2026-03-16T12:00:00Z' });
  await app.post({
    events: [buyerSays('2026-03-16T10:00:00Z', { caseId: 'c1' }), event({ occurredAt: '2026-03-16T10:01:00Z', caseId: 'c1', message: { author: 'seller', body: 'Auto: we got your message', automated: true } })],
  });
  t.match((await caseView(app, 'c1')).obligations, [{ state: 'pending', answeredAt: null }]);
});

t.test('a case closed before its obligation was due cancels it; closed after, it is breached', async (t) => {
  const app = await build(t, { now: '2026-03-20T12:00:00Z' });
  await app.post({ events: [buyerSays('2026-03-16T10:00:00Z', { caseId: 'early' }), event({ type: 'case.closed', occurredAt: '2026-03-16T11:00:00Z', caseId: 'early' })] });
  await app.post({ events: [buyerSays('2026-03-16T10:00:00Z', { caseId: 'late' }), event({ type: 'case.closed', occurredAt: '2026-03-18T11:00:00Z', caseId: 'late' })] });
  const early = await caseView(app, 'early');
  t.equal(early.status, 'closed');
  t.match(early.obligations, [{ state: 'cancelled' }]);
  t.equal(early.takeover, null);
  const late = await caseView(app, 'late');
  t.equal(late.status, 'closed');
  t.match(late.obligations, [{ state: 'breached', dueAt: '2026-03-17T10:00:00.000Z' }]);
  t.match(late.takeover, { at: '2026-03-17T10:00:00.000Z', reason: 'reply_overdue' }, 'the breach took the case over before it was closed');
  t.ok(late.obligations[0].lateByMinutes > 0, 'lateByMinutes runs to now while breached');
});

t.test('a late answer turns breached into late with lateByMinutes in working time', async (t) => {
  const app = await build(t, { now: '2026-03-20T12:00:00Z' });
  // Friday 15:00 Riga + 1440 → Monday 15:00; answered Tuesday 15:00 → 1440 working minutes late.
  await app.post({ events: [buyerSays('2026-03-13T13:00:00Z', { caseId: 'c1' }), sellerSays('2026-03-17T13:00:00Z', { caseId: 'c1' })] });
  const c = await caseView(app, 'c1');
  t.match(c.obligations, [{ state: 'late', dueAt: '2026-03-16T13:00:00.000Z', answeredAt: '2026-03-17T13:00:00.000Z', lateByMinutes: 1440 }]);
  t.match(c.takeover, { reason: 'reply_overdue' });
});

t.test('a dispute whose reason the market lists takes the case over at once, with a notification in the outbox', async (t) => {
  const app = await build(t, { now: '2026-03-16T12:00:00Z' });
  await app.post({ events: [buyerSays('2026-03-16T10:00:00Z', { caseId: 'c1' }), event({ type: 'dispute.opened', occurredAt: '2026-03-16T10:05:00Z', caseId: 'c1', dispute: { reason: 'counterfeit' } })] });
  const c = await caseView(app, 'c1');
  t.equal(c.status, 'taken_over');
  t.match(c.takeover, { at: '2026-03-16T10:05:00.000Z', reason: 'dispute:counterfeit' });
  t.match(c.obligations, [{ state: 'cancelled' }]);
  const outbox = await app.app.db.selectFrom('outbox').selectAll().execute();
  t.equal(outbox.length, 1);
  t.match(outbox[0], { kind: 'case.taken_over', idempotency_key: 'case.taken_over:c1', payload: { caseId: 'c1', reason: 'dispute:counterfeit', at: '2026-03-16T10:05:00.000Z' } });
  await app.post(event({ type: 'dispute.opened', occurredAt: '2026-03-16T10:06:00Z', caseId: 'c2', dispute: { reason: 'other' } }));
  t.equal((await caseView(app, 'c2')).status, 'open', 'a reason the market does not list does not take over');
});

t.test('events split in two halves with an app restart, then everything resent: stored once, obligations as a clean in-order run', async (t) => {
  const stream = [
    buyerSays('2026-03-09T08:00:00Z', { caseId: 'a' }),
    sellerSays('2026-03-09T09:00:00Z', { caseId: 'a' }),
    buyerSays('2026-03-10T08:00:00Z', { caseId: 'a' }),
    buyerSays('2026-03-10T08:30:00Z', { caseId: 'b', sellerId: 'seller-2' }),
    sellerSays('2026-03-12T09:00:00Z', { caseId: 'a' }),
    event({ type: 'reply.waived', occurredAt: '2026-03-10T09:00:00Z', caseId: 'b', sellerId: 'seller-2' }),
    buyerSays('2026-03-11T08:00:00Z', { caseId: 'b', sellerId: 'seller-2' }),
    event({ type: 'dispute.opened', occurredAt: '2026-03-11T12:00:00Z', caseId: 'c', dispute: { reason: 'quality' } }),
    buyerSays('2026-03-11T11:00:00Z', { caseId: 'c' }),
    buyerSays('2026-03-13T08:00:00Z', { caseId: 'd', market: 'SA', sellerId: 'seller-3' }),
    sellerSays('2026-03-15T06:00:00Z', { caseId: 'd', market: 'SA', sellerId: 'seller-3' }),
  ];
  const clean = await build(t, { now: '2026-03-16T10:00:00Z' });
  const inOrder = [...stream].sort((x, y) => String(x.occurredAt).localeCompare(String(y.occurredAt)));
  for (const e of inOrder) t.equal((await clean.post(e)).statusCode, 202);

  const messy = await build(t, { now: '2026-03-16T10:00:00Z' });
  const shuffled = [...stream].reverse();
  const half = Math.ceil(shuffled.length / 2);
  t.same((await messy.post({ events: shuffled.slice(0, half) })).json(), { accepted: half, duplicates: 0 });
  await messy.restart();
  for (const e of shuffled.slice(half)) await messy.post(e);
  t.same((await messy.post({ events: stream })).json(), { accepted: 0, duplicates: stream.length }, 'everything resent: all duplicates');

  const ids = await messy.app.db.selectFrom('events').select('id').execute();
  t.equal(ids.length, stream.length, 'each event stored exactly once');
  // Everything but the takeover's surrogate id (a sequence number of each database).
  const comparable = async (app: TestApp, id: string) => {
    const c = await caseView(app, id);
    if (c.takeover) delete c.takeover.id;
    return c;
  };
  for (const id of ['a', 'b', 'c', 'd']) t.same(await comparable(messy, id), await comparable(clean, id), `case ${id} is identical`);
});

t.test('state follows occurredAt: a late-arriving timely reply withdraws a breach takeover, and the marketplace is told', async (t) => {
  const app = await build(t, { now: '2026-03-18T12:00:00Z' });
  await app.post(buyerSays('2026-03-16T10:00:00Z', { caseId: 'c1' }));
  t.match((await caseView(app, 'c1')).takeover, { reason: 'reply_overdue' }, 'past due and unanswered: taken over');
  await app.post(sellerSays('2026-03-16T11:00:00Z', { caseId: 'c1' }));
  const c = await caseView(app, 'c1');
  t.match(c.obligations, [{ state: 'met' }]);
  t.equal(c.takeover, null);
  t.equal(c.status, 'open');
  const kinds = (await app.app.db.selectFrom('outbox').select('kind').orderBy('id').execute()).map((r) => r.kind);
  t.same(kinds, ['case.taken_over', 'case.takeover_withdrawn']);
  await app.post(event({ type: 'dispute.opened', occurredAt: '2026-03-17T09:00:00Z', caseId: 'c1', dispute: { reason: 'quality' } }));
  t.match((await caseView(app, 'c1')).takeover, { reason: 'dispute:quality', at: '2026-03-17T09:00:00.000Z' });
  const again = (await app.app.db.selectFrom('outbox').select('kind').orderBy('id').execute()).map((r) => r.kind);
  t.same(again, ['case.taken_over', 'case.takeover_withdrawn', 'case.taken_over'], 'taken over again for another reason: a new notification');
});
