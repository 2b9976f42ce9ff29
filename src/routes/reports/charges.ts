// GET /v1/reports/charges: takeover costs charged to sellers in a market,
// recorded in [from, to), in (createdAt, charge id) order. A charge whose
// takeover was withdrawn since (a late-arriving reply showed the case was not
// overdue) stays on record, marked `takeoverWithdrawn`; scorecards leave it out.
// Index: charges_market_created (market, created_at).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { Period } from './period.js';
import { instantOrProblem } from '../params.js';

export const CHARGE_COLUMNS = ['id', 'takeoverId', 'caseId', 'sellerId', 'market', 'amountMinor', 'currency', 'description', 'createdAt', 'createdBy', 'takeoverWithdrawn'] as const;

export interface ChargeRow {
  id: string;
  takeoverId: number;
  caseId: string;
  sellerId: string;
  market: string;
  amountMinor: number;
  currency: string;
  description: string;
  createdAt: string;
  createdBy: string | null;
  takeoverWithdrawn: boolean;
}

export type ChargeKey = [string, string];
export const isChargeKey = (k: unknown[]): k is ChargeKey =>
  k.length === 2 && typeof instantOrProblem(k[0]) === 'number' && typeof k[1] === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(k[1]);

export const chargeRow = (c: {
  id: string;
  takeover_id: number;
  case_id: string;
  seller_id: string;
  market: string;
  amount_minor: number;
  currency: string;
  description: string;
  created_at: Date;
  created_by: string | null;
  takeover_withdrawn: boolean;
}): ChargeRow => ({
  id: c.id,
  takeoverId: c.takeover_id,
  caseId: c.case_id,
  sellerId: c.seller_id,
  market: c.market,
  amountMinor: c.amount_minor,
  currency: c.currency,
  description: c.description,
  createdAt: c.created_at.toISOString(),
  createdBy: c.created_by,
  takeoverWithdrawn: c.takeover_withdrawn,
});

export async function chargePage(
  db: Kysely<Database>,
  market: string,
  period: Period,
  sellerId: string | undefined,
  after: ChargeKey | null,
  limit: number,
): Promise<{ rows: ChargeRow[]; keys: ChargeKey[] }> {
  const found = await db
    .selectFrom('charges as c')
    .innerJoin('takeovers as t', 't.id', 'c.takeover_id')
    .selectAll('c')
    .select(sql<boolean>`t.withdrawn_at IS NOT NULL`.as('takeover_withdrawn'))
    .where('c.market', '=', market)
    .where('c.created_at', '>=', new Date(period.from))
    .where('c.created_at', '<', new Date(period.to))
    .$if(sellerId !== undefined, (q) => q.where('c.seller_id', '=', sellerId!))
    .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple('c.created_at', 'c.id'), '>', eb.tuple(new Date(after![0]), after![1]))))
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(limit)
    .execute();
  const rows = found.map(chargeRow);
  return { rows, keys: rows.map((r): ChargeKey => [r.createdAt, r.id]) };
}
