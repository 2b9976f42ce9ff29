// One write to PostgreSQL closed by ONE Sync, for db/pipelined.ts.
//
// pg sends each query with a Sync of its own, and PostgreSQL flushes its
// answers at every Sync: statements sent together still came back in as
// many sends, each a wake-up of both processes. A `Batch` is a pg
// "submittable" that writes Bind/Describe/Execute for every statement and a
// single Sync, so PostgreSQL answers them all in one send. It uses pg's own
// row parser and parameter serialiser (internals, not in pg's typed exports).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { CompiledQuery } from 'kysely';
import type pg from 'pg';

type Corkable = { cork(): void; uncork(): void };

const names = new Map<string, string>();
/** A stable statement name per text (on a connection a name stands for one text; PostgreSQL caps names at 63 bytes). */
function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `rb_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}

/** A statement with the name it is prepared under. */
interface Named {
  readonly name: string;
  readonly query: CompiledQuery;
}

/** What pg's client hands a submittable: the protocol writer, with the statements prepared on this connection. */
interface Connection {
  parsedStatements: Record<string, string>;
  stream: Corkable;
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
    private readonly queries: readonly Named[],
    private readonly types: unknown,
    private readonly done: (err: Error | undefined, rows: unknown[][]) => void,
    private readonly parseOnly = false,
  ) {
    this.rows = queries.map(() => []);
  }

  submit(connection: Connection): void {
    connection.stream.cork(); // one write for all the messages
    try {
      for (const { name, query } of this.queries) {
        if (this.parseOnly) {
          connection.parse({ text: query.sql, name, types: [] });
          continue;
        }
        connection.bind({ statement: name, values: query.parameters, valueMapper: prepareValue });
        connection.describe({ type: 'P', name: '' });
        connection.execute({});
      }
      connection.sync();
    } finally {
      connection.stream.uncork();
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
    if (!this.failure && this.parseOnly) for (const { name, query } of this.queries) this.connection!.parsedStatements[name] = query.sql;
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

function runBatch(client: pg.PoolClient, queries: readonly Named[], parseOnly = false): Promise<unknown[][]> {
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
export async function send(client: pg.PoolClient, queries: readonly CompiledQuery[]): Promise<unknown[][]> {
  const parsed = (client as unknown as { connection: Connection }).connection.parsedStatements;
  // Named once per write: a statement's text runs to kilobytes, and each lookup of it compares the whole text.
  const named = queries.map((query) => ({ name: nameOf(query.sql), query }));
  const unparsed = [...new Map(named.filter((n) => parsed[n.name] === undefined).map((n) => [n.name, n])).values()];
  if (unparsed.length > 0) {
    await runBatch(client, unparsed, true).catch((err: Error) => {
      inDoubt.add(err); // the statements before the failing one were prepared, but are not recorded as such
      throw err;
    });
  }
  return runBatch(client, named);
}

/** Failures after which the connection's prepared statements are unknown: it must not be reused. */
const inDoubt = new WeakSet<Error>();

export function leftConnectionInDoubt(err: unknown): boolean {
  return err instanceof Error && inDoubt.has(err);
}

/** pg's row parser and parameter serialiser, which its own queries use (not in its typed exports). */
function pgInternals(): { Result: new (rowMode: undefined, types: unknown) => Result; prepareValue: (v: unknown) => unknown } {
  const require = createRequire(import.meta.url);
  return { Result: require('pg/lib/result.js'), prepareValue: require('pg/lib/utils.js').prepareValue };
}
