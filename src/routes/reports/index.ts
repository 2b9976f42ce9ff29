// Compliance reports (CONTRACT §6): JSON pages with a keyset cursor, or the
// whole report as streamed CSV. Staff only; every read is audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditReportRead } from './audit.js';
import { BREACH_COLUMNS, breachPage, isBreachKey, type BreachKey } from './breaches.js';
import { CHARGE_COLUMNS, chargePage, isChargeKey, type ChargeKey } from './charges.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { keysetRows, sendCsv } from './csv.js';
import { fileStamp, parsePeriod, queryMarket, type Period } from './period.js';
import { BreachPage, ChargePage, ReportQuery, SellerPage } from './schemas.js';
import { SELLER_COLUMNS, isSellerKey, sellerPage, type SellerKey } from './sellers.js';
import type { Market } from '../../markets/index.js';

type Query = { market: string; from: string; to: string; sellerId?: string; format?: 'json' | 'csv'; limit: number; cursor?: string };

interface Report<K extends unknown[]> {
  readonly name: string;
  readonly columns: readonly string[];
  readonly isKey: (k: unknown[]) => k is K;
  readonly page: (market: Market, period: Period, q: Query, after: K | null, limit: number) => Promise<{ rows: object[]; keys: K[] }>;
}

export async function reportRoutes(app: FastifyInstance) {
  const config = { access: ['admin', 'compliance'] } as const;

  async function answer<K extends unknown[]>(report: Report<K>, req: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) {
    const q = req.query;
    const market = queryMarket(app, q.market);
    const period = parsePeriod(q);
    const after = q.cursor !== undefined ? decodeCursor(q.cursor, report.isKey) : null;
    await auditReportRead(app, req, report.name, q);
    // Deadlines passed since the last sweep are settled first, so that the breach and seller reports count them.
    if (report.name !== 'charges') await app.services.settleDue({ market: market.code });
    if (q.format === 'csv') {
      const filename = `${report.name}-${market.code}-${fileStamp(period.from)}-${fileStamp(period.to)}.csv`;
      const rows = keysetRows<object, K>((k, n) => report.page(market, period, q, k, n));
      return sendCsv(reply, filename, report.columns, rows as AsyncIterable<Record<string, unknown>>);
    }
    // One row more than asked tells whether another page follows.
    const p = await report.page(market, period, q, after, q.limit + 1);
    const more = p.rows.length > q.limit;
    return { rows: p.rows.slice(0, q.limit), nextCursor: more ? encodeCursor(p.keys[q.limit - 1]!) : null };
  }

  const breaches: Report<BreachKey> = {
    name: 'breaches',
    columns: BREACH_COLUMNS,
    isKey: isBreachKey,
    page: (m, period, q, after, limit) => breachPage(app.db, m, period, q.sellerId, after, limit, app.clock.now()),
  };
  const sellers: Report<SellerKey> = {
    name: 'sellers',
    columns: SELLER_COLUMNS,
    isKey: isSellerKey,
    page: (m, period, q, after, limit) => sellerPage(app.db, m.code, period, q.sellerId, after, limit),
  };
  const charges: Report<ChargeKey> = {
    name: 'charges',
    columns: CHARGE_COLUMNS,
    isKey: isChargeKey,
    page: (m, period, q, after, limit) => chargePage(app.db, m.code, period, q.sellerId, after, limit),
  };

  const produces = (summary: string, description: string) => ({ tags: ['reports'], summary, description, querystring: ReportQuery });
  app.get<{ Querystring: Query }>(
    '/v1/reports/breaches',
    {
      config,
      schema: {
        ...produces('Late and breached obligations with dueAt in [from, to)', 'Ordered by dueAt, then obligation id. format=csv streams all rows as text/csv.'),
        response: { 200: BreachPage },
      },
    },
    (req, reply) => answer(breaches, req, reply),
  );
  app.get<{ Querystring: Query }>(
    '/v1/reports/sellers',
    {
      config,
      schema: {
        ...produces('One row per seller with obligations requested in [from, to)', 'Worst onTimeRate first (null last), then sellerId. format=csv streams all rows.'),
        response: { 200: SellerPage },
      },
    },
    (req, reply) => answer(sellers, req, reply),
  );
  app.get<{ Querystring: Query }>(
    '/v1/reports/charges',
    {
      config,
      schema: {
        ...produces('Takeover charges recorded in [from, to)', 'Ordered by createdAt, then charge id. format=csv streams all rows.'),
        response: { 200: ChargePage },
      },
    },
    (req, reply) => answer(charges, req, reply),
  );
}
