// eld's detect() (Nito-ELD, eld/medium, v2.x), step for step, over eld's own
// database, for speed. eld spends most of a detection building strings (its
// "byte" words and n-grams) and enumerating its per-n-gram score objects
// with for…in; here the database is compiled once into typed arrays keyed by
// the n-gram's characters packed into two integers, the text is read once,
// character by character, and reading stops where eld stops (after 380
// UTF-8 bytes). The result is eld's, bit for bit: same words, same n-grams,
// same integer sums, same scaling, order and reliability rule (checked
// against eld.detect by test/domain/checks/eld-scores.test.ts).
//
// The database, dictionary, separator pattern and average scores are eld's
// modules, found next to its 'eld/medium' entry (the package exports only
// its entries). The medium entry imports the same modules, so nothing is
// loaded twice.

type Scores = Readonly<Record<string, number>>;
interface Database {
  readonly type: string;
  readonly languages: Readonly<Record<number, string>>;
  readonly ngrams: Readonly<Record<string, Scores>>;
}

const entry = import.meta.resolve('eld/medium');
const { ngramsData } = (await import(new URL('../ngrams/medium.js', entry).href)) as { ngramsData: Database };
const { dictionary } = (await import(new URL('../dictionary.js', entry).href)) as { dictionary: readonly string[] };
const { separators } = (await import(new URL('../regexPatterns.js', entry).href)) as { separators: RegExp };
const { avgScore } = (await import(new URL('../avgScore.js', entry).href)) as { avgScore: Readonly<Record<string, number>> };

if (!ngramsData?.ngrams || dictionary?.length !== 256 || dictionary.some((d) => d.length !== 1 || d.charCodeAt(0) > 0xff) || !(separators instanceof RegExp) || !avgScore) {
  throw new Error('eld-scores: eld/medium does not have the layout this port was written for (eld 2.x)');
}

/** eld's language codes by index. */
export const LANGUAGE_CODES: readonly string[] = Object.keys(ngramsData.languages).map((k) => ngramsData.languages[Number(k)]!);
const LANGUAGES = LANGUAGE_CODES.length;
/** eld subtracts this from every stored score to make its database smaller. */
const BASE_NGRAM_SCORE = 53;
const DICTIONARY = Uint8Array.from(dictionary, (d) => d.charCodeAt(0));

// ---- the database: n-gram (≤ 6 characters, each < 256) → [language, score + BASE, …]
// An open-addressing table on the key packed as lo = characters 0–3, hi = characters 4–5 and the length,
// one slot = [lo, hi, scores] side by side (one cache line per probe: the lookups are memory-bound).
// scores ≥ 0: offset into `pairs` << 6 | count; < 0: ~(language << 16 | score + BASE), the one pair itself.

const SLOTS = 1 << 18;
const MASK = SLOTS - 1;
let table: Int32Array; // 3 per slot; hi = 0: empty
let pairs: Int32Array;

function slotOf(lo: number, hi: number): number {
  return (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 0x7f4a7c15, 0x85ebca77)) >>> 14;
}

/** Compiled on first use (≈ 0.1–0.3 s): most processes never detect a language. */
function compile(): void {
  table = new Int32Array(3 * SLOTS);
  const out: number[] = [];
  for (const gram in ngramsData.ngrams) {
    if (gram.length > 6) throw new Error(`eld-scores: n-gram longer than 6 characters in eld's database: ${JSON.stringify(gram)}`);
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < gram.length; i++) {
      const c = gram.charCodeAt(i);
      if (c > 0xff) throw new Error(`eld-scores: n-gram with a character above 255 in eld's database: ${JSON.stringify(gram)}`);
      if (i < 4) lo |= c << (8 * i);
      else hi |= c << (8 * (i - 4));
    }
    hi |= gram.length << 16;
    let slot = slotOf(lo, hi);
    while (table[3 * slot + 1] !== 0) slot = (slot + 1) & MASK;
    table[3 * slot] = lo;
    table[3 * slot + 1] = hi;
    const scores = ngramsData.ngrams[gram]!;
    const offset = out.length;
    for (const lang in scores) {
      const score = scores[lang]! + BASE_NGRAM_SCORE;
      if (!(score >= 0 && score < 0x10000)) throw new Error(`eld-scores: score out of range in eld's database: ${score}`);
      out.push(Number(lang), score);
    }
    const count = (out.length - offset) >> 1;
    if (count === 1) {
      table[3 * slot + 2] = ~((out[offset]! << 16) | out[offset + 1]!);
      out.length = offset;
    } else table[3 * slot + 2] = (offset << 6) | count;
  }
  pairs = Int32Array.from(out);
}

