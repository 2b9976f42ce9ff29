// The language of a seller's reply, and whether it is one of the market's
// languages (POLICIES D: answers "in the language of the market where the
// sale happened"; E: Modern Standard Arabic).
//
// Detector: eld (Nito-ELD), medium database, chosen by measurement on the
// labelled corpora in test/fixtures/messages, after the cleaning of
// language-text.ts, with the seven candidates below (accuracy of judged texts):
//                     seller replies (255)   buyer messages (361)
//   eld medium              1.000                 0.997
//   eld large               1.000                 1.000   (+80 MB heap, 1.4 s load)
//   tinyld normal           0.980                 0.981
//   franc (only: …)         0.957                 0.900
// Its scores are read for a fixed candidate set only, so that short Latvian
// is not taken for Lithuanian, or Estonian for Finnish.
// A result that is unreliable, or whose lead over the runner-up is thin, is
// "undetermined" (null), never a mismatch. eld's detect() runs as the exact
// port of eld-scores.ts, which is ten times faster on these texts.
import { bestTwo, eldDetectRanges, LANGUAGE_CODES } from './eld-scores.js';
import { languageText, MAX_BODY } from './language-text.js';
import { foldedPrefix, prepareText, type PreparedText } from './prepared.js';

/** Fewer letters than this (after removing links, numbers, brands) are not judged. */
export const MIN_LETTERS = 20;
/** Languages considered for every reply: the markets' languages. */
export const CANDIDATES: readonly string[] = ['et', 'lv', 'lt', 'pl', 'ru', 'en', 'ar'];
/** Lead of the best candidate over the second below which the result is undetermined. */
export const MIN_MARGIN = 0.04;

const SUPPORTED = new Set(LANGUAGE_CODES);

function primary(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/** A body read only for its language needs only its first MAX_BODY characters folded. */
function prepared(body: string | PreparedText): PreparedText {
  return typeof body === 'string' ? prepareText(body.length > MAX_BODY ? body.slice(0, MAX_BODY) : body) : body;
}

const indexOf = (code: string) => LANGUAGE_CODES.indexOf(code);
const BASE_CANDIDATES: readonly number[] = CANDIDATES.map(indexOf).filter((i) => i >= 0);

/** The market's languages (primary subtags) and the candidate indexes with them, per languages array (markets keep theirs). */
interface Candidates {
  readonly market: readonly string[];
  readonly indexes: readonly number[];
}
const candidatesOf = new WeakMap<readonly string[], Candidates>();
function candidates(languages: readonly string[]): Candidates {
  let c = candidatesOf.get(languages);
  if (!c) {
    const market = languages.map(primary).filter((l) => l !== '');
    const more = market.filter((l) => SUPPORTED.has(l) && !CANDIDATES.includes(l));
    c = { market, indexes: more.length === 0 ? BASE_CANDIDATES : [...new Set([...BASE_CANDIDATES, ...more.map(indexOf)])] };
    candidatesOf.set(languages, c);
  }
  return c;
}

function detect(p: PreparedText, indexes: readonly number[]): { language: string | null; letters: number } {
  const { text, words, letters } = languageText(p.body, foldedPrefix(p, MAX_BODY));
  if (letters < MIN_LETTERS) return { language: null, letters };
  const result = eldDetectRanges(text, words);
  if (!result.reliable) return { language: null, letters };
  // the best and the runner-up among the candidates, in eld's order
  const [best, second] = bestTwo(result.scaled, indexes);
  if (best < 0 || result.scaled[best]! - (second >= 0 ? result.scaled[second]! : 0) < MIN_MARGIN) return { language: null, letters };
  return { language: LANGUAGE_CODES[best]!, letters };
}

/** ISO 639-1 code of the reply's language; null under MIN_LETTERS letters or when undetermined. */
export function detectLanguage(body: string | PreparedText): { language: string | null; letters: number } {
  return detect(prepared(body), BASE_CANDIDATES);
}

/** The detected language when it is none of the market's; null when not judged or when it matches. */
export function languageMismatch(body: string | PreparedText, marketLanguages: readonly string[]): { detected: string } | null {
  const { market, indexes } = candidates(marketLanguages);
  if (market.length === 0) return null;
  const { language } = detect(prepared(body), indexes);
  if (language === null || market.includes(language)) return null;
  return { detected: language };
}
