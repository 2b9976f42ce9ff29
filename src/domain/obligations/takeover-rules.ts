// When the platform takes a case over (POLICIES D), apart from a breach.
import type { FoldPolicy, Takeover } from './types.js';

export type TakeoverNotice = 'case.taken_over' | 'case.takeover_changed' | 'case.takeover_withdrawn';

/** `dispute:<reason>` when the market lists the dispute's reason, else null. */
export function takeoverReasonForDispute(policy: FoldPolicy, reason: string | null | undefined): string | null {
  return reason && policy.takeover.disputeReasons.includes(reason) ? `dispute:${reason}` : null;
}

/** Whether the n-th flagged seller message in a case reaches the market's takeover limit. */
export function reachesContactSharingLimit(policy: FoldPolicy, n: number): boolean {
  return typeof policy.contactSharing === 'object' && n >= policy.contactSharing.takeoverAfter;
}

/**
 * What to tell the marketplace when the fold's takeover differs from the one
 * last notified: state follows occurredAt, so a late event can move a
 * takeover, change its reason, or withdraw it.
 */
export function takeoverNotice(notified: (Takeover & { readonly withdrawn: boolean }) | null, now: Takeover | null): TakeoverNotice | null {
  if (!notified || notified.withdrawn) return now ? 'case.taken_over' : null;
  if (!now) return 'case.takeover_withdrawn';
  return now.at !== notified.at || now.reason !== notified.reason ? 'case.takeover_changed' : null;
}
