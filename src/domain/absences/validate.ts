// The rules a new absence must meet before it is stored (CONTRACT §7): it may
// not start before the market's local today, end before it starts, or span
// more than a year; and it may not overlap another live absence of the same
// seller and market (we refuse with 409 rather than merge: merging would
// silently change an absence the seller already holds, and its notice).
export const MAX_ABSENCE_DAYS = 365;

/** Local dates as day numbers, both ends inclusive. */
export interface DayRange {
  readonly from: number;
  readonly to: number;
}

export interface Problem {
  readonly field: 'from' | 'to';
  readonly message: string;
}

/** Calendar days in an inclusive range. */
export const spanDays = (r: DayRange): number => r.to - r.from + 1;

export function rangeProblems(r: DayRange, today: number): Problem[] {
  const problems: Problem[] = [];
  if (r.from < today) problems.push({ field: 'from', message: "must not be before the market's local today" });
  if (r.to < r.from) problems.push({ field: 'to', message: 'must not be before from' });
  else if (spanDays(r) > MAX_ABSENCE_DAYS) problems.push({ field: 'to', message: `an absence spans at most ${MAX_ABSENCE_DAYS} days` });
  return problems;
}

/** Whether two inclusive ranges share at least one day (touching ranges do not). */
export const overlaps = (a: DayRange, b: DayRange): boolean => a.from <= b.to && b.from <= a.to;

/** The existing ranges a candidate overlaps. */
export const overlapping = <T extends DayRange>(existing: readonly T[], candidate: DayRange): T[] => existing.filter((e) => overlaps(e, candidate));
