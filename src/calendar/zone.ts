// The ONE place where local wall time becomes an instant (CONTRACT §1):
// a wall time in a spring-forward gap moves forward by the gap; an ambiguous
// one (fall-back) takes its earlier instant. Offsets come from the IANA
// database through @date-fns/tz (Intl); no offset is ever added by hand.
import { tzOffset } from '@date-fns/tz';
import { DAY_MS, MINUTE_MS } from './civil.js';

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** UTC offset of `zone` at instant `t`, in ms (positive east of Greenwich). */
export function offsetAt(zone: string, t: number): number {
  return tzOffset(zone, new Date(t)) * MINUTE_MS;
}

/** The instant of local wall time `minute` (0…1440) on local day `day`. */
export function wallToInstant(zone: string, day: number, minute: number): number {
  const wall = day * DAY_MS + minute * MINUTE_MS;
  // Offsets a day either side bracket any transition near this wall time
  // (real zones never change twice within two days).
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  const early = wall - Math.max(before, after);
  const late = wall - Math.min(before, after);
  const earlyValid = offsetAt(zone, early) === Math.max(before, after);
  if (before === after && earlyValid) return early;
  const lateValid = offsetAt(zone, late) === Math.min(before, after);
  if (earlyValid) return early; // ambiguous or unique: the earlier instant
  if (lateValid) return late;
  // In the gap: read the wall time with the offset in force before the jump,
  // which moves it forward by the size of the gap.
  return wall - before;
}

/** The local day (day number) that contains instant `t`. */
export function localDayOf(zone: string, t: number): number {
  return Math.floor((t + offsetAt(zone, t)) / DAY_MS);
}

/**
 * Wall interval [startMinute, endMinute) of local `day` as instants; minute
 * 1440 ('24:00') is 00:00 of the next day, not the day's start + 24 h. Empty
 * (end at or before start) when a DST change swallows it.
 */
export function wallIntervalToInstants(zone: string, day: number, startMinute: number, endMinute: number): [number, number] {
  const s = wallToInstant(zone, day, startMinute);
  const e = endMinute === 1440 ? wallToInstant(zone, day + 1, 0) : wallToInstant(zone, day, endMinute);
  return [s, e];
}

/** Whether a day's wall hours hold any working time once mapped to instants (hours wholly in a spring-forward gap hold none). */
export function holdsWorkingTime(zone: string, day: number, hours: readonly (readonly [number, number])[]): boolean {
  return hours.some(([s, e]) => {
    const [start, end] = wallIntervalToInstants(zone, day, s, e);
    return end > start;
  });
}
