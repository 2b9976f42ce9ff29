// A seller's scorecard from the facts of one period: reply figures, takeovers
// by reason, message flags by kind, charges per currency, and the same per
// week (each fact in its own market's time zone and week) for a trend.
import { localDayOf, parseDate } from '../../calendar/index.js';
import { replyFigures, type ObligationFact, type ReplyFigures } from './figures.js';
import { weekOf, weeksSpanned, type Week, type WeekRule } from './weeks.js';

export interface Period {
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
}

export interface ScorecardFacts {
  readonly obligations: readonly (ObligationFact & { readonly market: string; readonly requestedAt: number })[];
  readonly takeovers: readonly { readonly market: string; readonly at: number; readonly reason: string }[];
  /** One entry per flag on the seller's own messages. */
  readonly flags: readonly { readonly market: string; readonly at: number; readonly kind: string }[];
  readonly charges: readonly { readonly market: string; readonly at: number; readonly currency: string; readonly amountMinor: number }[];
}

export interface ActivityFigures extends ReplyFigures {
  takeovers: number;
  takeoversByReason: Record<string, number>;
  /** contact_sharing flags, as in the sellers report. */
  contactFlags: number;
  flagsByKind: Record<string, number>;
  charges: { count: number; byCurrency: Record<string, number> };
}

export interface WeekFigures extends ActivityFigures, Week {}

export interface Scorecard extends ActivityFigures {
  weeks: WeekFigures[];
}

const bump = (m: Record<string, number>, k: string, by = 1) => {
  m[k] = (m[k] ?? 0) + by;
};

function activity(facts: ScorecardFacts): ActivityFigures {
  const takeoversByReason: Record<string, number> = {};
  const flagsByKind: Record<string, number> = {};
  const byCurrency: Record<string, number> = {};
  for (const t of facts.takeovers) bump(takeoversByReason, t.reason);
  for (const f of facts.flags) bump(flagsByKind, f.kind);
  for (const c of facts.charges) bump(byCurrency, c.currency, c.amountMinor);
  return {
    ...replyFigures(facts.obligations),
    takeovers: facts.takeovers.length,
    takeoversByReason,
    contactFlags: flagsByKind.contact_sharing ?? 0,
    flagsByKind,
    charges: { count: facts.charges.length, byCurrency },
  };
}

/**
 * `weeksOf` gives each market's zone and week; `listed` are those whose weeks
 * the period spans (listed even when empty, so a trend has no holes). Facts
 * meet by week label: when markets of different weeks share one (SA's Sunday
 * to Saturday, LV's Monday to Sunday), its firstDay and lastDay span both.
 */
export function scorecard(facts: ScorecardFacts, period: Period, weeksOf: (market: string) => WeekRule, listed: readonly WeekRule[]): Scorecard {
  const weeks = new Map<string, { week: Week; facts: { [K in keyof ScorecardFacts]: ScorecardFacts[K][number][] } }>();
  const slot = (w: Week) => {
    let s = weeks.get(w.week);
    if (!s) weeks.set(w.week, (s = { week: w, facts: { obligations: [], takeovers: [], flags: [], charges: [] } }));
    // Same label, other week start: YYYY-MM-DD dates compare as strings.
    else if (w.firstDay !== s.week.firstDay) s.week = { ...s.week, firstDay: [w.firstDay, s.week.firstDay].sort()[0]!, lastDay: [w.lastDay, s.week.lastDay].sort()[1]! };
    return s.facts;
  };
  for (const r of listed) for (const w of weeksSpanned(r, period.from, period.to)) slot(w);
  for (const o of facts.obligations) slot(weekOf(weeksOf(o.market), o.requestedAt)).obligations.push(o);
  for (const t of facts.takeovers) slot(weekOf(weeksOf(t.market), t.at)).takeovers.push(t);
  for (const f of facts.flags) slot(weekOf(weeksOf(f.market), f.at)).flags.push(f);
  for (const c of facts.charges) slot(weekOf(weeksOf(c.market), c.at)).charges.push(c);
  return {
    ...activity(facts),
    weeks: [...weeks.values()].sort((a, b) => (a.week.monday < b.week.monday ? -1 : 1)).map((s) => ({ ...s.week, ...activity(s.facts) })),
  };
}

/** Whether an absence's local dates [from, to] (inclusive) meet the period [from, to) read in the zone. */
export function absenceOverlaps(zone: string, fromDate: string, toDate: string, period: Period): boolean {
  if (period.to <= period.from) return false;
  return parseDate(fromDate)! <= localDayOf(zone, period.to - 1) && parseDate(toDate)! >= localDayOf(zone, period.from);
}
