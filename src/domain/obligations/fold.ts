// Reply obligations as a pure fold over a case's events (CONTRACT §5, §7).
// Time-driven transitions (a deadline passing, an absence starting) are
// applied in order between events, and up to `now` at the end, so the result
// depends only on the inputs, never on when or in which order events arrived.
import { orderEvents } from './order.js';
import { takeoverReasonForDispute, reachesContactSharingLimit } from './takeover-rules.js';
import type { AbsenceWindow, CaseEvent, CaseState, FoldContext, Obligation, Takeover } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const inAbsence = (absences: readonly AbsenceWindow[], t: number) => absences.some((a) => a.start <= t && t < a.end);

export function foldCase(events: readonly CaseEvent[], ctx: FoldContext): CaseState {
  const absences = ctx.absences ?? [];
  const recorded = ctx.recordedTakeover ?? null;
  const obligations: Mutable<Obligation>[] = [];
  let open: Mutable<Obligation> | null = null; // unanswered: pending or breached
  let takeover: Takeover | null = null;
  let closed = false;
  let contactFlags = 0;
  let lastEventAt: number | null = null;
  let lastSellerMessageAt: number | null = null;

  const takeOver = (at: number, reason: string) => {
    if (takeover) return;
    // A takeover already carried out stands; the fold only confirms it.
    if (recorded && (recorded.at !== at || recorded.reason !== reason)) return;
    takeover = { at, reason };
    cancelPending(at);
  };

  // A pending obligation ends without a breach: closed, taken over for another reason, or excused.
  function cancelPending(at: number) {
    if (open?.state !== 'pending') return;
    Object.assign(open, { state: 'cancelled', decidedAt: at });
    open = null;
  }

  /** The earliest absence start strictly inside an obligation's window, if any. */
  const absenceStartFor = (o: Obligation) => {
    let best: number | null = null;
    for (const a of absences) if (a.start > o.requestedAt && a.start <= o.dueAt && (best === null || a.start < best)) best = a.start;
    return best;
  };

  const nextTransition = (): { at: number; apply: () => void } | null => {
    let next: { at: number; apply: () => void } | null = null;
    if (open?.state === 'pending') {
      const o = open;
      const start = absenceStartFor(o);
      next =
        start !== null
          ? {
              at: start,
              apply: () => {
                takeOver(start, 'seller_absence');
                cancelPending(start); // excused even under an earlier recorded takeover
              },
            }
          : {
              at: o.dueAt,
              apply: () => {
                o.state = 'breached';
                if (ctx.policy.takeover.onBreach) takeOver(o.dueAt, 'reply_overdue');
              },
            };
    }
    if (recorded && !takeover && (next === null || recorded.at < next.at)) next = { at: recorded.at, apply: () => takeOver(recorded.at, recorded.reason) };
    return next;
  };

  // Applies transitions before `until` (or up to and including it when `inclusive`).
  const advance = (until: number, inclusive: boolean) => {
    for (let step = 0; step < 100; step++) {
      const next = nextTransition();
      if (!next || next.at > until || (!inclusive && next.at === until)) return;
      next.apply();
    }
  };

  const openObligation = (e: CaseEvent) => {
    const dueAt = ctx.pinnedDueAt?.get(e.id) ?? ctx.due(e.occurredAt, ctx.policy.replyWithinMinutes);
    const warnAt = Math.min(dueAt, ctx.due(e.occurredAt, (ctx.policy.replyWithinMinutes * ctx.policy.warnAtPercent) / 100));
    open = { requestEventId: e.id, requestedAt: e.occurredAt, dueAt, warnAt, answeredAt: null, answerEventId: null, state: 'pending', decidedAt: null, responseMinutes: null, lateByMinutes: null };
    obligations.push(open);
  };

  const answer = (o: Mutable<Obligation>, e: CaseEvent) => {
    const late = o.state === 'breached';
    Object.assign(o, {
      state: late ? 'late' : 'met',
      answeredAt: e.occurredAt,
      answerEventId: e.id,
      decidedAt: e.occurredAt,
      responseMinutes: ctx.workingMinutes(o.requestedAt, e.occurredAt),
      lateByMinutes: late ? ctx.workingMinutes(o.dueAt, e.occurredAt) : null,
    });
    open = null;
  };

  const apply = (e: CaseEvent) => {
    const t = e.occurredAt;
    switch (e.type) {
      case 'message.created':
        if (e.author === 'buyer') {
          if (inAbsence(absences, t)) {
            takeOver(t, 'seller_absence');
            cancelPending(t);
          } else if (!open && !closed && !takeover) openObligation(e);
        } else if (e.author === 'seller') {
          if (!e.automated) {
            lastSellerMessageAt = t;
            const canned = ctx.policy.autoReplies === 'strict' && e.flags?.includes('automated_reply_suspected');
            if (open && !canned) answer(open, e);
          }
          // Contact details in a machine-sent message are still the seller's: they count.
          if (e.flags?.includes('contact_sharing') && reachesContactSharingLimit(ctx.policy, ++contactFlags)) takeOver(t, 'contact_sharing');
        }
        break;
      case 'reply.waived':
        if (open?.state === 'pending') {
          Object.assign(open, { state: 'waived', decidedAt: t });
          open = null;
        }
        break;
      case 'dispute.opened': {
        const reason = takeoverReasonForDispute(ctx.policy, e.disputeReason);
        if (reason) takeOver(t, reason);
        break;
      }
      case 'case.closed':
        closed = true;
        cancelPending(t);
        break;
      case 'case.reopened':
        closed = false;
        break;
    }
  };

  for (const e of orderEvents(events)) {
    advance(e.occurredAt, false);
    apply(e);
    lastEventAt = e.occurredAt;
  }
  advance(ctx.now, true);

  const next = nextTransition();
  return {
    status: closed ? 'closed' : takeover ? 'taken_over' : 'open',
    takeover,
    obligations,
    checkAt: next ? next.at : null,
    lastEventAt,
    lastSellerMessageAt,
  };
}
