// Dates and times are never phone numbers ("12.03.2026", "2026-03-12",
// "14:30"), but "22.03.2026" is eight digits starting with 2: a valid Latvian
// mobile. Before the phone scan, the digits of dates and clock times are
// replaced by NUL in a copy of the folded text (same length, same offsets).

import { matchesAfter, withoutLookBehind, type Before } from './scan.js';

const MASK = '\u0000';

// day-month-year or month-day-year with one separator used twice
const DMY = /(?<![\d.\-/])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![.\-/]?\d)/g;
// year-month-day
const YMD = /(?<![\d.\-/])((?:19|20)\d{2})([./-])(\d{1,2})\2(\d{1,2})(?![.\-/]?\d)/g;
// dates written with spaces: "22 03 2026", "2026 03 22" (four-digit year only)
const DMY_SPACED = /(?<![\d.\-/])(\d{1,2}) (\d{1,2}) ((?:19|20)\d{2})(?![.\-/]?\d)/g;
const YMD_SPACED = /(?<![\d.\-/])((?:19|20)\d{2}) (\d{1,2}) (\d{1,2})(?![.\-/]?\d)/g;
// a range of years: "2023-2024", "2023 – 2024", "2023/24"
const YEARS = /(?<![\d.\-/])(?:19|20)\d{2}\s?[-\u2013\u2014/]\s?(?:(?:19|20)\d{2}|\d{2})(?![.\-/]?\d)/g;
// clock time: 9:05, 14:30, 14:30:15
const TIME = /(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)/g;
// a short date then a time with a dot: "22.03 14.30", "22.03. kl 14.30"
const DAY_AND_TIME = /(?<![\d.\-/])(\d{1,2})\.(\d{1,2})\.?\s{1,2}(?:\p{L}{1,5}\.?\s)?(\d{1,2})[.:](\d{2})(?![.\-/]?\d)/gu;
// a time with a dot after a time word: "kell 14.30", "plkst. 9.15", "godz. 10.45", "в 14.30", "at 3.30"
const WORDED_TIME = /(?<![\p{L}])(?:kell|kl|plkst|pulksten|val|godz|godzina|o|в|at|klo|um)\.?\s(\d{1,2})\.(\d{2})(?!\d)/giu;

// the patterns without their look-behinds (scan.ts): they then start at a digit (or a time word)
const DATE_BEFORE: Before = { chars: '0123456789.-/' };
const DMY_SCAN = withoutLookBehind(DMY, '(?<![\\d.\\-/])');
const YMD_SCAN = withoutLookBehind(YMD, '(?<![\\d.\\-/])');
const DMY_SPACED_SCAN = withoutLookBehind(DMY_SPACED, '(?<![\\d.\\-/])');
const YMD_SPACED_SCAN = withoutLookBehind(YMD_SPACED, '(?<![\\d.\\-/])');
const YEARS_SCAN = withoutLookBehind(YEARS, '(?<![\\d.\\-/])');
const TIME_SCAN = withoutLookBehind(TIME, '(?<!\\d)');
const DAY_AND_TIME_SCAN = withoutLookBehind(DAY_AND_TIME, '(?<![\\d.\\-/])');
const WORDED_TIME_SCAN = withoutLookBehind(WORDED_TIME, '(?<![\\p{L}])');

function plausible(day: number, month: number): boolean {
  return (day >= 1 && day <= 31 && month >= 1 && month <= 12) || (month >= 1 && month <= 31 && day >= 1 && day <= 12);
}

/** The text with the digits inside the given ranges replaced by NUL (ranges may overlap and come in any order). */
function blank(text: string, ranges: number[]): string {
  const masked = new Uint8Array(text.length);
  for (let k = 0; k < ranges.length; k += 2) masked.fill(1, ranges[k], ranges[k + 1]);
  let out = '';
  let copyFrom = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (masked[i] === 1 && c >= 0x30 && c <= 0x39) {
      out += text.slice(copyFrom, i) + MASK;
      copyFrom = i + 1;
    }
  }
  return out + text.slice(copyFrom);
}

// What each pattern cannot match without (cheap scans that skip most patterns in most messages):
// two digits around a date separator, a space, a colon, a dot, or a year-range dash.
const DATE_CUE = /\d[./-]\d/;
const SPACED_CUE = /\d \d/;
const TIME_CUE = /\d:\d/;
const DOT_CUE = /\d\.\d/;
const YEARS_CUE = /\d\s?[-\u2013\u2014/]\s?\d/;
const ANY_CUE = /\d(?:[./:\- ]|\s?[-\u2013\u2014/]\s?)\d/;

/** The folded text with the digits of dates and times replaced by NUL. */
export function maskDatesAndTimes(text: string): string {
  if (!ANY_CUE.test(text)) return text;
  const date = DATE_CUE.test(text);
  const spaced = SPACED_CUE.test(text);
  const dot = DOT_CUE.test(text);
  const ranges: number[] = [];
  const hit = (start: number, end: number) => {
    ranges.push(start, end);
  };
  if (date) for (const m of matchesAfter(text, DMY_SCAN, DATE_BEFORE)) {
    if (plausible(Number(m[1]), Number(m[3]))) hit(m.index, m.index + m[0].length);
  }
  if (date) for (const m of matchesAfter(text, YMD_SCAN, DATE_BEFORE)) {
    const month = Number(m[3]);
    const day = Number(m[4]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) hit(m.index, m.index + m[0].length);
  }
  if (spaced) for (const m of matchesAfter(text, DMY_SPACED_SCAN, DATE_BEFORE)) {
    if (plausible(Number(m[1]), Number(m[2]))) hit(m.index, m.index + m[0].length);
  }
  if (spaced) for (const m of matchesAfter(text, YMD_SPACED_SCAN, DATE_BEFORE)) {
    if (Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= 31) hit(m.index, m.index + m[0].length);
  }
  if (dot) for (const m of matchesAfter(text, DAY_AND_TIME_SCAN, DATE_BEFORE)) {
    if (plausible(Number(m[1]), Number(m[2])) && Number(m[3]) <= 24 && Number(m[4]) <= 59) hit(m.index, m.index + m[0].length);
  }
  if (dot) for (const m of matchesAfter(text, WORDED_TIME_SCAN, { letter: true })) {
    if (Number(m[1]) <= 24 && Number(m[2]) <= 59) hit(m.index, m.index + m[0].length);
  }
  if (YEARS_CUE.test(text)) for (const m of matchesAfter(text, YEARS_SCAN, DATE_BEFORE)) hit(m.index, m.index + m[0].length);
  if (TIME_CUE.test(text)) for (const m of matchesAfter(text, TIME_SCAN, { chars: '0123456789' })) {
    const [h, mm] = m[0].split(':').map(Number);
    if (h! <= 24 && mm! <= 59) hit(m.index, m.index + m[0].length);
  }
  return ranges.length > 0 ? blank(text, ranges) : text;
}
