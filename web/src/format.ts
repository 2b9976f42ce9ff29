// Times on the wire are UTC instants; people read them in the market's time
// zone (and, where a deadline is at stake, in UTC too). Local dates of report
// filters become instants at the market's local midnight (DST-aware, through
// @date-fns/tz), exactly as the service reads periods.
import { TZDate } from '@date-fns/tz';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...opts })));
  return f;
}

/** "Mon 16 Mar 2026, 15:00" in the zone. */
export const fmtLocal = (iso: string, zone: string) =>
  formatter(zone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/** "16 Mar 2026, 13:00 UTC". */
export const fmtUtc = (iso: string) =>
  `${formatter('UTC', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso))} UTC`;

/** "Mon 16 Mar" of a local date YYYY-MM-DD. */
export const fmtDay = (date: string) => formatter('UTC', { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(`${date}T00:00:00Z`));

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(iso: string | number, zone: string): string {
  const parts = formatter(zone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Local date ± days (calendar arithmetic on the date itself, no zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant of local 00:00 of a date in a zone, as RFC 3339 UTC. */
export function startOfLocalDay(date: string, zone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, zone).getTime()).toISOString();
}

/** [from 00:00, the day after `to` 00:00) of inclusive local dates: a report period. */
export const periodOf = (from: string, to: string, zone: string) => ({ from: startOfLocalDay(from, zone), to: startOfLocalDay(addDays(to, 1), zone) });

/** A real calendar date YYYY-MM-DD (Date.parse rolls 2026-02-30 over to 2 March: the date must read back the same). */
export const isDate = (s: string | null | undefined): s is string => {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
};

/** Working minutes as "26 h 30 min" (or "45 min"). */
export function fmtMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '–';
  const m = Math.round(minutes);
  const h = Math.floor(m / 60);
  return h === 0 ? `${m} min` : `${h} h ${String(m % 60).padStart(2, '0')} min`;
}

export const fmtRate = (rate: number | null | undefined) => (rate === null || rate === undefined ? '–' : `${Math.round(rate * 1000) / 10} %`);

/** Human names of takeover reasons and states. */
export function fmtReason(reason: string): string {
  if (reason.startsWith('dispute:')) return `dispute (${reason.slice(8).replace(/_/g, ' ')})`;
  return reason.replace(/_/g, ' ');
}
