// Builders for fold tests: a 24/7 UTC schedule makes deadlines easy to compute by hand.
import { compileSchedule } from '../../src/calendar/index.js';
import type { CaseEvent, FoldContext, FoldPolicy } from '../../src/domain/obligations/index.js';
import { everyDay24, spec } from './schedules.js';

export const H = 3_600_000;
export const T0 = Date.parse('2026-03-02T00:00:00Z');
const utc = compileSchedule(spec('UTC', everyDay24));

export const policy: FoldPolicy = {
  replyWithinMinutes: 1440,
  warnAtPercent: 80,
  takeover: { onBreach: true, disputeReasons: ['quality', 'counterfeit'] },
  contactSharing: 'flag',
  autoReplies: 'flag',
};

export function ctx(now: number, over: Partial<FoldContext> = {}): FoldContext {
  return { now, due: utc.due, workingMinutes: utc.workingMinutes, policy, ...over };
}

let n = 0;
const id = () => `e${++n}`;
export const buyer = (h: number, extra: Partial<CaseEvent> = {}): CaseEvent => ({ id: id(), type: 'message.created', occurredAt: T0 + h * H, author: 'buyer', ...extra });
export const seller = (h: number, extra: Partial<CaseEvent> = {}): CaseEvent => ({ id: id(), type: 'message.created', occurredAt: T0 + h * H, author: 'seller', ...extra });
export const ev = (type: CaseEvent['type'], h: number, extra: Partial<CaseEvent> = {}): CaseEvent => ({ id: id(), type, occurredAt: T0 + h * H, ...extra });
