// GET /v1/sellers/{sellerId}/cases (staff, or that seller): the seller's
// cases, latest activity first, in keyset pages; staff reads are audited.
// Index: cases_seller_activity (seller_id, last_event_at DESC, id DESC).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { assertSellerScope } from '../../plugins/auth.js';
import { decodeCursor, encodeCursor } from '../reports/cursor.js';
import { auditReportRead } from '../reports/audit.js';
import { queryMarket } from '../reports/period.js';
import { SellerCasesQuery, SellerCasesResponse, SellerParams } from './schemas.js';
import { instantOrProblem } from '../params.js';

type CaseKey = [string, string];
const isCaseKey = (k: unknown[]): k is CaseKey => k.length === 2 && typeof instantOrProblem(k[0]) === 'number' && typeof k[1] === 'string';

export async function sellerCasesRoute(app: FastifyInstance) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/v1/sellers/:sellerId/cases',
    {
      config: { access: ['admin', 'compliance', 'seller'] },
      schema: {
        tags: ['sellers', 'dashboard'],
        summary: "A seller's cases, latest activity first",
        params: SellerParams,
        querystring: SellerCasesQuery,
        response: { 200: SellerCasesResponse },
      },
    },
    async (req) => {
      const { sellerId } = req.params;
      assertSellerScope(req, sellerId);
      const q = req.query;
      const market = q.market !== undefined ? queryMarket(app, q.market).code : undefined;
      const after = q.cursor !== undefined ? decodeCursor(q.cursor, isCaseKey) : null;
      const rows = await app.db
        .selectFrom('cases')
        .select(['id', 'market', 'status', 'last_event_at', 'takeover_at', 'takeover_reason'])
        .where('seller_id', '=', sellerId)
        .where('last_event_at', 'is not', null)
        .$if(market !== undefined, (b) => b.where('market', '=', market!))
        .$if(q.status !== undefined, (b) => b.where('status', '=', q.status!))
        .$if(after !== null, (b) => b.where((eb) => eb(eb.refTuple('last_event_at', 'id'), '<', eb.tuple(new Date(after![0]), after![1]))))
        .orderBy('last_event_at', 'desc')
        .orderBy('id', 'desc')
        .limit(q.limit + 1)
        .execute();
      await auditReportRead(app, req, 'seller-cases', { sellerId, ...q });
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return {
        rows: page.map((c) => ({
          caseId: c.id,
          market: c.market,
          status: c.status,
          lastEventAt: c.last_event_at!.toISOString(),
          takeover: c.takeover_at ? { at: c.takeover_at.toISOString(), reason: c.takeover_reason ?? 'unknown' } : null,
        })),
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.last_event_at!.toISOString(), last.id]) : null,
      };
    },
  );
}
