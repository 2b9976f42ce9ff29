// The words of a reply that say something about its language: links,
// e-mail addresses, handles, numbers, codes, model names and brand names are
// removed first ("Samsung Galaxy A54", "iPhone 15 Pro", "DPD", "Omniva"),
// and in a reply written mostly in Arabic or Cyrillic script the Latin words
// go too. What is left is what the detector reads and what counts as letters.
import { foldText } from './digits.js';

const LINKS = /(?:https?:\/\/|www\.)\S+|\S+@\S+|@\w+|(?<![\p{L}\p{N}])[\w-]+(?:\.[\w-]+)+\.[a-z]{2,}(?:\/\S*)?|(?<![\p{L}\p{N}])[\w-]+\.(?:com|net|org|ee|lv|lt|pl|ru|eu|sa|eg|ae|me|io)(?:\/\S*)?/giu;
/** Brand, product and carrier names common in marketplace replies. */
const BRANDS = new Set([
  'apple', 'iphone', 'ipad', 'macbook', 'airpods', 'samsung', 'galaxy', 'xiaomi', 'redmi', 'poco', 'huawei', 'honor', 'oneplus', 'google', 'pixel',
  'lenovo', 'ideapad', 'thinkpad', 'asus', 'acer', 'dell', 'hp', 'sony', 'playstation', 'xbox', 'nintendo', 'lg', 'philips', 'bosch', 'dyson',
  'nokia', 'motorola', 'oppo', 'vivo', 'realme', 'pro', 'max', 'plus', 'ultra', 'mini', 'lite', 'note', 'watch', 'air',
  'omniva', 'dpd', 'dhl', 'ups', 'fedex', 'inpost', 'paczkomat', 'venipak', 'smartpost', 'aramex', 'smsa', 'lp', 'express',
  'helpdesk', 'whatsapp', 'telegram', 'viber', 'signal', 'zoom', 'skype', 'facebook', 'instagram', 'paypal', 'visa', 'mastercard',
]);

const SCRIPT_ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]/u;
const SCRIPT_CYRILLIC = /[\u0400-\u04FF]/u;
const SCRIPT_LATIN = /[A-Za-z\u00C0-\u024F]/u;

export type Script = 'arabic' | 'cyrillic' | 'latin' | 'other';

export interface LanguageText {
  text: string;
  letters: number;
  script: Script;
}

function keepWord(word: string): boolean {
  if (/\p{N}/u.test(word)) return false; // numbers, model numbers, codes
  const letters = word.replace(/[^\p{L}]/gu, '');
  if (letters.length === 0) return false;
  if (BRANDS.has(letters.toLowerCase())) return false;
  if (letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return false; // VAT, IMEI, LV, PVN
  if (/\p{Ll}\p{Lu}/u.test(letters)) return false; // iPhone, IdeaPad, WhatsApp
  return true;
}

export function languageText(body: string): LanguageText {
  const folded = foldText(body.length > 5000 ? body.slice(0, 5000) : body).text.replace(LINKS, ' ');
  const words = folded.split(/[\s,;:!?()[\]{}"«»„“”/\\|+=*<>–—-]+/u).filter(keepWord);
  let arabic = 0;
  let cyrillic = 0;
  let latin = 0;
  for (const w of words) {
    for (const ch of w) {
      if (SCRIPT_ARABIC.test(ch)) arabic++;
      else if (SCRIPT_CYRILLIC.test(ch)) cyrillic++;
      else if (SCRIPT_LATIN.test(ch)) latin++;
    }
  }
  const total = arabic + cyrillic + latin;
  const script: Script = total === 0 ? 'other' : arabic * 2 >= total ? 'arabic' : cyrillic * 2 >= total ? 'cyrillic' : latin * 2 >= total ? 'latin' : 'other';
  // in an Arabic or Cyrillic reply, the Latin words are names and terms
  const kept = script === 'arabic' || script === 'cyrillic' ? words.filter((w) => !SCRIPT_LATIN.test(w)) : words;
  const text = kept.join(' ');
  return { text, letters: (text.match(/\p{L}/gu) ?? []).length, script };
}
