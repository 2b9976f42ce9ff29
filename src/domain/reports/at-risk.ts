// At-risk warnings (issue 4.4): a pending obligation whose warn_at (the
// instant policy.warnAtPercent of its working time is used) has passed, and
// whose deadline has not, is worth one reminder to the seller.

export interface AtRiskObligation {
  readonly id: number;
  readonly caseId: string;
  readonly market: string;
  readonly sellerId: string;
  readonly requestEventId: string;
  readonly requestedAt: number;
  readonly warnAt: number;
  readonly dueAt: number;
}

export const isAtRisk = (o: { warnAt: number; dueAt: number }, now: number) => o.warnAt <= now && now < o.dueAt;

/** One notification per obligation, whatever instance or sweep sends it. */
export const atRiskKey = (o: Pick<AtRiskObligation, 'caseId' | 'requestEventId'>) => `obligation.at_risk:${o.caseId}:${o.requestEventId}`;

export function atRiskPayload(o: AtRiskObligation, remainingWorkingMinutes: number): Record<string, unknown> {
  return {
    type: 'obligation.at_risk',
    obligationId: o.id,
    caseId: o.caseId,
    market: o.market,
    sellerId: o.sellerId,
    requestEventId: o.requestEventId,
    requestedAt: new Date(o.requestedAt).toISOString(),
    warnAt: new Date(o.warnAt).toISOString(),
    dueAt: new Date(o.dueAt).toISOString(),
    remainingWorkingMinutes,
  };
}
