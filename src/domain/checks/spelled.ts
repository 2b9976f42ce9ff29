// Phone numbers spelled out as words, digit by digit: "zero five five one …",
// "صفر خمسة خمسة …", "два шесть один …", or in pairs and hundreds
// ("divdesmit seši divpadsmit …", "девятьсот двадцать …"), possibly mixed with digits
// ("05 five 5 …"). Seven or more digit tokens in a row, joined only by
// spaces, commas or dashes, make a candidate; it must still validate as a
// phone number (issue 7: "five five…" is optional, done for en, ar, ru,
// et, lv, lt, pl).
import { isPrice, nearPhoneCue } from './context.js';
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

// Numbers read in pairs or hundreds, as Latvian and Russian numbers are
// dictated ("divdesmit seši, divpadsmit…", "двадцать шесть", "девятьсот
// двадцать три"): tens and hundreds keep trailing zeros open that the next
// smaller word fills ("twenty" "six" → 26, "девятьсот" "три" → 903). Arabic
// says the unit first and joins the tens with "و" ("and"), glued or standing
// alone: "ستة وعشرين", "خمسة و عشرين" → 26, 25 (ARABIC_TENS); its tens keep no
// zero open. Its teens are a unit and "عشر" ("خمسة عشر" → 15, "أحد عشر" → 11;
// TEN_WORDS), or one word ("احدعشر", "اتناشر", "خمسطعش"; ARABIC_TEENS); its
// hundreds are one word ("ثلاثمائة", "تلتمية") or a unit and "مئة" ("ثلاث مئة"),
// and what follows them comes after "و" in the same unit-first order:
// "ثلاثمائة وخمسة وعشرين" → 325, "مئتين وخمسة عشر" → 215.
const TEENS: [string, string[]][] = [
  ['10', ['ten', 'десять', 'desmit', 'dešimt', 'kümme', 'dziesięć']],
  ['11', ['eleven', 'одиннадцать', 'vienpadsmit', 'vienuolika', 'üksteist', 'jedenaście']],
  ['12', ['twelve', 'двенадцать', 'divpadsmit', 'dvylika', 'kaksteist', 'dwanaście']],
  ['13', ['thirteen', 'тринадцать', 'trīspadsmit', 'trylika', 'kolmteist', 'trzynaście']],
  ['14', ['fourteen', 'четырнадцать', 'četrpadsmit', 'keturiolika', 'neliteist', 'czternaście']],
  ['15', ['fifteen', 'пятнадцать', 'piecpadsmit', 'penkiolika', 'viisteist', 'piętnaście']],
  ['16', ['sixteen', 'шестнадцать', 'sešpadsmit', 'šešiolika', 'kuusteist', 'szesnaście']],
  ['17', ['seventeen', 'семнадцать', 'septiņpadsmit', 'septyniolika', 'seitseteist', 'siedemnaście']],
  ['18', ['eighteen', 'восемнадцать', 'astoņpadsmit', 'aštuoniolika', 'kaheksateist', 'osiemnaście']],
  ['19', ['nineteen', 'девятнадцать', 'deviņpadsmit', 'devyniolika', 'üheksateist', 'dziewiętnaście']],
];
const TENS: [string, string[]][] = [
  ['20', ['twenty', 'двадцать', 'divdesmit', 'dvidešimt', 'kakskümmend', 'dwadzieścia']],
  ['30', ['thirty', 'тридцать', 'trīsdesmit', 'trisdešimt', 'kolmkümmend', 'trzydzieści']],
  ['40', ['forty', 'сорок', 'četrdesmit', 'keturiasdešimt', 'nelikümmend', 'czterdzieści']],
  ['50', ['fifty', 'пятьдесят', 'piecdesmit', 'penkiasdešimt', 'viiskümmend', 'pięćdziesiąt']],
  ['60', ['sixty', 'шестьдесят', 'sešdesmit', 'šešiasdešimt', 'kuuskümmend', 'sześćdziesiąt']],
  ['70', ['seventy', 'семьдесят', 'septiņdesmit', 'septyniasdešimt', 'seitsekümmend', 'siedemdziesiąt']],
  ['80', ['eighty', 'восемьдесят', 'astoņdesmit', 'aštuoniasdešimt', 'kaheksakümmend', 'osiemdziesiąt']],
  ['90', ['ninety', 'девяносто', 'deviņdesmit', 'devyniasdešimt', 'üheksakümmend', 'dziewięćdziesiąt']],
];
/** Arabic tens, in the -ين form that is spoken and the -ون form that is written. */
const ARABIC_TENS: [string, string[]][] = [
  ['20', ['عشرين', 'عشرون']],
  ['30', ['ثلاثين', 'ثلاثون', 'تلاتين']],
  ['40', ['أربعين', 'اربعين', 'أربعون', 'اربعون']],
  ['50', ['خمسين', 'خمسون']],
  ['60', ['ستين', 'ستون']],
  ['70', ['سبعين', 'سبعون']],
  ['80', ['ثمانين', 'ثمانون', 'تمانين']],
  ['90', ['تسعين', 'تسعون']],
];
/** Arabic teens in one word: glued ("احدعشر"), Egyptian and Levantine ("حداشر", "اتناشر"), Gulf ("ثنعش", "خمسطعش"). */
const ARABIC_TEENS: [string, string[]][] = [
  ['11', ['احدعشر', 'أحدعشر', 'إحدىعشر', 'احدىعشر', 'حداشر', 'احداشر', 'حدعش', 'احدعش']],
  ['12', ['اثناعشر', 'اثنيعشر', 'إثناعشر', 'اتناشر', 'اطناشر', 'اطناش', 'ثنعش', 'اثنعش']],
  ['13', ['ثلاثةعشر', 'ثلاثعشر', 'ثلاثطعش', 'تلتاشر', 'ثلطعش', 'تلطعش']],
  ['14', ['أربعةعشر', 'اربعةعشر', 'اربعتاشر', 'اربعطعش', 'أربعطعش']],
  ['15', ['خمسةعشر', 'خمستاشر', 'خمسطعش']],
  ['16', ['ستةعشر', 'ستاشر', 'سطعش']],
  ['17', ['سبعةعشر', 'سبعتاشر', 'سبعطعش']],
  ['18', ['ثمانيةعشر', 'تمنتاشر', 'ثمنطعش', 'تمنطعش']],
  ['19', ['تسعةعشر', 'تسعتاشر', 'تسعطعش']],
];
/**
 * "عشر"/"عشرة" is 10 alone and makes a teen after a unit ("خمسة عشر" → 15). "أحد",
 * "إحدى", "اثنا", "اثني" are 1 and 2 only before it ("أحد" is also "someone"):
 * a run where one is not followed by a ten word is no candidate.
 */
