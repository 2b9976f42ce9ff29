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

/** Dropped: what folding drops (soft hyphen, ALM, BOM, zero-width and bidi controls), and tatweel (a mark here). */
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

const ASTRAL = new Map<number, number>();
/** The classes of an astral code point (a surrogate pair), cached: they are rare. */
function astralClass(cp: number): number {
  let bits = ASTRAL.get(cp);
  if (bits === undefined) {
    const s = String.fromCodePoint(cp);
    bits = (/\p{L}/u.test(s) ? LETTER : 0) | (/\p{N}/u.test(s) ? NUMBER : 0) | (/\p{Nd}/u.test(s) ? DECIMAL : 0) | (/\p{M}/u.test(s) ? MARK : 0);
    if (ASTRAL.size < 4096) ASTRAL.set(cp, bits);
  }
  return bits;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

const enum Last {
  Start,
  Text,
  Digits,
  Gap,
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

export function normaliseForRepeatCheck(body: string): string {
  const prefix = body.length > MAX_LENGTH ? body.slice(0, MAX_LENGTH) : body;
  // NFKC: presentation forms ("ﹷ") can decompose into marks that are then dropped (tatweel)
  const s = isAscii(prefix) ? prefix.toLowerCase() : prefix.normalize('NFKC').toLowerCase().normalize('NFKD');
  let out = '';
  let last = Last.Start;
  let copyFrom = -1; // start of a stretch of letters and numbers copied as they are
  const flush = (i: number) => {
    if (copyFrom >= 0) out += s.slice(copyFrom, i);
    copyFrom = -1;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let bits: number;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c > 0xdbff || i + 1 >= s.length || (s.charCodeAt(i + 1) & 0xfc00) !== 0xdc00) return referenceNormalForm(body); // a lone surrogate
      bits = astralClass(((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00) + 0x10000);
      width = 2;
    } else bits = classOf(c);
    if (bits & MARK || dropped(c)) {
      flush(i); // removed: what is around it joins up
      i += width - 1;
      continue;
    }
    if (bits & DECIMAL) {
      flush(i);
      if (last !== Last.Digits) {
        if (last === Last.Gap) out += ' ';
        out += '0';
      }
      last = Last.Digits;
    } else if (bits & (LETTER | NUMBER)) {
      const v = width === 1 ? arabicVariant(c) : c;
      if (last === Last.Gap) out += ' ';
      if (v !== c) {
        flush(i);
        out += String.fromCharCode(v);
      } else if (copyFrom < 0) copyFrom = i;
      last = Last.Text;
    } else {
      flush(i);
      if (last !== Last.Start) last = Last.Gap;
    }
    i += width - 1;
  }
  flush(s.length);
  return out;
}
