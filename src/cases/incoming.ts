// An event as accepted at the edge (validated once), and its content hash:
// the same id with other content is a conflict, with the same content a duplicate.
import type { Author, EventType } from '../domain/obligations/index.js';
import { sha256 } from '../domain/sha256.js';

export interface IncomingEvent {
  readonly id: string;
  readonly type: EventType;
  readonly occurredAt: number;
  readonly market: string;
  readonly caseId: string;
  readonly sellerId: string;
  readonly buyerId: string | null;
  readonly orderId: string | null;
  readonly message: { readonly id: string; readonly author: Author; readonly body: string; readonly automated: boolean } | null;
  readonly dispute: { readonly reason: string; readonly note: string | null } | null;
}

/** SHA-256 (hex) of the event's canonical form: fixed field order, instants normalised. */
export function contentHash(e: IncomingEvent): string {
  const canonical = [
    e.id,
    e.type,
    new Date(e.occurredAt).toISOString(),
    e.market,
    e.caseId,
    e.sellerId,
    e.buyerId,
    e.orderId,
    e.message && [e.message.id, e.message.author, e.message.body, e.message.automated],
    e.dispute && [e.dispute.reason, e.dispute.note],
  ];
  return sha256(JSON.stringify(canonical), 'hex');
}
