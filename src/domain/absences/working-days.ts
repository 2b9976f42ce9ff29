// Working days of an absence (CONTRACT §7): the open days of the market
// calendar in a local date range, inclusive. "Open" is what the calendar says
// after weekday hours, public holidays and exceptions: a holiday is not a
// working day, a transferred working Saturday is.
import type { CalendarDay } from '../../calendar/index.js';

/** What workingDays needs of a compiled schedule. */
export interface DayLister {
  days(fromDay: number, toDay: number): readonly CalendarDay[];
}

/** Open: the day's hours hold working time once mapped to instants (not hours wholly inside a spring-forward gap). */
export const isOpenDay = (day: CalendarDay): boolean => day.open;

/** Open days from `fromDay` to `toDay` inclusive (day numbers); 0 when `toDay` is before `fromDay`. */
export function workingDays(schedule: DayLister, fromDay: number, toDay: number): number {
  if (toDay < fromDay) return 0;
  return schedule.days(fromDay, toDay).filter(isOpenDay).length;
}
