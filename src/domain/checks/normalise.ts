// The normal form of a message for "the same canned reply" detection
// (POLICIES D: automated replies may not replace an individual answer):
// two copies that differ only in case, digit script or values, accents of
// the same letters, whitespace or punctuation compare equal.
//
// The repeat keys stored with past messages are hashes of this form, so it
// must never change. It is, exactly:
//   NFKC → fold (digits.ts) → lower case → NFKD → drop marks and tatweel →
//   alef/yeh/teh-marbuta variants → every run of decimal digits "0" →
//   every run of anything else that is not a letter or number " " → trim.
// Done in one pass over the NFKD text, with two simplifications that keep
// the result: the folded digits, separators and spaces fall in the same
// class as what they fold from (digit, non-letter), so only folding's
// dropped characters matter, and those are case-ignorable format
// characters without decompositions, so they can be dropped after the
// lower-casing and NFKD as well as before.
import { classOf, DECIMAL, LETTER, MARK, NUMBER } from './chars.js';
import { foldText } from './digits.js';

const MAX_LENGTH = 20_000;

// Each code unit's part, in one table filled per block of 256 on first use.
const COPY = 1; // a letter or number kept as it is
const DIGIT = 2; // \p{Nd}: runs become "0"
const DROP = 3; // \p{M}, tatweel and what folding drops (soft hyphen, ALM, BOM, zero-width and bidi controls)
const GAP = 4; // anything else: runs become " "
const VARIANT = 5; // an alef, yeh or teh-marbuta variant
const HIGH = 6; // a high surrogate (a pair is looked up as a code point)
const LOW = 7; // a low surrogate on its own

function dropped(c: number): boolean {
  return c === 0x00ad || c === 0x0640 || c === 0x061c || c === 0xfeff || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/** alef with hamza/madda/wasla → alef; alef maqsura → yeh; teh marbuta → heh */
function arabicVariant(c: number): number {
  if (c === 0x0623 || c === 0x0625 || c === 0x0622 || c === 0x0671) return 0x0627;
  if (c === 0x0649) return 0x064a;
  if (c === 0x0629) return 0x0647;
  return c;
}

function partOf(bits: number): number {
  if (bits & MARK) return DROP;
  if (bits & DECIMAL) return DIGIT;
  if (bits & (LETTER | NUMBER)) return COPY;
  return GAP;
}

const parts = new Uint8Array(0x10000);
const filled = new Uint8Array(0x100);
function fill(block: number): void {
  for (let c = block << 8; c < (block + 1) << 8; c++) {
    if (c >= 0xd800 && c <= 0xdbff) parts[c] = HIGH;
    else if (c >= 0xdc00 && c <= 0xdfff) parts[c] = LOW;
    else if (dropped(c)) parts[c] = DROP;
    else if (arabicVariant(c) !== c) parts[c] = VARIANT;
    else parts[c] = partOf(classOf(c));
  }
  filled[block] = 1;
}

const ASTRAL = new Map<number, number>();
/** The part of an astral code point (a surrogate pair), cached: they are rare. */
function astralPart(cp: number): number {
  let part = ASTRAL.get(cp);
  if (part === undefined) {
    const s = String.fromCodePoint(cp);
    part = partOf((/\p{L}/u.test(s) ? LETTER : 0) | (/\p{N}/u.test(s) ? NUMBER : 0) | (/\p{Nd}/u.test(s) ? DECIMAL : 0) | (/\p{M}/u.test(s) ? MARK : 0));
    if (ASTRAL.size < 4096) ASTRAL.set(cp, part);
  }
  return part;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/**
 * The definition, step by step: used for a body with a lone surrogate,
 * where dropping a mark between two halves makes a new pair.
 */
export function referenceNormalForm(body: string): string {
  const text = foldText((body.length > MAX_LENGTH ? body.slice(0, MAX_LENGTH) : body).normalize('NFKC')).text;
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\p{M}\u0640]+/gu, '') // accents, Arabic diacritics (harakat), tatweel
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/\p{Nd}+/gu, '0') // any number → one placeholder: "order 123" ≈ "order 456"
    .replace(/[^\p{L}\p{N}]+/gu, ' ') // punctuation, symbols, whitespace → one space
    .trim();
}

