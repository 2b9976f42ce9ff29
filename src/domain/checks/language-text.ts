// The words of a reply that say something about its language: links,
// e-mail addresses, handles, numbers, codes, model names and brand names are
// removed first ("Samsung Galaxy A54", "iPhone 15 Pro", "DPD", "Omniva"),
// and in a reply written mostly in Arabic or Cyrillic script the Latin words
// go too. What is left is what the detector reads and what counts as letters.
//
// One pass over the characters with the class table of chars.ts; a word
// with an astral character (emoji, math letters) takes the regex path.
import { classOf, LETTER, LOWER, LOWERS, NUMBER, SPACE, UPPER, UPPERS } from './chars.js';
import { foldText } from './digits.js';

/** Characters of the body looked at (after folding). */
export const MAX_BODY = 5000;
/** Characters of the cleaned text handed to the detector: eld reads no more than its first 1000. */
export const MAX_TEXT = 1000;

const LINKS = /(?:https?:\/\/|www\.)\S+|\S+@\S+|@\w+|(?<![\p{L}\p{N}])[\w-]+(?:\.[\w-]+)+\.[a-z]{2,}(?:\/\S*)?|(?<![\p{L}\p{N}])[\w-]+\.(?:com|net|org|ee|lv|lt|pl|ru|eu|sa|eg|ae|me|io)(?:\/\S*)?/giu;
/** Brand, product and carrier names common in marketplace replies. */
const BRANDS = new Set([
  'apple', 'iphone', 'ipad', 'macbook', 'airpods', 'samsung', 'galaxy', 'xiaomi', 'redmi', 'poco', 'huawei', 'honor', 'oneplus', 'google', 'pixel',
  'lenovo', 'ideapad', 'thinkpad', 'asus', 'acer', 'dell', 'hp', 'sony', 'playstation', 'xbox', 'nintendo', 'lg', 'philips', 'bosch', 'dyson',
  'nokia', 'motorola', 'oppo', 'vivo', 'realme', 'pro', 'max', 'plus', 'ultra', 'mini', 'lite', 'note', 'watch', 'air',
  'omniva', 'dpd', 'dhl', 'ups', 'fedex', 'inpost', 'paczkomat', 'venipak', 'smartpost', 'aramex', 'smsa', 'lp', 'express',
  'helpdesk', 'whatsapp', 'telegram', 'viber', 'signal', 'zoom', 'skype', 'facebook', 'instagram', 'paypal', 'visa', 'mastercard',
]);
const LONGEST_BRAND = Math.max(...[...BRANDS].map((b) => b.length));
/** A hash of a word's letters lower-cased (ASCII), to look up BRANDS only for the words that may be one. */
function brandHash(h: number, lowerAscii: number): number {
  return (Math.imul(h, 31) + lowerAscii) | 0;
}
const BRAND_HASHES = new Set([...BRANDS].map((b) => [...b].reduce((h, ch) => brandHash(h, ch.charCodeAt(0)), 0)));

export type Script = 'arabic' | 'cyrillic' | 'latin' | 'other';

export interface LanguageText {
  /** the folded body without its links */
  text: string;
  /** the kept words, as [start, end, …] in `text`: joined by spaces, they are what the detector reads */
  words: number[];
  /** letters of all kept words */
  letters: number;
  script: Script;
}

/** The kept words joined by spaces, at most MAX_TEXT characters (the detector reads no more). */
export function joinedWords(t: LanguageText): string {
  const kept: string[] = [];
  let length = -1;
  for (let k = 0; k < t.words.length && length < MAX_TEXT; k += 2) {
    kept.push(t.text.slice(t.words[k], t.words[k + 1]));
    length += 1 + t.words[k + 1]! - t.words[k]!;
  }
  const joined = kept.join(' ');
  return joined.length > MAX_TEXT ? joined.slice(0, MAX_TEXT) : joined;
}

