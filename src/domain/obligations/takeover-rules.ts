// When the platform takes a case over (POLICIES D), apart from a breach.
import type { FoldPolicy } from './types.js';

/** `dispute:<reason>` when the market lists the dispute's reason, else null. */
export function takeoverReasonForDispute(policy: FoldPolicy, reason: string | null | undefined): string | null {
  return reason && policy.takeover.disputeReasons.includes(reason) ? `dispute:${reason}` : null;
}

/** Whether the n-th flagged seller message in a case reaches the market's takeover limit. */
export function reachesContactSharingLimit(policy: FoldPolicy, n: number): boolean {
  return typeof policy.contactSharing === 'object' && n >= policy.contactSharing.takeoverAfter;
}
