// Performance sanity without timing assertions: adversarial 20 000-character
// bodies (long digit runs, runs of "@", dots, messenger names, nested
// brackets, lone surrogates) must come back, with well-formed results. The
// detectors use linear scans and regexes without nested ambiguous
// quantifiers, and a per-message budget of phone candidates; the durations
// are printed for a human to read.
import t from 'tap';
import { detectLanguage, findContactDetails, languageMismatch, normaliseForRepeatCheck } from '../../../src/domain/checks/index.js';

const N = 20_000;
const ADVERSARIAL: Record<string, string> = {
  'spaced digits': '1 '.repeat(N / 2),
  'one long number': '0'.repeat(N),
  'Arabic-Indic digits': '٠'.repeat(N),
  'digits and dots': '5.'.repeat(N / 2),
  'digits and dashes': '5-'.repeat(N / 2),
  'digits and wide gaps': '5    '.repeat(N / 5),
  'plus signs': '+1 '.repeat(N / 3),
  brackets: '(1)'.repeat(N / 3),
  'at signs': '@'.repeat(N),
  'a@ pairs': 'a@'.repeat(N / 2),
  'letter-dot pairs': 'a.'.repeat(N / 2),
  'domain-like labels': 'ab-cd.'.repeat(N / 6),
  'e-mail-like chains': 'a.b@c.'.repeat(N / 6),
  'spelled-out at and dot': 'x at y dot '.repeat(N / 11),
  'spelled-out dots': 'shop dot '.repeat(N / 9),
  'internationalised domains': 'pērc.lv '.repeat(N / 8),
  'abbreviations next to numbers and handles': 'WA +37129123456 tg @abc '.repeat(N / 24),
  'numbers in pairs': 'twenty six '.repeat(N / 11),
  'Arabic units and tens joined by و': 'خمسة و عشرين '.repeat(N / 13),
  'Arabic hundreds, units and teens': 'ثلاثمائة وخمسة عشر '.repeat(N / 19),
  'Arabic teen prefixes without a ten word': 'صفر أحد '.repeat(N / 8),
  'user names at providers': 'janis at gmail '.repeat(N / 15),
  'user names on Arabic providers': 'ahmed85 على الجيميل دوت كوم '.repeat(N / 28),
  'Arabic providers before user names': 'الجيميل: a.b '.repeat(N / 13),
  'plain user names after messenger names': 'telegram: janis '.repeat(N / 16),
  'capitalised user names after messenger names': 'Telegram: Janis. '.repeat(N / 17),
  'capitalised names at providers after contact verbs': 'Write to Janis at Gmail. '.repeat(N / 25),
  'spelled-out Cyrillic TLDs': 'shop точка ру '.repeat(N / 14),
  'internationalised e-mail addresses': 'jānis@pāsts.lv '.repeat(N / 15),
  'www prefixes': 'www.'.repeat(N / 4),
  'one huge link': `http://${'a'.repeat(N)}`,
  'messenger names': 'whatsapp '.repeat(N / 9),
  'Arabic messenger names': 'واتساب '.repeat(N / 7),
  handles: '@abc '.repeat(N / 5),
  'digit words': 'zero '.repeat(N / 5),
  'dates': '12.03.2026 '.repeat(N / 11),
  'lone surrogates': '\ud800'.repeat(N),
  'one letter': 'a'.repeat(N),
  'everything at once': 'call me 0551234567 order 1234567 www.x.lv a@b.ee WhatsApp @h '.repeat(N / 60),
};

for (const [name, body] of Object.entries(ADVERSARIAL)) {
  t.test(`when a ${body.length}-character body is ${name}, then every check returns`, async (t) => {
    const started = performance.now();
    const matches = findContactDetails(body, { country: 'LV' });
    const found = performance.now();
    const language = detectLanguage(body);
    languageMismatch(body, ['lv']);
    const normal = normaliseForRepeatCheck(body);
    const done = performance.now();
    t.comment(`findContactDetails ${(found - started).toFixed(0)} ms (${matches.length} matches), language + normal form ${(done - found).toFixed(0)} ms`);
    let end = 0;
    for (const m of matches) {
      t.ok(m.start >= end && m.end <= body.length && m.text === body.slice(m.start, m.end), 'well-formed');
      end = m.end;
      if (matches.length > 50) break;
    }
    t.type(language.letters, 'number');
    t.type(normal, 'string');
  });
}
