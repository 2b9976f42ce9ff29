// Regex scans without a leading look-behind. V8 cannot skip ahead in a
// pattern that starts with (?<!…): it tests the look-behind, a Unicode
// property class, at every position (≈ 25 µs on 500 characters here). The
// same pattern without it skips to the positions where its first characters
// can match, and the look-behind is checked by hand at those few positions
// only. At a given position the engine's match does not depend on a
// look-behind there, so the matches are the same.
import { classOf, LETTER, NUMBER } from './chars.js';

/** Classes of the character before a match that a look-behind refuses. */
export interface Before {
  /** \p{L} */
  readonly letter?: boolean;
  /** \p{N} */
  readonly number?: boolean;
  /** these characters as well (BMP only) */
  readonly chars?: string;
}

const ASTRAL_LETTER = /^\p{L}$/u;
const ASTRAL_NUMBER = /^\p{N}$/u;

/** True when the code point ending at `index` (the look-behind's character) is one the look-behind refuses. */
export function refusedBefore(text: string, index: number, before: Before): boolean {
  if (index <= 0) return false;
  const c = text.charCodeAt(index - 1);
  if (c >= 0xdc00 && c <= 0xdfff && index >= 2) {
    const h = text.charCodeAt(index - 2);
    if (h >= 0xd800 && h <= 0xdbff) {
      const pair = text.slice(index - 2, index);
      return (!!before.letter && ASTRAL_LETTER.test(pair)) || (!!before.number && ASTRAL_NUMBER.test(pair));
    }
  }
  const bits = classOf(c);
  if (before.letter && bits & LETTER) return true;
  if (before.number && bits & NUMBER) return true;
  return !!before.chars && before.chars.includes(text[index - 1]!);
}

/**
 * text.matchAll(/(?<!before)pattern/g…) for `pattern` given without its
 * look-behind (a global regex of its own, used only here).
 */
export function matchesAfter(text: string, pattern: RegExp, before: Before): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (refusedBefore(text, m.index, before)) {
      // not a match here: look again from the next position (of the next code point, as /u does)
      const c = text.charCodeAt(m.index);
      pattern.lastIndex = m.index + (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(m.index + 1) & 0xfc00) === 0xdc00 ? 2 : 1);
      continue;
    }
    out.push(m);
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return out;
}

/** The source of a pattern without its leading look-behind (which must be the first group). */
export function withoutLookBehind(re: RegExp, expected: string): RegExp {
  if (!re.source.startsWith(expected)) throw new Error(`scan: ${re.source.slice(0, 40)}… does not start with ${expected}`);
  return new RegExp(re.source.slice(expected.length), re.flags.includes('g') ? re.flags : re.flags + 'g');
}

/**
 * text.matchAll(/(?<![\p{L}\p{N}])pattern/…) for a pattern whose every
 * match starts with a letter, given as a sticky regex without the
 * look-behind: such a match can only start at the first letter of a word,
 * so only those positions are tried (a short window has a handful).
 */
export function matchesAtWordStarts(text: string, sticky: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let previousIsWord = false; // the code point before is \p{L} or \p{N}
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    let width = 1;
    let bits: number;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      width = 2;
      const pair = text.slice(i, i + 2);
      bits = (ASTRAL_LETTER.test(pair) ? LETTER : 0) | (ASTRAL_NUMBER.test(pair) ? NUMBER : 0);
    } else bits = c >= 0xd800 && c <= 0xdfff ? 0 : classOf(c);
    if (bits & LETTER && !previousIsWord) {
      sticky.lastIndex = i;
      const m = sticky.exec(text);
      if (m) {
        out.push(m);
        i = m.index + Math.max(1, m[0].length);
        // what precedes the next position is the match's last code point
        previousIsWord = refusedBefore(text, i, { letter: true, number: true });
        continue;
      }
    }
    previousIsWord = (bits & (LETTER | NUMBER)) !== 0;
    i += width;
  }
  return out;
}