// ---- links. Every match lies inside one run of non-space characters, and
// has an "@", a ":" or a "." followed by another character of the run in it
// (a sentence's final full stop is not one); only those runs are cleaned.
const LINK_CUE = /[@:]|\.\S/g;

function withoutLinks(text: string): string {
  let out = '';
  let copyFrom = 0;
  LINK_CUE.lastIndex = 0;
  for (let m = LINK_CUE.exec(text); m; m = LINK_CUE.exec(text)) {
    let start = m.index;
    while (start > 0 && !(classOf(text.charCodeAt(start - 1)) & SPACE)) start--;
    let end = m.index + 1;
    while (end < text.length && !(classOf(text.charCodeAt(end)) & SPACE)) end++;
    LINK_CUE.lastIndex = end; // one look per run
    const chunk = text.slice(start, end);
    const cleaned = chunk.replace(LINKS, ' ');
    if (cleaned !== chunk) {
      out += text.slice(copyFrom, start) + cleaned;
      copyFrom = end;
    }
  }
  return copyFrom === 0 ? text : out + text.slice(copyFrom);
}

// ---- words: split at spaces and , ; : ! ? ( ) [ ] { } " « » „ “ ” / \ | + = * < > – — -
// Each code unit's part in the rule below, in one table (filled per block of 256 on first use).

const SPLIT_CHARS = new Set([...',;:!?()[]{}"«»„“”/\\|+=*<>–—-'].map((ch) => ch.charCodeAt(0)));
const SPLITS = 1;
const DIGITS = 2; // \p{N}
const IS_LETTER = 4; // \p{L}
const CHANGES_UP = 8;
const CHANGES_DOWN = 16;
const IS_UPPER = 32; // \p{Lu}
const IS_LOWER = 64; // \p{Ll}
const FOREIGN = 128; // a letter whose lower case is not ASCII (all non-ASCII letters but the Kelvin sign)
const SURROGATE = 256;
const SCRIPT_SHIFT = 9; // two bits: 1 Latin, 2 Cyrillic, 3 Arabic, as the reply's script is counted
const LATIN = 1;
const CYRILLIC = 2;
const ARABIC = 3;

function scriptOf(c: number): number {
  if (c < 0x41) return 0;
  if (c <= 0x5a || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) return LATIN;
  if (c >= 0x400 && c <= 0x4ff) return CYRILLIC;
  if ((c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f) || (c >= 0x8a0 && c <= 0x8ff)) return ARABIC;
  return 0;
}

const roles = new Uint16Array(0x10000);
const filledBlocks = new Uint8Array(0x100);
function fillRoles(block: number): void {
  for (let c = block << 8; c < (block + 1) << 8; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      roles[c] = SURROGATE;
      continue;
    }
    const k = classOf(c);
    let r = scriptOf(c) << SCRIPT_SHIFT;
    if (SPLIT_CHARS.has(c) || k & SPACE) r |= SPLITS;
    if (k & NUMBER) r |= DIGITS;
    if (k & LETTER) r |= IS_LETTER | (c >= 0x80 && c !== 0x212a ? FOREIGN : 0);
    if (k & UPPERS) r |= CHANGES_UP;
    if (k & LOWERS) r |= CHANGES_DOWN;
    if (k & UPPER) r |= IS_UPPER;
    if (k & LOWER) r |= IS_LOWER;
    roles[c] = r;
  }
  filledBlocks[block] = 1;
}

