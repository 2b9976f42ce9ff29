// Dates and times are never phone numbers ("12.03.2026", "2026-03-12",
// "14:30"), but "22.03.2026" is eight digits starting with 2: a valid Latvian
// mobile. Before the phone scan, the digits of dates and clock times are
// replaced by NUL in a copy of the folded text (same length, same offsets).

const MASK = '\u0000';

// day-month-year or month-day-year with one separator used twice
const DMY = /(?<![\d.\-/])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![.\-/]?\d)/g;
// year-month-day
const YMD = /(?<![\d.\-/])((?:19|20)\d{2})([./-])(\d{1,2})\2(\d{1,2})(?![.\-/]?\d)/g;
// clock time: 9:05, 14:30, 14:30:15
const TIME = /(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)/g;

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
  for (const m of text.matchAll(TIME)) {
    const [h, mm] = m[0].split(':').map(Number);
    if (h! <= 24 && mm! <= 59) hit(m.index, m.index + m[0].length);
  }
  return chars ? (chars as string[]).join('') : text;
}
