// Phone numbers spelled out as words, digit by digit: "zero five five one …",
// "صفر خمسة خمسة …", "два шесть один …", possibly mixed with digits
// ("05 five 5 …"). Seven or more digit tokens in a row, joined only by
// spaces, commas or dashes, make a candidate; it must still validate as a
// phone number (issue 7: "five five…" is optional, done for en, ar, ru,
// et, lv, lt, pl).
import { isPhoneNumber, type Budget } from './phone-numbers.js';
import { classOf, LETTER, NUMBER } from './chars.js';
import { matchesAfter } from './scan.js';
import { wordTrie } from './trie.js';
import type { RawMatch } from './types.js';

const WORDS: Record<string, string> = {};
const TABLE: [string, string[]][] = [
  ['0', ['zero', 'oh', 'ноль', 'нуль', 'صفر', 'null', 'nulle', 'nulis', 'zero']],
  ['1', ['one', 'один', 'одна', 'واحد', 'üks', 'viens', 'vienas', 'jeden', 'jedna']],
  ['2', ['two', 'два', 'две', 'اثنين', 'اثنان', 'إثنين', 'اتنين', 'كاثنين', 'kaks', 'divi', 'du', 'dwa']],
  ['3', ['three', 'три', 'ثلاثة', 'ثلاث', 'تلاتة', 'تلاته', 'ثلاثه', 'kolm', 'trīs', 'trys', 'trzy']],
  ['4', ['four', 'четыре', 'أربعة', 'اربعة', 'أربع', 'اربع', 'اربعه', 'neli', 'četri', 'keturi', 'cztery']],
  ['5', ['five', 'пять', 'خمسة', 'خمس', 'خمسه', 'viis', 'pieci', 'penki', 'pięć', 'piec']],
  ['6', ['six', 'шесть', 'ستة', 'ست', 'سته', 'kuus', 'seši', 'šeši', 'sześć', 'szesc']],
  ['7', ['seven', 'семь', 'سبعة', 'سبع', 'سبعه', 'seitse', 'septiņi', 'septyni', 'siedem']],
  ['8', ['eight', 'восемь', 'ثمانية', 'ثمان', 'ثمانيه', 'تمانية', 'تمنية', 'kaheksa', 'astoņi', 'aštuoni', 'osiem']],
  ['9', ['nine', 'девять', 'تسعة', 'تسع', 'تسعه', 'üheksa', 'deviņi', 'devyni', 'dziewięć']],
];
for (const [digit, words] of TABLE) for (const w of words) WORDS[w] = digit;

const TOKEN = /[\p{L}\p{N}]+/gu;
const JOINER = /^[\s,\-–.]{1,3}$/;
// Arabic "و" ("and") may be glued to the next number word
function digitsOf(token: string): string | null {
  if (/^\d+$/.test(token)) return token.length <= 4 ? token : null;
  const lower = token.toLowerCase();
  const hit = WORDS[lower] ?? (lower.startsWith('و') ? WORDS[lower.slice(1)] : undefined);
  return hit ?? null;
}

/**
 * A number word standing as a token (a superset of the tokens digitsOf reads
 * as a word: case-insensitive, with the glued "و"). A candidate needs one,
 * so the scan starts from these instead of reading every token. Two scans,
 * factored by prefix (trie.ts): the Latin and Cyrillic words, and, only in
 * a text with Arabic letters, the Arabic words and any word after a glued "و".
 */
const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
const OTHER_WORDS = Object.keys(WORDS).filter((w) => !ARABIC_SCRIPT.test(w));
const ARABIC_WORDS = Object.keys(WORDS).filter((w) => ARABIC_SCRIPT.test(w));
const NUMBER_WORD = new RegExp(`${wordTrie(OTHER_WORDS)}(?![\\p{L}\\p{N}])`, 'giu');
const WAW_NUMBER_WORD = new RegExp(`(?:و?${wordTrie(ARABIC_WORDS)}|و${wordTrie(OTHER_WORDS)})(?![\\p{L}\\p{N}])`, 'giu');
const TOKEN_START = { letter: true, number: true };

