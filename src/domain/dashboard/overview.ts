// The instants an overview of one market is computed over, from the market's
// schedule and the clock's instant. Pure: the caller passes `now`.
// - dueSoonUntil: the deadline of 4 working hours from now, so "due within the
//   next 4 working hours" follows the market calendar (on a Saturday it
//   reaches into Monday morning).
// - days: the last `dayCount` local dates of the market, today included; the
//   chart buckets breaches by the local date of their deadline, as the breach
//   report filters them by deadline.
// - weekStart: local 00:00 of the first day of the market's current week (the
//   scorecard's weeks: Sunday in Saudi Arabia, Monday in most markets).
import { formatDate, localDayOf, wallToInstant, type Weekday } from '../../calendar/index.js';
import { firstDayOf } from '../reports/index.js';

export const DUE_SOON_MINUTES = 240;
export const CHART_DAYS = 30;

export interface OverviewMarket {
  readonly timeZone: string;
  readonly weekStartsOn: Weekday;
  readonly schedule: { due(start: number, minutes: number): number };
}

export interface OverviewWindow {
  readonly now: number;
  readonly dueSoonUntil: number;
  /** Local dates, oldest first, today last. */
  readonly days: readonly string[];
  /** [local 00:00 of the first day, local 00:00 after today). */
  readonly daysFrom: number;
  readonly daysTo: number;
  readonly weekStart: number;
}

export function overviewWindow(market: OverviewMarket, now: number, dayCount = CHART_DAYS): OverviewWindow {
  const today = localDayOf(market.timeZone, now);
  const first = today - dayCount + 1;
  const days: string[] = [];
  for (let d = first; d <= today; d++) days.push(formatDate(d));
  return {
    now,
    dueSoonUntil: market.schedule.due(now, DUE_SOON_MINUTES),
    days,
    daysFrom: wallToInstant(market.timeZone, first, 0),
    daysTo: wallToInstant(market.timeZone, today + 1, 0),
    weekStart: wallToInstant(market.timeZone, firstDayOf(today, market.weekStartsOn), 0),
  };
}

export interface DayCount {
  readonly date: string;
  readonly state: 'late' | 'breached';
  readonly count: number;
}

/** One entry per day of the window (zeros included), late and breached apart. */
export function breachesPerDay(days: readonly string[], counts: readonly DayCount[]): { date: string; late: number; breached: number }[] {
  const byDay = new Map(days.map((date) => [date, { date, late: 0, breached: 0 }]));
  for (const c of counts) {
    const entry = byDay.get(c.date);
    if (entry) entry[c.state] += c.count;
  }
  return [...byDay.values()];
}
