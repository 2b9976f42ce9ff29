/** A working interval of one local day, in minutes after local midnight (end may be 1440 = 24:00). */
export type WallInterval = readonly [start: number, end: number];

export interface NamedDate {
  /** Local date `YYYY-MM-DD`. */
  readonly date: string;
  readonly name: string;
}

export interface DateException extends NamedDate {
  /** Replaces the day's hours entirely; empty closes the day. */
  readonly hours: readonly WallInterval[];
}

/** Everything the engine needs to know about a market's working time. Pure data plus one pure function. */
export interface ScheduleSpec {
  readonly timeZone: string;
  /** Index 0 = Sunday … 6 = Saturday. */
  readonly weekly: readonly (readonly WallInterval[])[];
  readonly exceptions: readonly DateException[];
  /** Holidays that close whole local days in `year`, one entry per closed date. */
  readonly holidaysOf: (year: number) => readonly NamedDate[];
}

/** What a local day looks like after weekday hours, holidays and exceptions are applied. */
export interface DayPlan {
  readonly day: number;
  readonly hours: readonly WallInterval[];
  /** Whether the weekday's own hours would open this day. */
  readonly regularlyOpen: boolean;
  readonly holiday?: string;
  readonly exception?: string;
}
