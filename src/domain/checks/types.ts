// The match shape of CONTRACT §5 flags, plus offsets for highlighting.

export type ContactMatchType = 'phone' | 'email' | 'url' | 'messenger';

export interface ContactMatch {
  type: ContactMatchType;
  /** body.slice(start, end) */
  text: string;
  /** UTF-16 offsets into the original body */
  start: number;
  end: number;
}

/** A match found on the folded text (offsets into FoldedText.text). */
export interface RawMatch {
  type: ContactMatchType;
  start: number;
  end: number;
}
