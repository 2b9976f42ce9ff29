// E-mail addresses, plain ("name@shop.ee") and obfuscated: "name at domain
// dot com", "name(at)domain.com", "name [at] domain [dot] com", "name @ domain
// . com", a provider without its TLD ("name (at) gmail"), and the
// words people use for "@" and "." in the markets' languages: ät, et, eta,
// małpa, собака, ات/آت; punkt, punkts, taškas, kropka, точка, نقطة/دوت.
// POLICIES A and C: e-mail is a channel off the platform.
import { classOf, LETTER, MARK } from './chars.js';
import { labelStart } from './context.js';
import { IDN_TLDS, TLD_SPELLINGS, TLDS, tldOf, WORDLIKE_TLDS } from './tlds.js';
import { wordTrie } from './trie.js';
import type { RawMatch } from './types.js';

// Internationalised addresses ("jānis@pasts.lv", "имя@почта.рф",
// "user@bücher.de"): besides ASCII, the local part and each host label may
// hold Latin letters with diacritics or Cyrillic letters, of one script:
// a change of script ends them, so a word glued to an address is left out
// ("почтаivan@mail.ru", "ivan@mail.ruпиши"). Other scripts (Arabic) end them
// as before. The TLD is an ASCII one or a Cyrillic one of IDN_TLDS ("рф").
const NEUTRAL = 0;
const LATIN = 1;
const CYRILLIC = 2;
const OUTSIDE = -1;

/** The script of a letter (LATIN or CYRILLIC), NEUTRAL for a digit, a combining mark or one of `punctuation`, else OUTSIDE. */
function scriptOf(c: number, punctuation: string): number {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return LATIN;
  if (c >= 0x30 && c <= 0x39) return NEUTRAL;
  if (c < 0x80) return punctuation.includes(String.fromCharCode(c)) ? NEUTRAL : OUTSIDE;
  const bits = classOf(c);
  if (bits & MARK && c >= 0x300 && c <= 0x36f) return NEUTRAL;
  if (!(bits & LETTER)) return OUTSIDE;
  if ((c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff)) return LATIN;
  if (c >= 0x400 && c <= 0x4ff) return CYRILLIC;
  return OUTSIDE;
}

const LOCAL_PUNCTUATION = '._%+-';
const HOST_PUNCTUATION = '.-';

/** Start of the local part ending at `at`: letters of one script, digits and LOCAL_PUNCTUATION. */
function localStart(text: string, at: number): number {
  let s = at;
  let script = NEUTRAL;
  while (s > 0 && at - s < 64) {
    const k = scriptOf(text.charCodeAt(s - 1), LOCAL_PUNCTUATION);
    if (k === OUTSIDE || (k !== NEUTRAL && script !== NEUTRAL && k !== script)) break;
    if (k !== NEUTRAL) script = k;
    s--;
  }
  while (s < at && (text[s] === '.' || text[s] === '-')) s++;
  return s;
}

/** End of the host after `at`: labels of one script each (ASCII only when `ascii`), digits, dots and hyphens. */
function hostEnd(text: string, at: number, ascii: boolean): number {
  let e = at + 1;
  let script = NEUTRAL;
  while (e < text.length && e - at < 254) {
    const c = text.charCodeAt(e);
    if (ascii && c >= 0x80) break;
    const k = scriptOf(c, HOST_PUNCTUATION);
    if (k === OUTSIDE || (k !== NEUTRAL && script !== NEUTRAL && k !== script)) break;
    script = c === 0x2e ? NEUTRAL : k !== NEUTRAL ? k : script;
    e++;
  }
  while (e > at + 1 && (text[e - 1] === '.' || text[e - 1] === '-')) e--;
  return e;
}

function validHost(host: string): boolean {
  const labels = host.split('.');
  if (labels.length < 2 || labels.some((l) => l === '')) return false;
  const tld = labels[labels.length - 1]!;
  return /^[A-Za-z]{2,24}$/.test(tld) || IDN_TLDS.has(tld.toLowerCase());
}

