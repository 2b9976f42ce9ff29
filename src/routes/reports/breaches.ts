// GET /v1/reports/breaches (CONTRACT §6): every late or breached obligation
// of a market with dueAt in [from, to), in (dueAt, obligation id) order.
// Index: obligations_breach_report (market, due_at, id) WHERE state IN
// ('late', 'breached'); with a seller, obligations_seller_breach_report.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { lateByMinutes } from '../../domain/reports/index.js';
import type { Market } from '../../markets/index.js';
import type { Period } from './period.js';
import { instantOrProblem } from '../params.js';

export const BREACH_COLUMNS = ['caseId', 'sellerId', 'market', 'requestedAt', 'dueAt', 'answeredAt', 'state', 'lateByMinutes', 'takenOver'] as const;

export interface BreachRow {
  caseId: string;
  sellerId: string;
  market: string;
  requestedAt: string;
  dueAt: string;
  answeredAt: string | null;
  state: 'late' | 'breached';
  lateByMinutes: number | null;
  takenOver: boolean;
}

/** Keyset position: the last row's dueAt (ISO) and obligation id. */
export type BreachKey = [string, number];
export const isBreachKey = (k: unknown[]): k is BreachKey =>
  k.length === 2 && typeof instantOrProblem(k[0]) === 'number' && Number.isSafeInteger(k[1]);

export async function breachPage(
  db: Kysely<Database>,
  market: Market,
  period: Period,
  sellerId: string | undefined,
  after: BreachKey | null,
  limit: number,
  now: number,
): Promise<{ rows: BreachRow[]; keys: BreachKey[] }> {
  const found = await db
    .selectFrom('obligations as o')
    .innerJoin('cases as c', 'c.id', 'o.case_id')
    .select(['o.id', 'o.case_id', 'o.seller_id', 'o.market', 'o.requested_at', 'o.due_at', 'o.answered_at', 'o.state', 'o.late_by_minutes'])
    .select(sql<boolean>`c.takeover_at IS NOT NULL`.as('taken_over'))
    .where('o.market', '=', market.code)
    // Literal states, so the planner matches the partial indexes' predicate.
    .where(sql<boolean>`o.state IN ('late', 'breached')`)
    .where('o.due_at', '>=', new Date(period.from))
    .where('o.due_at', '<', new Date(period.to))
    .$if(sellerId !== undefined, (q) => q.where('o.seller_id', '=', sellerId!))
    .$if(after !== null, (q) => q.where((eb) => eb(eb.refTuple('o.due_at', 'o.id'), '>', eb.tuple(new Date(after![0]), after![1]))))
    .orderBy('o.due_at')
    .orderBy('o.id')
    .limit(limit)
    .execute();
  const rows = found.map(
    (o): BreachRow => ({
      caseId: o.case_id,
      sellerId: o.seller_id,
      market: o.market,
      requestedAt: o.requested_at.toISOString(),
      dueAt: o.due_at.toISOString(),
      answeredAt: o.answered_at?.toISOString() ?? null,
      state: o.state as 'late' | 'breached',
      lateByMinutes: lateByMinutes({ state: o.state, dueAt: o.due_at.getTime(), storedLateBy: o.late_by_minutes }, now, market.schedule.workingMinutes),
      takenOver: o.taken_over,
    }),
  );
  return { rows, keys: found.map((o): BreachKey => [o.due_at.toISOString(), o.id]) };
}