/** Adds the n-gram's scores to `sums` (nothing if eld has none for it). */
function addScores(lo: number, hi: number, sums: Float64Array): void {
  for (let slot = slotOf(lo, hi); ; slot = (slot + 1) & MASK) {
    const at = 3 * slot;
    const h = table[at + 1]!;
    if (h === 0) return;
    if (h === hi && table[at] === lo) {
      const w = table[at + 2]!;
      if (w < 0) sums[~w >>> 16]! += ~w & 0xffff;
      else for (let k = w >> 6, end = k + 2 * (w & 63); k < end; k += 2) sums[pairs[k]!]! += pairs[k + 1]!;
      return;
    }
  }
}

// ---- characters: eld's letters (its separator pattern is a run of "not one of these"), and lower case

const ELD_NON_LETTER = new RegExp(`^${separators.source.slice(0, separators.source.indexOf(']+') + 1)}$`, 'u');
const letterTable = new Uint8Array(0x10000); // 0 not looked up yet, 1 letter, 2 not
export function isEldLetter(c: number): boolean {
  let v = letterTable[c]!;
  if (v === 0) {
    v = c >= 0xd800 && c <= 0xdfff ? 2 : ELD_NON_LETTER.test(String.fromCharCode(c)) ? 2 : 1;
    letterTable[c] = v;
  }
  return v === 1;
}
function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x60 || c === 0x2019;
}
const lowerTable = new Uint16Array(0x10000); // 0 not looked up yet
/** toLowerCase() of one BMP character other than U+0130 (the only one that lower-cases to two) and U+03A3 (context-dependent). */
function lower(c: number): number {
  let v = lowerTable[c]!;
  if (v === 0) {
    v = String.fromCharCode(c).toLowerCase().charCodeAt(0);
    lowerTable[c] = v;
  }
  return v;
}

// ---- the reading state: eld's strToUtf8Bytes over the characters handed to it, its words as ranges of `bytes`

const bytes = new Uint8Array(400); // eld stops after 380 bytes (+ one character of up to 4)
const wordEnds = new Int32Array(400);
let byteCount = 0; // bytes written
let words = 0;
let wordStart = 0;
let countBytes = 0; // eld's count: every byte, spaces included
let stopped = false;

function reset(): void {
  byteCount = words = wordStart = countBytes = 0;
  stopped = false;
}

/** eld's strToUtf8Bytes for one UTF-16 code unit (a surrogate pair as two calls is not needed: the text has none). */
function put(c: number): void {
  if (c < 0x80) {
    if (c === 32) {
      if (byteCount > wordStart) {
        wordEnds[words++] = byteCount;
        wordStart = byteCount;
      }
      if (countBytes > 350) {
        stopped = true;
        return;
      }
    } else bytes[byteCount++] = c;
    countBytes++;
  } else if (c < 0x800) {
    bytes[byteCount++] = DICTIONARY[0xc0 | (c >> 6)]!;
    bytes[byteCount++] = DICTIONARY[0x80 | (c & 0x3f)]!;
    countBytes += 2;
  } else {
    bytes[byteCount++] = DICTIONARY[0xe0 | (c >> 12)]!;
    bytes[byteCount++] = DICTIONARY[0x80 | ((c >> 6) & 0x3f)]!;
    bytes[byteCount++] = DICTIONARY[0x80 | (c & 0x3f)]!;
    countBytes += 3;
  }
  if (countBytes > 380) stopped = true;
}

/** The same for a surrogate pair (only the string path can meet one). */
function putAstral(cp: number): void {
  bytes[byteCount++] = DICTIONARY[0xf0 | (cp >> 18)]!;
  bytes[byteCount++] = DICTIONARY[0x80 | ((cp >> 12) & 0x3f)]!;
  bytes[byteCount++] = DICTIONARY[0x80 | ((cp >> 6) & 0x3f)]!;
  bytes[byteCount++] = DICTIONARY[0x80 | (cp & 0x3f)]!;
  countBytes += 4;
  if (countBytes > 380) stopped = true;
}

function endWords(): void {
  if (byteCount > wordStart) wordEnds[words++] = byteCount;
}

// eld's separation (a run of non-letters → one space, unless it ends in
// apostrophes, which stay; then trim), fed one character at a time
let inRun = false;
let runHasOther = false; // the run has something before its trailing apostrophes
let suffix: number[] = []; // the run's trailing apostrophes: suffix[0 … suffixLength)
let suffixLength = 0;
let wrote = false; // something was handed on (a leading space is trimmed)

function resetSeparation(): void {
  inRun = runHasOther = wrote = false;
  suffixLength = 0;
}

function separate(c: number): void {
  if (isEldLetter(c)) {
    if (inRun) {
      endRun(false);
      if (stopped) return;
    }
    put(lower(c));
    wrote = true;
    return;
  }
  inRun = true;
  if (isApostrophe(c)) suffix[suffixLength++] = c;
  else {
    runHasOther = true;
    suffixLength = 0;
  }
}