const TEN_WORDS = new Set(['عشر', 'عشرة', 'عشره']);
const TEEN_PREFIXES: [string, string[]][] = [
  ['1', ['أحد', 'احد', 'إحدى', 'احدى']],
  ['2', ['اثنا', 'اثني', 'إثنا', 'إثني', 'اثنتا', 'اثنتي']],
];
/** Arabic hundreds in one word, in the written (مائة, مئة) and spoken (مية) forms. Not "متين" (200), which is "solid". */
const ARABIC_HUNDREDS: [string, string[]][] = [
  ['100', ['مئة', 'مائة', 'مئه', 'مائه', 'مية', 'ميه']],
  ['200', ['مئتين', 'مئتان', 'مائتين', 'مائتان', 'ميتين']],
  ['300', ['ثلاثمائة', 'ثلاثمئة', 'ثلثمائة', 'ثلاثمية', 'تلتمية', 'تلاتمية']],
  ['400', ['أربعمائة', 'اربعمائة', 'أربعمئة', 'اربعمئة', 'اربعمية', 'ربعمية']],
  ['500', ['خمسمائة', 'خمسمئة', 'خمسمية']],
  ['600', ['ستمائة', 'ستمئة', 'ستمية']],
  ['700', ['سبعمائة', 'سبعمئة', 'سبعمية']],
  ['800', ['ثمانمائة', 'ثمانمئة', 'ثمانمية', 'ثمنمية', 'تمنمية']],
  ['900', ['تسعمائة', 'تسعمئة', 'تسعمية']],
];
/**
 * Arabic thousands: "ألف" (1000) and "ألفين" (2000) are words of their own; "آلاف" ("thousands")
 * multiplies the unit before it ("ثلاثة آلاف" → 3000) and is no number without one ("آلاف القطع").
 * They keep three zeros open, which what follows fills as after a hundred ("ألف ومئتين وأربعة
 * وثلاثين" → 1234). After tens, teens, hundreds or digits they multiply ("عشرين ألف", "مئة ألف",
 * "50 ألف": 20000, 100000, 50000), which is no part of a phone number dictated in groups.
 */
