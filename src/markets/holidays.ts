// date-holidays → the closed local dates of a year (CONTRACT §1): a holiday
// closes the WHOLE local days it covers. The data source starts some holidays
// at sunset the evening before (its `date` then reads "2025-03-30 00:00:00 -0600");
// we count days from that civil date, so the evening before stays open.
import Holidays from 'date-holidays';
import { DAY_MS, formatDate, parseDate, type NamedDate } from '../calendar/index.js';

export interface HolidaySource {
  readonly country: string;
  readonly state?: string;
  readonly types: readonly string[];
}

interface RawHoliday {
  date: string;
  start: Date;
  end: Date;
  name: string;
  type: string;
  rule?: string;
}

/** One entry per local date a raw holiday covers. */
export function coveredDates(h: Pick<RawHoliday, 'date' | 'start' | 'end'>): string[] {
  const first = parseDate(h.date.slice(0, 10));
  if (first === null) return [];
  const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
  return Array.from({ length: days }, (_, i) => formatDate(first + i));
}

export function holidaysOfYear(source: HolidaySource): (year: number) => NamedDate[] {
  const local = new Holidays(source.country, source.state ?? '');
  const english = new Holidays(source.country, source.state ?? '', { languages: ['en'] });
  const types = new Set(source.types);
  const list = (hd: Holidays, year: number) => (hd.getHolidays(year) as RawHoliday[]).filter((h) => types.has(h.type));

  return (year) => {
    const out: NamedDate[] = [];
    const prefix = `${year}-`;
    for (const y of [year - 1, year]) {
      const englishNames = new Map(list(english, y).map((h) => [`${h.date}|${h.rule}`, h.name]));
      for (const h of list(local, y)) {
        const en = englishNames.get(`${h.date}|${h.rule}`);
        const name = en && en !== h.name ? `${h.name} (${en})` : h.name;
        for (const date of coveredDates(h)) if (date.startsWith(prefix)) out.push({ date, name });
      }
    }
    return out;
  };
}
