// The hash chain of the audit trail: hash = SHA-256(prev_hash || content),
// where the first row's prev_hash is 32 zero bytes. Changing, removing or
// reordering any chained row changes every hash after it.
import { createHash } from 'node:crypto';
import { canonicalContent, type AuditContent } from './canonical.js';

export const GENESIS: Buffer = Buffer.alloc(32);

export function chainHash(prevHash: Buffer, row: AuditContent): Buffer {
  return createHash('sha256').update(prevHash).update(canonicalContent(row), 'utf8').digest();
}

/** The end of the chain so far: the last chained row's seq and hash (seq 0 and GENESIS when empty). */
export interface ChainHead {
  readonly seq: number;
  readonly hash: Buffer;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS };

export interface ChainLink {
  readonly id: number;
  readonly seq: number;
  readonly prevHash: Buffer;
  readonly hash: Buffer;
}

/** Links unchained rows (content without seq) after `head`, in the order given. */
export function linkRows(head: ChainHead, rows: readonly Omit<AuditContent, 'seq'>[]): { links: ChainLink[]; head: ChainHead } {
  const links: ChainLink[] = [];
  let { seq, hash } = head;
  for (const row of rows) {
    seq += 1;
    const next = chainHash(hash, { ...row, seq });
    links.push({ id: row.id, seq, prevHash: hash, hash: next });
    hash = next;
  }
  return { links, head: { seq, hash } };
}
