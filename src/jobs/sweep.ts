// The breach sweep: refolds every case whose check_at (its pending
// obligation's deadline, or an absence start) has passed. Cost follows the
// number of due cases (partial index on check_at), not all pending ones.
// Cases locked by another instance or an ingestion are skipped, never
// processed twice.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { refoldLockedCases, type MarketLookup, type WrittenTakeover } from '../cases/index.js';

export interface SweepResult {
  breached: number;
  takenOver: number;
  cases: number;
  takeovers: WrittenTakeover[];
}

/**
 * Sweeps in `workers` parallel transactions, each taking up to `batch` due
 * cases at a time: while the database writes one batch, the next is folded.
 * A worker locks only the cases it takes (try-locks, stopping at `batch`),
 * so workers, other instances and ingestion never process a case twice.
 */
export async function sweepDueCases(
  db: Kysely<Database>,
  marketOf: MarketLookup,
  now: number,
  batch = 500,
  workers = 2,
  /**
   * Only this case, or only this market's cases, waiting for a case another
   * transaction holds rather than skipping it: a read settling what it shows
   * must not answer before a concurrent settlement of the same case commits.
   * Waiting locks are taken in case-id order, as ingestion takes them.
   */
  only: { readonly caseId?: string; readonly market?: string } = {},
): Promise<SweepResult> {
  const result: SweepResult = { breached: 0, takenOver: 0, cases: 0, takeovers: [] };
  const skip = new Set<string>(); // cases a refold left due (a missing market file): not taken again
  const worker = async () => {
    for (;;) {
      const taken = await db.transaction().execute(async (tx) => {
        const due = sql`
            SELECT id FROM cases WHERE check_at <= ${new Date(now)} AND NOT (id = ANY (${[...skip]}::text[]))
              ${only.caseId !== undefined ? sql`AND id = ${only.caseId}` : sql``} ${only.market !== undefined ? sql`AND market = ${only.market}` : sql``}`;
        const { rows } = only.caseId !== undefined || only.market !== undefined
          ? await sql<{ id: string }>`SELECT id, pg_advisory_xact_lock(hashtextextended(id, 42)) FROM (${due} ORDER BY id LIMIT ${batch}) d`.execute(tx)
          : await sql<{ id: string }>`
          SELECT id FROM (${due} ORDER BY check_at LIMIT ${batch * (workers + 1)}) due
          WHERE pg_try_advisory_xact_lock(hashtextextended(id, 42))
          LIMIT ${batch}`.execute(tx);
        const ids = rows.map((r) => r.id);
        if (ids.length === 0) return 0;
        const r = await refoldLockedCases(tx, marketOf, ids, now);
        r.stillDue.forEach((id) => skip.add(id));
        result.breached += r.breached;
        result.takenOver += r.takeovers.filter((x) => x.notice === 'case.taken_over').length;
        result.takeovers.push(...r.takeovers);
        result.cases += ids.length;
        return ids.length;
      });
      if (taken === 0) return;
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return result;
}
