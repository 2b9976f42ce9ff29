// An absence request judged against its market: the range rules, then the
// figures the contract returns (workingDays, noticeDays, compliance).
// Pure: the caller passes the clock's instant.
import { compliance, localToday, noticeDays, type AbsencePolicy, type Compliance } from './notice.js';
import { rangeProblems, type DayRange, type Problem } from './validate.js';
import { workingDays, type DayLister } from './working-days.js';

export interface AbsenceMarket {
  readonly timeZone: string;
  readonly schedule: DayLister;
  readonly policy: { readonly absence: AbsencePolicy };
}

export interface AbsenceFigures extends Compliance {
  readonly workingDays: number;
  readonly noticeDays: number;
}

export type Assessment = { readonly ok: true; readonly figures: AbsenceFigures } | { readonly ok: false; readonly problems: Problem[] };

export function assessAbsence(market: AbsenceMarket, range: DayRange, now: number): Assessment {
  const today = localToday(market.timeZone, now);
  const problems = rangeProblems(range, today);
  if (problems.length > 0) return { ok: false, problems };
  const working = workingDays(market.schedule, range.from, range.to);
  const notice = noticeDays(today, range.from);
  return { ok: true, figures: { workingDays: working, noticeDays: notice, ...compliance(working, notice, market.policy.absence) } };
}

