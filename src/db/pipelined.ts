// Transactions of few round trips, for the hot write path (ingestion).
//
// Every round trip to PostgreSQL wakes the server process and costs both
// sides a system call or two; on a small machine that costs more than the
// statements of a typical group of events. Here a transaction sends BEGIN
// with its first statements in ONE write and its last statements with
// COMMIT in another (pg's pipeline mode: statements are sent without
// waiting for the previous answer, and PostgreSQL runs them in order), so a
// group of events costs two round trips instead of six.
//
// Statements with parameters are prepared once per connection, named by a
// hash of their text, so that PostgreSQL parses and plans each shape once.
//
// Errors: a failed statement aborts the transaction; the statements sent
// behind it fail too (or, for COMMIT, roll back), and transaction() rolls
// back and rethrows the FIRST failure. A COMMIT that turned into ROLLBACK
// is never taken for success: commit() rejects when any statement did.
import { createHash } from 'node:crypto';
import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import { poolOptions } from './pool.js';

export interface PipelinedTransaction {
  /** BEGIN, then `queries`, in one write; resolves with each query's rows. */
  begin(...queries: CompiledQuery[]): Promise<unknown[][]>;
  /** `queries`, then COMMIT, in one write; resolves with each query's rows once the commit has succeeded. */
  commit(...queries: CompiledQuery[]): Promise<unknown[][]>;
  /** The whole transaction in one write: BEGIN, `queries`, COMMIT (a failure turns the COMMIT into a rollback). */
  once(...queries: CompiledQuery[]): Promise<unknown[][]>;
}

type Corkable = { cork(): void; uncork(): void };

const names = new Map<string, string>();
/** A stable statement name per text (pg refuses one name for two texts; PostgreSQL caps names at 63 bytes). */
function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `rb_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}

/**
 * Each statement is planned once per connection (a generic plan). Every
 * statement sent here reads and writes a batch's rows by key, so its plan must
 * look each one up by index whatever the tables' sizes when it was made: no
 * sequential scans, and nested loops only (a hash or merge join reads a whole
 * index, and a plan made on a small table would keep doing so as the table
 * grows). test/cases/ingest-plans.test.ts checks the plans.
 */
export const PIPELINED_SETTINGS = '-c plan_cache_mode=force_generic_plan -c enable_seqscan=off -c enable_hashjoin=off -c enable_mergejoin=off';

export class PipelinedPool {
  private readonly pool: pg.Pool;

  constructor(connectionString: string, size: number) {
    this.pool = new pg.Pool({
      ...poolOptions(connectionString),
      max: size,
      application_name: 'replyby-ingest',
      pipeline: true,
      // A generic plan is made from the table sizes of its time: connections are replaced every 10 s (when idle),
      // so that plans made on small tables do not outlive them. Reconnecting and preparing costs milliseconds.
      maxLifetimeSeconds: 10,
      options: PIPELINED_SETTINGS,
    } as pg.PoolConfig);
    // A connection dropped while idle must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  async transaction<T>(fn: (tx: PipelinedTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let state = 'idle' as 'idle' | 'open' | 'done';
    let broken: Error | undefined; // a failure without a PostgreSQL error code: the connection's state is unknown
    const run = async (queries: readonly CompiledQuery[]) => {
      try {
        return await send(client, queries);
      } catch (err) {
        if ((err as { code?: unknown }).code === undefined) broken = err as Error;
        throw err;
      }
    };
    const tx: PipelinedTransaction = {
      begin: async (...queries) => {
        state = 'open';
        return (await run([BEGIN, ...queries])).slice(1);
      },
      commit: async (...queries) => {
        const rows = await run([...queries, COMMIT]);
        state = 'done';
        return rows.slice(0, -1);
      },
      once: async (...queries) => {
        state = 'done'; // the COMMIT sent with them ends the transaction whatever they do
        return (await run([BEGIN, ...queries, COMMIT])).slice(1, -1);
      },
    };
    try {
      const result = await fn(tx);
      if (state === 'open') await run([ROLLBACK]); // the caller chose not to commit
      client.release();
      return result;
    } catch (err) {
      if (state === 'open' && !broken) await run([ROLLBACK]).catch(() => undefined);
      client.release(broken);
      throw err;
    }
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

const BEGIN = { sql: 'BEGIN', parameters: [] } as unknown as CompiledQuery;
const COMMIT = { sql: 'COMMIT', parameters: [] } as unknown as CompiledQuery;
const ROLLBACK = { sql: 'ROLLBACK', parameters: [] } as unknown as CompiledQuery;

/** Sends the queries in one write, waits for every answer, and rejects with the first failure. */
async function send(client: pg.PoolClient, queries: readonly CompiledQuery[]): Promise<unknown[][]> {
  const stream = (client as unknown as { connection?: { stream?: Partial<Corkable> } }).connection?.stream;
  const corked = typeof stream?.cork === 'function' && typeof stream.uncork === 'function';
  if (corked) stream.cork!();
  let pending: Promise<pg.QueryResult>[];
  try {
    pending = queries.map((q) =>
      q.parameters.length === 0
        ? client.query(q.sql)
        : client.query({ name: nameOf(q.sql), text: q.sql, values: q.parameters as unknown[] }),
    );
  } finally {
    if (corked) stream.uncork!();
  }
  const settled = await Promise.allSettled(pending);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<pg.QueryResult>).value.rows);
}
