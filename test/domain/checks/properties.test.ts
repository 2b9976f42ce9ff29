// The algebra of the checks, with fast-check: findContactDetails never
// throws and returns in-bounds, sorted, non-overlapping matches whose text is
// body.slice(start, end); a valid phone number put into random text is found;
// the repeat-check normal form is idempotent.
import fc from 'fast-check';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import t from 'tap';
import { detectLanguage, findContactDetails, normaliseForRepeatCheck, type ContactMatch } from '../../../src/domain/checks/index.js';
import { isCompactDate } from '../../../src/domain/checks/phone.js';

const TYPES = new Set(['phone', 'email', 'url', 'messenger']);

function wellFormed(body: string, matches: ContactMatch[]): boolean {
  let end = 0;
  for (const m of matches) {
    if (!TYPES.has(m.type)) return false;
    if (!(m.start >= end && m.end > m.start && m.end <= body.length)) return false;
    if (m.text !== body.slice(m.start, m.end)) return false;
    end = m.end;
  }
  return true;
}

// any UTF-16 code unit, lone surrogates included
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
// pieces that wake every detector up
const piece = fc.constantFrom(
  '0', '5', '9', '٠', '٥', '۵', '+', '00', ' ', '  ', '-', '.', '(', ')', '/', ':', ',', '@', '[at]', ' at ', ' dot ', 'نقطة', 'ات', '\u200f', 'ـ',
  'www.', 'http://', 'https://', '.lv', '.com', 'wa.me/', 't.me/', 'WhatsApp', 'واتساب', 'telegram', 'signal', 'write me', 'call me', 'order', 'رقم الطلب',
  'IMEI', '€', 'SAR', 'ريال', '12.03.2026', '14:30', 'LV', 'EE', 'a', 'Z', 'ö', 'ž', 'я', 'ع', '🙂', '\ud800', '\udc00', '\n', 'zero', 'five', 'خمسة', '@shop',
);
const soup = fc.array(fc.oneof(piece, codeUnit), { maxLength: 120 }).map((a) => a.join(''));
const country = fc.constantFrom(undefined, 'EE', 'LV', 'LT', 'PL', 'SA', 'EG', 'AE', 'XX', 'lv', '');

t.test('findContactDetails never throws and returns well-formed matches, on any string', async (t) => {
  fc.assert(fc.property(fc.string({ unit: codeUnit, maxLength: 300 }), country, (body, c) => wellFormed(body, findContactDetails(body, { country: c }))), { numRuns: 500 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), country, (body, c) => wellFormed(body, findContactDetails(body, { country: c }))), { numRuns: 300 });
  fc.assert(fc.property(soup, country, (body, c) => wellFormed(body, findContactDetails(body, { country: c }))), { numRuns: 1000 });
  t.pass();
});

t.test('when the body is huge (up to 20 000 characters), findContactDetails still returns well-formed matches', async (t) => {
  const big = fc.array(fc.oneof(piece, codeUnit), { minLength: 2000, maxLength: 6000 }).map((a) => a.join('').slice(0, 20_000));
  fc.assert(fc.property(big, country, (body, c) => wellFormed(body, findContactDetails(body, { country: c }))), { numRuns: 15 });
  t.pass();
});

