// Staff take a case over by hand (reason `manual`, CONTRACT §5). The instant
// is stored on the case as an input of its fold (sql/0019), so the takeover
// stands through every later refold, and the fold's write sends
// `case.taken_over` through the outbox as for any other reason. Staff may
// withdraw it (a takeover made by mistake counts against the seller): the
// input is cleared and the case refolded as if it had never been taken over
// by hand, so the fold's write withdraws the takeover, or changes it when a
// deadline has passed meanwhile, and tells the marketplace.
import { sql, type Kysely, type Transaction } from 'kysely';
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
export type ManualTakeoverOutcome = ({ at: number } | ManualTakeoverRefusal) & Written;

type Written = { breached: number; takeovers: WrittenTakeover[] };
type Missing = ({ refused: 'unknown_case' } | { refused: 'no_market'; market: string }) & Written;
interface Settled {
  case: { status: string; takeover_at: Date | null; takeover_reason: string | null; manual_takeover_at: Date | null };
  written: Written;
}

/**
 * Takes the lock every writer of a case takes (ingestion, the sweep,
 * absences), then settles the case first: a deadline passed since the last
 * sweep may have taken it over already, for its own reason.
 */
async function lockAndSettle(tx: Transaction<Database>, marketOf: MarketLookup, caseId: string, now: number): Promise<Missing | Settled> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${caseId}, 42))`.execute(tx);
  const stored = await tx.selectFrom('cases').select('market').where('id', '=', caseId).executeTakeFirst();
  if (!stored) return { refused: 'unknown_case', breached: 0, takeovers: [] };
  if (!marketOf(stored.market)) return { refused: 'no_market', market: stored.market, breached: 0, takeovers: [] };
  const settled = await refoldLockedCases(tx, marketOf, [caseId], now);
  const c = await tx.selectFrom('cases').select(['status', 'takeover_at', 'takeover_reason', 'manual_takeover_at']).where('id', '=', caseId).executeTakeFirstOrThrow();
  return { case: c, written: { breached: settled.breached, takeovers: settled.takeovers } };
}

export async function takeOverByHand(
  db: Kysely<Database>,
  marketOf: MarketLookup,
  caseId: string,
  now: number,
  by: { actor: string; note: string },
): Promise<ManualTakeoverOutcome> {
  return db.transaction().execute(async (tx) => {
    const found = await lockAndSettle(tx, marketOf, caseId, now);
    if ('refused' in found) return found;
    const { case: c, written } = found;
    if (c.status === 'closed') return { refused: 'closed', ...written };
    if (c.takeover_at !== null) return { refused: 'taken_over', at: c.takeover_at, reason: c.takeover_reason!, ...written };
    await sql`UPDATE cases SET manual_takeover_at = ${new Date(now)}, fold_version = fold_version + 1, updated_at = now() WHERE id = ${caseId}`.execute(tx);
    const made = await refoldLockedCases(tx, marketOf, [caseId], now, [
      { actor: by.actor, action: 'case.manual_takeover', subject: caseId, details: { at: new Date(now).toISOString(), note: by.note } },
    ]);
    return { at: now, breached: written.breached + made.breached, takeovers: [...written.takeovers, ...made.takeovers] };
  });
}

export type ManualWithdrawalRefusal =
  | { refused: 'unknown_case' }
  | { refused: 'no_market'; market: string }
  | { refused: 'not_taken_over' }
  | { refused: 'not_manual'; at: Date; reason: string };

/** The case's takeover once the manual one is withdrawn (null, or one its events make), or why not; and what the refolds wrote. */
export type ManualWithdrawalOutcome = ({ status: string; takeover: { at: Date; reason: string } | null } | ManualWithdrawalRefusal) & Written;

export async function withdrawManualTakeover(
  db: Kysely<Database>,
  marketOf: MarketLookup,
  caseId: string,
  now: number,
  by: { actor: string; note: string },
): Promise<ManualWithdrawalOutcome> {
  return db.transaction().execute(async (tx) => {
    const found = await lockAndSettle(tx, marketOf, caseId, now);
    if ('refused' in found) return found;
    const { case: c, written } = found;
    if (c.takeover_at === null) return { refused: 'not_taken_over', ...written };
    // Only the takeover staff made: one the case's own events made (a breach, a dispute, an absence) is the rules'.
    if (c.takeover_reason !== 'manual' || c.manual_takeover_at === null) return { refused: 'not_manual', at: c.takeover_at, reason: c.takeover_reason!, ...written };
    await sql`UPDATE cases SET manual_takeover_at = NULL, fold_version = fold_version + 1, updated_at = now() WHERE id = ${caseId}`.execute(tx);
    const made = await refoldLockedCases(tx, marketOf, [caseId], now, [
      { actor: by.actor, action: 'case.manual_takeover_withdrawn', subject: caseId, details: { at: new Date(now).toISOString(), takenOverAt: c.takeover_at.toISOString(), note: by.note } },
    ]);
    const after = await tx.selectFrom('cases').select(['status', 'takeover_at', 'takeover_reason']).where('id', '=', caseId).executeTakeFirstOrThrow();
    return {
      status: after.status,
      takeover: after.takeover_at === null ? null : { at: after.takeover_at, reason: after.takeover_reason! },
      breached: written.breached + made.breached,
      takeovers: [...written.takeovers, ...made.takeovers],
    };
  });
}
