// The fold inputs of recently ingested cases, kept in memory after each
// commit, so that the next group of events for them can be folded before its
// transaction starts and sent with it in ONE round trip (cases/ingest.ts).
//
// The cache is only ever a guess: the one-trip transaction checks, under the
// case locks, that each case's fold_version (sql/0013) and its seller's live
// absences are still those the fold used, and rolls back otherwise; the
// group is then stored the two-trip way, from inputs read afresh. So a stale
// entry costs a round trip, never a wrong deadline, and several instances
// (each with its own cache) stay correct.
import type { CaseEvent } from '../domain/obligations/index.js';
import type { CaseInputs, StoredObligation } from './inputs.js';
import type { CaseWrites, WriteResult } from './write.js';

/** A case's inputs after its last fold here, with the content hashes of the events this process stored. */
export interface KeptCase {
  readonly inputs: CaseInputs;
  /** event id → content hash, for events stored through this cache (a duplicate is told from a conflict without a read). */
  readonly hashes: ReadonlyMap<string, string>;
}

export class FoldCache {
  private readonly kept = new Map<string, KeptCase>();
  /** "seller \0 market" → the live absences last read or checked (a case new here is folded with them). */
  private readonly absences = new Map<string, [string, string][]>();

  constructor(readonly capacity: number) {}

  absencesOf(sellerId: string, market: string): [string, string][] | undefined {
    return this.absences.get(`${sellerId}\0${market}`);
  }

  get size(): number {
    return this.kept.size;
  }

  get(caseId: string): KeptCase | undefined {
    return this.kept.get(caseId);
  }

  /** Keeps `c`, unless a newer version of the case is already kept; evicts the least recently kept beyond capacity. */
  keep(c: KeptCase): void {
    const id = c.inputs.id;
    const old = this.kept.get(id);
    if (old && (old.inputs.version ?? -1) > (c.inputs.version ?? -1)) return;
    this.kept.delete(id); // re-inserted last: Map order is the eviction order
    if (this.capacity <= 0) return;
    this.kept.set(id, c);
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
    const seller = `${c.inputs.sellerId}\0${c.inputs.market}`;
    this.absences.delete(seller);
    this.absences.set(seller, c.inputs.absenceDates);
    if (this.absences.size > this.capacity) this.absences.delete(this.absences.keys().next().value!);
  }

  forget(caseIds: Iterable<string>): void {
    for (const id of caseIds) this.kept.delete(id);
  }
}

/**
 * A case's inputs once `writes` (the results of folding `folded`, which
 * already holds the new events) have been committed: what a fresh read
 * would return. Only a transaction that stored the case's events may call
 * this (their insert creates a case not stored before). `insertedIds` maps "case id \0 request event id" to the id of
 * each obligation the write inserted. Pure.
 */
export function inputsAfterWrite(folded: CaseInputs, writes: CaseWrites, insertedIds: ReadonlyMap<string, number>): CaseInputs {
  const row = writes.cases.find((c) => c.id === folded.id);
  // Nothing written: the stored rows are what was folded (the new events are
  // already in), and the case exists now, at its version (0 if it is new).
  if (!row) return { ...folded, version: folded.version ?? 0 };
  const obligations = new Map<string, StoredObligation>(folded.obligations);
  const keep = writes.keep.find((k) => k.case_id === folded.id);
  if (keep) for (const key of [...obligations.keys()]) if (!keep.keep.includes(key)) obligations.delete(key);
  for (const o of writes.obligations) {
    if (o.case_id !== folded.id) continue;
    const id = o.id ?? insertedIds.get(`${o.case_id}\0${o.request_event_id}`);
    if (id === undefined) throw new Error(`the write did not return the id of obligation ${o.request_event_id} of case ${o.case_id}`);
    obligations.set(o.request_event_id, {
      id,
      requestEventId: o.request_event_id,
      dueAt: o.due_at,
      warnAt: o.warn_at,
      answeredAt: o.answered_at,
      answerEventId: o.answer_event_id,
      state: o.state as StoredObligation['state'],
      decidedAt: o.decided_at,
      fingerprint: o.calendar_fingerprint,
      lateByMinutes: o.late_by_minutes,
    });
  }
  const t = writes.takeovers.find((x) => x.case_id === folded.id);
  return {
    ...folded,
    version: (folded.version ?? 0) + 1,
    status: row.status,
    takeover: row.takeover_at !== null && row.takeover_reason !== null ? { at: row.takeover_at, reason: row.takeover_reason } : null,
    notified: t ? { at: Date.parse(t.at), reason: t.reason, withdrawn: t.withdrawn } : folded.notified,
    checkAt: row.check_at,
    lastEventAt: row.last_event_at,
    lastSellerMessageAt: row.last_seller_message_at,
    obligations,
  };
}

/** `inputs` with `events` appended (the events a batch stored for the case). */
export function withEvents(inputs: CaseInputs, events: readonly CaseEvent[]): CaseInputs {
  return { ...inputs, events: [...inputs.events, ...events] };
}

/**
 * Whether to try one-trip transactions: off for a while when too many of the
 * recent tries found their inputs stale (an instance that sees a case only
 * now and then, beside others that write it, would pay a wasted round trip
 * on most groups). Pure state machine counting groups, not time.
 */
export class OneTripGate {
  private tries = 0;
  private stale = 0;
  /** Groups left to go the two-trip way without trying. */
  private skip = 0;

  constructor(
    private readonly window = 200,
    private readonly maxStaleShare = 0.25,
    private readonly offFor = 2000,
  ) {}

  allows(): boolean {
    if (this.skip === 0) return true;
    this.skip--;
    return false;
  }

  record(wasStale: boolean): void {
    this.tries++;
    if (wasStale) this.stale++;
    if (this.tries < this.window) return;
    if (this.stale > this.window * this.maxStaleShare) this.skip = this.offFor;
    this.tries = 0;
    this.stale = 0;
  }
}

/** "case id \0 request event id" → id, of the obligations a write inserted. */
export function insertedObligationIds(written: WriteResult | undefined): Map<string, number> {
  return new Map((written?.obligation_ids ?? []).map(([caseId, requestEventId, id]) => [`${caseId}\0${requestEventId}`, id]));
}

/** The hashes known for a case's events: those kept before (content never changes for an id) and this batch's. */
export function mergedHashes(cache: FoldCache, caseId: string, batch: ReadonlyMap<string, string>, events: readonly CaseEvent[]): Map<string, string> {
  const merged = new Map(cache.get(caseId)?.hashes ?? []);
  for (const e of events) {
    const h = batch.get(e.id);
    if (h !== undefined) merged.set(e.id, h);
  }
  return merged;
}
