// The absent-seller rule (issue 4.3): a seller is absent in a market when they
// have a breached obligation there and have written no (non-automated)
// message in any of their cases of that market for policy.absentAfterMinutes
// of working time. The silence is counted from their last message, or from
// the oldest breached obligation's deadline when they wrote nothing since:
// a seller is not absent before they have missed anything.

export interface AbsenceEvidence {
  /** The seller's oldest obligation still breached (unanswered past its deadline). */
  readonly oldestBreached: { readonly caseId: string; readonly dueAt: number } | null;
  /** Their last non-automated message in any of their cases of the market, if any. */
  readonly lastSellerMessageAt: number | null;
}

export type AbsentVerdict =
  | { readonly absent: true; readonly since: number; readonly silentFrom: number }
  | { readonly absent: false; readonly reason: 'no_breached_obligation' | 'recent_activity'; readonly absentAt: number | null };

/**
 * `due(start, minutes)` is the market's working-time deadline function; the
 * seller is absent from `due(silentFrom, absentAfterMinutes)` on.
 */
export function absentVerdict(
  e: AbsenceEvidence,
  absentAfterMinutes: number,
  due: (start: number, minutes: number) => number,
  now: number,
): AbsentVerdict {
  if (!e.oldestBreached) return { absent: false, reason: 'no_breached_obligation', absentAt: null };
  const silentFrom = Math.max(e.oldestBreached.dueAt, e.lastSellerMessageAt ?? -Infinity);
  const since = due(silentFrom, absentAfterMinutes);
  return since <= now ? { absent: true, since, silentFrom } : { absent: false, reason: 'recent_activity', absentAt: since };
}
