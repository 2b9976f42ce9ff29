// GET /v1/sellers/flagged?market= (issue 4.3), staff only: late sellers (with
// late or breached obligations whose deadline fell in the last `days` days)
// and absent sellers (the absent rule applied now, with the episode the sweep
// opened and notified, if it has run since), each with the evidence: oldest
// breached obligation and last seller activity.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { evidenceJson, sellerEvidence, verdictFor } from '../../jobs/absent-sellers.js';
import { iso } from '../params.js';
import { auditReportRead } from '../reports/audit.js';
import { queryMarket } from '../reports/period.js';
import { FlaggedQuery, FlaggedResponse } from './flagged-schemas.js';

const MAX_LATE = 1000;

export async function flaggedSellerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/v1/sellers/flagged',
    {
      config: { access: ['admin', 'compliance'] },
      schema: { tags: ['sellers', 'reports'], summary: 'Late and absent sellers of a market, with evidence', querystring: FlaggedQuery, response: { 200: FlaggedResponse } },
    },
    async (req) => {
      const market = queryMarket(app, req.query.market);
      const now = app.clock.now();
      const since = now - req.query.days * 86_400_000;
      // Deadlines passed since the last sweep are settled first: an obligation past its deadline is breached now.
      await app.services.settleDue({ market: market.code });
      // Index: obligations_breach_report (market, due_at, id) WHERE state IN ('late', 'breached').
      const { rows: lateRows } = await sql<{ seller_id: string; late: number; breached: number }>`
        SELECT seller_id, count(*) FILTER (WHERE state = 'late') AS late, count(*) FILTER (WHERE state = 'breached') AS breached
        FROM obligations
        WHERE market = ${market.code} AND state IN ('late', 'breached') AND due_at >= ${new Date(since)} AND due_at < ${new Date(now)}
        GROUP BY seller_id
        ORDER BY breached DESC, late DESC, seller_id COLLATE "C"
        LIMIT ${MAX_LATE + 1}`.execute(app.db);
      const truncated = lateRows.length > MAX_LATE;
      const late = lateRows.slice(0, MAX_LATE);
      const evidence = await sellerEvidence(app.db, now, market.code);
      const bySeller = new Map(evidence.map((e) => [e.sellerId, e]));
      // Last activity of late sellers with nothing breached (not in the evidence above).
      const others = late.map((l) => l.seller_id).filter((s) => !bySeller.has(s));
      const activity = new Map<string, Date>();
      if (others.length > 0) {
        const { rows } = await sql<{ seller_id: string; at: Date }>`
          SELECT s.seller_id, (SELECT max(e.occurred_at) FROM events e
            WHERE e.seller_id = s.seller_id AND e.market = ${market.code} AND e.type = 'message.created' AND e.author = 'seller'
              AND e.automated IS NOT TRUE AND e.occurred_at <= ${new Date(now)}) AS at
          FROM unnest(${others}::text[]) AS s(seller_id)`.execute(app.db);
        for (const row of rows) if (row.at) activity.set(row.seller_id, row.at);
      }
      await auditReportRead(app, req, 'flagged', req.query);
      return {
        market: market.code,
        at: iso(now),
        lateSince: iso(since),
        late: late.map((l) => {
          const e = bySeller.get(l.seller_id);
          const ev = e ? evidenceJson(e, null) : { oldestBreached: null, lastSellerMessageAt: activity.get(l.seller_id)?.toISOString() ?? null };
          return { sellerId: l.seller_id, late: l.late, breached: l.breached, oldestBreached: ev.oldestBreached, lastSellerActivityAt: ev.lastSellerMessageAt };
        }),
        absent: evidence.flatMap((e) => {
          const v = verdictFor(e, app.markets.lookup, now);
          if (!v?.absent) return [];
          const ev = evidenceJson(e, null);
          return [
            {
              sellerId: e.sellerId,
              since: iso(v.since),
              silentFrom: iso(v.silentFrom),
              absentAfterMinutes: market.policy.absentAfterMinutes,
              oldestBreached: ev.oldestBreached,
              lastSellerActivityAt: ev.lastSellerMessageAt,
              flag: e.openFlag ? { id: e.openFlag.id, startedAt: iso(e.openFlag.startedAt) } : null,
            },
          ];
        }),
        truncated,
      };
    },
  );
}
