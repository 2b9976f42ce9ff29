// The absent-seller rule (issue 4.3): a seller is absent in a market when they
// have missed a deadline there since their last (non-automated) message in
// any of their cases of that market, and policy.absentAfterMinutes of working
// time have passed since that deadline: a seller is not absent before they
// have missed anything, nor for a deadline they were back after (a case taken
// over stays breached for good; counted from it, a seller with one old breach
// would be flagged after every quiet spell, with nobody waiting for them).

export interface AbsenceEvidence {
  /** The seller's oldest obligation still breached whose deadline is after their last message (all of them if they never wrote). */
  readonly oldestBreached: { readonly caseId: string; readonly dueAt: number } | null;
  /** Their last non-automated message in any of their cases of the market, if any. */
  readonly lastSellerMessageAt: number | null;
  /** They have breached obligations, all due before their last message: they were back after them. */
  readonly breachedBeforeLastMessage?: boolean;
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
  if (!e.oldestBreached) return { absent: false, reason: e.breachedBeforeLastMessage ? 'recent_activity' : 'no_breached_obligation', absentAt: null };
  const silentFrom = Math.max(e.oldestBreached.dueAt, e.lastSellerMessageAt ?? -Infinity);
  const since = due(silentFrom, absentAfterMinutes);
  return since <= now ? { absent: true, since, silentFrom } : { absent: false, reason: 'recent_activity', absentAt: since };
}
