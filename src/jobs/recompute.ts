// After a market file changes (an announced holiday, a moon-sighting
// correction), pending obligations computed under another version of it are
// refolded in locked batches; decided outcomes keep their version.
import { sql, type Kysely } from 'kysely';
import { refoldLockedCases, type MarketLookup } from '../cases/index.js';
import type { Database } from '../db/index.js';

export async function recomputePendingDeadlines(db: Kysely<Database>, marketOf: MarketLookup, markets: readonly string[], now: number, batch = 500): Promise<number> {
  let total = 0;
  for (const code of markets) {
    const market = marketOf(code);
    if (!market) continue;
    const seen = new Set<string>();
    for (;;) {
      const n = await db.transaction().execute(async (tx) => {
        const { rows } = await sql<{ case_id: string }>`
          SELECT case_id, pg_advisory_xact_lock(hashtextextended(case_id, 42)) FROM (
            SELECT DISTINCT case_id FROM obligations
            WHERE state = 'pending' AND market = ${code} AND calendar_fingerprint <> ${market.fingerprint}
              AND NOT (case_id = ANY (${[...seen]}::text[]))
            ORDER BY case_id LIMIT ${batch}
          ) s`.execute(tx);
        const ids = rows.map((r) => r.case_id);
        ids.forEach((id) => seen.add(id));
        if (ids.length > 0) {
          await refoldLockedCases(tx, marketOf, ids, now, [
            { actor: 'system', action: 'deadlines.recomputed', subject: code, details: { fingerprint: market.fingerprint, cases: ids.length } },
          ]);
        }
        return ids.length;
      });
      total += n;
      if (n === 0) break;
    }
  }
  return total;
}
