// What the words around a number say about it (see cues.ts).
import { CUE_FILLER_WORDS, CURRENCY_AFTER, CURRENCY_BEFORE, IMEI_CUE, ORDER_CUE, PHONE_CUE } from './cues.js';

const BEFORE = 48;

/** True when the number at `start` directly follows an order/tracking/claim/... word. */
export function followsOrderCue(text: string, start: number): boolean {
  const window = text.slice(Math.max(0, start - BEFORE), start);
  let last: RegExpMatchArray | undefined;
  for (const m of window.matchAll(ORDER_CUE)) last = m;
  if (!last || last.index === undefined) return false;
  const gap = window.slice(last.index + last[0].length);
  if (/[\d?!\n]/.test(gap) || PHONE_CUE.test(gap)) return false;
  for (const token of gap.split(/[\s\p{P}№#]+/u)) {
    if (token === '') continue;
    if (CUE_FILLER_WORDS.has(token.toLowerCase())) continue;
    if (/^[A-Z]{2,6}$/.test(token)) continue; // carrier names: DPD, SMSA, UPS
    return false;
  }
  return true;
}

/** True when a phone word ("tel.", "call me", "رقمي", a messenger name) is near the number. */
export function nearPhoneCue(text: string, start: number, end: number): boolean {
  return PHONE_CUE.test(text.slice(Math.max(0, start - 40), start)) || PHONE_CUE.test(text.slice(end, end + 25));
}

/** True when a currency sign or word sits next to the number. */
export function isPrice(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 10).replace(/^[.,]\d{1,2}/, '');
  return CURRENCY_AFTER.test(after) || CURRENCY_BEFORE.test(text.slice(Math.max(0, start - 6), start));
}

/** True for a Luhn-valid 15-digit number with "IMEI" or "serial" near it. */
export function isImei(text: string, start: number, end: number, digits: string): boolean {
  if (digits.length !== 15 || !luhn(digits)) return false;
  return IMEI_CUE.test(text.slice(Math.max(0, start - 40), Math.min(text.length, end + 40)));
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
