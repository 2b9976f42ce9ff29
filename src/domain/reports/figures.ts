// Reply figures of a set of obligations: counts by state, the on-time rate and
// the reply-time percentiles. Percentiles interpolate linearly between the
// closest ranks (PostgreSQL's percentile_cont), so a figure computed here and
// one computed by SQL agree. Both are rounded to a millionth of a minute: an
// interpolation in binary floating point shows noise (2232.0000000000005)
// far below the millisecond the instants carry.
import type { ObligationState } from '../obligations/index.js';

export interface ObligationFact {
  readonly state: ObligationState;
  /** Working minutes from requestedAt to answeredAt (met and late only). */
  readonly responseMinutes: number | null;
}

export interface ReplyFigures {
  obligations: number;
  met: number;
  late: number;
  breached: number;
  /** Counted apart (never in the rate) so that abuse of the waiver shows. */
  waived: number;
  cancelled: number;
  pending: number;
  /** met / (met + late + breached); null when nothing was decided either way. */
  onTimeRate: number | null;
  medianResponseMinutes: number | null;
  p90ResponseMinutes: number | null;
}

export function onTimeRate(met: number, late: number, breached: number): number | null {
  const decided = met + late + breached;
  return decided === 0 ? null : met / decided;
}

/** A figure in minutes to a millionth of a minute (as SQL's `round(x::numeric, 6)`). */
export function roundMinutes(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The p-quantile (0 ≤ p ≤ 1) of ascending values, linearly interpolated, to a millionth; null when empty. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  // Clamped: rounding must not take the figure outside its two values.
  return lo === hi ? a : Math.min(b, Math.max(a, roundMinutes(a + (b - a) * (pos - lo))));
}

export function replyFigures(facts: Iterable<ObligationFact>): ReplyFigures {
  const n = { obligations: 0, met: 0, late: 0, breached: 0, waived: 0, cancelled: 0, pending: 0 };
  const answered: number[] = [];
  for (const f of facts) {
    n.obligations++;
    n[f.state]++;
    if ((f.state === 'met' || f.state === 'late') && f.responseMinutes !== null) answered.push(f.responseMinutes);
  }
  answered.sort((a, b) => a - b);
  return {
    ...n,
    onTimeRate: onTimeRate(n.met, n.late, n.breached),
    medianResponseMinutes: percentile(answered, 0.5),
    p90ResponseMinutes: percentile(answered, 0.9),
  };
}