// A body of "simple" characters needs no NFKC/NFKD calls: it is NFKC already and each character's
// lower case decomposes on its own, so the normal form can be read character by character. Simple:
// NFKC leaves it as it is, it is no mark and no Hangul jamo (the only characters a preceding one can
// compose with, checked over the whole BMP), not a capital sigma (whose lower case depends on what
// follows), and its lower case's NFKD is one unit that is not dropped plus marks (which are).
// Per code unit: 0 not looked up yet, -1 not simple, else that unit << 3 | its part.
const simple = new Int32Array(0x10000);
function simpleOf(c: number): number {
  let v = simple[c]!;
  if (v !== 0) return v;
  v = -1;
  const ch = String.fromCharCode(c);
  if (!(c >= 0xd800 && c <= 0xdfff) && !(c >= 0x1100 && c <= 0x11ff) && c !== 0x03a3 && !(classOf(c) & MARK) && ch.normalize('NFKC') === ch) {
    const d = ch.toLowerCase().normalize('NFKD');
    let unit = -1;
    let count = 0;
    for (let k = 0; k < d.length; k++) {
      const u = d.charCodeAt(k);
      if (filled[u >> 8] === 0) fill(u >> 8);
      if (parts[u] === DROP) continue;
      unit = u;
      count++;
    }
    if (count === 0) v = (c << 3) | DROP;
    else if (count === 1 && !(unit >= 0xd800 && unit <= 0xdfff)) v = (unit << 3) | parts[unit]!;
  }
  simple[c] = v;
  return v;
}

// the normal form is written here, then made a string once (≤ MAX_LENGTH × 2 code units: NFKD can lengthen)
let buffer = new Uint16Array(1024);

const utf16 = new TextDecoder('utf-16le');
/** The units as a string (they hold no lone surrogate, which the decoder would replace). */
function asString(units: Uint16Array, length: number): string {
  return utf16.decode(units.subarray(0, length));
}

export function normaliseForRepeatCheck(body: string): string {
  const prefix = body.length > MAX_LENGTH ? body.slice(0, MAX_LENGTH) : body;
  return simpleForm(prefix) ?? normalForm(prefix, body);
}

/** The normal form of a prefix of simple characters, read one by one; null at the first that is not. */
function simpleForm(s: string): string | null {
  const n = s.length;
  if (buffer.length < n + 1) buffer = new Uint16Array(n + 1024);
  const out = buffer;
  let length = 0;
  let gap = false;
  let digits = false;
  for (let i = 0; i < n; i++) {
    const v = simpleOf(s.charCodeAt(i));
    if (v < 0) return null;
    const part = v & 7;
    if (part === COPY) {
      if (gap) out[length++] = 0x20;
      out[length++] = v >>> 3;
      gap = digits = false;
    } else if (part === DIGIT) {
      if (!digits) {
        if (gap) out[length++] = 0x20;
        out[length++] = 0x30;
        gap = false;
        digits = true;
      }
    } else if (part === VARIANT) {
      if (gap) out[length++] = 0x20;
      out[length++] = arabicVariant(v >>> 3);
      gap = digits = false;
    } else if (part === GAP) {
      if (length > 0) {
        gap = true;
        digits = false;
      }
    }
    // DROP: removed, what is around it joins up
  }
  return asString(out, length);
}

/** The normal form after NFKC, lower case and NFKD (a non-ASCII prefix needs them), read unit by unit. */
function normalForm(prefix: string, body: string): string {
  const s = isAscii(prefix) ? prefix.toLowerCase() : prefix.normalize('NFKC').toLowerCase().normalize('NFKD');
  const n = s.length;
  if (buffer.length < n + 1) buffer = new Uint16Array(n + 1024);
  const out = buffer;
  let length = 0;
  let gap = false; // a gap since the last letter, number or digit run (and something before it)
  let digits = false; // the last thing written was a digit run's "0"
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (filled[c >> 8] === 0) fill(c >> 8);
    let part = parts[c]!;
    if (part === COPY) {
      if (gap) out[length++] = 0x20;
      out[length++] = c;
      gap = digits = false;
      continue;
    }
    if (part === HIGH) {
      if (i + 1 >= n || (s.charCodeAt(i + 1) & 0xfc00) !== 0xdc00) return referenceNormalForm(body); // a lone surrogate
      part = astralPart(((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00) + 0x10000);
      if (part === COPY) {
        if (gap) out[length++] = 0x20;
        out[length++] = c;
        out[length++] = s.charCodeAt(++i);
        gap = digits = false;
        continue;
      }
      i++;
    } else if (part === LOW) return referenceNormalForm(body);
    if (part === DROP) {
      // removed: what is around it joins up
    } else if (part === DIGIT) {
      if (!digits) {
        if (gap) out[length++] = 0x20;
        out[length++] = 0x30;
        gap = false;
        digits = true;
      }
    } else if (part === VARIANT) {
      if (gap) out[length++] = 0x20;
      out[length++] = arabicVariant(c);
      gap = digits = false;
    } else if (length > 0) {
      gap = true;
      digits = false;
    }
  }
  return asString(out, length);
}
