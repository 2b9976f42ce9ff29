// Staff take a case over by hand (reason `manual`, CONTRACT §5). The instant
// is stored on the case as an input of its fold (sql/0019), so the takeover
// stands through every later refold, and the fold's write sends
// `case.taken_over` through the outbox as for any other reason.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { refoldLockedCases, type MarketLookup } from './refold.js';

export type ManualTakeoverRefusal =
  | { refused: 'unknown_case' }
  | { refused: 'no_market'; market: string }
  | { refused: 'closed' }
  | { refused: 'taken_over'; at: Date; reason: string };

/** The takeover made, or why not; `notices` counts the notices written either way (a settled deadline may take the case over first). */
export type ManualTakeoverOutcome = ({ at: number } | ManualTakeoverRefusal) & { notices: number };

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
    if (!stored) return { refused: 'unknown_case', notices: 0 };
    if (!marketOf(stored.market)) return { refused: 'no_market', market: stored.market, notices: 0 };
    // Settle first: a deadline passed since the last sweep may have taken the case over already, for its own reason.
    const settled = await refoldLockedCases(tx, marketOf, [caseId], now);
    const c = await tx.selectFrom('cases').select(['status', 'takeover_at', 'takeover_reason']).where('id', '=', caseId).executeTakeFirstOrThrow();
    const notices = settled.takeovers.length;
    if (c.status === 'closed') return { refused: 'closed', notices };
    if (c.takeover_at !== null) return { refused: 'taken_over', at: c.takeover_at, reason: c.takeover_reason!, notices };
    await sql`UPDATE cases SET manual_takeover_at = ${new Date(now)}, fold_version = fold_version + 1, updated_at = now() WHERE id = ${caseId}`.execute(tx);
    const made = await refoldLockedCases(tx, marketOf, [caseId], now, [
      { actor: by.actor, action: 'case.manual_takeover', subject: caseId, details: { at: new Date(now).toISOString(), note: by.note } },
    ]);
    return { at: now, notices: notices + made.takeovers.length };
  });
}
