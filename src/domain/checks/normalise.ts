// The normal form of a message for "the same canned reply" detection
// (POLICIES D: automated replies may not replace an individual answer):
// two copies that differ only in case, digit script or values, accents of
// the same letters, whitespace or punctuation compare equal.
import { foldText } from './digits.js';

const MAX_LENGTH = 20_000;

export function normaliseForRepeatCheck(body: string): string {
  // NFKC first: presentation forms ("ﹷ") can decompose into marks that folding drops (tatweel)
  const text = foldText((body.length > MAX_LENGTH ? body.slice(0, MAX_LENGTH) : body).normalize('NFKC')).text;
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\p{M}\u0640]+/gu, '') // accents, Arabic diacritics (harakat), tatweel
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/\p{Nd}+/gu, '0') // any number → one placeholder: "order 123" ≈ "order 456"
    .replace(/[^\p{L}\p{N}]+/gu, ' ') // punctuation, symbols, whitespace → one space
    .trim();
}
