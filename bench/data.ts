// Bench data made fast, inside PostgreSQL (INSERT … SELECT generate_series):
// cases with one buyer message each and their obligations, in bulk.
import pg from 'pg';

export interface Batch {
  /** Distinct prefix of case and event ids. */
  readonly prefix: string;
  readonly count: number;
  readonly market: string;
  /** Obligation state and its instants, as SQL expressions of i (1…count) and now. */
  readonly state: 'pending' | 'report';
  /** For pending: how many of them are already past due (their buyer message is 10 days old). */
  readonly due?: number;
  /** Which cases get their buyer message as an event row (the sweep folds events; reports read obligations). */
  readonly events?: 'all' | 'due' | 'none';
  /** Seller ids are this prefix and 0…4999 (default 'seller-'). */
  readonly sellerPrefix?: string;
}

/**
 * Bulk load as databases do it: drop the secondary indexes of the loaded
 * tables, insert, then build the indexes again in one sorted pass each
 * (much faster than maintaining ten indexes row by row).
 */
async function withoutSecondaryIndexes(client: pg.Client, tables: string[], load: () => Promise<void>): Promise<void> {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  for (const r of rows) await client.query(`DROP INDEX ${r.indexname}`);
  await load();
  await client.query(`SET maintenance_work_mem = '256MB'`);
  for (const r of rows) await client.query(r.indexdef);
}

/** Inserts `count` cases, events and obligations. Returns the seconds it took. */
export async function insertBatch(client: pg.Client, b: Batch, now: Date, fingerprint: string, opts: { keepIndexes?: boolean } = {}): Promise<number> {
  const started = performance.now();
  // A small batch into large tables is inserted with its indexes in place (rebuilding them would cost more).
  if (opts.keepIndexes) await load(client, b, now, fingerprint);
  else await withoutSecondaryIndexes(client, ['cases', 'events', 'obligations'], () => load(client, b, now, fingerprint));
  return (performance.now() - started) / 1000;
}

async function load(client: pg.Client, b: Batch, now: Date, fingerprint: string): Promise<void> {
  const due = b.due ?? 0;
  // requested: for pending ones, due ones 10 days back, the rest within the last hour;
  // for report data, spread over the 365 days before now.
  const requested =
    b.state === 'pending'
      ? `CASE WHEN i <= ${due} THEN $1::timestamptz - interval '10 days' ELSE $1::timestamptz - (i % 3600) * interval '1 second' END`
      : `$1::timestamptz - (i % 365) * interval '1 day' - (i % 86400) * interval '1 second'`;
  await client.query('BEGIN');
  await client.query(`CREATE TEMP TABLE gen ON COMMIT DROP AS
    SELECT i, '${b.prefix}-' || i AS case_id, '${b.sellerPrefix ?? 'seller-'}' || (i % 5000) AS seller_id, ${requested} AS requested_at FROM generate_series(1, ${b.count}) i`, [now]);
  await client.query(`INSERT INTO cases (id, market, seller_id, status, last_event_at, check_at)
    SELECT case_id, '${b.market}', seller_id, 'open', requested_at,
      ${b.state === 'pending' ? `CASE WHEN i <= ${due} THEN requested_at + interval '1 day' ELSE requested_at + interval '2 days' END` : 'NULL'}
    FROM gen`);
  const withEvents = b.events ?? 'all';
  if (withEvents !== 'none') {
    await client.query(`INSERT INTO events (id, type, occurred_at, market, case_id, seller_id, message_id, author, automated, body, content_hash)
      SELECT 'e-' || case_id, 'message.created', requested_at, '${b.market}', case_id, seller_id, 'm-' || case_id, 'buyer', false,
        'Hello, where is my parcel?', decode(md5(case_id), 'hex') FROM gen ${withEvents === 'due' ? `WHERE i <= ${due}` : ''}`);
  }
  const state = b.state === 'pending' ? `'pending'` : `(ARRAY['met','met','met','met','met','met','late','late','breached','waived'])[1 + i % 10]`;
  await client.query(`INSERT INTO obligations (case_id, market, seller_id, request_event_id, requested_at, due_at, warn_at, state,
      answered_at, response_minutes, late_by_minutes, decided_at, calendar_fingerprint)
    SELECT case_id, '${b.market}', seller_id, 'e-' || case_id, requested_at,
      ${b.state === 'pending' ? `CASE WHEN i <= ${due} THEN requested_at + interval '1 day' ELSE requested_at + interval '2 days' END` : `requested_at + interval '1 day'`},
      requested_at + interval '19 hours', s.state,
      CASE WHEN s.state IN ('met', 'late') THEN requested_at + (i % 2000) * interval '1 minute' END,
      CASE WHEN s.state IN ('met', 'late') THEN (i % 2000)::float8 END,
      CASE WHEN s.state = 'late' THEN (i % 600)::float8 END,
      CASE WHEN s.state <> 'pending' THEN requested_at + interval '1 day' END,
      '${fingerprint}'
    FROM gen, LATERAL (SELECT ${state} AS state) s`);
  await client.query('COMMIT');
}

/**
 * Statistics, visibility map and hint bits of the loaded tables, as a table in
 * steady state has them; and nothing left for autovacuum to start in the
 * middle of a measurement (a bulk load would otherwise trigger it at a random
 * moment).
 */
export async function analyze(client: pg.Client): Promise<void> {
  await client.query('VACUUM (ANALYZE) cases, events, obligations');
}
