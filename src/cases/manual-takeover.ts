// Staff take a case over by hand (reason `manual`, CONTRACT §5). The instant
// is stored on the case as an input of its fold (sql/0019), so the takeover
// stands through every later refold, and the fold's write sends
// `case.taken_over` through the outbox as for any other reason.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { refoldLockedCases, type MarketLookup } from './refold.js';
import type { WrittenTakeover } from './write.js';

export type ManualTakeoverRefusal =
  | { refused: 'unknown_case' }
  | { refused: 'no_market'; market: string }
  | { refused: 'closed' }
  | { refused: 'taken_over'; at: Date; reason: string };

/**
 * The takeover made, or why not; either way what the transaction's refolds
 * wrote (a deadline settled first may breach, and take the case over itself),
 * for the caller's metrics and outbox.
 */
export type ManualTakeoverOutcome = ({ at: number } | ManualTakeoverRefusal) & { breached: number; takeovers: WrittenTakeover[] };

export async function takeOverByHand(
  db: Kysely<Database>,
  marketOf: MarketLookup,
  caseId: string,
  now: number,
  by: { actor: string; note: string },
): Promise<ManualTakeoverOutcome> {
  return db.transaction().execute(async (tx) => {
    // The lock every writer of a case takes (ingestion, the sweep, absences).
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${caseId}, 42))`.execute(tx);
    const stored = await tx.selectFrom('cases').select('market').where('id', '=', caseId).executeTakeFirst();
    if (!stored) return { refused: 'unknown_case', breached: 0, takeovers: [] };
    if (!marketOf(stored.market)) return { refused: 'no_market', market: stored.market, breached: 0, takeovers: [] };
    // Settle first: a deadline passed since the last sweep may have taken the case over already, for its own reason.
    const settled = await refoldLockedCases(tx, marketOf, [caseId], now);
    const c = await tx.selectFrom('cases').select(['status', 'takeover_at', 'takeover_reason']).where('id', '=', caseId).executeTakeFirstOrThrow();
    const written = { breached: settled.breached, takeovers: settled.takeovers };
    if (c.status === 'closed') return { refused: 'closed', ...written };
    if (c.takeover_at !== null) return { refused: 'taken_over', at: c.takeover_at, reason: c.takeover_reason!, ...written };
    await sql`UPDATE cases SET manual_takeover_at = ${new Date(now)}, fold_version = fold_version + 1, updated_at = now() WHERE id = ${caseId}`.execute(tx);
    const made = await refoldLockedCases(tx, marketOf, [caseId], now, [
      { actor: by.actor, action: 'case.manual_takeover', subject: caseId, details: { at: new Date(now).toISOString(), note: by.note } },
    ]);
    return { at: now, breached: written.breached + made.breached, takeovers: [...written.takeovers, ...made.takeovers] };
  });
}
