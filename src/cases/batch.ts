// The statements of an ingestion transaction, shared by its two-trip and
// one-trip forms (cases/ingest.ts, cases/one-trip.ts): the batch checked in
// memory, the locks, and the statement that stores the cases and events.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { fromEpochMs, type Database } from '../db/index.js';
import type { CaseEvent } from '../domain/obligations/index.js';
import { contentHash, type IncomingEvent } from './incoming.js';
import { inputsOf, type InputRow } from './inputs.js';
import type { FoldCache, OneTripGate } from './fold-cache.js';
import type { RefoldResult } from './refold.js';

export interface MessageFlag {
  readonly kind: string;
}

/** What is stored beside a message: its check flags, and the key of its normal form (the repeat check). */
export interface CheckedMessage {
  readonly flags: readonly MessageFlag[];
  readonly repeatKey: Buffer | null;
}

/** The message checks (src/checks): pure work per event before the transaction, the look across cases inside it. */
export interface MessageChecks {
  readonly check: (e: IncomingEvent) => CheckedMessage;
  /**
   * The flags that depend on stored events, as SQL rows (id, flags: a jsonb
   * array appended to that event's flags), evaluated inside the statement
   * that stores the batch; null when none can apply.
   */
  readonly acrossCases: (batch: readonly { event: IncomingEvent; checked: CheckedMessage }[]) => RawBuilder<{ id: string; flags: unknown }> | null;
}

export const NO_CHECKS: MessageChecks = {
  check: () => ({ flags: [], repeatKey: null }),
  acrossCases: () => null,
};

export class IngestConflict extends Error {
  constructor(
    readonly index: number,
    readonly field: string,
    message: string,
    /** For a clash inside the batch, the index of the earlier event it clashes with. */
    readonly earlierIndex?: number,
  ) {
    super(message);
  }
}

export interface IngestResult extends RefoldResult {
  readonly accepted: number;
  readonly duplicates: number;
  /** The ids stored by this call (the group committer splits its results by them). */
  readonly insertedIds: ReadonlySet<string>;
  /**
   * 1 when the group was folded from kept inputs (cases/one-trip.ts), 2 when
   * it read them (a failed one-trip try included), 0 when every event was a
   * duplicate of one this process stored (nothing to do).
   */
  readonly roundTrips: 0 | 1 | 2;
}

export interface Prepared {
  readonly event: IncomingEvent;
  readonly index: number;
  readonly hash: string;
}

/** A case as its first event in the batch names it (the row inserted if the case is new). */
export interface CaseRow {
  readonly id: string;
  readonly market: string;
  readonly seller_id: string;
  readonly buyer_id: string | null;
  readonly order_id: string | null;
}

/** In-batch checks: repeated ids (duplicate or conflict) and cases that change market or seller. */
export function prepare(events: readonly IncomingEvent[]): { unique: Prepared[]; inBatchDuplicates: number; cases: CaseRow[] } {
  const byId = new Map<string, Prepared>();
  const cases = new Map<string, { event: IncomingEvent; index: number }>();
  let inBatchDuplicates = 0;
  events.forEach((event, index) => {
    const hash = contentHash(event);
    const seen = byId.get(event.id);
    if (seen) {
      if (seen.hash !== hash) throw new IngestConflict(index, 'id', `event ${event.id} appears twice in the batch with different content`, seen.index);
      inBatchDuplicates++;
      return;
    }
    const first = cases.get(event.caseId);
    const c = first?.event;
    if (c && (c.market !== event.market || c.sellerId !== event.sellerId)) {
      throw new IngestConflict(index, c.market !== event.market ? 'market' : 'sellerId', `case ${event.caseId} has another market or seller earlier in the batch`, first.index);
    }
    if (!first) cases.set(event.caseId, { event, index });
    byId.set(event.id, { event, index, hash });
  });
  const rows = [...cases.values()].map(({ event: e }) => ({ id: e.caseId, market: e.market, seller_id: e.sellerId, buyer_id: e.buyerId, order_id: e.orderId }));
  return { unique: [...byId.values()], inBatchDuplicates, cases: rows };
}

export interface StoreRow {
  /** [event id, its stored flags] of the events inserted now. */
  inserted: [string, { kind: string }[]][];
  existing: [string, string][];
  /** The fold inputs of every case of the batch, as committed before this statement. */
  inputs: InputRow[];
}

const NO_ACROSS = sql`SELECT NULL::text AS id, NULL::jsonb AS flags WHERE false`;

/**
 * Locks, in an order every writer shares so that none deadlocks: first the
 * sellers' absence locks (shared; registering an absence takes its seller's
 * exclusively, then case locks), then the cases in id order.
 */
export function lockStatement(cases: readonly CaseRow[]): RawBuilder<unknown> {
  return sql`
    WITH sl AS MATERIALIZED (
      SELECT pg_advisory_xact_lock_shared(hashtext('replyby.absences'), hashtext(s.seller_id || E'\n' || s.market)) AS locked
      FROM (SELECT DISTINCT seller_id, market FROM unnest(${cases.map((c) => c.seller_id)}::text[], ${cases.map((c) => c.market)}::text[])
            AS x(seller_id, market) ORDER BY 1, 2) s)
    SELECT count(*) AS locked FROM (
      SELECT pg_advisory_xact_lock(hashtextextended(s.id, 42)) FROM (SELECT unnest(${cases.map((c) => c.id)}::text[]) AS id ORDER BY 1) s
      WHERE (SELECT count(*) FROM sl) >= 0) l`;
}

