// Weekly trend of several sellers: their reply figures per week of the
// market (its local dates, from its first weekday: the scorecard's weeks),
// every week of the period listed, empty ones too, so that a chart shows a
// gap rather than skipping it.
import { replyFigures, weeksSpanned, weekOf, type Week, type WeekRule } from '../reports/index.js';
import type { ObligationState } from '../obligations/index.js';

export interface TrendFact {
  readonly sellerId: string;
  readonly state: ObligationState;
  readonly requestedAt: number;
}

export interface WeekPoint {
  readonly week: string;
  readonly obligations: number;
  readonly met: number;
  readonly late: number;
  readonly breached: number;
  readonly onTimeRate: number | null;
}

export interface SellerTrend {
  readonly sellerId: string;
  readonly weeks: WeekPoint[];
}

export function sellerTrends(market: WeekRule, period: { from: number; to: number }, sellerIds: readonly string[], facts: readonly TrendFact[]): { weeks: Week[]; sellers: SellerTrend[] } {
  const weeks = weeksSpanned(market, period.from, period.to);
  const buckets = new Map<string, Map<string, { state: ObligationState; responseMinutes: null }[]>>();
  for (const id of sellerIds) buckets.set(id, new Map(weeks.map((w) => [w.week, []])));
  for (const f of facts) {
    if (f.requestedAt < period.from || f.requestedAt >= period.to) continue;
    buckets.get(f.sellerId)?.get(weekOf(market, f.requestedAt).week)?.push({ state: f.state, responseMinutes: null });
  }
  const sellers = sellerIds.map((sellerId) => ({
    sellerId,
    weeks: weeks.map((w) => {
      const r = replyFigures(buckets.get(sellerId)!.get(w.week)!);
      return { week: w.week, obligations: r.obligations, met: r.met, late: r.late, breached: r.breached, onTimeRate: r.onTimeRate };
    }),
  }));
  return { weeks, sellers };
}
