// Links: "https://…", "www.…", bare domains with a known TLD ("shop.ee",
// "wa.me/…", "t.me/…", "chat.whatsapp.com/…", "signal.me/#p/…") and
// messenger schemes ("viber://chat?number=…", "tg://resolve?domain=…").
// POLICIES A and E: links take the conversation elsewhere (and phishing
// arrives as links).
import { DOT_WORDS, dotBeforeTld } from './email.js';
import { TLD_SPELLINGS, IDN_TLDS, KNOWN_HOSTS, SHOP_TLDS, TLDS, tldOf, WORDLIKE_TLDS } from './tlds.js';
import { matchesAfter, refusedBefore, withoutLookBehind } from './scan.js';
import { wordTrie } from './trie.js';
import { classOf, LETTER, NUMBER } from './chars.js';
import type { RawMatch } from './types.js';

const SCHEME = /(?<![\p{L}\p{N}])(?:https?|ftp|viber|tg|whatsapp|signal|sgnl|skype|mailto|intent|fb-messenger|instagram):(?:\/\/)?[^\s<>"'«»]{1,2000}/giu;
const WWW = /(?<![\p{L}\p{N}.@/_-])www\d?\.[A-Za-z0-9\-.]{1,253}(?:[/?#][^\s<>"'«»]{0,2000})?/giu;
// label.label.tld, then an optional path; labels may not start inside a word,
// an e-mail address or a path
const BARE = /(?<![\p{L}\p{N}.@/_\-])(?:[A-Za-z0-9][A-Za-z0-9\-]{0,62}\.){1,4}([a-z]{2,8})(?![\p{L}\p{N}_@-])(?::\d{1,5})?(?:[/?#][^\s<>"'«»]{0,2000})?/gu;

// the patterns without their look-behinds (scan.ts)
const SCHEME_SCAN = withoutLookBehind(SCHEME, '(?<![\\p{L}\\p{N}])');
const WWW_SCAN = withoutLookBehind(WWW, '(?<![\\p{L}\\p{N}.@/_-])');
const WWW_CUE = /www/iu;
const BARE_AT = new RegExp(withoutLookBehind(BARE, '(?<![\\p{L}\\p{N}.@/_\\-])').source, 'uy');
const BARE_BEFORE = { letter: true, number: true, chars: '.@/_-' };
/** A bare domain has a label character, a dot and a lower-case letter in a row. */
const BARE_CUE = /[A-Za-z0-9-]\.[a-z]/g;

/**
 * The matches of BARE, found from its cues: a match's host is a run of
 * [A-Za-z0-9.-] with a cue in it, and can only start where that run
 * starts (inside it, the look-behind refuses every position).
 */
function bareDomains(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let done = 0; // matches and runs tried end here
  BARE_CUE.lastIndex = 0;
  for (let cue = BARE_CUE.exec(text); cue; cue = BARE_CUE.exec(text)) {
    let start = cue.index;
    while (start > 0 && isHostChar(text.charCodeAt(start - 1))) start--;
    if (start < done) {
      BARE_CUE.lastIndex = Math.max(BARE_CUE.lastIndex, done);
      continue;
    }
    let runEnd = cue.index + 2;
    while (runEnd < text.length && isHostChar(text.charCodeAt(runEnd))) runEnd++;
    done = runEnd;
    if (!refusedBefore(text, start, BARE_BEFORE)) {
      BARE_AT.lastIndex = start;
      const m = BARE_AT.exec(text);
      if (m) {
        out.push(m);
        done = Math.max(done, m.index + m[0].length);
      }
    }
    BARE_CUE.lastIndex = done;
  }
  return out;
}

function isHostChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d;
}

// A sentence glued to the next one by a missing space: "Sveiki.es jums
// nosūtīju" (es: lv "I"), "Paldies.lv …". Only a capitalised first word of a
// sentence, a single label without a path, and either a greeting or thanks
// (unless a copula follows, COPULA_AFTER), or a TLD that is also a word in the
// markets' languages followed by more words: "Pigu.lt turi lētāk" and
// "Sveiki, skaties shop.lv" stay links.
const GREETINGS: ReadonlySet<string> = new Set([
  'sveiki', 'sveika', 'labdien', 'labvakar', 'paldies', 'tere', 'tervist', 'labas', 'laba', 'dekui', 'aciu', 'witam', 'dziekuje', 'czesc',
  'privet', 'hello', 'hi', 'hey', 'hallo', 'thanks', 'thx', 'dear', 'ok', 'okay', 'sorry', 'salam', 'marhaba',
  'labrīt', 'čau', 'aitäh', 'tänan', 'ačiū', 'dėkui', 'dziękuję', 'cześć', 'привет', 'спасибо', 'здравствуйте',
]);
/** es (lv "I", es "is"), uz (lv "on"), jo (lv "because"), su (lt "with"), se (et "it"), de, by, eu */
const WORD_TLDS: ReadonlySet<string> = new Set(['es', 'uz', 'jo', 'su', 'se', 'de', 'by', 'eu']);
// A greeting glued to a TLD that is no word is still a domain when a copula follows: the domain
// is its subject ("Hello.lv is my shop", "Tere.ee on minu pood", "Labrīt.lv ir mans veikals"),
// as no sentence starts "lv is …". After a word TLD it stays a sentence: "Sveiki.es ir …" (lv
// "I am"), "Tere.se on katki" (et "it is broken").
const COPULA_AFTER = /^\s+(?:is|was|ir|bija|on|oli|yra|buvo|jest|był[ao]?|to|это|был[ао]?)\s+\p{L}/iu;
// The word TLDs that a copula may follow in a sentence: es (lv "I"), se (et "it"), jo (lv "because").
// After the others a copula makes the glued word a shop's name: "Zalando.de ir lētāk", "Amazon.de on
// odavam" (no sentence starts "de ir …"), while "Tagad.es gribu", "Sveiki.jo ir problēma" stay sentences.
const BEFORE_COPULA_TLDS: ReadonlySet<string> = new Set(['es', 'se', 'jo']);

/** A copula after the TLD that makes the glued word its subject, a domain. */
function domainBeforeCopula(tld: string, after: string): boolean {
  return !BEFORE_COPULA_TLDS.has(tld) && COPULA_AFTER.test(after);
}

function sentenceJoin(text: string, start: number, match: string): boolean {
  const dot = match.indexOf('.');
  const label = match.slice(0, dot);
  const tld = match.slice(dot + 1);
  if (!/^\p{Lu}\p{Ll}+$/u.test(label) || !/^\p{Ll}+$/u.test(tld)) return false; // one capitalised label, no path or port
  let k = start;
  while (k > 0 && /\s/.test(text[k - 1]!)) k--;
  if (k > 0 && !/[.!?…\n]/.test(text[k - 1]!)) return false; // not the first word of a sentence
  const after = text.slice(start + match.length, start + match.length + 12);
  if (domainBeforeCopula(tld, after)) return false;
  return GREETINGS.has(label.toLowerCase()) || (WORD_TLDS.has(tld) && /^\s+\p{L}/u.test(after));
}

// "majaspreces dot lv", "shop punkts lv", "site (dot) com", "ozon точка ру": a dot spelled out
// between labels, a TLD of the list (not a word-like one; or its Cyrillic spelling) at the end. Found
// from the dot-words (a scan from every letter costs far more): the host
// starts at the label before the first one. A short or common first word is
// prose: "the dot com boom", "polka dot by the sea".
const DOT_WORD = `(?:\\s(?:${wordTrie(DOT_WORDS)})\\s|\\s?[(\\[{<]\\s?(?:${wordTrie(DOT_WORDS)}|\\.)\\s?[)\\]}>]\\s?)`;
const DOT_WORD_SCAN = new RegExp(DOT_WORD, 'giu');
const URL_LABEL = '[A-Za-z0-9][A-Za-z0-9\\-]{0,62}';
const SPELLED_AT = new RegExp(`${URL_LABEL}(?:${DOT_WORD}${URL_LABEL}){0,3}?${DOT_WORD}([A-Za-z]{2,8}|${wordTrie([...TLD_SPELLINGS.keys()])})(?![\\p{L}\\p{N}_@-])`, 'iuy');
const PROSE_LABELS: ReadonlySet<string> = new Set(['the', 'and', 'polka', 'old', 'new', 'big', 'any', 'one', 'two', 'six', 'ten', 'red', 'black', 'white']);

function spelledDomains(text: string, out: RawMatch[]): void {
  let done = 0;
  DOT_WORD_SCAN.lastIndex = 0;
  for (let d = DOT_WORD_SCAN.exec(text); d; d = DOT_WORD_SCAN.exec(text)) {
    let start = d.index;
    while (start > 0 && isLabelChar(text.charCodeAt(start - 1))) start--;
    if (start < done || start === d.index || refusedBefore(text, start, BARE_BEFORE)) continue;
    SPELLED_AT.lastIndex = start;
    const m = SPELLED_AT.exec(text);
    if (!m) continue;
    done = start + m[0].length;
    const tld = tldOf(m[1] ?? '');
    if (!TLDS.has(tld) || WORD_TLDS.has(tld)) continue;
    const first = /^[A-Za-z0-9-]+/.exec(m[0])?.[0] ?? '';
    if (first.length < 3 || PROSE_LABELS.has(first.toLowerCase())) continue;
    out.push({ type: 'url', start, end: done });
  }
}

function isLabelChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
}

/** "myshop.online": a shop TLD after a label that is not itself a word of them ("online.shop"). */
function shopDomain(host: string, tld: string): boolean {
  const labels = host.toLowerCase().split('.');
  const label = labels[labels.length - 2] ?? '';
  return SHOP_TLDS.has(tld) && label.length >= 2 && !WORDLIKE_TLDS.has(label);
}

// Internationalised domains: "pērc.lv", "магазин.рф". A host of letters of
// any script with a non-ASCII letter in it (the ASCII ones are BARE's), and a
// listed TLD that is no word (WORD_TLDS: "saņēmu.es gribu" is a missing
// space), or a Cyrillic one. Found from their dots, like bare domains.
const IDN_AT = /(?:[\p{L}\p{N}][\p{L}\p{N}\-]{0,62}\.){1,4}(\p{L}{2,8})(?![\p{L}\p{N}_@-])(?::\d{1,5})?(?:[/?#][^\s<>"'«»]{0,2000})?/uy;
const NON_ASCII_LETTER = /[^\x00-\x7f]/;

function idnDomains(text: string, out: RawMatch[]): void {
  let done = 0;
  for (let dot = text.indexOf('.', 1); dot > 0; dot = text.indexOf('.', dot + 1)) {
    // a dot between a letter or number and a letter
    if (dot < done || dot + 1 >= text.length || !isIdnHostChar(text, dot - 1) || !(classOf(text.charCodeAt(dot + 1)) & LETTER)) continue;
    let start = dot - 1;
    while (start > 0 && isIdnHostChar(text, start - 1)) start--;
    let end = dot + 2;
    while (end < text.length && isIdnHostChar(text, end)) end++;
    done = end;
    if (!NON_ASCII_LETTER.test(text.slice(start, end)) || refusedBefore(text, start, BARE_BEFORE)) continue;
    IDN_AT.lastIndex = start;
    const m = IDN_AT.exec(text);
    if (!m) continue;
    done = Math.max(done, m.index + m[0].length);
    const tld = m[1] ?? '';
    if (!IDN_TLDS.has(tld.toLowerCase()) && !(TLDS.has(tld) && !WORD_TLDS.has(tld))) continue;
    if (sentenceJoin(text, m.index, m[0])) continue;
    out.push({ type: 'url', start: m.index, end: trimmed(text, m.index, m.index + m[0].length) });
  }
}

/** A letter, number, dot or hyphen (BMP; a surrogate ends a host). */
function isIdnHostChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x2e || c === 0x2d) return true;
  return !(c >= 0xd800 && c <= 0xdfff) && (classOf(c) & (LETTER | NUMBER)) !== 0;
}

const TRAILING = /[.,;:!?)\]}'"»…]+$/u;

function trimmed(text: string, start: number, end: number): number {
  const t = text.slice(start, end);
  const cut = t.replace(TRAILING, '');
  // keep a closing bracket that closes one opened inside the link
  if (cut.length < t.length && t[cut.length] === ')' && (cut.match(/\(/g) ?? []).length > (cut.match(/\)/g) ?? []).length) {
    return start + cut.length + 1;
  }
  return start + cut.length;
}

export function findUrls(text: string): RawMatch[] {
  const out: RawMatch[] = [];
  if (text.includes(':')) for (const m of matchesAfter(text, SCHEME_SCAN, { letter: true, number: true })) {
    const end = trimmed(text, m.index, m.index + m[0].length);
    if (end - m.index > m[0].indexOf(':') + 1) out.push({ type: 'url', start: m.index, end });
  }
  if (WWW_CUE.test(text)) for (const m of matchesAfter(text, WWW_SCAN, { letter: true, number: true, chars: '.@/_-' })) {
    const end = trimmed(text, m.index, m.index + m[0].length);
    if (/\.[A-Za-z]{2,}/.test(text.slice(m.index + 4, end))) out.push({ type: 'url', start: m.index, end });
  }
  if (dotBeforeTld(text)) spelledDomains(text, out);
  idnDomains(text, out);
  for (const m of bareDomains(text)) {
    const tld = m[1] ?? '';
    const host = m[0].split(/[/?#:]/)[0] ?? '';
    const hasPath = host.length < m[0].length && /[/?#]./.test(m[0].slice(host.length));
    if (!TLDS.has(tld) && !(WORDLIKE_TLDS.has(tld) && (hasPath || KNOWN_HOSTS.has(host.toLowerCase()) || shopDomain(host, tld)))) continue;
    if (/^[\d.]+$/.test(host.replace(/\.[a-z]+$/, ''))) continue; // "2.5.lv"-like numbers
    if (sentenceJoin(text, m.index, m[0])) continue;
    out.push({ type: 'url', start: m.index, end: trimmed(text, m.index, m.index + m[0].length) });
  }
  return out;
}
