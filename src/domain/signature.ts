// The webhook signature of CONTRACT §4: `t=<unix seconds>,v1=<hex>` where v1 is
// HMAC-SHA256 over "<t>.<raw body>". Pure: the caller passes the clock.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_WINDOW_SECONDS = 300;

// `t` as the header carries it: the MAC is over its text, so "0123" is not "123".
const mac = (secret: string, t: number | string, body: string | Buffer) => createHmac('sha256', secret).update(`${t}.`).update(body);

export function sign(secret: string, t: number, body: string | Buffer): string {
  return mac(secret, t, body).digest('hex');
}

export function signatureHeader(secret: string, t: number, body: string | Buffer): string {
  return `t=${t},v1=${sign(secret, t, body)}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Checks a header against one or more secrets (two during rotation), in constant time per secret. */
export function verifySignature(header: string | undefined, body: Buffer, secrets: readonly string[], nowSeconds: number): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing X-Helpdesk-Signature header' };
  const parts = new Map<string, string[]>();
  for (const item of header.split(',')) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    const key = item.slice(0, eq).trim();
    parts.set(key, [...(parts.get(key) ?? []), item.slice(eq + 1).trim()]);
  }
  const tText = parts.get('t')?.[0];
  if (!tText || !/^\d{1,12}$/.test(tText)) return { ok: false, reason: 'signature header has no valid t=<unix seconds>' };
  const t = Number(tText);
  if (Math.abs(nowSeconds - t) > SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: `signature timestamp is more than ${SIGNATURE_WINDOW_SECONDS} s from the server clock` };
  const given = (parts.get('v1') ?? []).filter((v) => /^[0-9a-f]{64}$/i.test(v)).map((v) => Buffer.from(v, 'hex'));
  if (given.length === 0) return { ok: false, reason: 'signature header has no v1=<hex>' };
  let match = false;
  for (const secret of secrets) {
    const expected = mac(secret, tText, body).digest();
    for (const g of given) match = timingSafeEqual(expected, g) || match;
  }
  return match ? { ok: true } : { ok: false, reason: 'signature does not match' };
}
