// Verification of the chain, one row at a time in seq order (so that a
// caller can stream millions of rows in batches). The first problem found
// names the row: later rows are not trusted once one link is broken.
import { chainHash, EMPTY_HEAD, type ChainHead } from './chain.js';
import type { AuditContent } from './canonical.js';

export interface ChainedRow extends AuditContent {
  readonly prevHash: Buffer | null;
  readonly hash: Buffer | null;
}

export interface ChainBreak {
  readonly id: number;
  readonly seq: number;
  readonly reason: string;
}

export class ChainVerifier {
  private head: ChainHead = EMPTY_HEAD;
  private broken: ChainBreak | null = null;

  /** Checks the next row; returns the break (the first one, kept) or null. `known`: a problem the caller found in the row itself. */
  push(row: ChainedRow, known: string | null = null): ChainBreak | null {
    if (this.broken) return this.broken;
    const problem = known ?? this.problemOf(row);
    if (problem) {
      this.broken = { id: row.id, seq: row.seq, reason: problem };
      return this.broken;
    }
    this.head = { seq: row.seq, hash: row.hash! };
    return null;
  }

  private problemOf(row: ChainedRow): string | null {
    const expected = this.head.seq + 1;
    if (row.seq !== expected) {
      return row.seq > expected
        ? `seq ${row.seq} follows seq ${this.head.seq}: ${row.seq - expected} chained row(s) are missing`
        : `seq ${row.seq} is out of order after seq ${this.head.seq}`;
    }
    if (!row.prevHash || !row.hash) return 'the row has a seq but no hash';
    if (!row.prevHash.equals(this.head.hash)) {
      return this.head.seq === 0 ? 'the first row does not start from the genesis hash' : `prev_hash does not match the hash of seq ${this.head.seq}`;
    }
    if (!row.hash.equals(chainHash(row.prevHash, row))) return 'hash does not match the row’s content (the row was changed)';
    return null;
  }

  /** The last intact row (seq 0 when none). */
  get lastGood(): ChainHead {
    return this.head;
  }

  get firstBreak(): ChainBreak | null {
    return this.broken;
  }
}

/** Verifies a whole list in one go (tests, small trails). */
export function verifyRows(rows: Iterable<ChainedRow>): { ok: true; head: ChainHead } | { ok: false; break: ChainBreak } {
  const v = new ChainVerifier();
  for (const r of rows) {
    const b = v.push(r);
    if (b) return { ok: false, break: b };
  }
  return { ok: true, head: v.lastGood };
}
