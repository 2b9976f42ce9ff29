// Market language on the labelled seller replies (POLICIES D: answers in
// the language of the market). A reply written in a market language must
// almost never be flagged (≤ 2 %), and a reply under 20 letters is never
// judged. Print the figures with:  npx tap test/domain/checks/language-corpus.test.ts
import { readFileSync } from 'node:fs';
import t from 'tap';
import { detectLanguage, languageMismatch } from '../../../src/domain/checks/index.js';

interface Row {
  id: string;
  body: string;
  language: string;
}
const rows: Row[] = readFileSync(new URL('../../fixtures/messages/language-replies.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Row);
const LANGS = ['et', 'lv', 'lt', 'pl', 'ru', 'en', 'ar'];

t.test('the corpus has at least 150 replies across et, lv, lt, pl, ru, en, ar', async (t) => {
  t.ok(rows.length >= 150, `${rows.length} replies`);
  for (const l of LANGS) t.ok(rows.some((r) => r.language === l), `has ${l}`);
});

t.test('when a seller replies in the market language, it is flagged as a mismatch in at most 2 % of replies', async (t) => {
  let judged = 0, correct = 0, undetermined = 0, falseFlags = 0, short = 0;
  const notes: string[] = [];
  for (const r of rows) {
    const d = detectLanguage(r.body);
    if (d.letters < 20) {
      short++;
      continue;
    }
    if (d.language === null) {
      undetermined++;
      notes.push(`undetermined: ${r.id} [${r.language}] ${JSON.stringify(r.body)}`);
    } else {
      judged++;
      if (d.language === r.language) correct++;
      else notes.push(`detected ${d.language}: ${r.id} [${r.language}] ${JSON.stringify(r.body)}`);
    }
    const flag = languageMismatch(r.body, [r.language]);
    if (flag) {
      falseFlags++;
      notes.push(`FALSE FLAG ${flag.detected}: ${r.id} [${r.language}] ${JSON.stringify(r.body)}`);
    }
  }
  const eligible = rows.length - short;
  t.comment(`replies ${rows.length}: under 20 letters ${short}, judged ${judged}, undetermined ${undetermined}`);
  t.comment(`accuracy of judged replies ${(correct / judged).toFixed(3)} (${correct}/${judged})`);
  t.comment(`false flags ${falseFlags}/${eligible} = ${((100 * falseFlags) / eligible).toFixed(2)} %`);
  for (const n of notes) t.comment(n);
  t.ok(falseFlags / eligible <= 0.02, 'false flags ≤ 2 %');
});

t.test('when a seller replies in another language than the market\'s, the mismatch is reported (detection rate printed)', async (t) => {
  let pairs = 0, flagged = 0;
  for (const r of rows) {
    if (detectLanguage(r.body).letters < 20) continue;
    for (const market of LANGS) {
      if (market === r.language) continue;
      pairs++;
      const flag = languageMismatch(r.body, [market]);
      if (flag) flagged++;
      if (flag && flag.detected === market) t.fail(`${r.id}: detected the market language yet flagged`);
    }
  }
  t.comment(`replies checked against each other market language: ${flagged}/${pairs} mismatches reported (${((100 * flagged) / pairs).toFixed(1)} %)`);
  t.ok(flagged / pairs >= 0.9, 'most real mismatches are reported');
});

t.test('when buyers write short, noisy messages in a market language (the contact-sharing corpus), they are not flagged either', async (t) => {
  const buyers = readFileSync(new URL('../../fixtures/messages/contact-sharing.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { id: string; lang: string; body: string })
    .filter((r) => LANGS.includes(r.lang));
  let eligible = 0, flagged = 0, undetermined = 0;
  for (const r of buyers) {
    const d = detectLanguage(r.body);
    if (d.letters < 20) continue;
    eligible++;
    if (d.language === null) undetermined++;
    const flag = languageMismatch(r.body, [r.lang]);
    if (flag) {
      flagged++;
      t.comment(`FALSE FLAG ${flag.detected}: ${r.id} [${r.lang}] ${JSON.stringify(r.body)}`);
    }
  }
  t.comment(`buyer messages judged ${eligible - undetermined}, undetermined ${undetermined}, false flags ${flagged}/${eligible}`);
  t.ok(flagged / eligible <= 0.02, 'false flags ≤ 2 %');
});

t.test('when a reply has fewer than 20 letters, it is never judged', async (t) => {
  for (const r of rows) {
    const d = detectLanguage(r.body);
    if (d.letters >= 20) continue;
    t.equal(d.language, null, `${r.id} (${d.letters} letters) not judged`);
    t.equal(languageMismatch(r.body, ['xx']), null, `${r.id} never a mismatch`);
  }
});
