// What the words around a number say about it (see cues.ts).
import { CONTACTS_LABEL, CUE_FILLER_WORDS, CURRENCY_AFTER, CURRENCY_BEFORE, IMEI_CUE, LINE_START, ORDER_CUE, ORDER_WORDS, PHONE_CUE, PHONE_WORDS } from './cues.js';
import { matchesAtWordStarts, withoutLookBehind } from './scan.js';

const BEFORE = 48;

// Every order and phone word starts with a letter: matched only at word starts (scan.ts).
for (const w of [...ORDER_WORDS, ...PHONE_WORDS]) if (!/^\p{L}/u.test(w)) throw new Error(`context: cue word ${w} must start with a letter`);
const ORDER_AT = new RegExp(withoutLookBehind(ORDER_CUE, '(?<![\\p{L}\\p{N}])').source, 'iuy');
const PHONE_AT = new RegExp(withoutLookBehind(PHONE_CUE, '(?<![\\p{L}\\p{N}])').source, 'iuy');

function hasPhoneCue(text: string): boolean {
  return matchesAtWordStarts(text, PHONE_AT).length > 0;
}

/**
 * True when the number at `start` directly follows an order/tracking/claim/...
 * word, or a list of such numbers after one ("orders 21234567 and 21234568").
 */
export function followsOrderCue(text: string, start: number): boolean {
  const window = text.slice(Math.max(0, start - BEFORE), start);
  const last = matchesAtWordStarts(window, ORDER_AT).at(-1);
  if (!last) return false;
  const gap = window.slice(last.index + last[0].length);
  if (/[?!\n]/.test(gap) || hasPhoneCue(gap)) return false;
  for (const token of gap.split(/[\s\p{P}№#]+/u)) {
    if (token === '') continue;
    if (CUE_FILLER_WORDS.has(token.toLowerCase())) continue;
    if (/^\d+$/.test(token)) continue; // an earlier number of the list
    if (/^[A-Z]{2,6}$/.test(token)) continue; // carrier names: DPD, SMSA, UPS
    return false;
  }
  return true;
}

/** True when a phone word ("tel.", "call me", "رقمي", a messenger name) is near the number. */
export function nearPhoneCue(text: string, start: number, end: number): boolean {
  return hasPhoneCue(text.slice(Math.max(0, start - 40), start)) || hasPhoneCue(text.slice(end, end + 25));
}

/**
 * True when what starts at `start` is given as a label's value: it starts its line (after a bullet
 * at most) or follows a contacts label ("Telegram: Ivan", "Kontakti: Janis at Gmail"). Looks back
 * 40 characters.
 */
export function labelStart(text: string, start: number): boolean {
  const window = text.slice(Math.max(0, start - 40), start);
  const newline = window.lastIndexOf('\n');
  const before = window.slice(newline + 1); // the line before it, if the line starts in the window
  return ((newline >= 0 || start <= 40) && LINE_START.test(before)) || CONTACTS_LABEL.test(before);
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
