// Notice and compliance of an absence (CONTRACT §7, POLICIES D: an absence of
// more than 5 working days is announced at least two weeks in advance).
// Both numbers come from the market's policy, never from code.
import { localDayOf } from '../../calendar/index.js';

export interface AbsencePolicy {
  readonly maxWorkingDaysWithoutNotice: number;
  readonly minNoticeDays: number;
}

export type AbsenceViolation = 'late_notice';

export interface Compliance {
  readonly compliant: boolean;
  readonly violation?: AbsenceViolation;
}

/** The market's local date (day number) at instant `now`. */
export const localToday = (timeZone: string, now: number): number => localDayOf(timeZone, now);

/** Calendar days from the market's local today to the first day of the absence. */
export const noticeDays = (today: number, fromDay: number): number => fromDay - today;

/** Short absences need no notice; longer ones need the policy's notice. */
export function compliance(workingDays: number, notice: number, policy: AbsencePolicy): Compliance {
  const compliant = workingDays <= policy.maxWorkingDaysWithoutNotice || notice >= policy.minNoticeDays;
  return compliant ? { compliant } : { compliant, violation: 'late_notice' };
}
