// GET /v1/reports/seller-weeks?market=&from=&to=&sellerId=… (staff): the
// weekly on-time figures of up to 100 sellers at once, so the dashboard's
// sellers table draws a trend per row from one request (and one audit row)
// instead of one scorecard per seller. Weeks as the scorecard's (the market's own).
// Index: obligations_seller_requested (seller_id, requested_at), one range per seller.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { sellerTrends } from '../../domain/dashboard/index.js';
import { iso } from '../params.js';
import { auditReportRead } from '../reports/audit.js';
import { parsePeriod, queryMarket } from '../reports/period.js';
import { TrendQuery, TrendResponse } from './schemas.js';

export async function trendsRoute(app: FastifyInstance) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/v1/reports/seller-weeks',
    {
      config: { access: ['admin', 'compliance'] },
      schema: {
        tags: ['reports', 'dashboard'],
        summary: 'Obligations requested per week of the market (its local dates and first weekday) for up to 100 sellers',
        querystring: TrendQuery,
        response: { 200: TrendResponse },
      },
    },
    async (req) => {
      const market = queryMarket(app, req.query.market);
      const period = parsePeriod(req.query);
      // Deadlines passed since the last sweep are settled first, so the weeks agree with the sellers report.
      await app.services.settleDue({ market: market.code });
      const sellerIds = [...new Set(req.query.sellerId)];
      const facts = await app.db
        .selectFrom('obligations')
        .select(['seller_id', 'state', 'requested_at'])
        .where('seller_id', 'in', sellerIds)
        .where('requested_at', '>=', new Date(period.from))
        .where('requested_at', '<', new Date(period.to))
        .where('market', '=', market.code)
        .execute();
      await auditReportRead(app, req, 'seller-weeks', req.query);
      const trend = sellerTrends(
        market,
        period,
        sellerIds,
        facts.map((f) => ({ sellerId: f.seller_id, state: f.state, requestedAt: f.requested_at.getTime() })),
      );
      return { market: market.code, from: iso(period.from), to: iso(period.to), ...trend };
    },
  );
}
