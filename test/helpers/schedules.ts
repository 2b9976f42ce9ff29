// Hand-made schedule specs for engine tests: no market files, no date-holidays.
import { parseWallTime, type DateException, type NamedDate, type ScheduleSpec } from '../../src/calendar/index.js';

type Day = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
const DAYS: Day[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
type Hours = [string, string][];

const wall = (hours: Hours) => hours.map(([s, e]) => [parseWallTime(s)!, parseWallTime(e)!] as const);

export function spec(
  timeZone: string,
  weekly: Partial<Record<Day, Hours>>,
  opts: { holidays?: NamedDate[]; exceptions?: { date: string; hours: Hours; name: string }[] } = {},
): ScheduleSpec {
  const exceptions: DateException[] = (opts.exceptions ?? []).map((e) => ({ ...e, hours: wall(e.hours) }));
  const holidays = opts.holidays ?? [];
  return {
    timeZone,
    weekly: DAYS.map((d) => wall(weekly[d] ?? [])),
    exceptions,
    holidaysOf: (year) => holidays.filter((h) => h.date.startsWith(`${year}-`)),
  };
}

const ALL_DAY: Hours = [['00:00', '24:00']];
export const weekdays24 = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY };
export const everyDay24 = { ...weekdays24, sat: ALL_DAY, sun: ALL_DAY };
const SA_DAY: Hours = [['08:00', '20:00']];
export const sunToThu = { sun: SA_DAY, mon: SA_DAY, tue: SA_DAY, wed: SA_DAY, thu: SA_DAY };

export const iso = (t: number) => new Date(t).toISOString();
export const at = (s: string) => {
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new Error(`bad instant in test: ${s}`);
  return t;
};
