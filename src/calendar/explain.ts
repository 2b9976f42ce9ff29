// Why a deadline is what it is: the working intervals counted between the
// start and the deadline, and the closed local days skipped on the way.
import { formatDate, MINUTE_MS, weekdayOf } from './civil.js';
import type { DayPlanner } from './day-plan.js';
import type { Timeline } from './timeline.js';
import type { DayPlan } from './types.js';
import { holdsWorkingTime, localDayOf } from './zone.js';

export interface CountedInterval {
  readonly from: number;
  readonly to: number;
  readonly minutes: number;
}

export interface SkippedDay {
  readonly date: string;
  readonly reason: string;
}

export interface DueExplanation {
  readonly due: number;
  readonly counted: CountedInterval[];
  readonly skipped: SkippedDay[];
  /** True when a list was cut at the limit. */
  readonly truncated: boolean;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function closedDayReason(p: DayPlan): string {
  if (p.hours.length > 0) return 'its hours fall in the clock change (daylight saving time)';
  if (p.exception !== undefined) return p.exception;
  if (p.holiday !== undefined && p.regularlyOpen) return p.holiday;
  const weekday = WEEKDAYS[weekdayOf(p.day)]!;
  return p.holiday !== undefined ? `${weekday}, not a working day (also ${p.holiday})` : `${weekday}, not a working day`;
}

export function explainDue(
  tl: Timeline,
  plan: DayPlanner,
  zone: string,
  start: number,
  due: number,
  limit: number,
): DueExplanation {
  const counted: CountedInterval[] = [];
  const skipped: SkippedDay[] = [];
  let truncated = false;
  if (due > start) {
    tl.cover(start);
    tl.cover(due);
    for (let i = tl.firstEndingAfter(start); i < tl.length && tl.starts[i]! < due; i++) {
      const from = Math.max(start, tl.starts[i]!);
      const to = Math.min(due, tl.ends[i]!);
      if (to <= from) continue;
      if (counted.length >= limit) {
        truncated = true;
        break;
      }
      counted.push({ from, to, minutes: (to - from) / MINUTE_MS });
    }
    // The last day entered: a deadline at a local midnight (a day's 24:00) does not enter the day it starts.
    const lastDay = localDayOf(zone, due - 1);
    for (let d = localDayOf(zone, start); d <= lastDay; d++) {
      const p = plan(d);
      if (holdsWorkingTime(zone, d, p.hours)) continue;
      if (skipped.length >= limit) {
        truncated = true;
        break;
      }
      skipped.push({ date: formatDate(d), reason: closedDayReason(p) });
    }
  }
  return { due, counted, skipped, truncated };
}
