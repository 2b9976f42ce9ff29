// Working time compiled into sorted, merged intervals of epoch ms with the
// cumulative working time before each one, so that due() and
// workingMinutes() are binary searches rather than walks over days.
// Years are compiled lazily, at either end, the first time an instant needs them.
import { DAY_MS, firstDayOfYear } from './civil.js';
import type { DayPlanner } from './day-plan.js';
import { localDayOf, wallIntervalToInstants, wallToInstant } from './zone.js';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2400;

/** Mutable cache owned by one compiled schedule; nothing here is shared. */
export class Timeline {
  starts = new Float64Array(0);
  ends = new Float64Array(0);
  /** cum[i] = working ms in intervals 0…i-1; cum[n] = total. */
  cum = new Float64Array(1);
  /** dayIndex[b] = first interval ending after the start of UTC day bucket b (from dayBase): O(1) lookups. */
  private dayIndex = new Int32Array(0);
  private dayBase = 0;
  firstYear = 0;
  lastYear = -1;
  rangeStart = 0;
  rangeEnd = 0;

  constructor(
    private readonly zone: string,
    private readonly plan: DayPlanner,
  ) {}

  get length(): number {
    return this.starts.length;
  }

  /** Make sure the compiled range contains instant t (and the instant just after it). */
  cover(t: number): void {
    if (this.lastYear < this.firstYear) {
      const year = new Date(localDayOf(this.zone, t) * DAY_MS).getUTCFullYear();
      this.checkYear(year);
      this.firstYear = year;
      this.lastYear = year - 1;
      this.rangeStart = this.rangeEnd = this.yearStart(year);
      this.extendForward();
    }
    while (t < this.rangeStart) this.extendBackward();
    while (t >= this.rangeEnd) this.extendForward();
  }

  extendForward(): void {
    const year = this.lastYear + 1;
    this.checkYear(year);
    const [s, e] = this.compileYear(year);
    this.append(s, e);
    this.lastYear = year;
    this.rangeEnd = this.yearStart(year + 1);
    this.index();
  }

  private extendBackward(): void {
    const year = this.firstYear - 1;
    this.checkYear(year);
    const [s, e] = this.compileYear(year);
    const n = this.length;
    const starts = [...s];
    const ends = [...e];
    let from = 0;
    // An interval that runs over New Year's midnight merges with the next year's first.
    if (ends.length > 0 && n > 0 && ends[ends.length - 1] === this.starts[0]) {
      ends[ends.length - 1] = this.ends[0]!;
      from = 1;
    }
    for (let i = from; i < n; i++) {
      starts.push(this.starts[i]!);
      ends.push(this.ends[i]!);
    }
    this.setIntervals(starts, ends);
    this.firstYear = year;
    this.rangeStart = this.yearStart(year);
    this.index();
  }

  private append(s: number[], e: number[]): void {
    const n = this.length;
    const starts = Array.from(this.starts);
    const ends = Array.from(this.ends);
    let from = 0;
    if (n > 0 && s.length > 0 && this.ends[n - 1] === s[0]) {
      ends[n - 1] = e[0]!;
      from = 1;
    }
    for (let i = from; i < s.length; i++) {
      starts.push(s[i]!);
      ends.push(e[i]!);
    }
    this.setIntervals(starts, ends);
  }

  private setIntervals(starts: number[], ends: number[]): void {
    this.starts = Float64Array.from(starts);
    this.ends = Float64Array.from(ends);
    const cum = new Float64Array(starts.length + 1);
    for (let i = 0; i < starts.length; i++) cum[i + 1] = cum[i]! + (ends[i]! - starts[i]!);
    this.cum = cum;
  }

  /** Rebuilds the day-bucket index after the range or the intervals changed. */
  private index(): void {
    const base = Math.floor(this.rangeStart / DAY_MS) * DAY_MS;
    const buckets = Math.ceil((this.rangeEnd - base) / DAY_MS) + 1;
    const idx = new Int32Array(buckets + 1);
    const ends = this.ends;
    let i = 0;
    for (let b = 0; b <= buckets; b++) {
      const t = base + b * DAY_MS;
      while (i < ends.length && ends[i]! <= t) i++;
      idx[b] = i;
    }
    this.dayIndex = idx;
    this.dayBase = base;
  }

  private yearStart(year: number): number {
    return wallToInstant(this.zone, firstDayOfYear(year), 0);
  }

  private checkYear(year: number): void {
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new RangeError(`working time is computed for years ${MIN_YEAR}–${MAX_YEAR} only (needed ${year})`);
    }
  }

  /** Merged working intervals of one local year, as instants. */
  private compileYear(year: number): [number[], number[]] {
    const starts: number[] = [];
    const ends: number[] = [];
    const last = firstDayOfYear(year + 1);
    for (let day = firstDayOfYear(year); day < last; day++) {
      for (const [sMin, eMin] of this.plan(day).hours) {
        const [s, e] = wallIntervalToInstants(this.zone, day, sMin, eMin);
        if (e <= s) continue; // an interval swallowed by a DST change is empty
        const n = ends.length;
        if (n > 0 && s <= ends[n - 1]!) {
          if (e > ends[n - 1]!) ends[n - 1] = e;
        } else {
          starts.push(s);
          ends.push(e);
        }
      }
    }
    return [starts, ends];
  }

  /** Index of the first interval whose end is after t (n when none); t must be covered. */
  firstEndingAfter(t: number): number {
    const ends = this.ends;
    const b = Math.floor((t - this.dayBase) / DAY_MS);
    // The answer lies between the buckets' bounds: usually zero to two steps.
    let i = this.dayIndex[b]!;
    const hi = this.dayIndex[b + 1]!;
    while (i < hi && ends[i]! <= t) i++;
    return i;
  }

  /** Working ms from the start of the compiled range to t (t must be covered). */
  workedBefore(t: number): number {
    const i = this.firstEndingAfter(t);
    if (i < this.starts.length && this.starts[i]! < t) return this.cum[i]! + (t - this.starts[i]!);
    return this.cum[i]!;
  }

  /**
   * Index of the interval in which cumulative working time reaches `target`
   * (target ≤ total), searched from interval `from` onwards: galloping, then
   * binary, so a short count costs a step or two and a long one stays logarithmic.
   */
  intervalReaching(target: number, from = 0): number {
    const cum = this.cum;
    const last = cum.length - 2;
    let lo = from;
    let step = 1;
    while (lo + step <= last && cum[lo + step]! < target) {
      lo += step;
      step *= 2;
    }
    let hi = Math.min(lo + step, last);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid + 1]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
