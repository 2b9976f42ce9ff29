// The retention purge (POLICIES C and E: records kept only as long as the
// market requires). For events whose occurredAt is older than the market's
// policy.retentionDays, every text a person wrote is removed: the message
// body, the dispute note, and the evidence text that the message checks
// copied into flags (kinds, match types and offsets stay). The event row
// stays with its timestamps, author and ids, and obligations, takeovers and
// reports are untouched, so SLA outcomes outlive the text.
//
// This is the only path that may change an event. Its transaction sets the
// transaction-local setting replyby.purge = 'on'; the events_guard trigger
// (sql/0007) then allows exactly that UPDATE and nothing else. Every other
// UPDATE, any DELETE and TRUNCATE stay refused, also inside this transaction.
//
// Batches: each transaction purges at most `batch` bodies (spread over the
// markets), writes one audit row with its counts per market, and commits, so
// a backlog never becomes one huge transaction; a daily run is normally one
// batch, hence one audit row. Idempotent: purged bodies are NULL, so a second
// run finds nothing and writes nothing.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';

const DAY_MS = 86_400_000;
const LOCK = sql`pg_advisory_xact_lock(hashtextextended('replyby.retention', 0))`;

export interface RetentionMarket {
  readonly code: string;
  readonly policy: { readonly retentionDays: number };
}

export interface RetentionResult {
  /** Bodies purged per market code (markets with none are absent). */
  readonly purged: Record<string, number>;
  readonly total: number;
  /** Audit rows written (one per batch that purged something). */
  readonly batches: number;
}

export const retentionCutoff = (now: number, retentionDays: number) => now - retentionDays * DAY_MS;

async function purgeBatch(db: Kysely<Database>, markets: readonly RetentionMarket[], now: number, batch: number): Promise<Record<string, number>> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT ${LOCK}, set_config('replyby.purge', 'on', true)`.execute(tx);
    const purged: Record<string, number> = {};
    const cutoffs: Record<string, string> = {};
    let budget = batch;
    for (const m of markets) {
      if (budget === 0) break;
      const cutoff = new Date(retentionCutoff(now, m.policy.retentionDays));
      // events_retention (market, occurred_at) WHERE body_purged_at IS NULL backs this scan.
      const { rows } = await sql<{ n: number }>`
        WITH gone AS (
          UPDATE events SET body = NULL, dispute_note = NULL, flags = strip_evidence(flags), body_purged_at = ${new Date(now)}
          WHERE id IN (
            SELECT id FROM events WHERE market = ${m.code} AND occurred_at < ${cutoff} AND body_purged_at IS NULL
            ORDER BY occurred_at LIMIT ${budget})
          RETURNING 1)
        SELECT count(*)::int AS n FROM gone`.execute(tx);
      const n = rows[0]?.n ?? 0;
      if (n > 0) {
        purged[m.code] = n;
        cutoffs[m.code] = cutoff.toISOString();
        budget -= n;
      }
    }
    if (Object.keys(purged).length > 0) {
      await tx
        .insertInto('audit')
        .values({
          actor: 'system',
          action: 'retention.purged',
          subject: null,
          details: JSON.stringify({ purged, cutoffs, retentionDays: Object.fromEntries(markets.filter((m) => purged[m.code]).map((m) => [m.code, m.policy.retentionDays])) }),
        })
        .execute();
    }
    return purged;
  });
}

/** Purges every expired body, batch by batch, until none is left. */
export async function purgeExpiredBodies(db: Kysely<Database>, markets: readonly RetentionMarket[], now: number, batch = 5000): Promise<RetentionResult> {
  const purged: Record<string, number> = {};
  let total = 0;
  let batches = 0;
  for (;;) {
    const counts = await purgeBatch(db, markets, now, batch);
    const n = Object.values(counts).reduce((a, b) => a + b, 0);
    for (const [code, c] of Object.entries(counts)) purged[code] = (purged[code] ?? 0) + c;
    total += n;
    if (n > 0) batches += 1;
    if (n < batch) return { purged, total, batches };
  }
}
