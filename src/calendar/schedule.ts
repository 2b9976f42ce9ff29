// A market's compiled schedule: the two questions of CONTRACT §2, plus the
// explanations and day listings built from the same compiled intervals.
import { MINUTE_MS } from './civil.js';
import { dayPlanner } from './day-plan.js';
import { explainDue, type DueExplanation } from './explain.js';
import { Timeline } from './timeline.js';
import type { DayPlan, ScheduleSpec } from './types.js';
import { holdsWorkingTime } from './zone.js';

/** A local day's plan, and whether it is open: whether its hours hold working time once mapped to instants. */
export interface CalendarDay extends DayPlan {
  readonly open: boolean;
}

export interface Schedule {
  readonly timeZone: string;
  /** The instant at which `minutes` of working time have elapsed from `start` (epoch ms). */
  due(start: number, minutes: number): number;
  /** Working time in [from, to) in minutes, exact to the millisecond. */
  workingMinutes(from: number, to: number): number;
  /** due() with the intervals counted and the closed days skipped. */
  explainDue(start: number, minutes: number, limit?: number): DueExplanation;
  /** The plan of each local day from `fromDay` to `toDay` inclusive (day numbers). */
  days(fromDay: number, toDay: number): CalendarDay[];
  /** Whether instant t lies inside working time. */
  isWorking(t: number): boolean;
}

function checkInstant(name: string, t: number): void {
  if (!Number.isFinite(t)) throw new RangeError(`${name} must be a finite instant`);
}

export function compileSchedule(spec: ScheduleSpec): Schedule {
  const plan = dayPlanner(spec);
  const tl = new Timeline(spec.timeZone, plan);

  const due = (start: number, minutes: number): number => {
    checkInstant('start', start);
    if (!(minutes >= 0) || !Number.isFinite(minutes)) throw new RangeError('minutes must be a finite number ≥ 0');
    if (minutes === 0) return start;
    tl.cover(start);
    const i = tl.firstEndingAfter(start);
    const worked = i < tl.length && tl.starts[i]! < start ? tl.cum[i]! + (start - tl.starts[i]!) : tl.cum[i]!;
    const target = worked + Math.round(minutes * MINUTE_MS);
    while (target > tl.cum[tl.length]!) tl.extendForward();
    const j = tl.intervalReaching(target, Math.min(i, tl.length - 1));
    return tl.starts[j]! + (target - tl.cum[j]!);
  };

  const workingMinutes = (from: number, to: number): number => {
    checkInstant('from', from);
    checkInstant('to', to);
    if (to <= from) return 0;
    tl.cover(from);
    tl.cover(to);
    return (tl.workedBefore(to) - tl.workedBefore(from)) / MINUTE_MS;
  };

  return {
    timeZone: spec.timeZone,
    due,
    workingMinutes,
    explainDue: (start, minutes, limit = 1000) => explainDue(tl, plan, spec.timeZone, start, due(start, minutes), limit),
    days: (fromDay, toDay) => {
      const out: CalendarDay[] = [];
      for (let d = fromDay; d <= toDay; d++) {
        const p = plan(d);
        out.push({ ...p, open: holdsWorkingTime(spec.timeZone, d, p.hours) });
      }
      return out;
    },
    isWorking: (t) => {
      tl.cover(t);
      const i = tl.firstEndingAfter(t);
      return i < tl.length && tl.starts[i]! <= t;
    },
  };
}
