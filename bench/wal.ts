// What PostgreSQL wrote, counted: the WAL records, index entries and bytes
// between two points, read back with pg_walinspect (a contrib extension the
// embedded PostgreSQL ships). This machine's speed swings by a factor of
// two between phases, so times and CPU per event move with it; the WAL of
// the same work does not, and says whether a change wrote more or less.
import pg from 'pg';

export interface WalCount {
  /** WAL records. */
  readonly records: number;
  /** New index entries: B-tree leaf and posting-list inserts, and page splits (a split carries the entry that caused it). */
  readonly indexEntries: number;
  readonly bytes: number;
  /** Bytes of full-page images (a page's first change after a checkpoint is logged whole). */
  readonly fullPageBytes: number;
}

export const NO_WAL: WalCount = { records: 0, indexEntries: 0, bytes: 0, fullPageBytes: 0 };

/** A row of pg_get_wal_stats(…, per_record => true). */
export interface WalStatsRow {
  readonly type: string;
  readonly count: number;
  readonly fpiSize: number;
}

const INDEX_ENTRY = new Set(['Btree/INSERT_LEAF', 'Btree/INSERT_POST', 'Btree/SPLIT_L', 'Btree/SPLIT_R']);

/** Sums pg_get_wal_stats' rows: every record, the records that add an index entry, the full-page images' bytes. Pure. */
export function walCount(rows: readonly WalStatsRow[], bytes: number): WalCount {
  let records = 0;
  let indexEntries = 0;
  let fullPageBytes = 0;
  for (const r of rows) {
    records += r.count;
    fullPageBytes += r.fpiSize;
    if (INDEX_ENTRY.has(r.type)) indexEntries += r.count;
  }
  return { records, indexEntries, bytes, fullPageBytes };
}

export function addWal(a: WalCount, b: WalCount): WalCount {
  return { records: a.records + b.records, indexEntries: a.indexEntries + b.indexEntries, bytes: a.bytes + b.bytes, fullPageBytes: a.fullPageBytes + b.fullPageBytes };
}

/** Records per unit of work, and the rest as the bench prints it: index entries, bytes (and how many of them full-page images). */
export function perUnit(w: WalCount, units: number): { records: number; unit: string } {
  const n = Math.max(1, units);
  return { records: w.records / n, unit: `records / ${(w.indexEntries / n).toFixed(1)} index entries / ${Math.round(w.bytes / n)} bytes (${Math.round(w.fullPageBytes / n)} in full-page images)` };
}

export class WalMeter {
  private constructor(private readonly client: pg.Client) {}

  /** A meter on its own session, or null when pg_walinspect cannot be had (not installed, or not a superuser). */
  static async open(databaseUrl: string): Promise<WalMeter | null> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect');
      return new WalMeter(client);
    } catch {
      await client.end();
      return null;
    }
  }

  /** The current WAL write position (a commit has been written, and flushed, before it returns). */
  async position(): Promise<string> {
    const { rows } = await this.client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    return rows[0]!.lsn;
  }

  /**
   * What was written from `from` to now; null when it can no longer be read
   * (a checkpoint that began and ended meanwhile may have recycled the first
   * segment: rare, as checkpoints are spread over minutes).
   */
  async since(from: string): Promise<WalCount | null> {
    const to = await this.position();
    if (to === from) return NO_WAL; // pg_get_wal_stats refuses an empty range
    try {
      const { rows } = await this.client.query<{ type: string; count: string; fpi_size: string }>(
        `SELECT "resource_manager/record_type" AS type, count, fpi_size FROM pg_get_wal_stats($1::pg_lsn, $2::pg_lsn, true) WHERE count > 0`,
        [from, to],
      );
      const { rows: size } = await this.client.query<{ bytes: string }>('SELECT pg_wal_lsn_diff($2::pg_lsn, $1::pg_lsn)::bigint AS bytes', [from, to]);
      return walCount(rows.map((r) => ({ type: r.type, count: Number(r.count), fpiSize: Number(r.fpi_size) })), Number(size[0]!.bytes));
    } catch (err) {
      process.stderr.write(`  (the WAL from ${from} to ${to} could not be read: ${(err as Error).message})\n`);
      return null;
    }
  }

  end(): Promise<void> {
    return this.client.end();
  }
}
