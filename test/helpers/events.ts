// Event builders for HTTP tests (CONTRACT §4 shapes).
let seq = 0;

export interface EventInput {
  id?: string;
  type?: string;
  occurredAt: string;
  market?: string;
  caseId?: string;
  sellerId?: string;
  buyerId?: string;
  message?: { id?: string; author: 'buyer' | 'seller' | 'platform'; body?: string; automated?: boolean };
  dispute?: { reason: string; note?: string };
}

export function event(e: EventInput): Record<string, unknown> {
  seq++;
  const out: Record<string, unknown> = {
    id: e.id ?? `evt-${seq}`,
    type: e.type ?? 'message.created',
    occurredAt: e.occurredAt,
    market: e.market ?? 'LV',
    caseId: e.caseId ?? 'case-1',
    sellerId: e.sellerId ?? 'seller-1',
    buyerId: e.buyerId ?? 'buyer-1',
  };
  if (e.message) out.message = { id: e.message.id ?? `msg-${seq}`, author: e.message.author, body: e.message.body ?? 'Hello', automated: e.message.automated ?? false };
  if (e.dispute) out.dispute = e.dispute;
  return out;
}

export const buyerSays = (occurredAt: string, extra: Partial<EventInput> = {}) => event({ occurredAt, message: { author: 'buyer', body: 'Where is my parcel?' }, ...extra });
export const sellerSays = (occurredAt: string, extra: Partial<EventInput> = {}) => event({ occurredAt, message: { author: 'seller', body: 'It ships today.' }, ...extra });