function endRun(atEnd: boolean): void {
  // the space for the run, unless it is trimmed (leading, or trailing with nothing after it)
  if (runHasOther && wrote && !(atEnd && suffixLength === 0)) put(32);
  for (let k = 0; k < suffixLength && !stopped; k++) put(suffix[k]!);
  if (suffixLength > 0) wrote = true;
  inRun = runHasOther = false;
  suffixLength = 0;
}

// Per code unit, what the reading does with an eld letter: its lower case's bytes (eld's dictionary
// characters, 1–3) packed as kind | count << 2 | b0 << 8 | b1 << 16 | b2 << 24; kind 1 letter, 2 not.
const LETTER_KIND = 1;
const OTHER_KIND = 2;
const readTable = new Int32Array(0x10000);
function readingOf(c: number): number {
  let v = readTable[c]!;
  if (v === 0) {
    if (!isEldLetter(c)) v = OTHER_KIND;
    else {
      const l = lower(c);
      if (l < 0x80) v = LETTER_KIND | (1 << 2) | (l << 8);
      else if (l < 0x800) v = LETTER_KIND | (2 << 2) | (DICTIONARY[0xc0 | (l >> 6)]! << 8) | (DICTIONARY[0x80 | (l & 0x3f)]! << 16);
      else v = LETTER_KIND | (3 << 2) | (DICTIONARY[0xe0 | (l >> 12)]! << 8) | (DICTIONARY[0x80 | ((l >> 6) & 0x3f)]! << 16) | (DICTIONARY[0x80 | (l & 0x3f)]! << 24);
    }
    readTable[c] = v;
  }
  return v;
}

// ---- scoring

const sums = new Float64Array(LANGUAGES);
const seenLo = new Int32Array(1024);
const seenHi = new Int32Array(1024);
const seenStamp = new Int32Array(1024);
let stamp = 0;

/** Adds an n-gram's scores once (eld's n-grams are a set). Returns 1 if it was new. */
function addGram(from: number, to: number, lead: boolean, trail: boolean): number {
  const n = (lead ? 1 : 0) + (to - from) + (trail ? 1 : 0);
  if (n > 6) return addLongGram(from, to, lead, trail); // longer than any n-gram of the database
  let lo = 0;
  let hi = 0;
  let at = 0;
  if (lead) lo = 32;
  at = lead ? 1 : 0;
  for (let i = from; i < to; i++, at++) {
    if (at < 4) lo |= bytes[i]! << (8 * at);
    else hi |= bytes[i]! << (8 * (at - 4));
  }
  if (trail) {
    if (at < 4) lo |= 32 << (8 * at);
    else hi |= 32 << (8 * (at - 4));
  }
  hi |= n << 16;
  let slot = (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca77)) >>> 22;
  for (; seenStamp[slot] === stamp; slot = (slot + 1) & 1023) if (seenLo[slot] === lo && seenHi[slot] === hi) return 0;
  seenStamp[slot] = stamp;
  seenLo[slot] = lo;
  seenHi[slot] = hi;
  addScores(lo, hi, sums);
  return 1;
}

// n-grams longer than 6 characters (the end of a word over 70 bytes): in no database entry, only counted
let longGrams = new Set<string>();
function addLongGram(from: number, to: number, lead: boolean, trail: boolean): number {
  const key = (lead ? ' ' : '') + String.fromCharCode(...bytes.subarray(from, to)) + (trail ? ' ' : '');
  if (longGrams.has(key)) return 0;
  longGrams.add(key);
  return 1;
}

export interface EldResult {
  /** eld's result.language ('' when nothing scored) */
  readonly language: string;
  /** eld's result.isReliable() with its default threshold */
  readonly reliable: boolean;
  /** eld's scaled score per language index, 0 where eld has none (its positive sums only) */
  readonly scaled: readonly number[];
}

/**
 * The best and second of the given language indexes in eld's order
 * (getScores(): score descending, equal scores in index order); -1 where
 * there is none. Languages without a positive sum are not in eld's list.
 */
export function bestTwo(scaled: readonly number[], indexes: readonly number[]): [number, number] {
  let best = -1;
  let second = -1;
  for (const l of indexes) {
    const v = scaled[l]!;
    if (!(v > 0)) continue;
    if (best < 0 || v > scaled[best]! || (v === scaled[best]! && l < best)) {
      second = best;
      best = l;
    } else if (second < 0 || v > scaled[second]! || (v === scaled[second]! && l < second)) second = l;
  }
  return [best, second];
}

const ALL = LANGUAGE_CODES.map((_, i) => i);

