// At-risk warnings (issue 4.4): when a pending obligation has used
// policy.warnAtPercent (80% by default) of its working time, the sweep sends
// ONE obligation.at_risk notification through the outbox, also with several
// instances sweeping at once.
// LV: Monday–Friday 00:00–24:00 Riga, 1440 working minutes to reply, so 80% is 1152 minutes.
import pg from 'pg';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { build, SECRET } from '../helpers/app.js';
import { buyerSays, event, sellerSays } from '../helpers/events.js';

const atRiskRows = (app: Awaited<ReturnType<typeof build>>) =>
  app.app.db.selectFrom('outbox').select(['kind', 'idempotency_key', 'payload', 'next_attempt_at']).where('kind', '=', 'obligation.at_risk').orderBy('id').execute();

t.test('at warnAtPercent of its working time a pending obligation is warned once, through the outbox', async (t) => {
  const app = await build(t, { now: '2026-03-16T09:00:00Z' });
  await app.post(buyerSays('2026-03-16T09:00:00Z', { caseId: 'c1', sellerId: 's1' }));
  const o = await app.app.db.selectFrom('obligations').select(['warn_at', 'due_at', 'warned_at']).executeTakeFirstOrThrow();
  t.equal(o.warn_at.toISOString(), '2026-03-17T04:12:00.000Z', '1152 working minutes after the request');
  t.equal(o.warned_at, null);

  app.clock.set('2026-03-17T04:11:59.999Z');
  t.match(await app.app.services.sweep(), { atRisk: 0 }, 'a millisecond before, nothing');
  app.clock.set('2026-03-17T04:12:00Z');
  t.match(await app.app.services.sweep(), { atRisk: 1 });
  const rows = await atRiskRows(app);
  t.equal(rows.length, 1);
  t.match(rows[0], {
    idempotency_key: 'obligation.at_risk:c1:' + (await app.app.db.selectFrom('obligations').select('request_event_id').executeTakeFirstOrThrow()).request_event_id,
    payload: {
      type: 'obligation.at_risk',
      caseId: 'c1',
      market: 'LV',
      sellerId: 's1',
      requestedAt: '2026-03-16T09:00:00.000Z',
      warnAt: '2026-03-17T04:12:00.000Z',
      dueAt: '2026-03-17T09:00:00.000Z',
      remainingWorkingMinutes: 288,
    },
  });
  t.equal(rows[0]!.next_attempt_at.toISOString(), '2026-03-17T04:12:00.000Z', 'next_attempt_at from the app clock');
  t.equal((await app.app.db.selectFrom('obligations').select('warned_at').executeTakeFirstOrThrow()).warned_at?.toISOString(), '2026-03-17T04:12:00.000Z');

  app.clock.set('2026-03-17T06:00:00Z');
  t.match(await app.app.services.sweep(), { atRisk: 0 }, 'the next sweep sends nothing more');
  t.equal((await atRiskRows(app)).length, 1);
  const audit = await app.app.db.selectFrom('audit').select(['actor', 'subject']).where('action', '=', 'obligation.at_risk').execute();
  t.same(audit, [{ actor: 'system', subject: 'c1' }], 'one audit row');
});

t.test('answered, waived, closed or already breached obligations are not warned', async (t) => {
  const app = await build(t, { now: '2026-03-16T09:00:00Z' });
  await app.post({
    events: [
      buyerSays('2026-03-16T09:00:00Z', { caseId: 'answered' }),
      sellerSays('2026-03-16T10:00:00Z', { caseId: 'answered' }),
      buyerSays('2026-03-16T09:00:00Z', { caseId: 'waived' }),
      event({ type: 'reply.waived', occurredAt: '2026-03-16T09:10:00Z', caseId: 'waived' }),
      buyerSays('2026-03-16T09:00:00Z', { caseId: 'closed' }),
      event({ type: 'case.closed', occurredAt: '2026-03-16T11:00:00Z', caseId: 'closed' }),
    ],
  });
  app.clock.set('2026-03-17T05:00:00Z');
  t.match(await app.app.services.sweep(), { atRisk: 0 });

  // Nobody swept between warn_at and dueAt: once breached, a warning is too late.
  const late = await build(t, { now: '2026-03-16T09:00:00Z' });
  await late.post(buyerSays('2026-03-16T09:00:00Z', { caseId: 'missed' }));
  late.clock.set('2026-03-17T09:30:00Z');
  t.match(await late.app.services.sweep(), { breached: 1, atRisk: 0 });
  t.equal((await atRiskRows(late)).length, 0);
});

