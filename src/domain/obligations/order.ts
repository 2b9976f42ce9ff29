// The one order in which a case's events are folded: by occurredAt, then
// buyer before seller at the same instant (CONTRACT §5), then by id, so that
// arrival order never matters. A reopening comes first at its instant (the
// buyer message that reopened a case needs an answer), a closing last.
import type { CaseEvent } from './types.js';

function rank(e: CaseEvent): number {
  switch (e.type) {
    case 'case.reopened':
      return -1;
    case 'message.created':
      return e.author === 'buyer' ? 0 : e.author === 'platform' ? 2 : 3;
    case 'dispute.opened':
      return 1;
    case 'reply.waived':
      return 4;
    case 'case.closed':
      return 6;
  }
}

export function compareEvents(a: CaseEvent, b: CaseEvent): number {
  return a.occurredAt - b.occurredAt || rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Distinct events (by id) in fold order. */
export function orderEvents(events: readonly CaseEvent[]): CaseEvent[] {
  const byId = new Map<string, CaseEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  return [...byId.values()].sort(compareEvents);
}
