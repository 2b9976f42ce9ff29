// Parsing of wire values shared by the routes: RFC 3339 instants (at most
// millisecond precision, years 2000–2099) and local dates. A `field` names
// the field with its request part (`querystring.from`, `body.market`), as
// schema validation errors do, so that every refusal names fields alike.
import { parseDate } from '../calendar/index.js';
import { badRequest } from '../plugins/errors.js';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?([Zz]|[+-]\d{2}:\d{2})$/;
export const MIN_INSTANT = Date.UTC(2000, 0, 1);
export const MAX_INSTANT = Date.UTC(2100, 0, 1);

/** Epoch ms of an RFC 3339 instant, or a message saying what is wrong with it. */
export function instantOrProblem(text: unknown): number | string {
  if (typeof text !== 'string') return 'must be an RFC 3339 instant string';
  const m = RFC3339.exec(text);
  // An unencoded + in a query string arrives as a space: say so, rather than only that the form is wrong.
  if (!m && / \d{2}:\d{2}$/.test(text) && RFC3339.test(`${text.slice(0, -6)}+${text.slice(-5)}`)) {
    return 'has a space where its offset’s + should be (in a query string, + must be written %2B)';
  }
  if (!m) return 'must be an RFC 3339 instant with a time zone and at most millisecond precision, e.g. 2026-03-13T13:00:00Z';
  const [, y, mo, d, h, mi, s] = m;
  if (parseDate(`${y}-${mo}-${d}`) === null || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return 'is not a real date and time';
  const t = Date.parse(text.toUpperCase());
  if (Number.isNaN(t)) return 'is not a valid instant';
  if (t < MIN_INSTANT || t >= MAX_INSTANT) return 'must lie in the years 2000 to 2099';
  return t;
}

export function parseInstant(text: unknown, field: string): number {
  const t = instantOrProblem(text);
  if (typeof t === 'string') throw badRequest(`${field} ${t}`, [{ field, message: t }]);
  return t;
}

export function parseLocalDate(text: unknown, field: string): number {
  const day = typeof text === 'string' ? parseDate(text) : null;
  if (day === null) throw badRequest(`${field} must be a local date YYYY-MM-DD`, [{ field, message: 'must be a local date YYYY-MM-DD' }]);
  // The same years as instants: a calendar far outside them is no one's deadline.
  if (!/^20\d\d-/.test(text as string)) throw badRequest(`${field} must lie in the years 2000 to 2099`, [{ field, message: 'must lie in the years 2000 to 2099' }]);
  return day;
}

/**
 * A query parameter's digits as the client wrote them. Validation coerces
 * "0x10" to 16 and "1e3" to 1000; a count of minutes is plain decimal digits.
 */
export function assertDecimal(raw: unknown, field: string): void {
  if (typeof raw === 'string' && !/^\d+$/.test(raw)) {
    throw badRequest(`${field} must be written in decimal digits`, [{ field, message: 'must be a non-negative integer in decimal digits' }]);
  }
}

/** Problems found by rules that name fields plainly (domain/), named with their request part. */
export const inPart = <P extends { field: string }>(part: 'body' | 'querystring' | 'params', problems: readonly P[]) => problems.map((p) => ({ ...p, field: `${part}.${p.field}` }));

export const iso = (t: number) => new Date(t).toISOString();
