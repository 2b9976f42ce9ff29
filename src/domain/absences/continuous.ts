// One absence registered in pieces (POLICIES D: an absence of more than 5
// working days is announced two weeks ahead). Each piece of a two-week
// absence can be short enough to need no notice, so a new absence is also
// judged together with the live absences it adjoins: those with no working
// day between them and it, and theirs in turn. A long whole is compliant
// when every piece of it with a working day was announced with the notice a
// long absence needs (each piece's own noticeDays, counted when it was
// registered): so the order in which pieces are registered does not matter,
// a short piece announced late makes the whole late, and a piece with no
// working day (a weekend in front) adds nothing to cover and is not judged.
// The contract's figures (workingDays, noticeDays, compliant) stay those of
// the piece alone; this is an extension beside them.
import { compliance, type AbsencePolicy, type Compliance } from './notice.js';
import { MAX_ABSENCE_DAYS, type DayRange } from './validate.js';
import { workingDays, type DayLister } from './working-days.js';

/** A registered absence, or the candidate: its days with the figures it was registered with. */
export interface AbsencePiece extends DayRange {
  readonly workingDays: number;
  /** Calendar days from the market's local today at its registration to its first day. */
  readonly noticeDays: number;
}

export interface ContinuousAbsence extends Compliance, DayRange {
  /** Open days of the market calendar from `from` to `to` (the gaps between pieces have none). */
  readonly workingDays: number;
}

/**
 * Whether nothing but closed days lies between two ranges that do not
 * overlap. A gap longer than an absence may be is never closed throughout
 * in a real calendar, and is not read.
 */
function adjoins(a: DayRange, b: DayRange, schedule: DayLister): boolean {
  const [first, second] = a.from <= b.from ? [a, b] : [b, a];
  const gapFrom = first.to + 1;
  const gapTo = second.from - 1;
  if (gapTo < gapFrom) return true; // touching or overlapping
  if (gapTo - gapFrom + 1 > MAX_ABSENCE_DAYS) return false;
  return workingDays(schedule, gapFrom, gapTo) === 0;
}

/**
 * The candidate grown by every existing range it adjoins, directly or through
 * others. Live absences never overlap (registration refuses it), so sorted by
 * their first day the span grows outwards one neighbour at a time: a range
 * that does not adjoin it has a working day between, and so has every range
 * beyond that one. Linear after the sort, however many absences a seller holds.
 */
export function continuousSpan(existing: readonly DayRange[], candidate: DayRange, schedule: DayLister): DayRange {
  const sorted = [...existing].sort((a, b) => a.from - b.from);
  let from = candidate.from;
  let to = candidate.to;
  const found = sorted.findIndex((r) => r.from > candidate.from);
  const after = found < 0 ? sorted.length : found; // the first range after the candidate
  for (let i = after; i < sorted.length && adjoins({ from, to }, sorted[i]!, schedule); i++) to = Math.max(to, sorted[i]!.to);
  for (let i = after - 1; i >= 0 && adjoins(sorted[i]!, { from, to }, schedule); i--) from = Math.min(from, sorted[i]!.from);
  return { from, to };
}

/**
 * The absence the candidate makes with the live absences it adjoins, judged
 * with the least notice any of its pieces with a working day was given;
 * null when it adjoins none.
 */
export function continuousAbsence(
  existing: readonly AbsencePiece[],
  candidate: AbsencePiece,
  market: { readonly schedule: DayLister; readonly policy: { readonly absence: AbsencePolicy } },
): ContinuousAbsence | null {
  const span = continuousSpan(existing, candidate, market.schedule);
  if (span.from === candidate.from && span.to === candidate.to) return null;
  const working = workingDays(market.schedule, span.from, span.to);
  let notice = Infinity; // a whole without a working day is short, whatever its notice
  for (const p of [candidate, ...existing]) {
    if (p.from >= span.from && p.to <= span.to && p.workingDays > 0) notice = Math.min(notice, p.noticeDays);
  }
  return { ...span, workingDays: working, ...compliance(working, notice, market.policy.absence) };
}
