// The flags of one message (CONTRACT §5, POLICIES A, C, D), computed once at
// ingestion from the pure checks of domain/checks and the market's facts.
// Events are append-only, so a flag never changes after it is stored.
import type { CheckedMessage, IncomingEvent } from '../cases/index.js';
import { findContactDetails, languageMismatch, normaliseForRepeatCheck, prepareText, type ContactMatch } from '../domain/checks/index.js';
import { sha256 } from '../domain/sha256.js';
import type { Market } from '../markets/index.js';

export interface ContactSharingFlag {
  readonly kind: 'contact_sharing';
  readonly messageId: string;
  readonly author: string;
  /** start/end: UTF-16 offsets into the body, to highlight the evidence (an extension of §5). */
  readonly matches: readonly ContactMatch[];
}

export interface AutomatedReplyFlag {
  readonly kind: 'automated_reply_suspected';
  readonly messageId: string;
  readonly author: string;
  /** Messages of the same seller, in other cases, with the same normal form in the 24 hours before (counted up to REPEAT_COUNT_CAP). */
  readonly repeats: number;
}

export interface LanguageMismatchFlag {
  readonly kind: 'language_mismatch';
  readonly messageId: string;
  readonly author: string;
  readonly detected: string;
  readonly expected: readonly string[];
}

export type Flag = ContactSharingFlag | AutomatedReplyFlag | LanguageMismatchFlag;

const UNCHECKED: CheckedMessage = { flags: [], repeatKey: null };

/** 16 bytes of SHA-256 of the normal form: equal normal forms, equal keys; nothing of the text is kept. */
export function repeatKeyOf(body: string): Buffer | null {
  const normal = normaliseForRepeatCheck(body);
  if (normal === '') return null; // only emoji or punctuation: nothing to compare
  return sha256(normal, 'buffer').subarray(0, 16);
}

/** A flag before it belongs to a stored message (the synchronous check answers these). */
export type UnsentFlag = Flag extends infer F ? (F extends Flag ? Omit<F, 'messageId'> : never) : never;

/**
 * The flags that need nothing but the message and its market: contact
 * sharing on every message (with the market's country for national phone
 * numbers), language on seller messages; and a seller message's repeat key.
 * The repeat check across cases is added by the caller (repeats.ts).
 */
export function checkText(message: { readonly author: string; readonly body: string }, market: Market | undefined): { flags: UnsentFlag[]; repeatKey: Buffer | null } {
  const { author, body } = message;
  const flags: UnsentFlag[] = [];
  const text = prepareText(body); // folded once for both checks
  const matches = findContactDetails(text, market?.country ? { country: market.country } : {});
  if (matches.length > 0) flags.push({ kind: 'contact_sharing', author, matches });
  if (author !== 'seller') return { flags, repeatKey: null };
  const languages = market?.languages ?? [];
  const mismatch = languageMismatch(text, languages);
  if (mismatch) flags.push({ kind: 'language_mismatch', author, detected: mismatch.detected, expected: [...languages] });
  return { flags, repeatKey: repeatKeyOf(body) };
}

/** checkText for an ingested event: its flags carry the message id. */
export function checkMessage(e: IncomingEvent, market: Market | undefined): CheckedMessage {
  const m = e.message;
  if (!m) return UNCHECKED;
  const { flags, repeatKey } = checkText(m, market);
  return { flags: flags.map(({ kind, ...rest }) => ({ kind, messageId: m.id, ...rest }) as Flag), repeatKey };
}
