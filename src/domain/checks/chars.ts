// Unicode classes of the BMP's code units, read from a table instead of
// testing a regex per character (the checks look at every character of
// every message). Each block of 256 code units is filled on first use, from
// the very property escapes the regexes used, so a class here means exactly
// what it meant there. Surrogates (0xD800–0xDFFF) are in no class: callers
// handle a surrogate pair as one astral code point with the regex itself.

/** \p{L} */
export const LETTER = 1;
/** \p{N} */
export const NUMBER = 2;
/** \p{Nd} */
export const DECIMAL = 4;
/** \p{M} */
export const MARK = 8;
/** \p{Lu} */
export const UPPER = 16;
/** \p{Ll} */
export const LOWER = 32;
/** \s (with the u flag) */
export const SPACE = 64;
/** toUpperCase() changes it */
export const UPPERS = 128;
/** toLowerCase() changes it */
export const LOWERS = 256;

const table = new Uint16Array(0x10000);
const filled = new Uint8Array(0x100);

const PROPERTIES: readonly [RegExp, number][] = [
  [/^\p{L}$/u, LETTER], [/^\p{N}$/u, NUMBER], [/^\p{Nd}$/u, DECIMAL], [/^\p{M}$/u, MARK], [/^\p{Lu}$/u, UPPER], [/^\p{Ll}$/u, LOWER], [/^\s$/u, SPACE],
];

function fill(block: number): void {
  const from = block << 8;
  for (let c = from; c < from + 0x100; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const s = String.fromCharCode(c);
    let bits = 0;
    for (const [re, bit] of PROPERTIES) if (re.test(s)) bits |= bit;
    if (s.toUpperCase() !== s) bits |= UPPERS;
    if (s.toLowerCase() !== s) bits |= LOWERS;
    table[c] = bits;
  }
  filled[block] = 1;
}

/** The classes of one BMP code unit (0 for a surrogate). */
export function classOf(c: number): number {
  if (filled[c >> 8] === 0) fill(c >> 8);
  return table[c]!;
}

export function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}
