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
import type { AbsenceDates, CaseInputs, StoredObligation } from './inputs.js';
import type { CaseWrites, ObligationUpsert, WriteResult } from './write.js';

/** A case's inputs after its last fold here, with the content hashes of the events this process stored. */
export interface KeptCase {
  readonly inputs: CaseInputs;
  /** event id → content hash, for events stored through this cache (a duplicate is told from a conflict without a read); grows only. */
  readonly hashes: Map<string, string>;
}

export class FoldCache {
  private readonly kept = new Map<string, KeptCase>();
  /** "seller \0 market" → the live absences last read or checked (a case new here is folded with them). */
  private readonly absences = new Map<string, AbsenceDates[]>();
  /**
   * Cases evicted for room (up to four times the capacity, oldest out
   * first): stored, so not to be folded as new, which would cost a failed
   * one-trip try before the two-trip way.
   */
  private readonly evicted = new Set<string>();

  constructor(readonly capacity: number) {}

  absencesOf(sellerId: string, market: string): AbsenceDates[] | undefined {
    return this.absences.get(`${sellerId}\0${market}`);
  }

  get size(): number {
    return this.kept.size;
  }

  get(caseId: string): KeptCase | undefined {
    return this.kept.get(caseId);
  }

  /** Whether the case was kept here and evicted for room (it is stored). */
  wasEvicted(caseId: string): boolean {
    return this.evicted.has(caseId);
  }

  /** Keeps `c`, unless a newer version of the case is already kept; evicts the least recently kept beyond capacity. */
  keep(c: KeptCase): void {
    const id = c.inputs.id;
    const old = this.kept.get(id);
    if (old && (old.inputs.version ?? -1) > (c.inputs.version ?? -1)) return;
    this.kept.delete(id); // re-inserted last: Map order is the eviction order
    if (this.capacity <= 0) return;
    this.kept.set(id, c);
    this.evicted.delete(id);
    if (this.kept.size > this.capacity) {
      const out = this.kept.keys().next().value!;
      this.kept.delete(out);
      this.evicted.add(out);
      if (this.evicted.size > 4 * this.capacity) this.evicted.delete(this.evicted.keys().next().value!);
    }
    const seller = `${c.inputs.sellerId}\0${c.inputs.market}`;
    this.absences.delete(seller);
    this.absences.set(seller, c.inputs.absenceDates);
    if (this.absences.size > this.capacity) this.absences.delete(this.absences.keys().next().value!);
  }

  /**
   * Drops cases whose kept inputs did not hold. They are treated as evicted:
   * most are stored, and until a fold keeps them again their groups go the
   * two-trip way at once rather than try a fold as new.
   */
  forget(caseIds: Iterable<string>): void {
    for (const id of caseIds) {
      this.kept.delete(id);
      this.evicted.add(id);
    }
    while (this.evicted.size > 4 * this.capacity) this.evicted.delete(this.evicted.keys().next().value!);
  }
}

/**
 * The cases' inputs once `writes` (the results of folding `folded`, which
 * already hold the new events) have been committed: what a fresh read would
 * return. Only a transaction that stored the cases' events may call this
 * (their insert creates a case not stored before). `insertedIds` maps
 * "case id \0 request event id" to the id of each obligation the write
 * inserted. Pure; the writes are indexed by case once (a batch folds
 * hundreds of cases).
 */
export function inputsAfterWrite(folded: readonly CaseInputs[], writes: CaseWrites, insertedIds: ReadonlyMap<string, number>): CaseInputs[] {
  const rows = new Map(writes.cases.map((c) => [c.id, c]));
  const keeps = new Map(writes.keep.map((k) => [k.case_id, new Set(k.keep)]));
  const takeovers = new Map(writes.takeovers.map((t) => [t.case_id, t]));
  const obligations = new Map<string, ObligationUpsert[]>();
  for (const o of writes.obligations) {
    const list = obligations.get(o.case_id);
    if (list) list.push(o);
    else obligations.set(o.case_id, [o]);
  }
  return folded.map((f) => {
    const row = rows.get(f.id);
    // Nothing written: the stored rows are what was folded (the new events are
    // already in), and the case exists now, at its version (0 if it is new).
    if (!row) return { ...f, version: f.version ?? 0 };
    const stored = new Map<string, StoredObligation>(f.obligations);
    const keep = keeps.get(f.id);
    if (keep) for (const key of [...stored.keys()]) if (!keep.has(key)) stored.delete(key);
    for (const o of obligations.get(f.id) ?? []) {
      const id = o.id ?? insertedIds.get(`${o.case_id}\0${o.request_event_id}`);
      if (id === undefined) throw new Error(`the write did not return the id of obligation ${o.request_event_id} of case ${o.case_id}`);
      stored.set(o.request_event_id, {
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
    const t = takeovers.get(f.id);
    return {
      ...f,
      version: (f.version ?? 0) + 1,
      status: row.status,
      takeover: row.takeover_at !== null && row.takeover_reason !== null ? { at: row.takeover_at, reason: row.takeover_reason } : null,
      notified: t ? { at: Date.parse(t.at), reason: t.reason, withdrawn: t.withdrawn } : f.notified,
      checkAt: row.check_at,
      lastEventAt: row.last_event_at,
      lastSellerMessageAt: row.last_seller_message_at,
      obligations: stored,
    };
  });
}

/**
 * After a commit: keeps each folded case as the write left it, with the
 * hashes of the events this batch stored (`batchHashes`, event id → hash).
 */
export function keepAfterCommit(cache: FoldCache, folded: readonly CaseInputs[], writes: CaseWrites, written: WriteResult | undefined, batchHashes: ReadonlyMap<string, string>): void {
  for (const inputs of inputsAfterWrite(folded, writes, insertedObligationIds(written))) {
    // An event's content never changes under its id, so the hashes kept before still hold, stale entry or not.
    const hashes = cache.get(inputs.id)?.hashes ?? new Map<string, string>();
    for (const e of inputs.events) {
      const h = batchHashes.get(e.id);
      if (h !== undefined) hashes.set(e.id, h);
    }
    cache.keep({ inputs, hashes });
  }
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
function insertedObligationIds(written: WriteResult | undefined): Map<string, number> {
  return new Map((written?.obligation_ids ?? []).map(([caseId, requestEventId, id]) => [`${caseId}\0${requestEventId}`, id]));
}
