// Inputs and outputs of the obligation fold (CONTRACT §5). Instants are epoch ms.

export type EventType = 'message.created' | 'dispute.opened' | 'reply.waived' | 'case.closed' | 'case.reopened';
export type Author = 'buyer' | 'seller' | 'platform';
export type ObligationState = 'pending' | 'met' | 'late' | 'breached' | 'cancelled' | 'waived';
export type CaseStatus = 'open' | 'taken_over' | 'closed';

/** What the fold needs of an event; message bodies never reach it. */
export interface CaseEvent {
  readonly id: string;
  readonly type: EventType;
  readonly occurredAt: number;
  readonly author?: Author | null;
  readonly automated?: boolean | null;
  readonly disputeReason?: string | null;
  /** Kinds of the message's check flags (contact_sharing, automated_reply_suspected, …). */
  readonly flags?: readonly string[];
}

export interface Takeover {
  readonly at: number;
  /** reply_overdue | dispute:<reason> | seller_absence | contact_sharing | manual */
  readonly reason: string;
}

/** A registered absence as instants: [local 00:00 of from, local 00:00 after to). */
export interface AbsenceWindow {
  readonly start: number;
  readonly end: number;
}

export interface FoldPolicy {
  readonly replyWithinMinutes: number;
  readonly warnAtPercent: number;
  readonly takeover: { readonly onBreach: boolean; readonly disputeReasons: readonly string[] };
  readonly contactSharing: 'flag' | { readonly takeoverAfter: number };
  readonly autoReplies: 'flag' | 'strict';
}

export interface FoldContext {
  readonly now: number;
  readonly due: (start: number, minutes: number) => number;
  readonly workingMinutes: (from: number, to: number) => number;
  readonly policy: FoldPolicy;
  readonly absences?: readonly AbsenceWindow[];
  /** Deadlines already decided under an earlier calendar, by request event id: they stay. */
  readonly pinnedDueAt?: ReadonlyMap<string, number>;
  /** A takeover already carried out: it is never undone, whatever arrives later. */
  readonly recordedTakeover?: Takeover | null;
}

export interface Obligation {
  readonly requestEventId: string;
  readonly requestedAt: number;
  readonly dueAt: number;
  readonly warnAt: number;
  readonly answeredAt: number | null;
  readonly answerEventId: string | null;
  readonly state: ObligationState;
  /** When the state became final (null while pending or breached). */
  readonly decidedAt: number | null;
  readonly responseMinutes: number | null;
  readonly lateByMinutes: number | null;
}

export interface CaseState {
  readonly status: CaseStatus;
  readonly takeover: Takeover | null;
  readonly obligations: readonly Obligation[];
  /** The next instant at which this state changes without a new event, if any. */
  readonly checkAt: number | null;
  readonly lastEventAt: number | null;
  readonly lastSellerMessageAt: number | null;
}
