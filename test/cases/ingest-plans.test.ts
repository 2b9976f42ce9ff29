// The ingestion statements are prepared once per connection and run on a
// generic plan (db/pipelined.ts). A plan made while the tables were empty must
// still look every row up by index once they are large: no sequential scan,
// no hash or merge join, every index scan bounded by an index condition, and
// no nested loop that compares every row of the batch with every other.
import t from 'tap';
import pg from 'pg';
import type { CompiledQuery } from 'kysely';
import { storeStatement } from '../../src/cases/batch.js';
import { batchStatements, writeStatement, type CaseWrites } from '../../src/cases/index.js';
import { checkStatement } from '../../src/cases/one-trip.js';
import { messageChecks } from '../../src/checks/index.js';
import { PIPELINED_SETTINGS } from '../../src/db/index.js';
import { validateEvent } from '../../src/routes/events/validate.js';
import { build } from '../helpers/app.js';
import { event } from '../helpers/events.js';

const NOW = '2026-03-16T10:00:00Z';

function problems(plan: string): string[] {
  const out: string[] = [];
  if (/Seq Scan/.test(plan)) out.push('a sequential scan');
  if (/Hash Join|Hash Semi Join|Hash Anti Join|Hash Left Join/.test(plan)) out.push('a hash join');
  if (/Merge .*Join/.test(plan)) out.push('a merge join');
  // A nested loop over a materialized side with a join filter compares every row of the batch with every other: quadratic in the batch.
  if (/Materialize/.test(plan) && /Join Filter/.test(plan)) out.push('a nested loop comparing every pair of rows');
  const scans = plan.match(/(Index Scan|Index Only Scan|Bitmap Index Scan) (Backward )?using/g)?.length ?? 0;
  const bounded = plan.match(/Index Cond:/g)?.length ?? 0;
  if (bounded < scans) out.push(`${scans - bounded} index scan(s) without an index condition`);
  return out;
}

t.test('when the ingestion statements were planned on empty tables, then their plans still read by key once the tables hold 30,000 cases', async (t) => {
  const app = await build(t, { now: NOW });
  const now = Date.parse(NOW);
  const raw = [
    event({ occurredAt: '2026-03-16T08:00:00Z', caseId: 'p-1', sellerId: 's-1', message: { author: 'buyer', body: 'Where is my parcel? Call +371 2612 3456' } }),
    event({ occurredAt: '2026-03-16T09:00:00Z', caseId: 'p-1', sellerId: 's-1', message: { author: 'seller', body: 'Paldies, sūtījums izsūtīts šodien.' } }),
    event({ occurredAt: '2026-03-16T09:00:00Z', caseId: 'p-2', sellerId: 's-1', message: { author: 'seller', body: 'Paldies, sūtījums izsūtīts šodien.' } }),
  ];
  const events = raw.map((r, i) => {
    const v = validateEvent(r, i, { now, knownMarket: () => true });
    if (!('event' in v)) throw new Error('bad test event');
    return v.event;
  });
  const { lock, store, unique, checked, across, cases } = batchStatements(app.app.db, events, messageChecks(app.app.markets.lookup));
  // The one-trip form (cases/one-trip.ts): its check of the kept inputs, and the store that reads nothing back.
  const check = checkStatement({ known: [{ id: 'p-1', version: 3 }], unknown: ['p-2'], absences: [{ sellerId: 's-1', market: 'LV', dates: [['2026-03-20', '2026-03-21']] }] }).compile(app.app.db);
  const storeOnce = storeStatement(unique, checked, across, cases, unique.length).compile(app.app.db);
  const writes: CaseWrites = {
    cases: [{ id: 'p-1', status: 'open', takeover_at: null, takeover_reason: null, check_at: now, last_event_at: now, last_seller_message_at: null }],
    obligations: [
      {
        id: 1, case_id: 'p-1', market: 'LV', seller_id: 's-1', request_event_id: 'e-1', requested_at: now, due_at: now, warn_at: now, answered_at: null,
        answer_event_id: null, state: 'pending', decided_at: null, response_minutes: null, late_by_minutes: null, calendar_fingerprint: 'f',
      },
      {
        id: null, case_id: 'p-1', market: 'LV', seller_id: 's-1', request_event_id: 'e-2', requested_at: now, due_at: now, warn_at: now, answered_at: null,
        answer_event_id: null, state: 'pending', decided_at: null, response_minutes: null, late_by_minutes: null, calendar_fingerprint: 'f',
      },
    ],
    keep: [{ case_id: 'p-1', keep: ['e-1', 'e-2'] }],
    takeovers: [{ case_id: 'p-1', market: 'LV', seller_id: 's-1', at: NOW, reason: 'reply_overdue', withdrawn: false, notice: 'case.taken_over' }],
    audit: [{ actor: 'system', action: 'test', subject: null, details: {} }],
  };
  const write = writeStatement(writes, now)!.compile(app.app.db);
  const statements: [string, CompiledQuery][] = [['lock', lock], ['store', store], ['write', write], ['check_kept', check], ['store_once', storeOnce]];

  const client = new pg.Client({ connectionString: app.url, options: PIPELINED_SETTINGS });
  await client.connect();
  t.teardown(() => client.end());
  const explain = async (name: string, q: CompiledQuery) => {
    // EXECUTE takes literals (an EXPLAIN has no parameters of its own); each is typed by the prepared statement.
    const literal = (v: unknown): string =>
      v === null || v === undefined
        ? 'NULL'
        : Array.isArray(v)
          ? client.escapeLiteral(`{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`)
          : client.escapeLiteral(typeof v === 'object' ? JSON.stringify(v) : String(v));
    const args = q.parameters.map(literal).join(', ');
    await client.query('BEGIN');
    try {
      const { rows } = await client.query(`EXPLAIN EXECUTE ${name}(${args})`);
      return rows.map((r) => r['QUERY PLAN'] as string).join('\n');
    } finally {
      await client.query('ROLLBACK');
    }
  };
  for (const [name, q] of statements) {
    await client.query(`PREPARE ${name} AS ${q.sql}`);
    await explain(name, q); // the generic plan is made now, on empty tables, and kept
  }

  await client.query(`
    INSERT INTO cases (id, market, seller_id, status, last_event_at, check_at)
      SELECT 'g-' || i, 'LV', 's-' || (i % 500), 'open', now(), now() + interval '1 day' FROM generate_series(1, 30000) i;
    INSERT INTO events (id, type, occurred_at, market, case_id, seller_id, message_id, author, automated, body, content_hash, repeat_key)
      SELECT 'ge-' || i, 'message.created', now() - interval '1 hour', 'LV', 'g-' || (i % 30000 + 1), 's-' || (i % 500), 'gm-' || i,
             CASE WHEN i % 2 = 0 THEN 'seller' ELSE 'buyer' END, false, 'text', decode(md5(i::text), 'hex'), decode(md5((i % 7)::text), 'hex')
      FROM generate_series(1, 60000) i;
    INSERT INTO obligations (case_id, market, seller_id, request_event_id, requested_at, due_at, warn_at, state, calendar_fingerprint)
      SELECT 'g-' || i, 'LV', 's-' || (i % 500), 'ge-' || i, now(), now() + interval '1 day', now(), 'pending', 'f' FROM generate_series(1, 30000) i;
    ANALYZE cases; ANALYZE events; ANALYZE obligations;`);

  for (const [name, q] of statements) {
    const plan = await explain(name, q);
    t.same(problems(plan), [], `${name}: ${plan}`);
  }
});