/** Plain addresses: expand left and right from each "@" (linear). */
function plain(text: string, out: RawMatch[]): void {
  let from = 0;
  for (;;) {
    const at = text.indexOf('@', from);
    if (at < 0) return;
    from = at + 1;
    const s = localStart(text, at);
    if (s === at) continue;
    let e = hostEnd(text, at, false);
    // a non-ASCII letter glued to an ASCII TLD ("ivan@mail.ruā") ends the host as before
    if (!validHost(text.slice(at + 1, e))) e = hostEnd(text, at, true);
    if (!validHost(text.slice(at + 1, e))) continue;
    out.push({ type: 'email', start: s, end: e });
  }
}

const AT_WORDS = ['at', 'ät', 'et', 'eta', 'małpa', 'malpa', 'собака', 'sobaka', 'ات', 'آت', '@'];
export const DOT_WORDS = ['dot', 'punkt', 'punkts', 'punktas', 'taškas', 'taskas', 'kropka', 'точка', 'tochka', 'نقطة', 'نقطه', 'دوت'];
const alt = (words: string[]) => words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
const OPEN = '[(\\[{<]';
const CLOSE = '[)\\]}>]';
// "(at)", " [at] ", " at " — bracketed or standing alone between spaces; "@" with a space
// on either side ("name @ gmail . com"); " . " with spaces on both sides
const AT = `(?:\\s?${OPEN}\\s?(?:${alt(AT_WORDS)})\\s?${CLOSE}\\s?|\\s(?:${alt(AT_WORDS)})\\s|\\s?@\\s?)`;
const DOT = `(?:\\s?${OPEN}\\s?(?:${alt(DOT_WORDS)}|\\.)\\s?${CLOSE}\\s?|\\s(?:${alt(DOT_WORDS)}|\\.)\\s|\\.)`;
// the TLD: Latin letters, or the Cyrillic or Arabic spelling of one (tlds.ts: "mail точка ру", "دوت كوم")
const TLD = `([A-Za-z]{2,8}|${wordTrie([...TLD_SPELLINGS.keys()])})`;
const LABEL = '[A-Za-z0-9_%+\\-]{1,64}';
const HOST_LABEL = '[A-Za-z0-9\\-]{1,63}';
const OBFUSCATED = new RegExp(
  `(?<![\\p{L}\\p{N}._%+\\-])${LABEL}(?:${DOT}${LABEL}){0,3}${AT}${HOST_LABEL}(?:${DOT}${HOST_LABEL}){0,3}?${DOT}${TLD}(?![\\p{L}\\p{N}])`,
  'giu',
);

const SPACED_DOT = /\s\.\s/;

/** Obfuscated addresses: the TLD must be a known one, and the "@" or "." must be spelled out somewhere. */
function obfuscated(text: string, out: RawMatch[]): void {
  for (const m of text.matchAll(OBFUSCATED)) {
    const tld = tldOf(m[1] ?? '');
    if (!TLDS.has(tld) && !WORDLIKE_TLDS.has(tld)) continue;
    // " . " may be a sloppy full stop ("I'm at work . No answer"): then only a lower-case, non-word TLD
    if (SPACED_DOT.test(m[0]) && !TLDS.has(m[1] ?? '')) continue;
    out.push({ type: 'email', start: m.index, end: m.index + m[0].length });
  }
}