/** The starts of the tokens that may be number words, in order. */
function numberWords(text: string): number[] {
  const starts = matchesAfter(text, NUMBER_WORD, TOKEN_START).map((m) => m.index);
  if (!ARABIC_SCRIPT.test(text)) return starts;
  const more = matchesAfter(text, WAW_NUMBER_WORD, TOKEN_START).map((m) => m.index);
  return more.length === 0 ? starts : [...starts, ...more].sort((x, y) => x - y);
}

/** Width of the token character (\p{L} or \p{N}, a surrogate pair counts as one) ending at `end`, or 0. */
function tokenCharBefore(text: string, end: number): number {
  if (end <= 0) return 0;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xdc00 && c <= 0xdfff && end >= 2) {
    const h = text.charCodeAt(end - 2);
    if (h >= 0xd800 && h <= 0xdbff) return /^[\p{L}\p{N}]$/u.test(text.slice(end - 2, end)) ? 2 : 0;
  }
  return c >= 0xd800 && c <= 0xdfff ? 0 : classOf(c) & (LETTER | NUMBER) ? 1 : 0;
}

/** Start of the chain of digit tokens (joined by JOINER gaps) that the token at `start` belongs to. */
function chainStart(text: string, start: number): number {
  for (;;) {
    let gapStart = start;
    while (gapStart > 0 && tokenCharBefore(text, gapStart) === 0) gapStart--;
    if (gapStart === 0 || !JOINER.test(text.slice(gapStart, start))) return start;
    let tokenStart = gapStart;
    for (let w = tokenCharBefore(text, tokenStart); w > 0; w = tokenCharBefore(text, tokenStart)) tokenStart -= w;
    if (digitsOf(text.slice(tokenStart, gapStart)) === null) return start;
    start = tokenStart;
  }
}

/**
 * The tokens are read left to right; runs of digit tokens joined by JOINER
 * gaps (at most 15 digits, at least one word) are candidates. A run only
 * ever starts after a non-digit token or a non-joining gap, so each chain
 * of digit tokens is read on its own, from its start, and only the chains
 * with a number word in them are read at all.
 */
export function findSpelledPhones(text: string, country: string | undefined, budget: Budget): RawMatch[] {
  const out: RawMatch[] = [];
  let run: { start: number; end: number; digits: string; words: number } | null = null;
  let lastEnd = -1;
  const flush = () => {
    if (run && run.words >= 1 && run.digits.length >= 7 && run.digits.length <= 15) {
      const plus = text[run.start - 1] === '+';
      if (isPhoneNumber({ digits: run.digits, plus, country, cue: true }, budget)) out.push({ type: 'phone', start: plus ? run.start - 1 : run.start, end: run.end });
    }
    run = null;
  };
  let done = 0; // chains before this have been read
  for (const at of numberWords(text)) {
    if (at < done) continue;
    TOKEN.lastIndex = at;
    const token = TOKEN.exec(text);
    if (!token || token.index !== at || digitsOf(token[0]) === null) continue;
    const tokens = TOKEN;
    tokens.lastIndex = chainStart(text, at);
    done = text.length;
    for (let m = tokens.exec(text); m; m = tokens.exec(text)) {
      if (budget.left <= 0) {
        flush();
        return out;
      }
      const d = digitsOf(m[0]);
      const start = m.index;
      const end = start + m[0].length;
      if (d === null) {
        done = end;
        break;
      }
      if (run && !JOINER.test(text.slice(lastEnd, start))) {
        done = start; // a new chain starts here
        break;
      }
      if (run && run.digits.length + d.length <= 15) {
        run.digits += d;
        run.end = end;
        if (!/^\d+$/.test(m[0])) run.words++;
      } else {
        flush();
        run = { start, end, digits: d, words: /^\d+$/.test(m[0]) ? 0 : 1 };
      }
      lastEnd = end;
    }
    flush();
  }
  return out;
}
