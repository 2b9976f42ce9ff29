// The market and period of a report query: `from`/`to` RFC 3339 instants,
// to not before from, at most 366 days; the market must be one of the loaded
// markets (400: it is a query parameter, not the resource addressed).
import type { FastifyInstance } from 'fastify';
import type { Market } from '../../markets/index.js';
import { badRequest } from '../../plugins/errors.js';
import { parseInstant } from '../params.js';

export const MAX_PERIOD_DAYS = 366;

export interface Period {
  readonly from: number;
  readonly to: number;
}

export function parsePeriod(q: { from: string; to: string }): Period {
  const from = parseInstant(q.from, 'querystring.from');
  const to = parseInstant(q.to, 'querystring.to');
  if (to < from) throw badRequest('to is before from', [{ field: 'querystring.to', message: 'must not be before from' }]);
  if (to - from > MAX_PERIOD_DAYS * 86_400_000) throw badRequest(`a period spans at most ${MAX_PERIOD_DAYS} days`, [{ field: 'querystring.to', message: `at most ${MAX_PERIOD_DAYS} days after from` }]);
  return { from, to };
}

export function queryMarket(app: FastifyInstance, code: string): Market {
  const m = app.markets.get(code);
  if (!m) throw badRequest(`unknown market ${code}`, [{ field: 'querystring.market', message: 'is not a loaded market' }]);
  return m;
}

/** Compact UTC stamp for file names: 20260301T000000Z. */
export const fileStamp = (t: number) => new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
