// A message body folded once (digits.ts) for all the checks that read it:
// contact details scan the first MAX_SCAN_LENGTH characters, the language
// check the first MAX_BODY; the fold of a prefix is a prefix of the fold.
import { foldText, type FoldedText } from './digits.js';

/** Longest body scanned for contact details; the rest of a longer message is ignored (a cap on work per message). */
export const MAX_SCAN_LENGTH = 50_000;

export interface PreparedText {
  readonly body: string;
  /** the fold of body.slice(0, MAX_SCAN_LENGTH) */
  readonly folded: FoldedText;
}

export function prepareText(body: string): PreparedText {
  return { body, folded: foldText(body.length > MAX_SCAN_LENGTH ? body.slice(0, MAX_SCAN_LENGTH) : body, true) };
}

/** The fold of body.slice(0, n), for n ≤ MAX_SCAN_LENGTH. */
export function foldedPrefix(p: PreparedText, n: number): string {
  const { text, origin } = p.folded;
  if (p.body.length <= n) return text;
  if (text.length === Math.min(p.body.length, MAX_SCAN_LENGTH)) return text.slice(0, n); // nothing was dropped: offsets are the body's
  // the folded units whose original offset is below n
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (origin[mid]! < n) lo = mid + 1;
    else hi = mid;
  }
  return text.slice(0, lo);
}
