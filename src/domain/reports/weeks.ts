// Weeks of instants, read in a market's time zone and starting on the
// market's first day of the week (calendar/weekStartOf: Sunday for Saudi
// Arabia, Monday for most): a Saudi seller's Sunday opens a week, it does not
// close the one before. A week is labelled with the ISO week of the Monday
// inside it, so one label names the same working days in every market and
// markets still compare week for week (SA's Sun 15–Sat 21 March 2026 and LV's
// Mon 16–Sun 22 are both 2026-W12).
import { formatDate, localDayOf, parseDate, weekdayOf, type Weekday } from '../../calendar/index.js';

export interface Week {
  /** e.g. 2026-W12: the ISO week of its Monday. */
  readonly week: string;
  /** The local date of its Monday, YYYY-MM-DD. */
  readonly monday: string;
  /** Its first and last local dates, YYYY-MM-DD (Monday and Sunday for an ISO week). */
  readonly firstDay: string;
  readonly lastDay: string;
}

/** How a market counts weeks; a Market satisfies it. */
export interface WeekRule {
  readonly timeZone: string;
  readonly weekStartsOn: Weekday;
}

/** ISO weeks in UTC: the weeks of facts with no market. */
export const UTC_ISO_WEEKS: WeekRule = { timeZone: 'UTC', weekStartsOn: 1 };

/** ISO week label of a Monday's day number: the week belongs to the year of its Thursday. */
function isoLabel(monday: number): string {
  const thursday = monday + 3;
  const year = Number(formatDate(thursday).slice(0, 4));
  const jan1 = parseDate(`${String(year).padStart(4, '0')}-01-01`)!;
  return `${year}-W${String(Math.floor((thursday - jan1) / 7) + 1).padStart(2, '0')}`;
}

/** Day number of the first day of the week, starting on `weekStartsOn`, that holds `day`. */
export const firstDayOf = (day: number, weekStartsOn: Weekday) => day - ((weekdayOf(day) - weekStartsOn + 7) % 7);

/** The week, starting on `weekStartsOn`, of a local day number. */
export function weekOfDay(day: number, weekStartsOn: Weekday): Week {
  const first = firstDayOf(day, weekStartsOn);
  const monday = first + ((1 - weekStartsOn + 7) % 7);
  return { week: isoLabel(monday), monday: formatDate(monday), firstDay: formatDate(first), lastDay: formatDate(first + 6) };
}

export function weekOf(rule: WeekRule, t: number): Week {
  return weekOfDay(localDayOf(rule.timeZone, t), rule.weekStartsOn);
}

/** Every week that overlaps [from, to) in the rule's zone, in order. */
export function weeksSpanned(rule: WeekRule, from: number, to: number): Week[] {
  if (to <= from) return [];
  const last = localDayOf(rule.timeZone, to - 1);
  const out: Week[] = [];
  for (let d = firstDayOf(localDayOf(rule.timeZone, from), rule.weekStartsOn); d <= last; d += 7) out.push(weekOfDay(d, rule.weekStartsOn));
  return out;
}
