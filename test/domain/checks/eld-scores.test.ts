// The language check and the repeat check's normal form run as fast ports
// (issue 7 point 7); these tests hold them to what they replace: eld's own
// detect() (language, isReliable(), getScores(), in order) and the normal
// form's step-by-step definition, on the corpora, their concatenations and
// random text, so that a port can never drift from the library or change a
// stored repeat key.
import { readFileSync } from 'node:fs';
import { eld } from 'eld/medium';
import fc from 'fast-check';
import t from 'tap';
import { eldDetect, eldDetectRanges, orderedScores, type EldResult } from '../../../src/domain/checks/eld-scores.js';
import { normaliseForRepeatCheck } from '../../../src/domain/checks/index.js';
import { referenceNormalForm } from '../../../src/domain/checks/normalise.js';

const detector = eld.newInstance();
const bodies = ['contact-sharing.jsonl', 'language-replies.jsonl'].flatMap((f) =>
  readFileSync(new URL(`../../fixtures/messages/${f}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { body: string }).body),
);

const show = (r: EldResult) => JSON.stringify({ language: r.language, reliable: r.reliable, scores: orderedScores(r) });
function eldSays(text: string): string {
  const r = detector.detect(text);
  return JSON.stringify({ language: r.language, reliable: r.isReliable(), scores: Object.entries(r.getScores()) });
}

// text that wakes every branch: several scripts, apostrophes, separators, capital sigma, dotted I, astral and lone surrogates, words over 70 bytes
const piece = fc.constantFrom(
  'tere', 'paldies', 'ačiū', 'dziękuję', 'спасибо', 'thanks', 'شكرا', 'Ölçü', 'Straße', 'ΣΟΦΙΑ', 'İstanbul', "don't", 'rock`n', 'it’s', "''", ' ', '  ', '-', '.', ',', '!', '\n',
  '123', '🙂', '\ud800', '\udc00', 'a'.repeat(75), 'ж'.repeat(40), '\u00ad', 'ǅ', 'ﬁ',
);
const text = fc.array(fc.oneof(piece, fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 150 }).map((a) => a.join(''));

t.test('when eldDetect reads a text, then it says what eld.detect says (language, isReliable, scores in order)', async (t) => {
  let same = 0;
  for (const body of bodies) if (show(eldDetect(body)) === eldSays(body)) same++;
  t.equal(same, bodies.length, 'every corpus message');
  const joined = bodies.join(' ');
  for (let i = 0; i + 1200 < joined.length; i += 997) t.equal(show(eldDetect(joined.slice(i, i + 1200))), eldSays(joined.slice(i, i + 1200)), `corpus text at ${i}`);
  fc.assert(fc.property(text, (s) => show(eldDetect(s)) === eldSays(s)), { numRuns: 1500 });
});

t.test('when eldDetectRanges reads ranges of a text, then it says what eld.detect says of them joined by spaces', async (t) => {
  const ranged = fc.tuple(text, fc.array(fc.nat(60), { maxLength: 40 })).map(([s, cuts]) => {
    const ranges: number[] = [];
    let at = 0;
    for (let k = 0; k + 1 < cuts.length && at < s.length; k += 2) {
      const start = Math.min(s.length, at + (cuts[k]! % 5));
      const end = Math.min(s.length, start + cuts[k + 1]!);
      ranges.push(start, end);
      at = end + 1;
    }
    return { s, ranges };
  });
  fc.assert(
    fc.property(ranged, ({ s, ranges }) => {
      const joined = ranges.reduce<string[]>((out, _, k) => (k % 2 ? out : [...out, s.slice(ranges[k], ranges[k + 1])]), []).join(' ');
      return show(eldDetectRanges(s, ranges)) === eldSays(joined);
    }),
    { numRuns: 1500 },
  );
  t.pass();
});

t.test('when a body is normalised for the repeat check, then the one-pass form equals the step-by-step definition (stored keys never change)', async (t) => {
  for (const body of bodies) t.equal(normaliseForRepeatCheck(body), referenceNormalForm(body));
  const soup = fc.array(fc.oneof(piece, fc.constantFrom('é', 'e\u0301', 'أ', 'إلى', 'ة', 'ى', 'ـ', '٠١٢', '۳', '１２', '＠', 'ﹷ', 'Ⅻ', '½', '\u200b', '\u202e', '\ufeff', '𝟏', '𝐀', '\ud835\u0659\udc00'), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 80 }).map((a) => a.join(''));
  fc.assert(fc.property(soup, (s) => normaliseForRepeatCheck(s) === referenceNormalForm(s)), { numRuns: 3000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => normaliseForRepeatCheck(s) === referenceNormalForm(s)), { numRuns: 1000 });
});

t.test('when any BMP character stands alone or between others, then the normal form is its definition\'s (the per-character path is exact)', async (t) => {
  let differences = 0;
  for (let c = 0; c < 0x10000; c++) {
    const s = String.fromCharCode(c);
    for (const text of [s, `a${s}`, `${s}a`, `Aä${s}ß1`, `1${s}2`, s + s, `Σ${s}`, `${s}\u0301`]) {
      if (normaliseForRepeatCheck(text) !== referenceNormalForm(text)) differences++;
    }
  }
  t.equal(differences, 0, '8 × 65,536 texts');
});
