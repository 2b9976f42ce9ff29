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

export async function sweepDueCases(db: Kysely<Database>, marketOf: MarketLookup, now: number, batch = 500): Promise<SweepResult> {
  const result: SweepResult = { breached: 0, takenOver: 0, cases: 0, takeovers: [] };
  const seen = new Set<string>();
  for (;;) {
    const fresh = await db.transaction().execute(async (tx) => {
      const { rows } = await sql<{ id: string }>`
        SELECT id FROM (
          SELECT id FROM cases WHERE check_at <= ${new Date(now)} AND NOT (id = ANY (${[...seen]}::text[])) ORDER BY check_at LIMIT ${batch}
        ) due
        WHERE pg_try_advisory_xact_lock(hashtextextended(id, 42))`.execute(tx);
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return 0;
      ids.forEach((id) => seen.add(id));
      const r = await refoldLockedCases(tx, marketOf, ids, now);
      result.breached += r.breached;
      result.takenOver += r.takeovers.filter((x) => x.notice === 'case.taken_over').length;
      result.takeovers.push(...r.takeovers);
      result.cases += ids.length;
      return ids.length;
    });
    if (fresh === 0) return result;
  }
}