/**
 * Stores the batch's new cases and events. Two-trip form (`expectInserted`
 * null): it also answers which events were stored before (with their
 * hashes) and the cases' fold inputs as committed before it. One-trip form:
 * the fold is already done, so it reads nothing back and instead fails
 * (assert_fold_inputs, sql/0013) unless it stored exactly `expectInserted`
 * events, the ones the fold took for new.
 */
export function storeStatement(
  unique: readonly Prepared[],
  checked: readonly CheckedMessage[],
  across: RawBuilder<unknown> | null,
  cases: readonly CaseRow[],
  expectInserted: number | null = null,
): RawBuilder<StoreRow> {
  const events = unique.map(({ event: e, hash }, i) => ({
    id: e.id,
    type: e.type,
    occurred_at: e.occurredAt, // epoch ms (see cases/write.ts)
    market: e.market,
    case_id: e.caseId,
    seller_id: e.sellerId,
    buyer_id: e.buyerId,
    order_id: e.orderId,
    message_id: e.message?.id ?? null,
    author: e.message?.author ?? null,
    automated: e.message?.automated ?? null,
    body: e.message?.body ?? null,
    dispute_reason: e.dispute?.reason ?? null,
    dispute_note: e.dispute?.note ?? null,
    content_hash: hash,
    flags: checked[i]!.flags,
    repeat_key: checked[i]!.repeatKey?.toString('hex') ?? null,
  }));
  return sql<StoreRow>`
    WITH
    ic AS (SELECT * FROM json_to_recordset(${JSON.stringify(cases)}::json)
           AS x(id text, market text, seller_id text, buyer_id text, order_id text)),
    ie AS (SELECT * FROM json_to_recordset(${JSON.stringify(events)}::json)
           AS x(id text, type text, occurred_at float8, market text, case_id text, seller_id text, buyer_id text, order_id text,
                message_id text, author text, automated boolean, body text, dispute_reason text, dispute_note text, content_hash text, flags jsonb, repeat_key text)),
    rf AS (${across ?? NO_ACROSS}),
    -- the flags by event id, looked up per event (a join of two batch relations would compare every pair: see cases/write.ts)
    rfm AS (SELECT coalesce(jsonb_object_agg(rf.id, rf.flags), '{}'::jsonb) AS m FROM rf),
    nc AS (INSERT INTO cases (id, market, seller_id, buyer_id, order_id)
           SELECT ic.id, ic.market, ic.seller_id, ic.buyer_id, ic.order_id FROM ic ORDER BY ic.id
           ON CONFLICT (id) DO NOTHING),
    ne AS (INSERT INTO events (id, type, occurred_at, market, case_id, seller_id, buyer_id, order_id, message_id, author, automated, body,
                               dispute_reason, dispute_note, content_hash, flags, repeat_key)
           SELECT ie.id, ie.type, ${fromEpochMs('ie.occurred_at')}, ie.market, ie.case_id, ie.seller_id, ie.buyer_id, ie.order_id, ie.message_id, ie.author,
                  ie.automated, ie.body, ie.dispute_reason, ie.dispute_note, decode(ie.content_hash, 'hex'),
                  ie.flags || coalesce((SELECT m FROM rfm) -> ie.id, '[]'::jsonb), decode(ie.repeat_key, 'hex')
           FROM ie ORDER BY ie.id
           ON CONFLICT (id) DO NOTHING RETURNING id, flags)
    SELECT
      (SELECT coalesce(json_agg(json_build_array(ne.id, ne.flags)), '[]') FROM ne) AS inserted,
      ${
        expectInserted === null
          ? sql`(SELECT coalesce(json_agg(json_build_array(e.id, encode(e.content_hash, 'hex'))), '[]') FROM events e
                  WHERE e.id = ANY (${events.map((e) => e.id)}::text[])) AS existing,
                (SELECT coalesce(json_agg(i), '[]') FROM (${inputsOf(sql`ic k`)}) i) AS inputs`
          : sql`'[]'::json AS existing, '[]'::json AS inputs,
                assert_fold_inputs((SELECT count(*) FROM ne) = ${expectInserted}::int, 'an event taken for new was stored before') AS fresh`
      }`;
}

/** A stored event as the fold sees it, made from the batch (the storing statement cannot see its own inserts). */
export function asCaseEvent(e: IncomingEvent, flags: readonly { kind: string }[]): CaseEvent {
  return {
    id: e.id,
    type: e.type,
    occurredAt: e.occurredAt,
    author: e.message?.author ?? null,
    automated: e.message?.automated ?? null,
    disputeReason: e.dispute?.reason ?? null,
    flags: flags.map((f) => f.kind),
  };
}

/** The batch checked and de-duplicated, with its lock statement. */
export function checkedBatch(db: Kysely<Database>, events: readonly IncomingEvent[], checks: MessageChecks) {
  const { unique, inBatchDuplicates, cases } = prepare(events);
  const batch = unique.map((p) => ({ event: p.event, checked: checks.check(p.event) }));
  const checked = batch.map((b) => b.checked);
  return { unique, inBatchDuplicates, cases, checked, across: checks.acrossCases(batch), lock: lockStatement(cases).compile(db) };
}

export type CheckedBatch = ReturnType<typeof checkedBatch>;

export interface IngestOptions {
  readonly now: number;
  readonly actor: string;
  readonly checks?: MessageChecks;
  /** Fold inputs kept between groups: with it, most groups take one round trip. */
  readonly cache?: { readonly cases: FoldCache; readonly gate: OneTripGate };
}

/** The audit row of a group: how many events it accepted, and (the first thousand of) their ids. */
export function acceptedAudit(actor: string, affected: readonly string[], ids: readonly string[]) {
  return { actor, action: 'events.accepted', subject: affected.length === 1 ? affected[0]! : null, details: { count: ids.length, ids: ids.slice(0, 1000) } };
}