// An obfuscated address cannot match without a dot right before its TLD
// (DOT): "." with the TLD right after it, a dot-word followed by a space,
// either before a closing bracket, or " . " — rare in prose, whose full
// stops are followed by a space and not preceded by one — nor without an "@" or an at-word standing between
// spaces or brackets. Two cheap scans, the rarer first, keep the long
// pattern away from most messages.
const DOT_BEFORE_TLD = new RegExp(`(?:\\.(?:\\s?${CLOSE}\\s?)?|\\s\\.\\s|(?:${wordTrie(DOT_WORDS)})(?:\\s?${CLOSE}\\s?|\\s))${TLD}(?![\\p{L}\\p{N}])`, 'iu');
/** A dot or dot-word right before something TLD-like: every obfuscated address and spelled-out domain ("shop dot lv") has one. */
export function dotBeforeTld(text: string): boolean {
  return DOT_BEFORE_TLD.test(text);
}
const AT_WORD = new RegExp(`[\\s(\\[{<](?:${alt(AT_WORDS.filter((w) => w !== '@'))})[\\s)\\]}>]`, 'iu');

// "janis at gmail", "janis (at) gmail": a mail provider's name stands for the whole domain.
// With a bare " at " the local part must look like an address ("ivan.petrov", "janis85"),
// or an e-mail word must come before it ("my e-mail: janis at gmail"), or it must be a user
// name (userName below); and it is not a word that would be "at" a provider otherwise
// ("check the folder at gmail", "he works at yahoo"). Arabic speakers write the provider in
// Arabic letters, with or without "ال" ("ahmed ات جيميل دوت كوم"), and put the address "on"
// it ("ahmed85 على الجيميل"): "على" counts as an at-word before a provider only, and as the
// ordinary preposition it is, only with an address-like local part or an e-mail word
// ("أرسلت الملف PDF على الجيميل", "الكود 4432 على الجيميل" are not addresses).
const LATIN_PROVIDERS = ['gmail', 'googlemail', 'yahoo', 'hotmail', 'outlook', 'yandex', 'icloud', 'protonmail', 'inbox'];
const ARABIC_PROVIDERS = ['جيميل', 'جي ميل', 'جيمايل', 'هوتميل', 'هوت ميل', 'هوتمايل', 'ياهو', 'اوتلوك', 'أوتلوك', 'آوتلوك', 'ايكلاود', 'آيكلاود', 'أيكلاود', 'ياندكس']
  .flatMap((w) => [w, `ال${w}`]);
const PROVIDERS = [...LATIN_PROVIDERS, ...ARABIC_PROVIDERS];
const PROVIDER_CUE = new RegExp(wordTrie(LATIN_PROVIDERS), 'i');
const ARABIC_PROVIDER_CUE = new RegExp(wordTrie(ARABIC_PROVIDERS), 'u');
const ARABIC_PROVIDER = new Set(ARABIC_PROVIDERS);
/** At-words that are ordinary words too (Estonian "et" = "that", Arabic "على" = "on"): never the user-name reading. */
const PROSE_AT_WORDS: ReadonlySet<string> = new Set(['et', 'على']);
const ON = 'على';
const LOCAL_END = /[A-Za-z0-9_-]/;

