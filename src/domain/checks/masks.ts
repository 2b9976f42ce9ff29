// Dates and times are never phone numbers ("12.03.2026", "2026-03-12",
// "14:30"), but "22.03.2026" is eight digits starting with 2: a valid Latvian
// mobile. Before the phone scan, the digits of dates and clock times are
// replaced by NUL in a copy of the folded text (same length, same offsets).

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

function plausible(day: number, month: number): boolean {
  return (day >= 1 && day <= 31 && month >= 1 && month <= 12) || (month >= 1 && month <= 31 && day >= 1 && day <= 12);
}

function blank(chars: string[], start: number, end: number): void {
  for (let i = start; i < end; i++) if (chars[i]! >= '0' && chars[i]! <= '9') chars[i] = MASK;
}

/** The folded text with the digits of dates and times replaced by NUL. */
export function maskDatesAndTimes(text: string): string {
  let chars: string[] | null = null;
  const hit = (start: number, end: number) => {
    chars ??= text.split('');
    blank(chars, start, end);
  };
  for (const m of text.matchAll(DMY)) {
    if (plausible(Number(m[1]), Number(m[3]))) hit(m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(YMD)) {
    const month = Number(m[3]);
    const day = Number(m[4]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) hit(m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(DMY_SPACED)) {
    if (plausible(Number(m[1]), Number(m[2]))) hit(m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(YMD_SPACED)) {
    if (Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= 31) hit(m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(DAY_AND_TIME)) {
    if (plausible(Number(m[1]), Number(m[2])) && Number(m[3]) <= 24 && Number(m[4]) <= 59) hit(m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(WORDED_TIME)) {
    if (Number(m[1]) <= 24 && Number(m[2]) <= 59) hit(m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(YEARS)) hit(m.index, m.index + m[0].length);
  for (const m of text.matchAll(TIME)) {
    const [h, mm] = m[0].split(':').map(Number);
    if (h! <= 24 && mm! <= 59) hit(m.index, m.index + m[0].length);
  }
  return chars ? (chars as string[]).join('') : text;
}
