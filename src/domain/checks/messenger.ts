// Messenger names with a handle, a number or an invitation nearby:
// "add me on Telegram @shopseller", "write me in WhatsApp", "Mans WhatsApp
// 27654321", "تواصل معي على الواتس". A name alone ("I don't use WhatsApp",
// "does WhatsApp work on this phone?") is not flagged (POLICIES A, C, D).
import { followsOrderCue, labelStart } from './context.js';
import {
  ABBREVIATION, AMBIGUOUS, AMBIGUOUS_NAME, ANSWER_OR_WORD, ANSWER_WORD, ARABIC_NAME, AT_HANDLE, CALL_INVITATION, CLEAR, CLEAR_NAME, COLON_HANDLE, HERE, INVITATION, LABELLED_HANDLE, NAME_AS_VERB, NEGATION, ONLY_HERE,
  PLAIN_HANDLE, POSSESSIVE, REFUSAL_START, SHORT_NAME, SHORT_WORDS,
} from './messenger-words.js';
import { matchesAfter, refusedBefore, withoutLookBehind } from './scan.js';
import { wordTrie } from './trie.js';
import type { RawMatch } from './types.js';

const NAME_NEGATION =
  /(?<![\p{L}])(?:don'?t\s+(?:have|use)|do\s+not\s+(?:have|use)|no|not|never|without|ei\s+(?:ole|kasuta)|pole|ilma|nav|nelietoju|neturiu|nenaudoju|be|nie\s+(?:mam|używam)|bez|нет|не\s+пользуюсь|без|لا\s+(?:أستخدم|استخدم|يوجد|عندي)|ما\s+(?:عندي|أستخدم|استخدم)|مافي|بدون|بلا)\s+(?:\S+\s+){0,1}$/iu;

interface Name {
  start: number;
  end: number;
  ambiguous: boolean;
}

const CLAUSE_END = /[.!?\n؟]/u;
const DIRECT = /(?:ممكن|عندك|لديك|есть(?:\s+ли)?(?:\s+у\s+(?:вас|тебя))?|kas\s+(?:sul|teil)|vai\s+(?:tev|jums)\s+ir|ar\s+(?:turi|turite)|czy\s+(?:masz|macie)|(?:do|does)\s+you\s+(?:have|use)|(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:also\s+)?(?:on|in))$/iu;
const DIRECT_WORDS = /^(?:ممكن|عندك|لديك|есть|kas|vai|ar|czy|do|does)(?![\p{L}])/iu;
const NUMBER = /\+?\d(?:[\s().\-\u2010-\u2014]{0,3}\d){6,}/g;

function clauseBefore(text: string, start: number): string {
  const w = text.slice(Math.max(0, start - 60), start);
  let cut = -1;
  for (let i = w.length - 1; i >= 0; i--) if (CLAUSE_END.test(w[i]!)) { cut = i; break; }
  return w.slice(cut + 1);
}

function clauseAfter(text: string, end: number, length = 40): string {
  const w = text.slice(end, end + length);
  const i = w.search(CLAUSE_END);
  return i < 0 ? w : w.slice(0, i);
}

function invited(text: string, name: Name): boolean {
  const before = clauseBefore(text, name.start);
  const after = clauseAfter(text, name.end);
  if (DIRECT.test(before.trimEnd()) && /^\s{0,2}$/.test(before.slice(before.trimEnd().length))) return true;
  if (NAME_AS_VERB.test(after)) return true; // "whatsapp me", "signal me"
  const patterns = name.ambiguous ? [INVITATION] : [INVITATION, CALL_INVITATION];
  for (const [segment, offset] of [[before, name.start - before.length], [after, name.end]] as const) {
    for (const re of patterns) {
      for (const m of segment.matchAll(re)) {
        if (DIRECT_WORDS.test(m[0])) continue; // only directly before the name, handled above
        const at = offset + m.index;
        if (NEGATION.test(text.slice(Math.max(0, at - 30), at))) continue;
        if (HERE.test(text.slice(at + m[0].length, at + m[0].length + 25))) continue;
        return true;
      }
    }
  }
  return false;
}

/**
 * A handle right after the name: "skype: mark.trader", "Telegram @shop". A
 * plain word after a colon ("Telegram: later") counts in Arabic text, or
 * after a possessive ("my Telegram: janis", "мой телеграм: ivan") unless
 * it is an answer ("my WhatsApp: no"), or alone as a user name after a
 * clear name (plainHandle). Returns the length of what follows the name,
 * or 0. A dot makes a handle only inside it ("mark.trader"): the full stop
 * after "Telegram: Sometimes." is no part of it.
 */
function colonHandle(text: string, name: Name): number {
  const after = text.slice(name.end, name.end + 40);
  const colon = COLON_HANDLE.exec(after);
  if (!colon) return plainHandle(text, name, after);
  const handle = (colon[1] ?? '').replace(/[.\-]+$/, '');
  const length = colon[0].length - ((colon[1] ?? '').length - handle.length);
  if (colon[0].includes('@') || /[\d_.]/.test(handle) || /[\u0600-\u06FF]/.test(text.slice(Math.max(0, name.start - 20), name.start + 20))) return length;
  if (POSSESSIVE.test(text.slice(Math.max(0, name.start - 12), name.start)) && !ANSWER_WORD.test(handle)) return length;
  return plainHandle(text, name, after);
}

/**
 * "telegram: janis", "Telegram - janis", "Telegram: Janis" (PLAIN_HANDLE): after an unambiguous
 * name that is not denied or refused. A capitalised word reads as prose more often ("The best app is
 * Telegram: Simple.", "Our support on Telegram: Closed."), so it counts only where the name is a
 * label: first in its clause, or after a separator ("Kontakti: Telegram: Janis", "Hi! Telegram: Mariam").
 */
function plainHandle(text: string, name: Name, after: string): number {
  if (name.ambiguous) return 0;
  const m = PLAIN_HANDLE.exec(after);
  if (!m) return shortName(text, name, after);
  const word = m[1] ?? '';
  if (ANSWER_OR_WORD.has(word.toLowerCase()) || negated(text, name) || refused(text, name)) return 0;
  if (word[0] !== word[0]!.toLowerCase() && !LABEL_BEFORE.test(clauseBefore(text, name.start))) return 0;
  return m[0].length;
}

/**
 * "Telegram: Ivan", "WhatsApp - Anna", "Kontakti: Telegram - Ilze" (SHORT_NAME): a capitalised name of
 * 3 or 4 letters, too short for a user name, and short words are mostly answers ("Telegram: Yes, it
 * works", "Telegram: Fast."). So it counts only as a label's whole value: the messenger name starts its
 * line (after a bullet at most) or follows a contacts label, the word ends the line, and it is none of
 * SHORT_WORDS; the name is not denied or refused. Returns the length of the separator and the word.
 */
function shortName(text: string, name: Name, after: string): number {
  const m = SHORT_NAME.exec(after);
  if (!m || SHORT_WORDS.has(m[1]!.toLowerCase())) return 0;
  const lineEnd = name.end + m[0].length;
  if (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') return 0;
  if (!labelStart(text, name.start)) return 0;
  if (negated(text, name) || refused(text, name)) return 0;
  return m[0].indexOf(m[1]!) + m[1]!.length;
}

/** Nothing but spaces, a bullet or a separator before the name in its clause ("", "Kontakti: ", "- ", "…, "). */
const LABEL_BEFORE = /(?:^|[:：\-–—,;|/•*])\s*$/u;

/** "I don't have WhatsApp", "Man nav WhatsApp", "нет вотсапа", "بدون واتساب": the name itself is denied. */
function negated(text: string, name: Name): boolean {
  return NAME_NEGATION.test(text.slice(Math.max(0, name.start - 30), name.start));
}

/** The name is in a question that the next sentence refuses: "Vai jums ir WhatsApp? Diemžēl saziņa tikai šeit." */
function refused(text: string, name: Name): boolean {
  const after = text.slice(name.end, name.end + 40);
  const end = after.search(CLAUSE_END);
  if (end < 0 || (after[end] !== '?' && after[end] !== '؟')) return false;
  const answer = clauseAfter(text, name.end + end + 1, 80);
  return REFUSAL_START.test(answer) || ONLY_HERE.test(answer);
}

function numberNear(text: string, masked: string, name: Name): boolean {
  const from = Math.max(0, name.start - 30);
  const window = masked.slice(from, Math.min(masked.length, name.end + 30));
  for (const m of window.matchAll(NUMBER)) {
    const digits = m[0].replace(/\D/g, '').length;
    if (digits < 7 || digits > 17) continue;
    if (!followsOrderCue(text, from + m.index)) return true;
  }
  return false;
}

// the name patterns without their look-behinds (scan.ts), and what none of them can match without
const NAME_BEFORE = { letter: true, number: true, chars: '_@' };
const CLEAR_SCAN = withoutLookBehind(CLEAR_NAME, '(?<![\\p{L}\\p{N}_@])');
const AMBIGUOUS_SCAN = withoutLookBehind(AMBIGUOUS_NAME, '(?<![\\p{L}\\p{N}_@])');
const ARABIC_SCAN = withoutLookBehind(ARABIC_NAME, '(?<![\\p{L}])');
const ARABIC_LETTER = /[\u0600-\u06ff]/;
// A Latin or Cyrillic name starts with the letters its pattern starts with ("whats", "telegram", "телег", "ig"),
// at a position the look-behind lets through: one scan for those (a superset) keeps both name scans away from most messages.
const STEMS = [...CLEAR, ...AMBIGUOUS].map((a) => /^\p{L}+/u.exec(a)?.[0] ?? '');
if (STEMS.includes('')) throw new Error('messenger: every name pattern must start with a letter');
const STEM = new RegExp(wordTrie(STEMS), 'giu');

function mayHaveName(text: string): boolean {
  STEM.lastIndex = 0;
  for (let m = STEM.exec(text); m; m = STEM.exec(text)) {
    if (!refusedBefore(text, m.index, NAME_BEFORE)) return true;
    STEM.lastIndex = m.index + 1;
  }
  return false;
}

function namesIn(text: string): Name[] {
  const names: Name[] = [];
  const latinOrCyrillic = mayHaveName(text);
  if (latinOrCyrillic) for (const m of matchesAfter(text, CLEAR_SCAN, NAME_BEFORE)) names.push({ start: m.index, end: m.index + m[0].length, ambiguous: false });
  if (ARABIC_LETTER.test(text)) for (const m of matchesAfter(text, ARABIC_SCAN, { letter: true })) names.push({ start: m.index, end: m.index + m[0].length, ambiguous: false });
  if (latinOrCyrillic) for (const m of matchesAfter(text, AMBIGUOUS_SCAN, NAME_BEFORE)) names.push({ start: m.index, end: m.index + m[0].length, ambiguous: true });
  return names.sort((a, b) => a.start - b.start);
}

const ABBREVIATION_SCAN = withoutLookBehind(ABBREVIATION, '(?<![\\p{L}\\p{N}_@])');

interface Span {
  start: number;
  end: number;
}

const GAP_CHAR = /[\s:：\-–—(),]/u;
const MAX_GAP = 3;

/** The span (of those starting at `starts`) that begins right after `end`, past at most MAX_GAP gap characters. */
function spanAfter(text: string, end: number, starts: ReadonlyMap<number, Span>): Span | undefined {
  for (let p = end; p <= end + MAX_GAP; p++) {
    const span = starts.get(p);
    if (span) return span;
    if (p >= text.length || !GAP_CHAR.test(text[p]!)) return undefined;
  }
  return undefined;
}

/** True when a span (of those ending at `ends`) ends right before `start`, past at most MAX_GAP gap characters. */
function spanBefore(text: string, start: number, ends: ReadonlySet<number>): boolean {
  for (let p = start; p >= start - MAX_GAP && p >= 0; p--) {
    if (ends.has(p)) return true;
    if (p === 0 || !GAP_CHAR.test(text[p - 1]!)) return false;
  }
  return false;
}

/** "WA +371 2…", "tg: @name", "+966 5… WA": an abbreviation with a phone or handle right before or after it. */
function abbreviations(text: string, handles: readonly Span[], phones: readonly Span[], out: RawMatch[]): void {
  const handleStarts = new Map(handles.map((h) => [h.start, h]));
  const phoneStarts = new Map(phones.map((h) => [h.start, h]));
  const ends = new Set([...handles, ...phones].map((h) => h.end));
  for (const m of matchesAfter(text, ABBREVIATION_SCAN, NAME_BEFORE)) {
    const start = m.index;
    const end = start + m[0].length;
    const handle = spanAfter(text, end, handleStarts);
    if (handle) out.push({ type: 'messenger', start, end: handle.end });
    else if (spanAfter(text, end, phoneStarts) || spanBefore(text, start, ends)) out.push({ type: 'messenger', start, end });
  }
}

/** Messenger matches in `text` (folded); `phones` are the phone matches found in it, which an abbreviation next to them names. */
export function findMessengers(text: string, masked: string, phones: readonly Span[] = []): RawMatch[] {
  const out: RawMatch[] = [];
  const handles = text.includes('@') ? [...text.matchAll(AT_HANDLE)].map((m) => ({ start: m.index, end: m.index + m[0].length })) : [];
  if (phones.length > 0 || handles.length > 0) abbreviations(text, handles, phones, out);
  for (const name of namesIn(text)) {
    const glued = colonHandle(text, name);
    const labelled = LABELLED_HANDLE.exec(text.slice(name.end, name.end + 50));
    const near = handles.filter((h) => h.end > name.start - 40 && h.start < name.end + 40 && (h.end <= name.start || h.start >= name.end));
    if (glued > 0) {
      out.push({ type: 'messenger', start: name.start, end: name.end + glued });
      continue;
    }
    if (near.length === 0 && !labelled && !numberNear(text, masked, name) && (negated(text, name) || refused(text, name) || !invited(text, name))) continue;
    const adjacent = near.find((h) => h.start >= name.end && /^[\s:：\-–—]{0,3}$/u.test(text.slice(name.end, h.start)));
    out.push({ type: 'messenger', start: name.start, end: adjacent ? adjacent.end : name.end });
    for (const h of near) if (h !== adjacent) out.push({ type: 'messenger', start: h.start, end: h.end });
  }
  return out;
}