const ARABIC_THOUSANDS: [string, string[]][] = [
  ['1000', ['ألف', 'الف']],
  ['2000', ['ألفين', 'الفين', 'ألفان', 'الفان']],
];
const THOUSANDS_TIMES = new Set(['آلاف', 'الاف', 'ألاف', 'تلاف']);
const HUNDREDS: [string, string[]][] = [
  ['100', ['сто', 'simts', 'simt', 'šimtas', 'sada', 'sto']],
  ['200', ['двести', 'divsimt', 'kakssada', 'dwieście']],
  ['300', ['триста', 'trīssimt', 'kolmsada', 'trzysta']],
  ['400', ['четыреста', 'četrsimt', 'nelisada', 'czterysta']],
  ['500', ['пятьсот', 'piecsimt', 'viissada', 'pięćset']],
  ['600', ['шестьсот', 'sešsimt', 'kuussada', 'sześćset']],
  ['700', ['семьсот', 'septiņsimt', 'seitsesada', 'siedemset']],
  ['800', ['восемьсот', 'astoņsimt', 'kaheksasada', 'osiemset']],
  ['900', ['девятьсот', 'deviņsimt', 'üheksasada', 'dziewięćset']],
];
/** Trailing zeros of a word's digits that the next word may fill (20: one, 900: two). */
const OPEN: Record<string, number> = {};
for (const [digits, words] of TEENS) for (const w of words) WORDS[w] = digits;
for (const [digits, words] of TENS) for (const w of words) (WORDS[w] = digits), (OPEN[w] = 1);
const ARABIC_TENS_WORDS = new Set<string>();
for (const [digits, words] of ARABIC_TENS) for (const w of words) (WORDS[w] = digits), ARABIC_TENS_WORDS.add(w);
for (const [digits, words] of HUNDREDS) for (const w of words) (WORDS[w] = digits), (OPEN[w] = 2);
for (const [digits, words] of ARABIC_TEENS) for (const w of words) WORDS[w] = digits;
for (const w of TEN_WORDS) WORDS[w] = '10';
const TEEN_PREFIX_WORDS = new Set<string>();
for (const [digit, words] of TEEN_PREFIXES) for (const w of words) (WORDS[w] = digit), TEEN_PREFIX_WORDS.add(w);
for (const [digits, words] of ARABIC_HUNDREDS) for (const w of words) (WORDS[w] = digits), (OPEN[w] = 2);
const THOUSAND_WORDS = new Set<string>();
for (const [digits, words] of ARABIC_THOUSANDS) for (const w of words) (WORDS[w] = digits), (OPEN[w] = 3), THOUSAND_WORDS.add(w);
for (const w of THOUSANDS_TIMES) (WORDS[w] = '1000'), (OPEN[w] = 3);
/** "hundred", "مئة" multiply the unit before them ("nine hundred", "ثلاث مئة" → 900, 300), or stand for 100. */
const HUNDRED_WORDS = new Set(['hundred', ...ARABIC_HUNDREDS[0]![1]]);
WORDS['hundred'] = '100';
OPEN['hundred'] = 2;
/** The Arabic number words: a lone "و" may stand before one that fills a hundred's zeros ("مئة و عشرين"). */
const ARABIC_NUMBER_WORDS = new Set(Object.keys(WORDS).filter((w) => /[\u0600-\u06ff]/.test(w)));

const TOKEN = /[\p{L}\p{N}]+/gu;
const JOINER = /^[\s,،\-–.]{1,3}$/;
/** Arabic "و" ("and") standing alone between a unit and its tens: "خمسة و عشرين". */
const WAW = 'و';
const WAW_GAP = /^\s{1,2}و\s{1,2}$/;
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

