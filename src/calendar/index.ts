// Pure working-time engine: market schedule → compiled intervals → due(), workingMinutes().
export { DAY_MS, MINUTE_MS, formatDate, formatWallTime, parseDate, parseWallTime, weekdayOf } from './civil.js';
export { holdsWorkingTime, isValidTimeZone, localDayOf, offsetAt, wallToInstant } from './zone.js';
export { compileSchedule, type CalendarDay, type Schedule } from './schedule.js';
export { closedDayReason, type CountedInterval, type DueExplanation, type SkippedDay } from './explain.js';
export { referenceSchedule } from './reference.js';
export { MAX_YEAR, MIN_YEAR } from './timeline.js';
export { weekStartOf, type Weekday } from './week-start.js';
export type { DateException, DayPlan, NamedDate, ScheduleSpec, WallInterval } from './types.js';
