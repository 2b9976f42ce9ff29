// The retention purge (POLICIES C and E: records kept only as long as the
// market requires). For events whose occurredAt is older than the market's
// policy.retentionDays (days of the market's clock), every text a person
// wrote is removed: the message body, the dispute note, and the evidence
// text that the message checks copied into flags (kinds, match types and
// offsets stay). The event row stays with its timestamps, author and ids, and
// obligations, takeovers and reports are untouched, so SLA outcomes outlive
// the text.
//
// This is the only path that may change an event. Its transaction sets the
// transaction-local setting replyby.purge = 'on'; the events_guard trigger
// (sql/0007) then allows exactly that UPDATE and nothing else. Every other
// UPDATE, any DELETE and TRUNCATE stay refused, also inside this transaction.
//
// Batches: each transaction marks at most `batch` expired events (spread over
// the markets), writes one audit row with its counts per market (events that
// held text: a closing or a waiver holds none), and commits, so
// a backlog never becomes one huge transaction; a daily run is normally one
// batch, hence one audit row. Idempotent: purged bodies are NULL, so a second
// run finds nothing and writes nothing.
import { sql, type Kysely } from 'kysely';
import { DAY_MS, MINUTE_MS } from '../calendar/civil.js';
import { offsetAt, wallToInstant } from '../calendar/zone.js';
import type { Database } from '../db/index.js';

const LOCK = sql`pg_advisory_xact_lock(hashtextextended('replyby.retention', 0))`;

export interface RetentionMarket {
  readonly code: string;
  readonly timeZone: string;
  readonly policy: { readonly retentionDays: number };
}

export interface RetentionResult {
  /** Events whose texts were purged, per market code (markets with none are absent; events without text are not counted). */
  readonly purged: Record<string, number>;
  readonly total: number;
  /** Audit rows written (one per batch that marked an expired event). */
  readonly batches: number;
}

/**
 * The same wall time `retentionDays` days before now on the market's clock: its days are local days, so across a
 * clock change the cutoff moves by the hour too (a wall time in a spring-forward gap moves forward, CONTRACT §1).
 */
export function retentionCutoff(now: number, retentionDays: number, timeZone: string): number {
  const wall = now + offsetAt(timeZone, now) - retentionDays * DAY_MS;
  const day = Math.floor(wall / DAY_MS);
  return wallToInstant(timeZone, day, (wall - day * DAY_MS) / MINUTE_MS);
}

/** One transaction: the texts purged per market, and how many expired events it marked in all. */
async function purgeBatch(db: Kysely<Database>, markets: readonly RetentionMarket[], now: number, batch: number): Promise<{ purged: Record<string, number>; scanned: number }> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT ${LOCK}, set_config('replyby.purge', 'on', true)`.execute(tx);
    const purged: Record<string, number> = {};
    const cutoffs: Record<string, string> = {};
    let budget = batch;
    let scanned = 0;
    for (const m of markets) {
      if (budget === 0) break;
      const cutoff = new Date(retentionCutoff(now, m.policy.retentionDays, m.timeZone));
      // events_retention (market, occurred_at) WHERE body_purged_at IS NULL backs this scan.
      // Every expired event is marked (so that the index no longer offers it); only those that held text
      // (a closing or a waiver holds none) are counted as purged.
      const { rows } = await sql<{ n: number; texts: number }>`
        WITH picked AS (
          SELECT id, (body IS NOT NULL OR dispute_note IS NOT NULL) AS had_text FROM events
          WHERE market = ${m.code} AND occurred_at < ${cutoff} AND body_purged_at IS NULL
          ORDER BY occurred_at LIMIT ${budget}),
        gone AS (
          UPDATE events e SET body = NULL, dispute_note = NULL, flags = strip_evidence(e.flags), body_purged_at = ${new Date(now)}
          FROM picked p WHERE e.id = p.id
          RETURNING p.had_text)
        SELECT count(*)::int AS n, (count(*) FILTER (WHERE had_text))::int AS texts FROM gone`.execute(tx);
      const n = rows[0]?.n ?? 0;
      const texts = rows[0]?.texts ?? 0;
      budget -= n;
      scanned += n;
      if (texts > 0) purged[m.code] = texts;
      if (n > 0) cutoffs[m.code] = cutoff.toISOString();
    }
    if (scanned > 0) {
      await tx
        .insertInto('audit')
        .values({
          actor: 'system',
          action: 'retention.purged',
          subject: null,
          details: JSON.stringify({ purged, cutoffs, retentionDays: Object.fromEntries(markets.filter((m) => cutoffs[m.code]).map((m) => [m.code, m.policy.retentionDays])) }),
        })
        .execute();
    }
    return { purged, scanned };
  });
}

/** Purges every expired body, batch by batch, until none is left. */
export async function purgeExpiredBodies(db: Kysely<Database>, markets: readonly RetentionMarket[], now: number, batch = 5000): Promise<RetentionResult> {
  const purged: Record<string, number> = {};
  let total = 0;
  let batches = 0;
  for (;;) {
    const { purged: counts, scanned } = await purgeBatch(db, markets, now, batch);
    const n = Object.values(counts).reduce((a, b) => a + b, 0);
    for (const [code, c] of Object.entries(counts)) purged[code] = (purged[code] ?? 0) + c;
    total += n;
    if (scanned > 0) batches += 1;
    if (scanned < batch) return { purged, total, batches };
  }
}