// valid numbers of the markets, written the ways people write them
const NATIONAL: Record<string, fc.Arbitrary<string>> = {
  SA: fc.tuple(fc.constantFrom('0', '3', '4', '5', '6', '8', '9'), fc.stringMatching(/^\d{7}$/)).map(([a, b]) => `05${a}${b}`),
  EG: fc.tuple(fc.constantFrom('0', '1', '2', '5'), fc.stringMatching(/^\d{8}$/)).map(([a, b]) => `01${a}${b}`),
  AE: fc.tuple(fc.constantFrom('0', '2', '4', '5', '6', '8'), fc.stringMatching(/^\d{7}$/)).map(([a, b]) => `05${a}${b}`),
  EE: fc.stringMatching(/^\d{7}$/).map((b) => `5${b}`),
  // not 20YYMMDD: eight digits that read as a date are a phone only with a phone word near (phone.ts)
  LV: fc.stringMatching(/^\d{7}$/).map((b) => `2${b}`).filter((n) => !isCompactDate(n)),
  LT: fc.stringMatching(/^\d{7}$/).map((b) => `86${b}`),
  PL: fc.tuple(fc.constantFrom('5', '6', '7'), fc.stringMatching(/^\d{8}$/)).map(([a, b]) => `${a}${b}`),
};
const indic = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
const FORMATS: ((national: string, e164: string, nsn: string, cc: string) => string)[] = [
  (n) => n,
  (n) => n.replace(/(\d{3})(?=\d{3,})/g, '$1 '),
  (n) => n.replace(/(\d{3})(?=\d{3,})/g, '$1-'),
  (n) => n.replace(/(\d{2})(?=\d{2,})/g, '$1.'),
  (n) => n.split('').join(' '),
  (_n, e164) => e164,
  (_n, _e, nsn, cc) => `+${cc} ${nsn.replace(/(\d{3})(?=\d{3,})/g, '$1 ')}`,
  (_n, _e, nsn, cc) => `00${cc}${nsn}`,
  (n) => indic(n),
];
const phone = fc
  .tuple(fc.constantFrom(...Object.keys(NATIONAL)), fc.nat(FORMATS.length - 1))
  .chain(([c, f]) => NATIONAL[c]!.map((n) => ({ c, f, n })))
  .map(({ c, f, n }) => {
    const p = parsePhoneNumberFromString(n, c as CountryCode);
    if (!p?.isValid()) return null;
    return { country: c, text: FORMATS[f]!(n, p.number, p.nationalNumber, p.countryCallingCode) };
  })
  .filter((x): x is { country: string; text: string } => x !== null);
// text without digits and without words that say "order" or "price"
const filler = fc
  .array(fc.constantFrom(' ', '\n', 'hello', 'thanks', 'please', 'delivery', 'tomorrow', 'αβγ', 'δέλτα', '你好', '🙂', ',', '!', '?', 'مرحبا', 'شكرا', 'labdien', 'tere', 'dzień dobry', 'привет', 'WhatsApp', 'call me'), { maxLength: 25 })
  .map((a) => a.join(' '));

t.test('when a valid phone number is put into random text without digits, then it is found', async (t) => {
  fc.assert(
    fc.property(phone, filler, filler, fc.boolean(), (p, before, after, withMarket) => {
      const body = `${before} ${p.text} ${after}`;
      const found = findContactDetails(body, { country: withMarket || !/^\+|^00/.test(p.text) ? p.country : undefined });
      return found.some((m) => m.type === 'phone' && m.text === p.text);
    }),
    { numRuns: 500 },
  );
  t.pass();
});

t.test('normaliseForRepeatCheck is idempotent, and equal on copies that differ in case and spacing', async (t) => {
  fc.assert(fc.property(fc.string({ unit: codeUnit, maxLength: 200 }), (s) => normaliseForRepeatCheck(normaliseForRepeatCheck(s)) === normaliseForRepeatCheck(s)), { numRuns: 1000 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => normaliseForRepeatCheck(normaliseForRepeatCheck(s)) === normaliseForRepeatCheck(s)), { numRuns: 1000 });
  fc.assert(fc.property(soup, (s) => normaliseForRepeatCheck(` ${s.toUpperCase()}  !`) === normaliseForRepeatCheck(s.toUpperCase())), { numRuns: 300 });
  t.pass();
});

t.test('detectLanguage never judges fewer than 20 letters, on any string', async (t) => {
  fc.assert(
    fc.property(fc.string({ unit: codeUnit, maxLength: 200 }), (s) => {
      const d = detectLanguage(s);
      return d.letters >= 20 || d.language === null;
    }),
    { numRuns: 500 },
  );
  t.pass();
});
