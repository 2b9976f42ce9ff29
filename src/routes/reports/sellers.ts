// GET /v1/reports/sellers (CONTRACT §6): one row per seller with obligations
// requested in [from, to), worst on-time rate first (no rate, i.e. nothing
// decided yet, last), then seller id (bytewise). Figures beyond the contract:
// waived, cancelled and pending, so that the states add up and abuse of the
// waiver shows. The median is PostgreSQL's percentile_cont(0.5), the same
// definition as domain/reports.
// lateNoticeAbsences: absences the seller registered in the period without the
// market's notice (POLICIES D: a long absence needs two weeks' notice).
// Indexes: obligations_requested (market, requested_at, seller_id);
// takeovers_seller_at; events_seller_flags for contact-sharing flags;
// absences_seller_all for absences.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/index.js';
import type { Period } from './period.js';

export const SELLER_COLUMNS = [
  'sellerId',
  'market',
  'obligations',
  'met',
  'late',
  'breached',
  'onTimeRate',
  'medianResponseMinutes',
  'takeovers',
  'contactFlags',
  'waived',
  'cancelled',
  'pending',
  'lateNoticeAbsences',
] as const;

export interface SellerRow {
  sellerId: string;
  market: string;
  obligations: number;
  met: number;
  late: number;
  breached: number;
  onTimeRate: number | null;
  medianResponseMinutes: number | null;
  takeovers: number;
  contactFlags: number;
  waived: number;
  cancelled: number;
  pending: number;
  lateNoticeAbsences: number;
}

/** Keyset position: the last row's on-time rate (null sorts last) and seller id. */
export type SellerKey = [number | null, string];
export const isSellerKey = (k: unknown[]): k is SellerKey =>
  k.length === 2 && (k[0] === null || (typeof k[0] === 'number' && k[0] >= 0 && k[0] <= 1)) && typeof k[1] === 'string';

interface Row {
  seller_id: string;
  obligations: number;
  met: number;
  late: number;
  breached: number;
  waived: number;
  cancelled: number;
  pending: number;
  rate: number | null;
  median: number | null;
  takeovers: number;
  contact_flags: number;
  late_notice: number;
}

export async function sellerPage(
  db: Kysely<Database>,
  market: string,
  period: Period,
  sellerId: string | undefined,
  after: SellerKey | null,
  limit: number,
): Promise<{ rows: SellerRow[]; keys: SellerKey[] }> {
  const from = new Date(period.from);
  const to = new Date(period.to);
  let keyset: RawBuilder<boolean> = sql<boolean>`true`;
  if (after && after[0] !== null) keyset = sql<boolean>`(rate > ${after[0]} OR (rate = ${after[0]} AND seller_id COLLATE "C" > ${after[1]}) OR rate IS NULL)`;
  else if (after) keyset = sql<boolean>`(rate IS NULL AND seller_id COLLATE "C" > ${after[1]})`;
  const { rows } = await sql<Row>`
    WITH agg AS (
      SELECT seller_id,
        count(*) AS obligations,
        count(*) FILTER (WHERE state = 'met') AS met,
        count(*) FILTER (WHERE state = 'late') AS late,
        count(*) FILTER (WHERE state = 'breached') AS breached,
        count(*) FILTER (WHERE state = 'waived') AS waived,
        count(*) FILTER (WHERE state = 'cancelled') AS cancelled,
        count(*) FILTER (WHERE state = 'pending') AS pending,
        round((percentile_cont(0.5) WITHIN GROUP (ORDER BY response_minutes) FILTER (WHERE state IN ('met', 'late')))::numeric, 6)::float8 AS median
      FROM obligations
      WHERE market = ${market} AND requested_at >= ${from} AND requested_at < ${to}
        ${sellerId !== undefined ? sql`AND seller_id = ${sellerId}` : sql``}
      GROUP BY seller_id
    ),
    rated AS (
      SELECT *, CASE WHEN met + late + breached > 0 THEN met::float8 / (met + late + breached) END AS rate FROM agg
    ),
    page AS (
      SELECT * FROM rated WHERE ${keyset} ORDER BY rate ASC NULLS LAST, seller_id COLLATE "C" LIMIT ${limit}
    )
    SELECT p.*,
      (SELECT count(*) FROM takeovers t
        WHERE t.seller_id = p.seller_id AND t.market = ${market} AND t.at >= ${from} AND t.at < ${to} AND t.withdrawn_at IS NULL) AS takeovers,
      (SELECT count(*) FROM events e CROSS JOIN LATERAL jsonb_array_elements(e.flags) f
        WHERE e.seller_id = p.seller_id AND e.type = 'message.created' AND e.author = 'seller' AND e.flags <> '[]'::jsonb
          AND e.occurred_at >= ${from} AND e.occurred_at < ${to} AND e.market = ${market} AND f->>'kind' = 'contact_sharing') AS contact_flags,
      (SELECT count(*) FROM absences a
        WHERE a.seller_id = p.seller_id AND a.market = ${market} AND a.cancelled_at IS NULL
          -- a piece of a late whole counts when it has a working day (a weekend piece adds nothing to cover)
          AND (a.violation = 'late_notice' OR (a.continuous_violation = 'late_notice' AND a.working_days > 0))
          AND a.created_at >= ${from} AND a.created_at < ${to}) AS late_notice
    FROM page p
    ORDER BY rate ASC NULLS LAST, seller_id COLLATE "C"`.execute(db);
  const out = rows.map(
    (r): SellerRow => ({
      sellerId: r.seller_id,
      market,
      obligations: r.obligations,
      met: r.met,
      late: r.late,
      breached: r.breached,
      onTimeRate: r.rate,
      medianResponseMinutes: r.median,
      takeovers: r.takeovers,
      contactFlags: r.contact_flags,
      waived: r.waived,
      cancelled: r.cancelled,
      pending: r.pending,
      lateNoticeAbsences: r.late_notice,
    }),
  );
  return { rows: out, keys: rows.map((r): SellerKey => [r.rate, r.seller_id]) };
}
