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
// "undetermined" (null), never a mismatch.
import { eld as shared } from 'eld/medium';
import { languageText } from './language-text.js';

/** Fewer letters than this (after removing links, numbers, brands) are not judged. */
export const MIN_LETTERS = 20;
/** Languages considered for every reply: the markets' languages. */
export const CANDIDATES: readonly string[] = ['et', 'lv', 'lt', 'pl', 'ru', 'en', 'ar'];
/** Lead of the best candidate over the second below which the result is undetermined. */
export const MIN_MARGIN = 0.04;

// an instance of its own: nobody else's language subset can leak into it
const detector = shared.newInstance();
const SUPPORTED = new Set(Object.values(detector.info().Languages));

function primary(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

function detect(body: string, extra: readonly string[]): { language: string | null; letters: number } {
  const { text, letters } = languageText(body);
  if (letters < MIN_LETTERS) return { language: null, letters };
  const candidates = new Set([...CANDIDATES, ...extra.map(primary).filter((l) => SUPPORTED.has(l))]);
  const result = detector.detect(text);
  if (!result.isReliable()) return { language: null, letters };
  const ranked = Object.entries(result.getScores())
    .filter(([lang]) => candidates.has(lang))
    .sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] - (second?.[1] ?? 0) < MIN_MARGIN) return { language: null, letters };
  return { language: best[0], letters };
}

/** ISO 639-1 code of the reply's language; null under MIN_LETTERS letters or when undetermined. */
export function detectLanguage(body: string): { language: string | null; letters: number } {
  return detect(body, []);
}

/** The detected language when it is none of the market's; null when not judged or when it matches. */
export function languageMismatch(body: string, marketLanguages: readonly string[]): { detected: string } | null {
  const market = marketLanguages.map(primary).filter((l) => l !== '');
  if (market.length === 0) return null;
  const { language } = detect(body, market);
  if (language === null || market.includes(language)) return null;
  return { detected: language };
}
