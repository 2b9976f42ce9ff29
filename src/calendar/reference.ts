// The obvious day-by-day implementation of CONTRACT §2: no compilation, no
// search. Slow on purpose. Tests use it as an oracle for the compiled
// engine, and the bench measures the engine against it.
import { DAY_MS, MINUTE_MS } from './civil.js';
import { dayPlanner } from './day-plan.js';
import type { ScheduleSpec } from './types.js';
import { localDayOf, wallToInstant } from './zone.js';

/** A day's working time: the union of its mapped intervals (a spring-forward gap can make two overlap). */
function intervalsOfDay(spec: ScheduleSpec, plan: ReturnType<typeof dayPlanner>, day: number): [number, number][] {
  const mapped: [number, number][] = [];
  for (const [s, e] of plan(day).hours) {
    const from = wallToInstant(spec.timeZone, day, s);
    const to = e === 1440 ? wallToInstant(spec.timeZone, day + 1, 0) : wallToInstant(spec.timeZone, day, e);
    if (to > from) mapped.push([from, to]);
  }
  mapped.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [from, to] of mapped) {
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

export function referenceSchedule(spec: ScheduleSpec) {
  const plan = dayPlanner(spec);
  return {
    due(start: number, minutes: number): number {
      if (minutes === 0) return start;
      let left = minutes * MINUTE_MS;
      for (let day = localDayOf(spec.timeZone, start) - 1; ; day++) {
        for (const [from, to] of intervalsOfDay(spec, plan, day)) {
          const s = Math.max(from, start);
          if (to <= s) continue;
          if (to - s >= left) return s + left;
          left -= to - s;
        }
        if (day * DAY_MS > start + 20 * 366 * DAY_MS) throw new RangeError('no working time within 20 years');
      }
    },
    workingMinutes(from: number, to: number): number {
      let ms = 0;
      const last = localDayOf(spec.timeZone, to);
      for (let day = localDayOf(spec.timeZone, from) - 1; day <= last; day++) {
        for (const [s, e] of intervalsOfDay(spec, plan, day)) {
          const a = Math.max(s, from);
          const b = Math.min(e, to);
          if (b > a) ms += b - a;
        }
      }
      return ms / MINUTE_MS;
    },
  };
}