t.test('the warning follows the market calendar: warnAt skips closed days (Friday request, warned Monday)', async (t) => {
  const app = await build(t, { now: '2026-03-20T12:00:00Z' });
  await app.post(buyerSays('2026-03-20T12:00:00Z', { caseId: 'weekend' })); // Friday 14:00 Riga
  // 600 working minutes left on Friday; 552 more from Monday 00:00 Riga (Sunday 22:00Z) → Monday 09:12 Riga.
  app.clock.set('2026-03-23T07:11:00Z');
  t.match(await app.app.services.sweep(), { atRisk: 0 });
  app.clock.set('2026-03-23T07:12:00Z');
  t.match(await app.app.services.sweep(), { atRisk: 1 });
});

t.test('with several instances sweeping one database at once, each obligation is warned exactly once', async (t) => {
  const app = await build(t, { now: '2026-03-16T09:00:00Z' });
  const events = Array.from({ length: 240 }, (_, i) => buyerSays('2026-03-16T09:00:00Z', { caseId: `c${i}`, sellerId: `s${i % 9}` }));
  await app.post({ events });
  app.clock.set('2026-03-17T05:00:00Z');
  const others = await Promise.all([1, 2, 3].map(() => buildApp({ databaseUrl: app.url, markets: app.app.markets, webhookSecrets: [SECRET], clock: app.clock, poolSize: 3 })));
  t.teardown(() => Promise.all(others.map((o) => o.close())));
  const results = await Promise.all([app.app, ...others].map((a) => a.services.sweep()));
  t.equal(results.reduce((n, r) => n + r.atRisk, 0), 240, 'warnings summed over the instances');
  const rows = await atRiskRows(app);
  t.equal(rows.length, 240);
  t.equal(new Set(rows.map((r) => r.idempotency_key)).size, 240, 'one notification per obligation');
  const unwarned = await app.app.db.selectFrom('obligations').select('id').where('warned_at', 'is', null).execute();
  t.equal(unwarned.length, 0);
});

t.test('the warning is delivered to the marketplace like a takeover notice (signed, idempotency key)', async (t) => {
  const sent: { headers: Record<string, string>; body: string }[] = [];
  const fetchStub: typeof fetch = async (_url, init) => {
    sent.push({ headers: init!.headers as Record<string, string>, body: String(init!.body) });
    return new Response(null, { status: 204 });
  };
  const app = await build(t, { now: '2026-03-16T09:00:00Z', takeoverWebhookUrl: 'http://marketplace.invalid/notices', fetch: fetchStub });
  await app.post(buyerSays('2026-03-16T09:00:00Z', { caseId: 'c1' }));
  app.clock.set('2026-03-17T05:00:00Z');
  await app.app.services.sweep();
  await app.app.services.deliverNotifications();
  t.equal(sent.length, 1);
  t.match(sent[0]!.headers, { 'x-replyby-notification': 'obligation.at_risk', 'idempotency-key': /^obligation\.at_risk:c1:/, 'x-helpdesk-signature': /^t=\d+,v1=[0-9a-f]{64}$/ });
  t.match(JSON.parse(sent[0]!.body), { type: 'obligation.at_risk', caseId: 'c1' });
});

t.test('a case another transaction holds (an ingestion taking it over) is warned at a later sweep, not beside it', async (t) => {
  // Its takeover notice and the warning must not be queued side by side: the outbox sends a case's notices in id
  // order, and an id taken first can commit last.
  const app = await build(t, { now: '2026-03-16T09:00:00Z' });
  await app.post({ events: [buyerSays('2026-03-16T09:00:00Z', { caseId: 'held' }), buyerSays('2026-03-16T09:00:00Z', { caseId: 'free' })] });
  app.clock.set('2026-03-17T05:00:00Z');
  const holder = new pg.Client({ connectionString: app.url });
  await holder.connect();
  t.teardown(() => holder.end());
  await holder.query('BEGIN');
  await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended('held', 42))`); // as ingestion holds it
  t.match(await app.app.services.sweep(), { atRisk: 1 }, 'the free case is warned, the sweep does not wait');
  t.same((await atRiskRows(app)).map((r) => (r.payload as { caseId: string }).caseId), ['free']);
  t.equal((await app.app.db.selectFrom('obligations').select('warned_at').where('case_id', '=', 'held').executeTakeFirstOrThrow()).warned_at, null, 'the held case is not marked warned');
  await holder.query('ROLLBACK');
  t.match(await app.app.services.sweep(), { atRisk: 1 }, 'released: warned at the next sweep');
  t.same((await atRiskRows(app)).map((r) => (r.payload as { caseId: string }).caseId), ['free', 'held']);
});
