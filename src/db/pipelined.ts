// Transactions of few round trips, for the hot write path (ingestion).
//
// Every round trip to PostgreSQL wakes the server process and costs both
// sides a system call or two; on a small machine that costs more than the
// statements of a typical group of events. Here the statements of a step go
// out in ONE write closed by ONE Sync, and PostgreSQL answers them in one
// send: a transaction is BEGIN with its first statements, then its last
// statements with COMMIT (two round trips), or everything at once as one
// implicit transaction (once(): one round trip).
//
// Statements are prepared once per connection, named by a hash of their
// text, so that PostgreSQL parses and plans each shape once; shapes new to a
// connection are prepared in a write of their own first (db/sync-batch.ts).
//
// Errors: after a failed statement PostgreSQL skips the rest up to the Sync
// (COMMIT included), so the transaction is rolled back and the FIRST failure
// is rethrown; nothing sent with or after it takes effect.
import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import { poolOptions } from './pool.js';
import { leftConnectionInDoubt, send } from './sync-batch.js';

export interface PipelinedTransaction {
  /** BEGIN, then `queries`, in one write; resolves with each query's rows. */
  begin(...queries: CompiledQuery[]): Promise<unknown[][]>;
  /** `queries`, then COMMIT, in one write; resolves with each query's rows once the commit has succeeded. */
  commit(...queries: CompiledQuery[]): Promise<unknown[][]>;
  /** The whole transaction in one write: `queries` as one implicit transaction, committed at the Sync unless one fails. */
  once(...queries: CompiledQuery[]): Promise<unknown[][]>;
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
    let broken: Error | undefined; // released with this, the pool closes the connection instead of reusing it
    const run = async (queries: readonly CompiledQuery[]) => {
      try {
        return await send(client, queries);
      } catch (err) {
        // Without a PostgreSQL error code (a dropped connection) or after a failed prepare, the connection's state is unknown.
        if ((err as { code?: unknown }).code === undefined || leftConnectionInDoubt(err)) broken = err as Error;
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
        state = 'done'; // the Sync sent with them ends the transaction whatever they do
        return run(queries); // one implicit transaction, committed at the Sync (db/sync-batch.ts)
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
