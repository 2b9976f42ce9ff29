// Phone numbers written with digits: "+966 55 321 7788", "(055) 987-1234",
// "055.812.3344", "0 5 5 8 1 2 3 3 4 4", "٠٥٥١٢٣٤٥٦٧" (folded to Latin
// first). A run of digits and separators is cut into spans, each span is
// checked against its context (dates and times are masked beforehand;
// prices, order/tracking/claim numbers, IMEIs and codes glued to letters
// are skipped) and validated with libphonenumber-js.
import { followsOrderCue, isImei, isPrice, nearPhoneCue } from './context.js';
import { isPhoneNumber, type Budget } from './phone-numbers.js';
import type { RawMatch } from './types.js';

// a digit, then digits joined by spaces, dots, dashes, slashes or brackets;
// the separator class and \d are disjoint, so matching is linear
const RUN = /(?:\+\s?)?\(?\d(?:[ \t.\-()/\u2010-\u2014\u2212]*\d)*/g;
const MAX_SEPARATOR = 3;

interface Group {
  start: number;
  end: number;
  digits: string;
  /** separator text before this group (empty for the first) */
  sep: string;
}

function groupsOf(text: string, start: number, end: number): Group[][] {
  const segments: Group[][] = [];
  let current: Group[] = [];
  let i = start;
  let sep = '';
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      const s = i;
      while (i < end && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      if (sep.length > MAX_SEPARATOR && current.length > 0) {
        segments.push(current);
        current = [];
      }
      current.push({ start: s, end: i, digits: text.slice(s, i), sep: current.length ? sep : '' });
      sep = '';
    } else {
      sep += text[i];
      i++;
    }
  }
  if (current.length) segments.push(current);
  return segments;
}

const LATIN_OR_CYRILLIC = /[A-Za-z\u00C0-\u024F\u0400-\u04FF]/;

/** A run glued to letters ("LV123456789EE", "INV-2026-004512", "SM-A546") is a code. */
function gluedToCode(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? '';
  const before2 = text[start - 2] ?? '';
  const after = text[end] ?? '';
  const after2 = text[end + 1] ?? '';
  if (LATIN_OR_CYRILLIC.test(before) || LATIN_OR_CYRILLIC.test(after)) return true;
  if ((before === '-' || before === '/' || before === '_') && /[\p{L}\p{N}]/u.test(before2)) return true;
  if ((after === '-' || after === '/' || after === '_') && /[\p{L}\p{N}]/u.test(after2)) return true;
  return false;
}

/** Card, IBAN or parcel numbers: three or more blocks of four digits, more than 15 digits. */
function looksLikeBlocks(groups: Group[]): boolean {
  const total = groups.reduce((n, g) => n + g.digits.length, 0);
  return total > 15 && groups.filter((g) => g.digits.length === 4).length >= 3;
}

export interface PhoneScanOptions {
  country: string | undefined;
  budget: Budget;
}

// a letter O typed for a zero next to digits: "O55 123 4567", "5O5"
const LETTER_O = /(?<![\p{L}])[Oo](?=\d{2})|(?<=\d)[Oo](?=\d)/gu;
const LETTER_O_CUE = /[Oo]\d/;
const ANY_DIGIT = /\d/;

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) n++;
  }
  return n;
}

/** Phone matches in `text` (folded), using `masked` (dates/times blanked) to find runs. */
export function findPhones(folded: string, masked: string, opts: PhoneScanOptions): RawMatch[] {
  const out: RawMatch[] = [];
  if (!ANY_DIGIT.test(masked)) return out;
  // a letter O is read as a zero only right before a digit
  const letterO = LETTER_O_CUE.test(folded);
  const text = letterO ? folded.replace(LETTER_O, '0') : folded;
  if (letterO) masked = masked.replace(LETTER_O, '0');
  for (const m of masked.matchAll(RUN)) {
    if (opts.budget.left <= 0) break;
    if (digitCount(m[0]) < 7) continue; // no span of it can be a phone number (accept), and nothing was spent
    const runStart = m.index;
    const runEnd = runStart + m[0].length;
    const firstDigit = runStart + m[0].search(/\d/);
    if (gluedToCode(masked, runStart, runEnd)) continue;
    const plusAtStart = m[0].startsWith('+');
    const plusAtEnd = text[runEnd] === '+' && !plusAtStart; // typed right-to-left
    for (const groups of groupsOf(text, firstDigit, runEnd)) {
      if (looksLikeBlocks(groups)) continue;
      scanSegment(text, groups, { plusAtStart: plusAtStart && groups[0]!.start === firstDigit, plusAtEnd, runStart, runEnd }, opts, out);
    }
  }
  return out;
}

