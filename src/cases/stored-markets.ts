// The markets that stored cases name, for what start-up and the retention
// purge tell an operator about markets whose file is gone.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/** The distinct markets of cases by a loose index scan (cases_market_status): one probe per market, not a table scan. */
export async function storedMarkets(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ market: string }>`
    WITH RECURSIVE m(market) AS (
      (SELECT market FROM cases ORDER BY market LIMIT 1)
      UNION ALL
      SELECT (SELECT c.market FROM cases c WHERE c.market > m.market ORDER BY c.market LIMIT 1) FROM m WHERE m.market IS NOT NULL
    )
    SELECT market FROM m WHERE market IS NOT NULL`.execute(db);
  return rows.map((r) => r.market);
}
