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
// Statements with parameters are prepared once per connection, named by a
// hash of their text, so that PostgreSQL parses and plans each shape once;
// shapes new to a connection are prepared in a write of their own first.
//
// Errors: after a failed statement PostgreSQL skips the rest up to the Sync
// (COMMIT included), so the transaction is rolled back and the FIRST failure
// is rethrown; nothing sent with or after it takes effect.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import { poolOptions } from './pool.js';

export interface PipelinedTransaction {
  /** BEGIN, then `queries`, in one write; resolves with each query's rows. */
  begin(...queries: CompiledQuery[]): Promise<unknown[][]>;
  /** `queries`, then COMMIT, in one write; resolves with each query's rows once the commit has succeeded. */
  commit(...queries: CompiledQuery[]): Promise<unknown[][]>;
  /** The whole transaction in one write: `queries` as one implicit transaction, committed at the Sync unless one fails. */
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
        if ((err as { code?: unknown }).code === undefined || inDoubt.has(err as Error)) broken = err as Error;
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
        return run(queries); // one implicit transaction, committed at the Sync (see Batch)
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

/** What pg's client hands a submittable: the protocol writer, with the statements prepared on this connection. */
interface Connection {
  parsedStatements: Record<string, string>;
  stream: Partial<Corkable>;
  parse(m: { text: string; name: string; types: unknown[] }): void;
  bind(m: { statement: string; values: readonly unknown[]; valueMapper: (v: unknown) => unknown }): void;
  describe(m: { type: 'P'; name: string }): void;
  execute(m: Record<string, never>): void;
  sync(): void;
}

interface Result {
  addFields(fields: unknown[]): void;
  parseRow(fields: unknown[]): unknown;
}
const { Result: PgResult, prepareValue } = pgInternals();

/**
 * Statements written at once and closed by ONE Sync, so PostgreSQL answers
 * them all in one send (with a Sync each, as pg's queries have, it flushes
 * once per statement: on loopback TCP each send costs it and the server a
 * wake-up, measured at a fifth of PostgreSQL's CPU for a group of one event).
 * Without BEGIN among them they run in one implicit transaction, committed
 * at the Sync; the first failure makes PostgreSQL skip the rest up to the
 * Sync, and that transaction is rolled back. `parseOnly` prepares the
 * statements and runs nothing; other batches never parse, so a failure in
 * them never leaves in doubt which statements the connection holds.
 */
class Batch {
  private readonly rows: unknown[][];
  private readonly results: Result[] = [];
  private current = 0;
  private failure: Error | undefined;
  private connection: Connection | undefined;
  private settled = false;

  constructor(
    private readonly queries: readonly CompiledQuery[],
    private readonly types: unknown,
    private readonly done: (err: Error | undefined, rows: unknown[][]) => void,
    private readonly parseOnly = false,
  ) {
    this.rows = queries.map(() => []);
  }

  submit(connection: Connection): void {
    const corked = typeof connection.stream.cork === 'function' && typeof connection.stream.uncork === 'function';
    if (corked) connection.stream.cork!();
    try {
      for (const q of this.queries) {
        if (this.parseOnly) {
          connection.parse({ text: q.sql, name: nameOf(q.sql), types: [] });
          continue;
        }
        connection.bind({ statement: nameOf(q.sql), values: q.parameters, valueMapper: prepareValue });
        connection.describe({ type: 'P', name: '' });
        connection.execute({});
      }
      connection.sync();
    } finally {
      if (corked) connection.stream.uncork!();
    }
    this.connection = connection;
  }

  handleRowDescription(msg: { fields: unknown[] }): void {
    const r = new PgResult(undefined, this.types);
    r.addFields(msg.fields);
    this.results[this.current] = r;
  }

  handleDataRow(msg: { fields: unknown[] }): void {
    if (this.failure) return;
    try {
      this.rows[this.current]!.push(this.results[this.current]!.parseRow(msg.fields));
    } catch (err) {
      this.failure = err as Error;
    }
  }

  handleCommandComplete(): void {
    this.current++;
  }

  handleEmptyQuery(): void {
    this.current++;
  }

  handleError(err: Error): void {
    // pg's client has let go of this batch; the ReadyForQuery that follows goes to no one.
    this.settle(this.failure ?? err);
  }

  handleReadyForQuery(): void {
    if (!this.failure && this.parseOnly) for (const q of this.queries) this.connection!.parsedStatements[nameOf(q.sql)] = q.sql;
    this.settle(this.failure);
  }

  private settle(err: Error | undefined): void {
    if (this.settled) return;
    this.settled = true;
    this.done(err, this.rows);
  }

  handlePortalSuspended(): void {
    this.handleError(new Error('unexpected PortalSuspended in a pipelined batch'));
  }

  handleCopyInResponse(): void {
    this.handleError(new Error('unexpected COPY in a pipelined batch'));
  }

  handleCopyData(): void {}
}

function runBatch(client: pg.PoolClient, queries: readonly CompiledQuery[], parseOnly = false): Promise<unknown[][]> {
  const types = (client as unknown as { _types?: unknown })._types;
  return new Promise((resolve, reject) => {
    client.query(new Batch(queries, types, (err, rows) => (err ? reject(err) : resolve(rows)), parseOnly) as unknown as pg.Submittable);
  });
}

/**
 * Sends the queries in one write with one Sync and resolves with each one's
 * rows, or rejects with the first failure. Statements new to this
 * connection are prepared first, in a write of their own.
 */
async function send(client: pg.PoolClient, queries: readonly CompiledQuery[]): Promise<unknown[][]> {
  const parsed = (client as unknown as { connection: Connection }).connection.parsedStatements;
  const unparsed = [...new Map(queries.filter((q) => parsed[nameOf(q.sql)] === undefined).map((q) => [q.sql, q])).values()];
  if (unparsed.length > 0) {
    await runBatch(client, unparsed, true).catch((err: Error) => {
      inDoubt.add(err); // the statements before the failing one were prepared, but are not recorded as such
      throw err;
    });
  }
  return runBatch(client, queries);
}

/** Failures after which the connection's prepared statements are unknown: it must not be reused. */
const inDoubt = new WeakSet<Error>();

/** pg's row parser and parameter serialiser, which its own queries use (not in its typed exports). */
function pgInternals(): { Result: new (rowMode: undefined, types: unknown) => Result; prepareValue: (v: unknown) => unknown } {
  const require = createRequire(import.meta.url);
  return { Result: require('pg/lib/result.js'), prepareValue: require('pg/lib/utils.js').prepareValue };
}