interface SegmentInfo {
  plusAtStart: boolean;
  plusAtEnd: boolean;
  runStart: number;
  runEnd: number;
}

function scanSegment(text: string, groups: Group[], info: SegmentInfo, opts: PhoneScanOptions, out: RawMatch[]): void {
  const cutBefore = (k: number) => k === 0 || /\s/.test(groups[k]!.sep);
  const cutAfter = (k: number) => k === groups.length - 1 || /\s/.test(groups[k + 1]!.sep);
  let i = 0;
  while (i < groups.length && opts.budget.left > 0) {
    let found = -1;
    if (cutBefore(i)) {
      // the longest span starting at group i that is a phone number
      let last = i;
      let count = groups[i]!.digits.length;
      while (last + 1 < groups.length && count + groups[last + 1]!.digits.length <= 17) count += groups[++last]!.digits.length;
      for (let j = last; j >= i && found < 0; j--) {
        if (cutAfter(j) && accept(text, groups, i, j, info, opts)) found = j;
      }
    }
    if (found < 0) {
      i++;
      continue;
    }
    const plus = i === 0 && info.plusAtStart;
    let start = plus ? info.runStart : groups[i]!.start;
    if (text[start - 1] === '(' && start - 1 >= info.runStart - 1 && (i === 0 || plus)) start--;
    const end = found === groups.length - 1 && info.plusAtEnd ? groups[found]!.end + 1 : groups[found]!.end;
    out.push({ type: 'phone', start, end: closeBracket(text, start, end) });
    i = found + 1;
  }
}

/** Include a closing bracket when the span opened one: "(055) 987-1234". */
function closeBracket(text: string, start: number, end: number): number {
  const slice = text.slice(start, end);
  const open = (slice.match(/\(/g) ?? []).length;
  const close = (slice.match(/\)/g) ?? []).length;
  return open > close && text[end] === ')' ? end + 1 : end;
}

/**
 * "delivered on 20261127": eight digits in one group that read as a date
 * YYYYMMDD of 2000–2099 are a date, though 2xxxxxxx is a Latvian mobile. It
 * stays a phone with a phone word near ("zvani 20261207"), with "+", or
 * written in groups ("2026 1207" is not how dates are written).
 */
export function isCompactDate(digits: string): boolean {
  if (digits.length !== 8 || !digits.startsWith('20')) return false;
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function accept(text: string, groups: Group[], i: number, j: number, info: SegmentInfo, opts: PhoneScanOptions): boolean {
  const first = groups[i]!;
  const last = groups[j]!;
  let digits = '';
  for (let k = i; k <= j; k++) {
    const g = groups[k]!;
    // "+971 (0) 50 …": the national trunk 0 in brackets after a country code
    if (k > i && g.digits === '0' && g.sep.endsWith('(') && (groups[k + 1]?.sep ?? '').startsWith(')')) continue;
    digits += g.digits;
  }
  const plus = (i === 0 && info.plusAtStart) || (j === groups.length - 1 && info.plusAtEnd);
  if (digits.length < 7) return false;
  opts.budget.left--; // context checks cost too
  if (isPrice(text, first.start, last.end)) return false;
  if (isImei(text, first.start, last.end, digits)) return false;
  if (!plus && followsOrderCue(text, first.start)) return false;
  const cue = nearPhoneCue(text, first.start, last.end);
  if (i === j && !plus && !cue && isCompactDate(digits)) return false;
  return isPhoneNumber({ digits, plus, country: opts.country, cue }, opts.budget);
}
