// Top-level domains accepted for bare domains ("shop.ee") and obfuscated
// e-mail addresses ("name at domain dot com"). Deliberately a curated list:
// file extensions (txt, pdf, jpg, md, py, js, sh) and words that start a
// sentence after a missing space ("home.At", "it.Is", "yes.No") are left out,
// so they never look like links.

/** TLDs that make a bare "label.tld" a link on their own. */
export const TLDS: ReadonlySet<string> = new Set([
  'com', 'net', 'org', 'info', 'biz', 'eu', 'su',
  // the markets and their neighbours
  'ee', 'lv', 'lt', 'pl', 'ru', 'ua', 'by', 'kz', 'uz', 'fi', 'se', 'dk', 'de', 'uk', 'fr', 'es', 'nl', 'cz', 'hu', 'ro',
  'bg', 'gr', 'pt', 'ie', 'ch', 'sa', 'eg', 'ae', 'qa', 'kw', 'bh', 'jo', 'lb', 'tn', 'dz', 'iq', 'tr', 'au',
  'cn', 'jp', 'az', 'pk', 'rs', 'hr', 'lu', 'mt', 'cy',
]);

/**
 * TLDs that are also ordinary words or common abbreviations ("thanks.me",
 * "t.sk." = "tai skaitā", "m.in."): a bare domain with one of them counts
 * only with a path ("paypal.me/shop") or as a known service host ("t.me").
 */
export const WORDLIKE_TLDS: ReadonlySet<string> = new Set([
  'me', 'co', 'io', 'app', 'dev', 'shop', 'store', 'online', 'site', 'website', 'xyz', 'link', 'click', 'top', 'club', 'live', 'page',
  'blog', 'news', 'pro', 'world', 'tech', 'space', 'fun', 'market', 'agency', 'email', 'gle', 'ly', 'gl', 'gg', 'cc', 'tv', 'fm', 'ws',
  'one', 'vip', 'buzz', 'icu', 'cloud', 'digital', 'center', 'company', 'services', 'sk', 'om', 'ma', 'us', 'ca', 'ge', 'il', 'ir',
  'si', 'li', 'in', 'it', 'is', 'at', 'be', 'no', 'to', 'am', 'so', 'la', 'ai',
]);

/**
 * Word-like TLDs of web shops that make a bare domain a link on their own,
 * unless the label before is one of the words ("bought online.shop was
 * slow"): "myshop.online", "pigu.store".
 */
export const SHOP_TLDS: ReadonlySet<string> = new Set(['shop', 'store', 'online', 'site']);

/** Internationalised TLDs in Cyrillic script ("магазин.рф"). */
export const IDN_TLDS: ReadonlySet<string> = new Set(['рф', 'рус', 'бел', 'укр', 'қаз', 'срб']);

/**
 * TLDs spelled in Cyrillic after a spelled-out dot, as Russian speakers
 * dictate a domain or address ("ozon точка ру", "shop точка ком", "ivan
 * собака mail точка ру"): the TLD each stands for. Not "нет" (net), which is
 * "no", nor "ее", which is "her".
 */
export const CYRILLIC_TLD_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['ру', 'ru'], ['ком', 'com'], ['орг', 'org'], ['инфо', 'info'], ['лв', 'lv'], ['лт', 'lt'],
]);

/** The same in Arabic script, after "دوت"/"نقطة" ("gmail دوت كوم", "shop دوت نت"). */
export const ARABIC_TLD_SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['كوم', 'com'], ['نت', 'net'], ['اورج', 'org'], ['أورج', 'org'],
]);

/** Every spelling of a TLD in another script, as the TLD it stands for. */
export const TLD_SPELLINGS: ReadonlyMap<string, string> = new Map([...CYRILLIC_TLD_SPELLINGS, ...ARABIC_TLD_SPELLINGS]);

/** A TLD as written (any case, Latin or a Cyrillic or Arabic spelling) as the TLD it stands for, lower-case. */
export function tldOf(written: string): string {
  const lower = written.toLowerCase();
  return TLD_SPELLINGS.get(lower) ?? lower;
}

/** Hosts under a word-like TLD that are links even without a path. */
export const KNOWN_HOSTS: ReadonlySet<string> = new Set(['wa.me', 't.me', 'signal.me', 'paypal.me', 'proton.me', 'bit.ly', 'goo.gl', 'forms.gle', 'x.co', 'linktr.ee']);

/** Longest TLD in the list, used to bound scans. */
export const MAX_TLD_LENGTH = 8;
