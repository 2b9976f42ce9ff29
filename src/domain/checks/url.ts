// Links: "https://…", "www.…", bare domains with a known TLD ("shop.ee",
// "wa.me/…", "t.me/…", "chat.whatsapp.com/…", "signal.me/#p/…") and
// messenger schemes ("viber://chat?number=…", "tg://resolve?domain=…").
// POLICIES A and E: links take the conversation elsewhere (and phishing
// arrives as links).
import { KNOWN_HOSTS, TLDS, WORDLIKE_TLDS } from './tlds.js';
import type { RawMatch } from './types.js';

const SCHEME = /(?<![\p{L}\p{N}])(?:https?|ftp|viber|tg|whatsapp|signal|sgnl|skype|mailto|intent|fb-messenger|instagram):(?:\/\/)?[^\s<>"'«»]{1,2000}/giu;
const WWW = /(?<![\p{L}\p{N}.@/_-])www\d?\.[A-Za-z0-9\-.]{1,253}(?:[/?#][^\s<>"'«»]{0,2000})?/giu;
// label.label.tld, then an optional path; labels may not start inside a word,
// an e-mail address or a path
const BARE = /(?<![\p{L}\p{N}.@/_\-])(?:[A-Za-z0-9][A-Za-z0-9\-]{0,62}\.){1,4}([a-z]{2,8})(?![\p{L}\p{N}_@-])(?::\d{1,5})?(?:[/?#][^\s<>"'«»]{0,2000})?/gu;

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
  for (const m of text.matchAll(SCHEME)) {
    const end = trimmed(text, m.index, m.index + m[0].length);
    if (end - m.index > m[0].indexOf(':') + 1) out.push({ type: 'url', start: m.index, end });
  }
  for (const m of text.matchAll(WWW)) {
    const end = trimmed(text, m.index, m.index + m[0].length);
    if (/\.[A-Za-z]{2,}/.test(text.slice(m.index + 4, end))) out.push({ type: 'url', start: m.index, end });
  }
  for (const m of text.matchAll(BARE)) {
    const tld = m[1] ?? '';
    const host = m[0].split(/[/?#:]/)[0] ?? '';
    const hasPath = host.length < m[0].length && /[/?#]./.test(m[0].slice(host.length));
    if (!TLDS.has(tld) && !(WORDLIKE_TLDS.has(tld) && (hasPath || KNOWN_HOSTS.has(host.toLowerCase())))) continue;
    if (/^[\d.]+$/.test(host.replace(/\.[a-z]+$/, ''))) continue; // "2.5.lv"-like numbers
    out.push({ type: 'url', start: m.index, end: trimmed(text, m.index, m.index + m[0].length) });
  }
  return out;
}
