// Takeover notifications leave through the outbox (issue 3.5): signed like
// CONTRACT §4, with an idempotency key, retried with backoff, at least once
// across restarts. Without a URL they are only recorded.
import { sql } from 'kysely';
import t from 'tap';
import { verifySignature } from '../../src/domain/signature.js';
import { backoffMs, deliverDueNotifications } from '../../src/jobs/outbox.js';
import { build, SECRET, type TestApp } from '../helpers/app.js';
import { buyerSays, event, sellerSays } from '../helpers/events.js';
import { receiver, type Answer, type Received } from '../helpers/receiver.js';

const dispute = (caseId: string) => event({ type: 'dispute.opened', occurredAt: '2026-03-16T09:00:00Z', caseId, dispute: { reason: 'counterfeit' } });

t.test('a takeover is POSTed signed, with an idempotency key; a failure is retried with backoff, also after a restart', async (t) => {
  const hook = await receiver(t, [500, 200]);
  const app = await build(t, { now: '2026-03-16T10:00:00Z', takeoverWebhookUrl: hook.url });
  await app.post(dispute('c1'));

  t.equal(await app.app.services.deliverNotifications(), true);
  t.equal(hook.received.length, 1, 'first attempt made');
  const first = hook.received[0]!;
  const check = verifySignature(first.headers['x-helpdesk-signature'] as string, Buffer.from(first.body), [SECRET], Math.floor(app.clock.now() / 1000));
  t.same(check, { ok: true }, 'signed like CONTRACT §4');
  t.equal(first.headers['idempotency-key'], 'case.taken_over:c1:2026-03-16T09:00:00.000Z:dispute:counterfeit');
  t.match(JSON.parse(first.body), { type: 'case.taken_over', caseId: 'c1', reason: 'dispute:counterfeit', at: '2026-03-16T09:00:00.000Z' });

  const row = await app.app.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
  t.equal(row.attempts, 1);
  t.equal(row.delivered_at, null);
  t.equal(row.last_error, 'HTTP 500');
  const wait = row.next_attempt_at.getTime() - app.clock.now();
  t.ok(wait >= 4000 && wait <= 6000, `the first retry waits about 5 s (${wait} ms)`);

  await app.app.services.deliverNotifications();
  t.equal(hook.received.length, 1, 'no retry before its time');

  await app.restart();
  app.clock.advance(wait);
  await app.app.services.deliverNotifications();
  t.equal(hook.received.length, 2, 'retried after the restart');
  t.equal(hook.received[1]!.headers['idempotency-key'], first.headers['idempotency-key'], 'with the same idempotency key');
  const done = await app.app.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
  t.ok(done.delivered_at, 'delivered');
  t.equal(done.attempts, 2);
  t.equal(await app.app.services.deliverNotifications(), false, 'nothing left');
});

t.test('backoff grows exponentially and is capped at one hour', async (t) => {
  const mid = () => 0.5;
  t.same([1, 2, 3, 4].map((n) => backoffMs(n, mid)), [5000, 10000, 20000, 40000]);
  t.equal(backoffMs(30, mid), 3_600_000);
});

t.test('without TAKEOVER_WEBHOOK_URL notifications are only recorded', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  await app.post(dispute('c1'));
  t.equal(await app.app.services.deliverNotifications(), false);
  const rows = await app.app.db.selectFrom('outbox').selectAll().execute();
  t.equal(rows.length, 1);
  t.equal(rows[0]!.attempts, 0);
});

/** Delivery passes until one has nothing to do, as the worker runs them. */
async function drain(app: TestApp): Promise<void> {
  for (let pass = 0; pass < 20 && (await app.app.services.deliverNotifications()); pass++);
}

const types = (received: readonly Received[]) => received.map((r) => (JSON.parse(r.body) as { type: string; caseId: string }).type);

t.test('QA: when a takeover notice is in backoff, its withdrawal waits for it; each body carries sequence and createdAt', async (t) => {
  const hook = await receiver(t, [500]);
  const app = await build(t, { now: '2026-03-18T12:00:00Z', takeoverWebhookUrl: hook.url });
  await app.post(buyerSays('2026-03-16T10:00:00Z', { caseId: 'c1' }));
  await app.app.services.sweep();
  await drain(app);
  t.same(types(hook.received), ['case.taken_over'], 'the takeover failed (500) and backs off');

  await app.post(sellerSays('2026-03-16T11:00:00Z', { caseId: 'c1' }));
  await drain(app);
  t.same(types(hook.received), ['case.taken_over'], 'the withdrawal is not sent ahead of the takeover in backoff');

  app.clock.advance(backoffMs(1, () => 1));
  await drain(app);
  t.same(types(hook.received), ['case.taken_over', 'case.taken_over', 'case.takeover_withdrawn'], 'delivered in the order they were queued');

  const rows = await app.app.db.selectFrom('outbox').select(['id', 'created_at', 'delivered_at']).orderBy('id').execute();
  const bodies = hook.received.slice(1).map((r) => JSON.parse(r.body) as { sequence: number; createdAt: string });
  t.same(
    bodies.map((b) => [b.sequence, b.createdAt]),
    rows.map((r) => [r.id, r.created_at.toISOString()]),
    'sequence is the outbox id, createdAt when it was queued',
  );
  t.ok(rows.every((r) => r.delivered_at), 'both delivered');
});