/** The reference rule, for words with astral characters. Returns the letters (code points) of a kept word, or -1. */
function keptLettersSlow(word: string): number {
  if (/\p{N}/u.test(word)) return -1; // numbers, model numbers, codes
  const letters = word.replace(/[^\p{L}]/gu, '');
  if (letters.length === 0) return -1;
  if (BRANDS.has(letters.toLowerCase())) return -1;
  if (letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return -1; // VAT, IMEI, LV, PVN
  if (/\p{Ll}\p{Lu}/u.test(letters)) return -1; // iPhone, IdeaPad, WhatsApp
  return [...letters].length;
}

/**
 * The words are read in one pass, each against the rule: no number; some
 * letter; not a brand; not in capitals (no letter changes when upper-cased,
 * some does when lower-cased: case mappings are per character); no
 * lower-case letter followed by an upper-case one among its letters. A word
 * with a surrogate takes the reference rule.
 */
export function languageText(body: string, foldedPrefix?: string): LanguageText {
  const text = withoutLinks(foldedPrefix ?? foldText(body.length > MAX_BODY ? body.slice(0, MAX_BODY) : body).text);
  // kept words as [start, end, letters, has Latin]
  const words: number[] = [];
  let arabic = 0;
  let cyrillic = 0;
  let latin = 0;
  // the word being read
  let start = -1;
  let wLetters = 0;
  let seen = 0; // the roles of its characters, or-ed
  let onlyLetters = true;
  let camel = false;
  let lastWasLower = false;
  let hash = 0;
  let wLatin = 0;
  let wCyrillic = 0;
  let wArabic = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    let r = SPLITS;
    if (i < n) {
      const c = text.charCodeAt(i);
      if (filledBlocks[c >> 8] === 0) fillRoles(c >> 8);
      r = roles[c]!;
      if (!(r & SPLITS)) {
        if (start < 0) {
          start = i;
          wLetters = seen = wLatin = wCyrillic = wArabic = hash = 0;
          onlyLetters = true;
          camel = lastWasLower = false;
        }
        seen |= r;
        const script = r >> SCRIPT_SHIFT;
        if (script === LATIN) wLatin++;
        else if (script === CYRILLIC) wCyrillic++;
        else if (script === ARABIC) wArabic++;
        if (r & IS_LETTER) {
          wLetters++;
          if (c < 0x80) hash = brandHash(hash, c | 0x20);
          else if (c === 0x212a) hash = brandHash(hash, 0x6b); // the Kelvin sign lower-cases to "k"
          if (lastWasLower && r & IS_UPPER) camel = true;
          lastWasLower = (r & IS_LOWER) !== 0;
        } else onlyLetters = false;
        continue;
      }
    }
    if (start < 0) continue;
    // the word [start, i) ends here
    let kept: number;
    if (seen & SURROGATE) kept = keptLettersSlow(text.slice(start, i));
    else if (seen & DIGITS || wLetters === 0 || camel || (wLetters >= 2 && !(seen & CHANGES_UP) && seen & CHANGES_DOWN)) kept = -1;
    else {
      kept = wLetters;
      if (!(seen & FOREIGN) && wLetters <= LONGEST_BRAND && BRAND_HASHES.has(hash)) {
        const word = text.slice(start, i);
        if (BRANDS.has((onlyLetters ? word : word.replace(/[^\p{L}]/gu, '')).toLowerCase())) kept = -1;
      }
    }
    if (kept >= 0) {
      latin += wLatin;
      cyrillic += wCyrillic;
      arabic += wArabic;
      words.push(start, i, kept, wLatin > 0 ? 1 : 0);
    }
    start = -1;
  }
  const total = arabic + cyrillic + latin;
  const script: Script = total === 0 ? 'other' : arabic * 2 >= total ? 'arabic' : cyrillic * 2 >= total ? 'cyrillic' : latin * 2 >= total ? 'latin' : 'other';
  // in an Arabic or Cyrillic reply, the Latin words are names and terms
  const dropLatin = script === 'arabic' || script === 'cyrillic';
  const kept: number[] = [];
  let letters = 0;
  for (let k = 0; k < words.length; k += 4) {
    if (dropLatin && words[k + 3] === 1) continue;
    letters += words[k + 2]!;
    kept.push(words[k]!, words[k + 1]!);
  }
  return { text, words: kept, letters, script };
}
