// findContactDetails: every detector on the folded body, then one list of
// non-overlapping matches in the original body's offsets (CONTRACT §5 flag
// matches, with offsets for highlighting).
import { originalRange } from './digits.js';
import { findEmails } from './email.js';
import { maskDatesAndTimes } from './masks.js';
import { findMessengers } from './messenger.js';
import { findPhones } from './phone.js';
import { prepareText, type PreparedText } from './prepared.js';
import { findSpelledPhones } from './spelled.js';
import type { ContactMatch, RawMatch } from './types.js';
import { findUrls } from './url.js';

export { MAX_SCAN_LENGTH } from './prepared.js';
/** Phone candidates checked plus parser calls allowed per message (a message has a handful; an attack has thousands). */
export const PHONE_PARSE_BUDGET = 3_000;

const PRIORITY: Record<RawMatch['type'], number> = { email: 0, url: 1, phone: 2, messenger: 3 };

/** Sorted by start; of overlapping matches the longer (then the likelier channel) wins. */
function resolve(matches: RawMatch[]): RawMatch[] {
  const sorted = matches
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || PRIORITY[a.type] - PRIORITY[b.type]);
  const kept: RawMatch[] = [];
  for (const m of sorted) {
    const last = kept[kept.length - 1];
    if (!last || m.start >= last.end) {
      kept.push(m);
      continue;
    }
    // overlap: keep the longer one
    if (m.end - m.start > last.end - last.start) kept[kept.length - 1] = m;
  }
  // replacing may have created a new overlap with the one before; drop those
  return kept.filter((m, i) => i === 0 || m.start >= kept[i - 1]!.end);
}

export function findContactDetails(input: string | PreparedText, opts: { country?: string } = {}): ContactMatch[] {
  if (typeof input !== 'string' && (typeof input !== 'object' || input === null)) return [];
  const p = typeof input === 'string' ? prepareText(input) : input;
  const { body, folded } = p;
  if (typeof body !== 'string' || body.length === 0) return [];
  const text = folded.text;
  const masked = maskDatesAndTimes(text);
  const budget = { left: PHONE_PARSE_BUDGET };
  const raw: RawMatch[] = findEmails(text);
  const phones = [...findPhones(text, masked, { country: opts.country, budget }), ...findSpelledPhones(masked, opts.country, budget)];
  for (const found of [findUrls(text), phones, findMessengers(text, masked, phones)]) {
    for (const m of found) raw.push(m);
  }
  if (raw.length === 0) return [];
  return resolve(raw).map((m) => {
    const { start, end } = originalRange(folded, m.start, m.end);
    return { type: m.type, text: body.slice(start, end), start, end };
  });
}