t.test("one case's stuck notice holds back that case's later notices only", async (t) => {
  const hook = await receiver(t, (body) => ({ status: body.caseId === 'c1' ? 500 : 200 }));
  const app = await build(t, { now: '2026-03-18T12:00:00Z', takeoverWebhookUrl: hook.url });
  await app.post({ events: ['c1', 'c2'].map((caseId) => buyerSays('2026-03-16T10:00:00Z', { caseId })) });
  await app.app.services.sweep();
  await drain(app);
  await app.post({ events: ['c1', 'c2'].map((caseId) => sellerSays('2026-03-16T11:00:00Z', { caseId })) });
  app.clock.advance(backoffMs(1, () => 1));
  await drain(app);

  const sent = (caseId: string) => hook.received.map((r) => JSON.parse(r.body) as { type: string; caseId: string }).filter((b) => b.caseId === caseId);
  t.same(sent('c1').map((b) => b.type), ['case.taken_over', 'case.taken_over'], 'c1: its takeover retried, its withdrawal held back');
  t.same(sent('c2').map((b) => b.type), ['case.taken_over', 'case.takeover_withdrawn'], 'c2: both delivered meanwhile');
  const held = await app.app.db.selectFrom('outbox').select(['kind', 'attempts']).where('subject', '=', 'c1').where('delivered_at', 'is', null).orderBy('id').execute();
  t.same(held, [{ kind: 'case.taken_over', attempts: 2 }, { kind: 'case.takeover_withdrawn', attempts: 0 }]);
});

t.test("when another instance is delivering a case's first notice, this one does not send the case's next", async (t) => {
  let arrived!: () => void;
  const inFlight = new Promise<void>((resolve) => (arrived = resolve));
  let release!: () => void;
  const held = new Promise<Answer>((resolve) => (release = () => resolve({ status: 200 })));
  const hook = await receiver(t, () => {
    arrived();
    return held;
  });
  const app = await build(t, { now: '2026-03-18T12:00:00Z' });
  await app.post(buyerSays('2026-03-16T10:00:00Z', { caseId: 'c1' }));
  await app.app.services.sweep();
  await app.post(sellerSays('2026-03-16T11:00:00Z', { caseId: 'c1' }));
  const instance = (batch: number) => deliverDueNotifications(app.app.db, { url: hook.url, secret: SECRET, now: app.clock.now, batch });

  const first = instance(1);
  await inFlight;
  t.same(await instance(20), { delivered: 0, failed: 0 }, 'the withdrawal waits while its takeover is in flight elsewhere');
  release();
  t.same(await first, { delivered: 1, failed: 0 });
  t.same(await instance(20), { delivered: 1, failed: 0 }, 'then it leaves');
  t.same(types(hook.received), ['case.taken_over', 'case.takeover_withdrawn']);
});

t.test('a notice without a case (seller.flagged) is not held back by anything', async (t) => {
  const hook = await receiver(t, []);
  const app = await build(t, { now: '2026-03-18T12:00:00Z', takeoverWebhookUrl: hook.url });
  const payload = (n: number) => JSON.stringify({ type: 'seller.flagged', flagId: n, kind: 'absent', sellerId: 's1', market: 'LV' });
  await sql`INSERT INTO outbox (kind, idempotency_key, payload, next_attempt_at) VALUES
    ('seller.flagged', 'k1', ${payload(1)}::jsonb, ${new Date(app.clock.now() + 60_000)}),
    ('seller.flagged', 'k2', ${payload(2)}::jsonb, ${new Date(app.clock.now())})`.execute(app.app.db);
  await drain(app);
  t.same(hook.received.map((r) => (JSON.parse(r.body) as { flagId: number }).flagId), [2], 'the later one is not behind the earlier one in backoff');
});

