// The outbox keeps every delivered notice, and while the receiver is down a
// backlog builds up behind each case's first notice. The picker must still
// read only undelivered rows by index, and only the ones it may send.
import { sql } from 'kysely';
import t from 'tap';
import { claimStatement } from '../../src/jobs/outbox.js';
import { build } from '../helpers/app.js';

const CASES = 100;

t.test('when the receiver is down, a backlog waits behind each case and the picker reads nothing but what it may send', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z', takeoverWebhookUrl: 'http://127.0.0.1:9/down' });
  const db = app.app.db;
  const now = app.clock.now();
  const at = new Date(now);
  await sql`INSERT INTO outbox (kind, idempotency_key, payload, next_attempt_at, delivered_at)
    SELECT 'case.taken_over', 'old-' || g, jsonb_build_object('caseId', 'h' || (g % 5000)), ${at}, ${at} FROM generate_series(1, 50000) g`.execute(db);
  // Per case: a takeover, then its withdrawal and a new takeover queued behind it.
  await sql`INSERT INTO outbox (kind, idempotency_key, payload, next_attempt_at)
    SELECT 'case.taken_over', 'new-' || g, jsonb_build_object('caseId', 'c' || (g % ${CASES})), ${at} FROM generate_series(0, ${3 * CASES - 1}) g`.execute(db);
  await sql`ANALYZE outbox`.execute(db);

  for (let pass = 0; pass < 20 && (await app.app.services.deliverNotifications()); pass++);
  const tried = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('attempts', '>', 0).executeTakeFirstOrThrow();
  t.equal(tried.n, CASES, "only each case's first notice was tried");
  const due = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('delivered_at', 'is', null)
    .where('next_attempt_at', '<=', at)
    .executeTakeFirstOrThrow();
  t.equal(due.n, 0, 'the notices behind a retry wait with it: none is due to be read and skipped');

  const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN ${claimStatement(now, 20)}`.execute(db);
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  t.notMatch(plan, /Seq Scan/, 'no sequential scan');
  t.match(plan, /Index Scan using outbox_undelivered on outbox o/, 'due notices by the undelivered index');
});
