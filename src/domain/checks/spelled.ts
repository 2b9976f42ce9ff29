// Phone numbers spelled out as words, digit by digit: "zero five five one …",
// "صفر خمسة خمسة …", "два шесть один …", possibly mixed with digits
// ("05 five 5 …"). Seven or more digit tokens in a row, joined only by
// spaces, commas or dashes, make a candidate; it must still validate as a
// phone number (issue 7: "five five…" is optional, done for en, ar, ru,
// et, lv, lt, pl).
import { isPhoneNumber, type Budget } from './phone-numbers.js';
import type { RawMatch } from './types.js';

const WORDS: Record<string, string> = {};
const TABLE: [string, string[]][] = [
  ['0', ['zero', 'oh', 'ноль', 'нуль', 'صفر', 'null', 'nulle', 'nulis', 'zero']],
  ['1', ['one', 'один', 'одна', 'واحد', 'üks', 'viens', 'vienas', 'jeden', 'jedna']],
  ['2', ['two', 'два', 'две', 'اثنين', 'اثنان', 'إثنين', 'اتنين', 'كاثنين', 'kaks', 'divi', 'du', 'dwa']],
  ['3', ['three', 'три', 'ثلاثة', 'ثلاث', 'تلاتة', 'تلاته', 'ثلاثه', 'kolm', 'trīs', 'trys', 'trzy']],
  ['4', ['four', 'четыре', 'أربعة', 'اربعة', 'أربع', 'اربع', 'اربعه', 'neli', 'četri', 'keturi', 'cztery']],
  ['5', ['five', 'пять', 'خمسة', 'خمس', 'خمسه', 'viis', 'pieci', 'penki', 'pięć', 'piec']],
  ['6', ['six', 'шесть', 'ستة', 'ست', 'سته', 'kuus', 'seši', 'šeši', 'sześć', 'szesc']],
  ['7', ['seven', 'семь', 'سبعة', 'سبع', 'سبعه', 'seitse', 'septiņi', 'septyni', 'siedem']],
  ['8', ['eight', 'восемь', 'ثمانية', 'ثمان', 'ثمانيه', 'تمانية', 'تمنية', 'kaheksa', 'astoņi', 'aštuoni', 'osiem']],
  ['9', ['nine', 'девять', 'تسعة', 'تسع', 'تسعه', 'üheksa', 'deviņi', 'devyni', 'dziewięć']],
];
for (const [digit, words] of TABLE) for (const w of words) WORDS[w] = digit;

const TOKEN = /[\p{L}\p{N}]+/gu;
const JOINER = /^[\s,\-–.]{1,3}$/;
// Arabic "و" ("and") may be glued to the next number word
function digitsOf(token: string): string | null {
  if (/^\d+$/.test(token)) return token.length <= 4 ? token : null;
  const lower = token.toLowerCase();
  const hit = WORDS[lower] ?? (lower.startsWith('و') ? WORDS[lower.slice(1)] : undefined);
  return hit ?? null;
}

export function findSpelledPhones(text: string, country: string | undefined, budget: Budget): RawMatch[] {
  const out: RawMatch[] = [];
  let run: { start: number; end: number; digits: string; words: number } | null = null;
  let lastEnd = -1;
  const flush = () => {
    if (run && run.words >= 1 && run.digits.length >= 7 && run.digits.length <= 15) {
      const plus = text[run.start - 1] === '+';
      if (isPhoneNumber({ digits: run.digits, plus, country, cue: true }, budget)) out.push({ type: 'phone', start: plus ? run.start - 1 : run.start, end: run.end });
    }
    run = null;
  };
  for (const m of text.matchAll(TOKEN)) {
    if (budget.left <= 0) break;
    const d = digitsOf(m[0]);
    const start = m.index;
    const end = start + m[0].length;
    if (d === null) {
      flush();
      continue;
    }
    if (run && JOINER.test(text.slice(lastEnd, start)) && run.digits.length + d.length <= 15) {
      run.digits += d;
      run.end = end;
      if (!/^\d+$/.test(m[0])) run.words++;
    } else {
      flush();
      run = { start, end, digits: d, words: /^\d+$/.test(m[0]) ? 0 : 1 };
    }
    lastEnd = end;
  }
  flush();
  return out;
}
