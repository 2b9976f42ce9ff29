// Which hours a local day has: an exception wins over a holiday, and a
// holiday over the weekday's hours (CONTRACT §1).
import { parseDate, weekdayOf, yearOf } from './civil.js';
import type { DateException, DayPlan, ScheduleSpec } from './types.js';

export type DayPlanner = (day: number) => DayPlan;

export function dayPlanner(spec: ScheduleSpec): DayPlanner {
  const exceptions = new Map<number, DateException>();
  for (const e of spec.exceptions) {
    const day = parseDate(e.date);
    if (day === null) throw new RangeError(`exception date is not a date: ${e.date}`);
    exceptions.set(day, e);
  }
  const holidayYears = new Map<number, Map<number, string>>();
  const holidaysIn = (year: number): Map<number, string> => {
    let byDay = holidayYears.get(year);
    if (!byDay) {
      byDay = new Map();
      for (const h of spec.holidaysOf(year)) {
        const day = parseDate(h.date);
        if (day === null) continue;
        const seen = byDay.get(day);
        byDay.set(day, seen && seen !== h.name ? `${seen}; ${h.name}` : h.name);
      }
      holidayYears.set(year, byDay);
    }
    return byDay;
  };

  return (day) => {
    const holiday = holidaysIn(yearOf(day)).get(day);
    const exception = exceptions.get(day);
    const weekly = spec.weekly[weekdayOf(day)] ?? [];
    const hours = exception ? exception.hours : holiday !== undefined ? [] : weekly;
    return {
      day,
      hours,
      regularlyOpen: weekly.length > 0,
      ...(holiday !== undefined ? { holiday } : {}),
      ...(exception ? { exception: exception.name } : {}),
    };
  };
}
