// Folding of a message body before the detectors look at it: Arabic-Indic
// (٠-٩) and Persian (۰-۹) digits, fullwidth digits, the Arabic decimal
// and thousands separators become their Latin forms, no-break spaces become
// spaces, and invisible marks (bidi controls, zero-width characters, soft
// hyphens, the Arabic tatweel ـ) are dropped so that they cannot split a
// number or a word. Every detector runs on the folded text; `toOriginal`
// maps its offsets back to the body, so a match highlights the original
// characters (POLICIES A: numbers "in Latin or Arabic-Indic digits").
// For contact detection (`digitLike`), also circled (①, ➊) and mathematical
// (𝟐) digits and keycap emoji (2️⃣: its variation selector and keycap mark
// are dropped), ways to write a number past a filter. The repeat check's
// normal form keeps the plain folding: its stored keys never change.

export interface FoldedText {
  /** the body folded */
  readonly body: string;
  /** the folded text the detectors scan */
  readonly text: string;
  /** offset in the original body of each folded code unit, plus body.length at the end */
  readonly origin: Int32Array;
}

function foldUnit(c: number): number | -1 {
  if (c >= 0x0660 && c <= 0x0669) return 0x30 + (c - 0x0660); // Arabic-Indic
  if (c >= 0x06f0 && c <= 0x06f9) return 0x30 + (c - 0x06f0); // Persian / Urdu
  if (c >= 0xff10 && c <= 0xff19) return 0x30 + (c - 0xff10); // fullwidth
  if (c === 0x066b) return 0x2e; // Arabic decimal separator → "."
  if (c === 0x066c) return 0x2c; // Arabic thousands separator → ","
  if (c === 0xff20) return 0x40; // fullwidth @
  if (c === 0x00a0 || c === 0x202f || c === 0x2007 || c === 0x2009) return 0x20; // no-break and thin spaces
  if (c === 0x00ad || c === 0x0640 || c === 0x061c || c === 0xfeff) return -1; // soft hyphen, tatweel, ALM, BOM
  if (c >= 0x200b && c <= 0x200f) return -1; // zero-width and LRM/RLM
  if (c >= 0x202a && c <= 0x202e) return -1; // bidi embeddings
  if (c >= 0x2066 && c <= 0x2069) return -1; // bidi isolates
  return c;
}

/** A body that folding leaves as it is (most are): its offsets are its own, made only if asked for. */
class Unchanged implements FoldedText {
  private map: Int32Array | null = null;
  constructor(readonly text: string) {}
  get body(): string {
    return this.text;
  }
  get origin(): Int32Array {
    if (!this.map) {
      this.map = new Int32Array(this.text.length + 1);
      for (let i = 0; i <= this.text.length; i++) this.map[i] = i;
    }
    return this.map;
  }
}

/** The digit-like characters contact detection folds as well. */
function foldDigitLike(c: number): number | -1 {
  if (c >= 0x2460 && c <= 0x2468) return 0x31 + (c - 0x2460); // circled ①-⑨
  if (c >= 0x2776 && c <= 0x277e) return 0x31 + (c - 0x2776); // dingbat negative circled ❶-❾
  if (c >= 0x2780 && c <= 0x2788) return 0x31 + (c - 0x2780); // dingbat circled sans-serif ➀-➈
  if (c >= 0x278a && c <= 0x2792) return 0x31 + (c - 0x278a); // dingbat negative circled sans-serif ➊-➒
  if (c === 0x24ea || c === 0x24ff) return 0x30; // circled and negative circled zero
  if (c === 0xfe0f || c === 0x20e3) return -1; // emoji variation selector, combining keycap: "2️⃣" is "2"
  return foldUnit(c);
}

/** 1 for the code units folding changes, in each mode. */
const FOLDS = new Uint8Array(0x10000);
const FOLDS_DIGIT_LIKE = new Uint8Array(0x10000);
for (let c = 0xa0; c < 0x10000; c++) {
  if (foldUnit(c) !== c) FOLDS[c] = 1;
  if (foldDigitLike(c) !== c) FOLDS_DIGIT_LIKE[c] = 1;
}

/** Mathematical bold, double-struck, sans-serif and monospace digits (U+1D7CE-U+1D7FF): a surrogate pair at i. */
function isMathDigit(body: string, i: number): boolean {
  if (body.charCodeAt(i) !== 0xd835) return false;
  const low = body.charCodeAt(i + 1);
  return low >= 0xdfce && low <= 0xdfff;
}

/** Folds `body` as described above. Linear; never throws (lone surrogates pass through). */
export function foldText(body: string, digitLike = false): FoldedText {
  const folds = digitLike ? FOLDS_DIGIT_LIKE : FOLDS;
  const fold = digitLike ? foldDigitLike : foldUnit;
  // (a math digit starts with the high surrogate 0xd835: only then is the pair looked at)
  const math = (c: number, i: number) => c === 0xd835 && digitLike && isMathDigit(body, i);
  let i = 0;
  for (; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (folds[c] === 1 || math(c, i)) break;
  }
  if (i === body.length) return new Unchanged(body);
  const origin = new Int32Array(body.length + 1);
  for (let k = 0; k < i; k++) origin[k] = k;
  // unchanged stretches are copied whole; only folded units are written one by one
  let out = body.slice(0, i);
  let n = i;
  let copyFrom = i;
  for (; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (math(c, i)) {
      // one digit from a surrogate pair: the pair's first unit maps to it, the second is dropped
      out += body.slice(copyFrom, i) + String.fromCharCode(0x30 + ((body.charCodeAt(i + 1) - 0xdfce) % 10));
      origin[n++] = i;
      copyFrom = i + 2;
      i++;
      continue;
    }
    const f = folds[c] === 1 ? fold(c) : c;
    if (f === c) {
      origin[n++] = i;
      continue;
    }
    out += body.slice(copyFrom, i);
    copyFrom = i + 1;
    if (f === -1) continue;
    out += String.fromCharCode(f);
    origin[n++] = i;
  }
  out += body.slice(copyFrom);
  origin[n] = body.length;
  return { body, text: out, origin: origin.subarray(0, n + 1) };
}

/** Maps a half-open range of the folded text to the original body. */
export function originalRange(folded: FoldedText, start: number, end: number): { start: number; end: number } {
  const o = folded.origin;
  const s = o[start] ?? 0;
  if (end <= start) return { start: s, end: s };
  let e = (o[end - 1] ?? s) + 1;
  const body = folded.body;
  if (isMathDigit(body, e - 1)) e++; // the whole surrogate pair
  while (body.charCodeAt(e) === 0xfe0f || body.charCodeAt(e) === 0x20e3) e++; // a keycap's marks
  return { start: s, end: e };
}

/** Latin digits of a string that may hold any of the digit forms above. */
export function latinDigits(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const f = foldUnit(s.charCodeAt(i));
    if (f >= 0x30 && f <= 0x39) out += String.fromCharCode(f);
  }
  return out;
}
