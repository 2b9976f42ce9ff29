// Top-level domains accepted for bare domains ("shop.ee") and obfuscated
// e-mail addresses ("name at domain dot com"). Deliberately a curated list:
// file extensions (txt, pdf, jpg, md, py, js, sh) and words that start a
// sentence after a missing space ("home.At", "it.Is", "yes.No") are left out,
// so they never look like links.

export const TLDS: ReadonlySet<string> = new Set([
  // generic
  'com', 'net', 'org', 'info', 'biz', 'io', 'co', 'me', 'app', 'dev', 'shop', 'store', 'online', 'site', 'website', 'xyz', 'link',
  'click', 'top', 'club', 'live', 'page', 'blog', 'news', 'pro', 'world', 'tech', 'space', 'fun', 'market', 'agency', 'email', 'gle',
  'ly', 'gl', 'gg', 'cc', 'tv', 'fm', 'ws', 'su', 'one', 'vip', 'buzz', 'icu', 'cloud', 'digital', 'center', 'company', 'services',
  // the markets and their neighbours
  'ee', 'lv', 'lt', 'pl', 'ru', 'ua', 'by', 'kz', 'uz', 'fi', 'se', 'dk', 'de', 'eu', 'uk', 'fr', 'es', 'nl', 'cz', 'sk', 'hu', 'ro',
  'bg', 'gr', 'pt', 'ie', 'ch', 'sa', 'eg', 'ae', 'qa', 'kw', 'bh', 'om', 'jo', 'lb', 'ma', 'tn', 'dz', 'iq', 'tr', 'us', 'ca', 'au',
  'cn', 'jp', 'ge', 'az', 'il', 'ir', 'pk', 'rs', 'hr', 'si', 'lu', 'li', 'mt', 'cy',
]);

/** Longest TLD in the list, used to bound scans. */
export const MAX_TLD_LENGTH = 8;
