// Contact sharing on the labelled corpus (POLICIES A, C, D; CONTRACT §5
// flag matches): message-level precision and recall must both be ≥ 0.95.
// Print the figures with:  npx tap test/domain/checks/corpus.test.ts
import { readFileSync } from 'node:fs';
import t from 'tap';
import { findContactDetails, type ContactMatchType } from '../../../src/domain/checks/index.js';

interface Row {
  id: string;
  lang: string;
  market?: string;
  body: string;
  expect: ContactMatchType[];
}
const load = (file: string): Row[] =>
  readFileSync(new URL(`../../fixtures/messages/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);
const rows = load('contact-sharing.jsonl');

function score(country: (r: Row) => string | undefined, rows: Row[]) {
  let tp = 0, fp = 0, fn = 0, tn = 0, typesFound = 0;
  const wrong: string[] = [];
  const byLang = new Map<string, { pos: number; found: number; neg: number; flagged: number }>();
  for (const r of rows) {
    const matches = findContactDetails(r.body, { country: country(r) });
    const lang = byLang.get(r.lang) ?? { pos: 0, found: 0, neg: 0, flagged: 0 };
    byLang.set(r.lang, lang);
    const show = `${r.id} [${r.lang}${r.market ? ' ' + r.market : ''}] ${JSON.stringify(r.body)} → ${JSON.stringify(matches.map((m) => [m.type, m.text]))}`;
    if (r.expect.length > 0) {
      lang.pos++;
      if (matches.length > 0) {
        tp++;
        lang.found++;
        const types = new Set(matches.map((m) => m.type));
        if (r.expect.every((x) => types.has(x))) typesFound++;
        else wrong.push(`types: expected ${r.expect.join('+')}: ${show}`);
      } else {
        fn++;
        wrong.push(`missed (expected ${r.expect.join('+')}): ${show}`);
      }
    } else {
      lang.neg++;
      if (matches.length > 0) {
        fp++;
        lang.flagged++;
        wrong.push(`false flag: ${show}`);
      } else tn++;
    }
  }
  return { tp, fp, fn, tn, typesFound, wrong, byLang, precision: tp / (tp + fp), recall: tp / (tp + fn) };
}

t.test('the corpus is big enough and well-formed (issue 7: ≥ 400 messages, ≥ 150 positives)', async (t) => {
  t.ok(rows.length >= 400, `${rows.length} messages`);
  t.ok(rows.filter((r) => r.expect.length > 0).length >= 150, 'at least 150 positives');
  t.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'ids are unique');
  for (const lang of ['ar', 'en', 'et', 'lv', 'lt', 'pl', 'ru', 'mixed']) t.ok(rows.some((r) => r.lang === lang), `has ${lang}`);
});

t.test('when the market is known, contact sharing is found with precision and recall ≥ 0.95', async (t) => {
  const s = score((r) => r.market, rows);
  const positives = s.tp + s.fn;
  t.comment(`messages ${rows.length}, positives ${positives}, negatives ${s.fp + s.tn}`);
  t.comment(`precision ${s.precision.toFixed(3)} (${s.tp}/${s.tp + s.fp}), recall ${s.recall.toFixed(3)} (${s.tp}/${positives})`);
  t.comment(`positives whose matches include every expected type: ${s.typesFound}/${s.tp}`);
  for (const [lang, v] of s.byLang) t.comment(`  ${lang}: found ${v.found}/${v.pos} positives, flagged ${v.flagged}/${v.neg} negatives`);
  for (const w of s.wrong) t.comment(w);
  t.ok(s.precision >= 0.95, 'precision ≥ 0.95');
  t.ok(s.recall >= 0.95, 'recall ≥ 0.95');
});

t.test('when the market is unknown (country undefined), the figures are reported too', async (t) => {
  const s = score(() => undefined, rows);
  t.comment(`no market: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}`);
  for (const w of s.wrong) t.comment(w);
  t.ok(s.precision >= 0.9 && s.recall >= 0.9, 'still ≥ 0.9 without the market');
});

// A held-out set, written after the detectors were tuned on the corpus above
// and never used to tune them: it tells how the checks do on messages they
// have not seen. Do not tune against it; write a new held-out file instead.
// First measured (2026-11-27): precision 1.000 (47/47), recall 0.979 (47/48);
// the miss is a Snapchat account name, a messenger the checks do not know.
t.test('on 100 held-out messages never used for tuning, precision and recall are ≥ 0.95 too', async (t) => {
  const heldOut = load('contact-sharing-heldout.jsonl');
  t.ok(heldOut.length >= 100 && heldOut.filter((r) => r.expect.length > 0).length >= 40, `${heldOut.length} messages`);
  t.same(heldOut.filter((h) => rows.some((r) => r.body === h.body)).map((h) => h.id), [], 'none of them is in the tuning corpus');
  const s = score((r) => r.market, heldOut);
  t.comment(`held out: precision ${s.precision.toFixed(3)} (${s.tp}/${s.tp + s.fp}), recall ${s.recall.toFixed(3)} (${s.tp}/${s.tp + s.fn})`);
  for (const w of s.wrong) t.comment(w);
  t.ok(s.precision >= 0.95, 'precision ≥ 0.95');
  t.ok(s.recall >= 0.95, 'recall ≥ 0.95');
});
