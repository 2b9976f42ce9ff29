// ISO 8601 weeks (Monday to Sunday) of instants, read in a market's time
// zone: a reply at 01:30 Monday in Riga belongs to Monday's week even though
// it is still Sunday in UTC. Saudi markets work Sunday–Thursday, but their
// trend still buckets by ISO week, so markets compare week for week.
import { formatDate, localDayOf, parseDate, weekdayOf } from '../../calendar/index.js';

export interface IsoWeek {
  /** e.g. 2026-W12 */
  readonly week: string;
  /** The local date of its Monday, YYYY-MM-DD. */
  readonly monday: string;
}

/** ISO week of a local day number. */
export function isoWeekOfDay(day: number): IsoWeek {
  const isoWeekday = weekdayOf(day) === 0 ? 7 : weekdayOf(day);
  const monday = day - isoWeekday + 1;
  const thursday = monday + 3; // the week belongs to the year of its Thursday
  const year = Number(formatDate(thursday).slice(0, 4));
  const jan1 = parseDate(`${String(year).padStart(4, '0')}-01-01`)!;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return { week: `${year}-W${String(week).padStart(2, '0')}`, monday: formatDate(monday) };
}

export function isoWeekOf(zone: string, t: number): IsoWeek {
  return isoWeekOfDay(localDayOf(zone, t));
}

/** Every ISO week that overlaps [from, to) in the zone, in order. */
export function weeksSpanned(zone: string, from: number, to: number): IsoWeek[] {
  if (to <= from) return [];
  const first = localDayOf(zone, from);
  const last = localDayOf(zone, to - 1);
  const out: IsoWeek[] = [];
  for (let d = first - ((weekdayOf(first) + 6) % 7); d <= last; d += 7) out.push(isoWeekOfDay(d));
  return out;
}