for (const status of [302, 307]) {
  t.test(`a ${status} redirect is a failed attempt: not followed, retried with backoff`, async (t) => {
    const elsewhere = await receiver(t, []);
    const hook = await receiver(t, (body) => ({ status: body.type ? status : 200, headers: { location: elsewhere.url } }));
    const app = await build(t, { now: '2026-03-16T10:00:00Z', takeoverWebhookUrl: hook.url });
    await app.post(dispute('c1'));
    await drain(app);
    t.equal(hook.received.length, 1);
    t.equal(elsewhere.received.length, 0, 'the Location was not requested, nor given the signed notice');
    const row = await app.app.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    t.equal(row.delivered_at, null, 'not delivered');
    t.equal(row.last_error, `HTTP ${status} redirect to ${elsewhere.url}`);
    const wait = row.next_attempt_at.getTime() - app.clock.now();
    t.ok(wait >= 4000 && wait <= 6000, `retried in about 5 s (${wait} ms)`);
  });
}

t.test("a batch whose deliveries take longer than a fixed lease keeps its notices: another instance does not send a case's notice twice around its next", async (t) => {
  // Instance A takes c1's and c2's takeovers in one batch and is held on c1's (a slow receiver: each request may take up to
  // its timeout). While it is held, B must not take c2's takeover (leased to A), send it and then c2's withdrawal,
  // after which A would send c2's takeover again: the receiver would see c2 taken over after its withdrawal.
  let arrived!: () => void;
  const inFlight = new Promise<void>((resolve) => (arrived = resolve));
  let release!: () => void;
  const held = new Promise<Answer>((resolve) => (release = () => resolve({ status: 200 })));
  const hook = await receiver(t, (body) => {
    if (body.caseId !== 'c1') return { status: 200 };
    arrived();
    return held;
  });
  const app = await build(t, { now: '2026-03-18T12:00:00Z' });
  await app.post({ events: ['c1', 'c2'].map((caseId) => buyerSays('2026-03-16T10:00:00Z', { caseId })) });
  await app.app.services.sweep();
  await app.post(sellerSays('2026-03-16T11:00:00Z', { caseId: 'c2' }));
  const instance = (batch: number) => deliverDueNotifications(app.app.db, { url: hook.url, secret: SECRET, now: app.clock.now, batch, timeoutMs: 100_000 });

  const a = instance(2);
  await inFlight;
  app.clock.advance(121_000); // within A's two deliveries of up to 100 s each
  t.same(await instance(20), { delivered: 0, failed: 0 }, 'B sends nothing of A’s batch, nor what waits behind it');
  release();
  t.same(await a, { delivered: 2, failed: 0 });
  t.same(await instance(20), { delivered: 1, failed: 0 }, 'then c2’s withdrawal leaves');
  const sent = (caseId: string) => hook.received.map((r) => JSON.parse(r.body) as { type: string; caseId: string }).filter((b) => b.caseId === caseId).map((b) => b.type);
  t.same(sent('c2'), ['case.taken_over', 'case.takeover_withdrawn'], 'c2’s notices once each, in order');
  t.same(sent('c1'), ['case.taken_over']);
});

t.test('a takeover withdrawn and then made again at the same instant and reason is notified again, with a key of its own', async (t) => {
  const hook = await receiver(t, []);
  const app = await build(t, { now: '2026-03-18T12:00:00Z', takeoverWebhookUrl: hook.url });
  // LV, Saturday: both buyer messages are due Monday 22:00Z, long past, so each takes the case over at that instant.
  await app.post(buyerSays('2026-03-14T08:00:00Z', { caseId: 'c1' }));
  await app.post(sellerSays('2026-03-14T08:30:00Z', { caseId: 'c1' }));
  await app.post(buyerSays('2026-03-14T09:00:00Z', { caseId: 'c1' }));
  const view = (await app.get('/v1/cases/c1', await app.token('admin'))).json();
  t.match(view, { status: 'taken_over', takeover: { at: '2026-03-16T22:00:00.000Z', reason: 'reply_overdue' } });
  while (await app.app.services.deliverNotifications());
  const bodies = hook.received.map((r) => JSON.parse(r.body) as { type: string; at: string; reason: string });
  t.same(bodies.map((b) => b.type), ['case.taken_over', 'case.takeover_withdrawn', 'case.taken_over'], 'the marketplace last hears that the case is taken over, as it is');
  t.match(bodies[2], { at: '2026-03-16T22:00:00.000Z', reason: 'reply_overdue' });
  const keys = hook.received.map((r) => r.headers['idempotency-key']);
  t.equal(new Set(keys).size, 3, 'each notice has its own idempotency key');
  t.equal(keys[0], 'case.taken_over:c1:2026-03-16T22:00:00.000Z:reply_overdue', 'the first notice of a takeover keeps its key');
});
