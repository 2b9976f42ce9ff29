// A market's first day of the week, read from its weekly hours: the day after
// its weekend, so a week is a working week followed by its days off (Saudi
// Arabia, closed Friday and Saturday, starts on Sunday). No field in the market
// file: the hours already say it, and a second source could disagree with them.
import type { WallInterval } from './types.js';

/** 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * The day after the longest cyclic run of closed weekdays (a day with no
 * interval is closed). A tie goes to the run followed by Monday, then to the
 * earliest following day counting from Monday; with no closed weekday, or
 * none open, Monday (the ISO week).
 */
export function weekStartOf(weekly: readonly (readonly WallInterval[])[]): Weekday {
  const closed = (d: number) => weekly[((d % 7) + 7) % 7]!.length === 0;
  let best: Weekday = 1;
  let bestRun = 0;
  // Candidates from Monday on, so that the first of equal runs is the preferred one.
  for (let i = 0; i < 7; i++) {
    const day = ((i + 1) % 7) as Weekday;
    if (closed(day) || !closed(day - 1)) continue;
    let run = 1;
    while (run < 7 && closed(day - 1 - run)) run++;
    if (run > bestRun) [best, bestRun] = [day, run];
  }
  return best;
}
