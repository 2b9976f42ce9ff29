// Realistic webhook traffic: cases with buyer and seller turns in three
// markets, some events sent twice, some cases delivered out of order.
import { signatureHeader } from '../src/domain/signature.js';

const BUYER = ['Hello, where is my parcel?', 'Labdien, kad tiks nosūtīts pasūtījums?', 'Tere, millal saadetis kohale jõuab?', 'مرحبا، متى يصل الطلب؟', 'Can I return this if it does not fit?', 'Please call me on +371 2612 3456'];
const SELLER = ['It ships today, tracking follows.', 'Paldies, sūtījums izsūtīts šodien.', 'Tere, saadetis on teel.', 'تم شحن الطلب اليوم', 'Yes, returns are free within 14 days.'];
const MARKETS = ['LV', 'LV', 'EE', 'EE', 'SA'];

export interface Body {
  readonly body: string;
  readonly events: number;
}

/**
 * Event objects for `cases` cases of `turns` messages, in delivery order: the
 * cases interleave (turn 1 of many cases, then turn 2 …) as conversations do,
 * one case in ten is delivered with its turns reversed, one event in twenty is
 * sent again later.
 */
export function makeEvents(prefix: string, cases: number, turns: number, now: number): Record<string, unknown>[] {
  const byCase: Record<string, unknown>[][] = [];
  for (let c = 0; c < cases; c++) {
    const market = MARKETS[c % MARKETS.length]!;
    const caseEvents: Record<string, unknown>[] = [];
    const start = now - 600_000 + (c % 500) * 1000;
    for (let k = 0; k < turns; k++) {
      const author = k % 2 === 0 ? 'buyer' : 'seller';
      const texts = author === 'buyer' ? BUYER : SELLER;
      caseEvents.push({
        id: `${prefix}-${c}-${k}`,
        type: 'message.created',
        occurredAt: new Date(start + k * 30_000).toISOString(),
        market,
        caseId: `${prefix}-case-${c}`,
        sellerId: `seller-${c % 997}`,
        buyerId: `buyer-${c}`,
        message: { id: `${prefix}-m-${c}-${k}`, author, body: texts[(c + k) % texts.length], automated: false },
      });
    }
    if (c % 10 === 3) caseEvents.reverse(); // delivered out of order
    byCase.push(caseEvents);
  }
  const out: Record<string, unknown>[] = [];
  const wave = 2000; // cases in flight at once
  for (let w = 0; w < cases; w += wave) {
    for (let k = 0; k < turns; k++) {
      for (let c = w; c < Math.min(w + wave, cases); c++) {
        out.push(byCase[c]![k]!);
        if ((c + k) % 20 === 7) out.push(byCase[(c + 13) % cases]![0]!); // sent twice
      }
    }
  }
  return out;
}

/** Signed request bodies of `perRequest` events each. */
export function signedBodies(events: Record<string, unknown>[], perRequest: number, secret: string): { body: string; signature: string; events: number }[] {
  const t = Math.floor(Date.now() / 1000);
  const out = [];
  for (let i = 0; i < events.length; i += perRequest) {
    const chunk = events.slice(i, i + perRequest);
    const body = JSON.stringify(perRequest === 1 ? chunk[0] : { events: chunk });
    out.push({ body, signature: signatureHeader(secret, t, body), events: chunk.length });
  }
  return out;
}