/** "على" between spaces right after a character of a Latin local part (" على " alone is in most Arabic sentences). */
function onAfterLocal(text: string): boolean {
  for (let i = text.indexOf(ON); i >= 0; i = text.indexOf(ON, i + ON.length)) {
    if (i >= 2 && /\s/.test(text[i - 1]!) && LOCAL_END.test(text[i - 2]!) && /\s/.test(text[i + ON.length] ?? '')) return true;
  }
  return false;
}
// the at-word (or "على", or a bare space: only before a provider in Arabic letters followed by a
// spelled-out dot and a known TLD, "ahmed85 جيميل دوت كوم"), the provider, and the TLD if written
const PROVIDER_ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}._%+\\-])(${LABEL}(?:${DOT}${LABEL}){0,3})(${AT}|\\sعلى\\s|\\s)(${wordTrie(PROVIDERS)})(?:(${DOT})${TLD})?(?![\\p{L}\\p{N}])`,
  'giu',
);
const AT_WORD_ALONE = /^\s\p{L}+\s$/u;
const EMAIL_CUE =
  /(?<![\p{L}])(?:e-?mail\p{L}*|mail|meil\p{L}*|e-?post\p{L}*|e-?past\p{L}*|pašt\p{L}*|poczt\p{L}*|mejl\p{L}*|почт\p{L}*|[еиэ]?мейл\p{L}*|(?:ال)?[اإأآ]يميل\p{L}*|بريد\p{L}*|البريد)(?![\p{L}])/iu;
const NOT_LOCAL: ReadonlySet<string> = new Set([
  'me', 'us', 'you', 'him', 'her', 'them', 'it', 'is', 'was', 'are', 'be', 'one', 'mail', 'email', 'address', 'account', 'inbox', 'folder', 'box', 'spam',
  'work', 'works', 'worked', 'working', 'job', 'look', 'looked', 'error', 'problem', 'issue', 'login', 'password', 'support',
]);

/** Before a spelled-out " at " and a provider: an address's local part, not an ordinary word. */
function addressLike(text: string, start: number, local: string): boolean {
  if (NOT_LOCAL.has(local.toLowerCase())) return false;
  return /[\d._+\-]/.test(local) || EMAIL_CUE.test(text.slice(Math.max(0, start - 40), start));
}

/** Three letters, the first one first: a user name, not a code or a version ("4432", "v2"). */
const NAME_LETTERS = /^[A-Za-z](?:[^A-Za-z]*[A-Za-z]){2}/;

// "write to janis at gmail", with no e-mail word near and a local part of letters only. "at"
// is an English preposition ("meet me at gmail office", "my friend at yahoo"), so the rule is:
// - the provider and the word before it are written in lower case, as an address is typed
//   (with a capital, "Gmail", "Outlook" name the company or product and "Janis" a person, or
//   the word starts a sentence: "I asked Janis at Outlook support", "Deals at yandex!");
// - the word before it is a user name: 3 to 32 letters, not one of the ordinary words of
//   ORDINARY (pronouns, verbs and nouns that stand before "at" in prose: "look", "me", "us",
//   "friend", "team", "sold", "registered", "usually"), not a verb form in -ing, and not after
//   an article or possessive ("the guy at yahoo", "my sister at gmail");
// - the address ends its clause, or one of a few words that follow an address does ("please",
//   "thanks", "and", "lūdzu"): "janis at gmail, write there", "janis at gmail please"; not
//   "gmail office", "outlook support", "gmail's team", "at gmail works fine".
// The same holds for the other bare at-words (" ät ", " собака "), except " et ": it is also
// Estonian "that" ("arvan et gmail ei tööta"), and keeps needing an address-like local part or an
// e-mail word.
const ORDINARY: ReadonlySet<string> = new Set([
  ...NOT_LOCAL,
  'i', 'we', 'they', 'he', 'she', 'his', 'its', 'our', 'your', 'their', 'my', 'this', 'that', 'these', 'those', 'there', 'here',
  'who', 'what', 'which', 'someone', 'somebody', 'anyone', 'anybody', 'everyone', 'everybody', 'nobody', 'people', 'person',
  'friend', 'friends', 'brother', 'sister', 'wife', 'husband', 'son', 'daughter', 'mother', 'father', 'mom', 'dad', 'colleague', 'colleagues',
  'guy', 'guys', 'team', 'staff', 'office', 'engineer', 'engineers', 'manager', 'developer', 'intern', 'boss',
  'was', 'were', 'been', 'am', 'have', 'has', 'had', 'did', 'does', 'can', 'could', 'will', 'would', 'should', 'may', 'might', 'must',
  'stay', 'stays', 'meet', 'met', 'live', 'lives', 'arrive', 'arrives', 'shop', 'shops', 'buy', 'buys', 'bought', 'sell', 'sells', 'sold',
  'order', 'orders', 'price', 'prices', 'cheaper', 'available', 'get', 'got', 'go', 'goes', 'went', 'find', 'found', 'use', 'check', 'see', 'saw',
  'sign', 'log', 'stuck', 'lost', 'sent', 'send', 'mails', 'emails', 'letter', 'letters', 'message', 'messages', 'ads', 'news', 'mailbox',
  'profile', 'link', 'links', 'button', 'page', 'settings', 'junk', 'not', 'and', 'but', 'also', 'only', 'even', 'still', 'just', 'then', 'now',
  'later', 'today', 'yesterday', 'tomorrow', 'again', 'once', 'twice', 'time', 'times', 'best', 'free', 'all', 'both',
  'everything', 'nothing', 'something', 'anything', 'problems', 'issues', 'errors', 'trouble', 'outage', 'delay', 'delays',
  'deals', 'discounts', 'sales', 'offers', 'products', 'items', 'goods', 'stuff', 'things', 'coupons', 'promo', 'promos', 'reviews', 'ratings',
  'delivery', 'shipping', 'returns', 'sellers', 'buyers', 'customers', 'users', 'accounts', 'hello', 'thanks', 'thank', 'welcome', 'sorry',
  // verbs in -ed and adverbs in -ly one by one: names end so too ("ahmed", "mohammed", "fred"; "emily", "kelly")
  'registered', 'signed', 'logged', 'blocked', 'banned', 'locked', 'hacked', 'subscribed', 'listed', 'posted', 'hosted', 'based', 'located',
  'employed', 'hired', 'stored', 'saved', 'archived', 'received', 'delivered', 'filtered', 'flagged', 'marked', 'reported', 'answered', 'replied',
  'arrived', 'stayed', 'ordered', 'purchased', 'searched', 'checked', 'asked', 'called', 'created', 'opened', 'closed', 'deleted', 'used',
  'really', 'usually', 'currently', 'recently', 'actually', 'directly', 'probably', 'finally', 'apparently', 'already', 'early', 'daily',
  // companies, not people: "contact Google at Gmail"
  'google', 'microsoft', 'apple', 'amazon', 'facebook', 'meta', 'yahoo', 'yandex', 'gmail', 'outlook', 'hotmail',
]);
const ARTICLE_BEFORE = /(?<![\p{L}])(?:the|a|an|my|your|his|her|our|their|this|that|these|those|some|any|every|each|no)\s+$/iu;
/** What follows an address: the end of its clause, or a word that often follows one ("please", "and", "lūdzu"), never a company noun. */
const ADDRESS_END = /^(?:$|[.,;:!?)\]…]|\s*\n|\s+(?:$|[^\p{L}\p{N}'’])|\s+(?:please|pls|plz|thanks|thx|and|or|if|for|too|then|asap|only|lūdzu|ludzu|paldies|palun|aitäh|prašau|ačiū|proszę|prosze|dzięki|пожалуйста|спасибо)(?![\p{L}]))/iu;

/** `end`: where the address ends (after the provider, or its TLD). */
function userName(text: string, m: RegExpExecArray, end: number): boolean {
  const local = m[1] ?? '';
  const atWord = (m[2] ?? '').trim().toLowerCase();
  const provider = m[3] ?? '';
  if (PROSE_AT_WORDS.has(atWord) || provider !== provider.toLowerCase()) return false;
  if (!/^[a-z]{3,32}$/.test(local) || ORDINARY.has(local) || local.endsWith('ing')) return false;
  if (ARTICLE_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) return false;
  return ADDRESS_END.test(text.slice(end, end + 20));
}

// "Write to Janis at Gmail.", "Rakstiet Janis at Gmail": with a capital, a name "at" a provider reads
// as a person who works there ("I asked Janis at Outlook support", "Email Janis at Gmail headquarters
// about…", "I wrote to Janis at Gmail"). It is an address when an imperative contact verb or an e-mail
// label stands right before the name (with "to", "me", "uz", "do mnie", a colon between) and the address
// ends its clause; a subject, a negation or "to" before the verb makes it a report, a warning or a wish
// ("I will write to…", "Don't write to…", "I want to email Anna at Outlook"). Lower-case names keep
// userName's rule.
const CONTACT_VERBS = [
  'write', 'e-?mail', 'mail', 'message', 'contact', 'reach', 'text', 'ping', 'find', 'raksti(?:et)?', 'rakstīt', 'uzraksti(?:et)?', 'uzrakstīt',
  'kirjuta(?:ge|da)?', 'rašyk(?:ite)?', 'parašyk(?:ite)?', 'napisz(?:cie)?', 'pisz(?:cie)?', 'napisać', 'напиши(?:те)?', 'пиши(?:те)?', 'написать',
  // labels: "e-mail:", "my email is", "e-pasts ir"
  '(?:e-?mail|e-?pasts|e-?post|meil|el\\.?\\s?paštas|poczta|почта)\\s*(?::|is|ir|on|yra|to|—|-)',
];
const CONTACT_FILLERS = ['to', 'me', 'us', 'at', 'on', 'via', 'uz', 'man', 'mums', 'mulle', 'meile', 'do', 'mnie', 'nas', 'mi', 'на', 'мне', 'нам', 'please', 'lūdzu', 'palun', 'prašau', 'proszę', 'пожалуйста'];
const CONTACT_BEFORE = new RegExp(`(?<![\\p{L}])(?:${CONTACT_VERBS.join('|')})(?:\\s+(?:${CONTACT_FILLERS.join('|')}))*\\s*[:\\-–]?\\s*$`, 'iu');
const NOT_IMPERATIVE =
  /(?<![\p{L}'’])(?:i|we|he|she|they|i'?ll|we'?ll|i'?d|will|would|to|did|didn'?t|don'?t|not|never|already|es|mēs|viņš|viņa|ma|ära|ärge|ja|nie|я|мы|не)\s+(?:\p{L}+\s+)?$/iu;
const NAME = /^[A-Za-z][a-z]{2,31}$/;

function namedAfterContact(text: string, m: RegExpExecArray, end: number): boolean {
  const local = m[1] ?? '';
  if (PROSE_AT_WORDS.has((m[2] ?? '').trim().toLowerCase()) || !NAME.test(local) || ORDINARY.has(local.toLowerCase())) return false;
  if (!ADDRESS_END.test(text.slice(end, end + 20))) return false;
  const before = text.slice(Math.max(0, m.index - 48), m.index);
  const contact = CONTACT_BEFORE.exec(before);
  return contact !== null && !NOT_IMPERATIVE.test(before.slice(0, contact.index));
}

// "Janis at Gmail" with no contact verb: only as the whole of its line (a signature, a list of
// contacts) or after a contacts label ("Kontakti: Ilze at Inbox"), with at most a full stop or "!"
// after it. Before or after other words on its line it is prose: "I wrote to Janis at Gmail.",
// "Janis at Gmail helped me…", "Thanks! Janis at Gmail"; a line of its own may still name a job
// or an event there ("Interview at Yahoo", "Meeting at Outlook"), which NOT_A_NAME and "-ing" keep out.
const NOT_A_NAME: ReadonlySet<string> = new Set([
  'lunch', 'dinner', 'breakfast', 'interview', 'interviews', 'internship', 'career', 'careers', 'hiring', 'layoffs', 'event', 'events', 'party',
  'life', 'day', 'days', 'week', 'night', 'chaos', 'drama', 'update', 'updates', 'changes', 'change', 'outages', 'downtime', 'bug', 'bugs',
  'nobody', 'none', 'same', 'also', 'me', 'we', 'us', 'everyone', 'someone', 'anyone',
]);
const LINE_END = /^[ \t]*[.!]?[ \t]*(?:\r?\n|$)/;

function namedAlone(text: string, m: RegExpExecArray, end: number): boolean {
  const local = m[1] ?? '';
  const lower = local.toLowerCase();
  if (PROSE_AT_WORDS.has((m[2] ?? '').trim().toLowerCase()) || !NAME.test(local) || ORDINARY.has(lower) || NOT_A_NAME.has(lower) || lower.endsWith('ing')) return false;
  return LINE_END.test(text.slice(end, end + 8)) && labelStart(text, m.index);
}

/** After a bare at-word (" at ", " ät ", " собака "): an address's local part, a user name, or a name after a contact verb or alone on its line. */
function localBeforeAtWord(text: string, m: RegExpExecArray, local: string, end: number): boolean {
  // a capitalised name is no address by an e-mail word alone ("Email Janis at Gmail headquarters about…")
  if (/^[A-Z]/.test(local) && !/[\d._+\-]/.test(local)) return namedAfterContact(text, m, end) || namedAlone(text, m, end);
  return addressLike(text, m.index, local) || userName(text, m, end) || namedAfterContact(text, m, end);
}

function providerAddresses(text: string, out: RawMatch[]): void {
  for (const m of text.matchAll(PROVIDER_ADDRESS)) {
    const [, local = '', at = '', provider = '', dot = '', tld] = m;
    const withTld = tld !== undefined && TLDS.has(tldOf(tld));
    const end = m.index + m[0].length - (withTld ? 0 : dot.length + (tld?.length ?? 0));
    if (at.trim() === '') {
      // no at-word at all: only "name provider dot com" with the dot spelled out, and a local part like an address's
      if (!ARABIC_PROVIDER.has(provider) || !withTld || dot === '.' || !addressLike(text, m.index, local)) continue;
    } else if (at.trim() === 'على') {
      if (!NAME_LETTERS.test(local) || !addressLike(text, m.index, local)) continue;
    } else if (AT_WORD_ALONE.test(at) && !localBeforeAtWord(text, m, local, end)) continue;
    out.push({ type: 'email', start: m.index, end });
  }
}

// The provider first, then the address's user name: "راسلني على الجيميل nora.designs", "جيميلي:
// reem.art" ("my gmail"). Only a user name that cannot be a word (a digit, ".", "_" or "-" in
// it, three letters) and is not a file name ("على الجيميل design_final.pdf").
const PROVIDER_FIRST = new RegExp(`(?<![\\p{L}])(?:${wordTrie(ARABIC_PROVIDERS)})ي?[\\s:：\\-–]{1,3}([A-Za-z][A-Za-z0-9._\\-]{2,63})(?![A-Za-z0-9@])`, 'gu');
const FILE_NAME = /\.(?:pdf|jpe?g|png|gif|webp|heic|svg|psd|ai|docx?|xlsx?|pptx?|txt|csv|zip|rar|mp[34]|mov)$/i;

function providerFirst(text: string, out: RawMatch[]): void {
  for (const m of text.matchAll(PROVIDER_FIRST)) {
    const local = (m[1] ?? '').replace(/[._\-]+$/, '');
    if (!/[\d._\-]/.test(local) || !NAME_LETTERS.test(local) || FILE_NAME.test(local)) continue;
    out.push({ type: 'email', start: m.index, end: m.index + m[0].length - ((m[1] ?? '').length - local.length) });
  }
}

export function findEmails(text: string): RawMatch[] {
  const out: RawMatch[] = [];
  const at = text.includes('@');
  if (at) plain(text, out);
  const atWord = at || AT_WORD.test(text);
  if (atWord && DOT_BEFORE_TLD.test(text)) obfuscated(text, out);
  // a provider named after an at-word or "على" (or a bare space, in Arabic letters), or before its user name
  const arabicProvider = ARABIC_PROVIDER_CUE.test(text);
  if (arabicProvider || ((atWord || onAfterLocal(text)) && PROVIDER_CUE.test(text))) providerAddresses(text, out);
  if (arabicProvider) providerFirst(text, out);
  return out;
}