/** eld's result.getScores() as [code, score], best first (for tests). */
export function orderedScores(result: EldResult): [string, number][] {
  return ALL.filter((l) => result.scaled[l]! > 0)
    .map((l) => [LANGUAGE_CODES[l]!, result.scaled[l]!] as [string, number])
    .sort((a, b) => b[1] - a[1]);
}

/** eld's getByteNgrams, calculateScores, getMaxLang, orderAndScale and isReliable over the words read. */
function score(): EldResult {
  endWords();
  if (!pairs) compile();
  sums.fill(0);
  if (++stamp === 0x7fffffff) {
    seenStamp.fill(0);
    stamp = 1;
  }
  if (longGrams.size > 0) longGrams = new Set();
  let numNgrams = 0;
  let from = 0;
  for (let w = 0; w < words; w++) {
    const to = wordEnds[w]!;
    const length = to - from;
    const len = length > 70 ? 70 : length;
    let j = 0;
    for (; j + 4 < len; j += 3) numNgrams += addGram(from + j, from + j + 4, j === 0, false);
    const last = len !== 3 ? Math.max(0, len - 4) : 0;
    numNgrams += addGram(from + last, to, j === 0, true);
    from = to;
  }
  // getMaxLang: the first strictly greatest positive sum
  let top = -1;
  let max = 0;
  for (let l = 0; l < LANGUAGES; l++) {
    if (sums[l]! > 0 && sums[l]! > max) {
      max = sums[l]!;
      top = l;
    }
  }
  const scaled: number[] = new Array<number>(LANGUAGES).fill(0); // an array: a small typed array costs more to make
  if (top < 0) return { language: '', reliable: false, scaled };
  // orderAndScale: each positive sum per n-gram, scaled to 0–1
  for (let l = 0; l < LANGUAGES; l++) {
    if (sums[l]! > 0) {
      const ngramScore = sums[l]! / numNgrams;
      scaled[l] = ngramScore / (ngramScore + 25);
    }
  }
  // isReliable(0.75), as eld writes it: its "next score" is the runner-up's language index
  const [first, second] = bestTwo(scaled, ALL);
  const nextScore = second >= 0 ? second : 0;
  const language = LANGUAGE_CODES[top]!;
  const reliable = !(numNgrams < 3 || avgScore[language]! * 0.75 > scaled[first]! || 0.01 > Math.abs(scaled[first]! - nextScore));
  return { language, reliable, scaled };
}

/** eld.detect(text) of eld/medium without a language subset or text clean-up: its language, isReliable() and scores. */
export function eldDetect(text: string): EldResult {
  // eld's textProcessor as it is written: replace, trim, lower-case the whole (the reference path)
  const prepared = text.substring(0, 1000).replace(separators, ' ').trim().toLowerCase();
  reset();
  for (let i = 0; i < prepared.length && !stopped; i++) {
    const c = prepared.charCodeAt(i);
    // as eld reads it: a surrogate takes the next code unit with it, whatever it is
    if (c >= 0xd800 && c < 0xe000) putAstral(0x10000 + (((c & 0x3ff) << 10) | (prepared.charCodeAt(++i) & 0x3ff)));
    else put(c);
  }
  return score();
}

/**
 * eldDetect(the given ranges of `text` joined by single spaces), without
 * making that string: the characters are separated and lower-cased as
 * they are read, and reading stops where eld stops. A text with a capital
 * sigma or a dotted capital I (whose lower case is not one character on
 * its own) takes the reference path.
 */
export function eldDetectRanges(text: string, ranges: readonly number[]): EldResult {
  let budget = 1000; // eld reads the first 1000 characters
  if (text.includes('\u03a3') || text.includes('\u0130')) {
    let joined = '';
    for (let k = 0; k < ranges.length && joined.length < budget; k += 2) joined += (k ? ' ' : '') + text.slice(ranges[k], ranges[k + 1]);
    return eldDetect(joined);
  }
  reset();
  resetSeparation();
  for (let k = 0; k < ranges.length && budget > 0 && !stopped; k += 2) {
    if (k > 0) {
      separate(32);
      budget--;
    }
    const end = Math.min(ranges[k + 1]!, ranges[k]! + budget);
    for (let i = ranges[k]!; i < end && !stopped; i++) {
      const c = text.charCodeAt(i);
      const r = readingOf(c);
      if ((r & 3) !== LETTER_KIND || inRun) {
        separate(c);
        continue;
      }
      // a letter inside a word, the common case: put(lower(c)) written out
      const count = (r >> 2) & 3;
      bytes[byteCount++] = (r >>> 8) & 0xff;
      if (count > 1) bytes[byteCount++] = (r >>> 16) & 0xff;
      if (count > 2) bytes[byteCount++] = r >>> 24;
      countBytes += count;
      wrote = true;
      if (countBytes > 380) stopped = true;
    }
    budget -= end - ranges[k]!;
  }
  if (!stopped && inRun) endRun(true);
  return score();
}
