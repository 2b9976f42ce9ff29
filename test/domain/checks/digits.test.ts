// Folding digits and invisible marks, with offsets back to the original body.
import t from 'tap';
import { foldText, latinDigits, originalRange } from '../../../src/domain/checks/digits.js';

t.test('when a body has Arabic-Indic or Persian digits, then they fold to Latin digits in place', async (t) => {
  t.equal(foldText('٠٥٥١٢٣٤٥٦٧').text, '0551234567');
  t.equal(foldText('۰۵۵۱۲۳۴۵۶۷').text, '0551234567');
  t.equal(foldText('٠٥٥' + '۱۲۳' + '4567').text, '0551234567', 'mixed scripts');
  t.equal(foldText('٩٩٫٥٠').text, '99.50', 'Arabic decimal separator');
  t.equal(latinDigits('+٩٦٦ ٥٥'), '96655');
});

t.test('when a body has bidi marks, zero-width characters or tatweel, then they are dropped and offsets still point at the original', async (t) => {
  const body = 'رقم \u200f+966\u200e 55 123 4567 وات\u0640\u0640ساب';
  const f = foldText(body);
  t.notOk(/[\u200e\u200f\u0640]/.test(f.text));
  const i = f.text.indexOf('+966');
  const r = originalRange(f, i, i + '+966 55 123 4567'.length);
  t.equal(body.slice(r.start, r.end), '+966\u200e 55 123 4567', 'the original characters, marks included');
  t.ok(f.text.includes('واتساب'), 'tatweel removed inside a word');
});

t.test('when a body has lone surrogates, then folding passes them through', async (t) => {
  const f = foldText('a\ud800b\udc00c');
  t.equal(f.text, 'a\ud800b\udc00c');
  t.equal(f.origin.length, 6);
});

t.test('for contact detection, circled and mathematical digits and keycap emoji fold to digits, and offsets cover the whole original characters', async (t) => {
  for (const [body, digits] of [
    ['②⑨①②③④⑤⑥', '29123456'],
    ['➋➒⓪❶', '2901'],
    ['𝟐𝟗𝟏𝟐', '2912'],
    ['2️⃣9️⃣1️⃣', '291'],
  ] as const) {
    const f = foldText(`tel ${body}!`, true);
    t.equal(f.text, `tel ${digits}!`, body);
    const r = originalRange(f, 4, 4 + digits.length);
    t.equal(f.body.slice(r.start, r.end), body, `${body}: the original characters`);
  }
  t.equal(foldText('②⑨ 2️⃣ 𝟐').text, '②⑨ 2️⃣ 𝟐', 'the plain fold (the repeat check’s normal form) leaves them');
});