interface Run {
  start: number;
  end: number;
  digits: string;
  words: number;
  /** trailing zeros the next word may fill */
  open: number;
  /** the last token was a one-digit word ("nine" before "hundred") */
  unit: boolean;
  /** that one-digit word filled a zero left open ("ثلاثمائة" "وخمسة" → 305: a tens word may still come) */
  filled: boolean;
  /** the zeros that were open when it did (3 after a thousand: "ألفين" "وثلاث" "مئة" → 2300) */
  room: number;
  /** where the digits of the last Arabic thousand start ("ألفين وخمسة وعشرين" in a date), or -1 */
  thousand: number;
  /** a tens, teens or hundreds word is in it */
  pairs: boolean;
  /** an Arabic one is ("عشرين", "خمسة عشر", "مئة") */
  arabicPairs: boolean;
  /** the last token was "أحد"/"اثنا" (TEEN_PREFIXES), which only a ten word may follow */
  teen: boolean;
  /** a teen prefix was not followed by a ten word: not a number */
  stray: boolean;
}

function word(token: string): boolean {
  return !/^\d+$/.test(token);
}

/** An Arabic tens word joined by "و" to what comes before: glued ("وعشرين") or after a lone "و" (`wawGap`). */
function wawTens(token: string, wawGap: boolean): boolean {
  if (ARABIC_TENS_WORDS.has(token)) return wawGap;
  return token.startsWith(WAW) && ARABIC_TENS_WORDS.has(token.slice(1));
}

/** An Arabic tens, teens or hundreds word (a teen made of a unit and "عشر" has the ten word). */
function arabicPair(token: string, d: string): boolean {
  return d.length > 1 && ARABIC_NUMBER_WORDS.has(bare(token));
}

/** A lone "و" joins an Arabic tens word to its unit, or an Arabic number word to a hundred it fills ("مئة و خمسة"). */
function wawJoins(run: Run, token: string): boolean {
  return ARABIC_TENS_WORDS.has(token) || (run.open > 0 && ARABIC_NUMBER_WORDS.has(token));
}

function openOf(token: string): number {
  return word(token) ? OPEN[bare(token.toLowerCase())] ?? 0 : 0;
}

/** A ten word right after an Arabic unit, with only spaces between: "خمسة عشر". */
function tenAfterUnit(token: string, gap: string): boolean {
  return TEN_WORDS.has(token.startsWith(WAW) && !TEN_WORDS.has(token) ? token.slice(1) : token) && /^\s{1,2}$/.test(gap);
}

/** The run's digits with the token (digits `d`, after `gap`) added; updates the run's open zeros and unit flags. */
function extended(run: Run, token: string, d: string, gap: string): string {
  const isWord = word(token);
  const last = run.digits[run.digits.length - 1]!;
  const tensPlace = run.filled ? run.digits[run.digits.length - 2] : undefined;
  const plain = bare(token);
  run.stray ||= run.teen && !tenAfterUnit(token, gap);
  run.teen = false;
  if (run.unit && last !== '0' && (!run.filled || tensPlace === '0') && (wawTens(token, WAW_GAP.test(gap)) || tenAfterUnit(token, gap))) {
    // Arabic unit then tens or teen: "خمسة" "وعشرين" → 25, "خمسة" "عشر" → 15; after a
    // hundred the unit took the last zero, and the tens take the one before ("305" → 325)
    run.open = 0;
    run.unit = false;
    return run.digits.slice(0, run.filled ? -2 : -1) + d[0] + last;
  }
  if (THOUSANDS_TIMES.has(plain) || (THOUSAND_WORDS.has(plain) && (!run.unit || run.filled) && /^\s{1,2}$/.test(gap))) {
    // "ثلاثة آلاف" → 3000 after a unit of its own; "عشرة آلاف", "مئة وثلاثة آلاف", "عشرين ألف",
    // "مئة ألف", "50 ألف" multiply more than a unit: amounts, not a group of a phone number
    const times = THOUSANDS_TIMES.has(plain) && run.unit && !run.filled && last !== '0' && /^\s{1,2}$/.test(gap);
    run.stray ||= !times;
    run.thousand = run.digits.length - 1;
    run.open = 3;
    run.unit = false;
    run.filled = false;
    return run.digits + '000';
  }
  // a smaller word fills the open zeros: "twenty" "six" → 26, "девятьсот" "двадцать" → 920
  const fills = isWord && d !== '0' && d.length <= run.open;
  const hundredTimes = isWord && run.unit && (!run.filled || run.room >= 3) && HUNDRED_WORDS.has(token.toLowerCase()); // "nine hundred" → 900
  if (hundredTimes && run.filled) {
    // a unit that filled a thousand's last zero, then "مئة": "ألفين" "وثلاث" "مئة" → 2003 → 2300
    run.open = 2;
    run.unit = false;
    run.filled = false;
    return run.digits.slice(0, -3) + last + '00';
  }
  if (THOUSAND_WORDS.has(plain)) run.thousand = run.digits.length;
  const digits = hundredTimes ? run.digits + '00' : fills ? run.digits.slice(0, run.digits.length - d.length) + d : run.digits + d;
  run.room = run.open;
  run.open = openOf(token);
  run.unit = isWord && d.length === 1;
  run.filled = run.unit && fills;
  run.teen = TEEN_PREFIX_WORDS.has(plain);
  return digits;
}

/** A day and a month (either order), then a year 1900–2099 said in thousands that ends the digits at `thousand`: "20 10 2025". */
function spokenDate(digits: string, thousand: number): boolean {
  if (thousand < 2 || thousand > 4 || thousand !== digits.length - 4) return false;
  const year = Number(digits.slice(thousand));
  if (year < 1900 || year > 2099) return false;
  for (let k = thousand - 2; k <= 2; k++) {
    if (k < 1) continue;
    const a = Number(digits.slice(0, k));
    const b = Number(digits.slice(k, thousand));
    if ((a >= 1 && a <= 31 && b >= 1 && b <= 12) || (b >= 1 && b <= 31 && a >= 1 && a <= 12)) return true;
  }
  return false;
}

/** The token without a glued Arabic "و" when it is only a number word without it ("واثنا" → "اثنا"). */
function bare(token: string): string {
  return token.startsWith(WAW) && WORDS[token] === undefined ? token.slice(1) : token;
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
  let run: Run | null = null;
  let lastEnd = -1;
  const flush = () => {
    if (run && !run.stray && !run.teen && run.words >= 1 && run.digits.length >= 7 && run.digits.length <= 15) {
      const plus = text[run.start - 1] === '+';
      // digit by digit, the words say it is a number to dial; read in pairs ("ten, twenty, thirty, forty")
      // it may be a count, so a number of another market then needs a phone word near
      const cue = !run.pairs || nearPhoneCue(text, run.start, run.end);
      // Arabic prices and counts are said in tens and hundreds too, and a list of them can be a valid
      // landline ("مئة وعشرة، مئة وعشرين، مئة وثلاثين ريال" → 110120130): a number dictated so is a
      // mobile with its trunk zero ("صفر خمسة…", "صفر واحد…"), or has "+" or a phone word near; and
      // a currency after it makes it a price whatever is near ("…مئة وثلاثين ريال")
      // a day and a month before a year said in thousands are a date, whatever is near ("كلمني يوم عشرين، عشرة، ألفين وخمسة وعشرين")
      if (run.arabicPairs && ((!plus && run.digits[0] !== '0' && (!cue || spokenDate(run.digits, run.thousand))) || isPrice(text, run.start, run.end))) {
        run = null;
        return;
      }
      if (isPhoneNumber({ digits: run.digits, plus, country, cue }, budget)) out.push({ type: 'phone', start: plus ? run.start - 1 : run.start, end: run.end });
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
      if (d === null && m[0] === WAW && run) continue; // the gap before an Arabic tens word, or the chain's end
      if (d === null) {
        done = end;
        break;
      }
      const gap = text.slice(lastEnd, start);
      if (run && !JOINER.test(gap) && !(WAW_GAP.test(gap) && wawJoins(run, m[0]))) {
        done = start; // a new chain starts here
        break;
      }
      const digits = run ? extended(run, m[0], d, gap) : null;
      if (run && digits !== null && digits.length <= 15) {
        run.digits = digits;
        run.end = end;
        run.pairs ||= d.length > 1 && word(m[0]);
        run.arabicPairs ||= arabicPair(m[0], d);
        if (word(m[0])) run.words++;
      } else {
        flush();
        const isWord = word(m[0]);
        const plain = bare(m[0]);
        const teen = TEEN_PREFIX_WORDS.has(plain);
        run = {
          start, end, digits: d, words: isWord ? 1 : 0, open: openOf(m[0]), unit: isWord && d.length === 1, filled: false, room: 0,
          thousand: THOUSAND_WORDS.has(plain) ? 0 : -1, pairs: isWord && d.length > 1, arabicPairs: arabicPair(m[0], d), teen,
          stray: THOUSANDS_TIMES.has(plain), // "آلاف" without its unit: "thousands"
        };
      }
      lastEnd = end;
    }
    flush();
  }
  return out;
}
