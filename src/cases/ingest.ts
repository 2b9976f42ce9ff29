// Stores a batch of events and refolds their cases in one transaction; the
// caller acknowledges only after it commits. All or nothing: a conflict rolls
// everything back.
//
// The transaction makes two round trips (db/pipelined.ts):
//   1. BEGIN; lock the sellers' absence lists (shared) and the cases; store
//      the cases and events and read the cases' fold inputs   — one write
//   2. (the fold runs in JavaScript) write its results; COMMIT  — one write
// The inputs are read by a statement that starts after the locks are held,
// so they are what every earlier transaction on these cases committed; the
// events this statement inserts are not visible to it, and are added to the
// inputs from the batch itself.
import { sql, type CompiledQuery, type Kysely, type RawBuilder } from 'kysely';
import { fromEpochMs, type Database, type PipelinedPool } from '../db/index.js';
import type { CaseEvent } from '../domain/obligations/index.js';
import { contentHash, type IncomingEvent } from './incoming.js';
import { inputsOf, toCaseInputs, type CaseInputs, type InputRow } from './inputs.js';
import { planRefold, type MarketLookup, type RefoldResult } from './refold.js';
import { writeStatement, type WrittenTakeover } from './write.js';

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

const NO_CHECKS: MessageChecks = {
  check: () => ({ flags: [], repeatKey: null }),
  acrossCases: () => null,
};

export class IngestConflict extends Error {
  constructor(
    readonly index: number,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface IngestResult extends RefoldResult {
  readonly accepted: number;
  readonly duplicates: number;
  /** The ids stored by this call (the group committer splits its results by them). */
  readonly insertedIds: ReadonlySet<string>;
}

interface Prepared {
  readonly event: IncomingEvent;
  readonly index: number;
  readonly hash: string;
}

/** A case as its first event in the batch names it (the row inserted if the case is new). */
interface CaseRow {
  readonly id: string;
  readonly market: string;
  readonly seller_id: string;
  readonly buyer_id: string | null;
  readonly order_id: string | null;
}

/** In-batch checks: repeated ids (duplicate or conflict) and cases that change market or seller. */
function prepare(events: readonly IncomingEvent[]): { unique: Prepared[]; inBatchDuplicates: number; cases: CaseRow[] } {
  const byId = new Map<string, Prepared>();
  const cases = new Map<string, IncomingEvent>();
  let inBatchDuplicates = 0;
  events.forEach((event, index) => {
    const hash = contentHash(event);
    const seen = byId.get(event.id);
    if (seen) {
      if (seen.hash !== hash) throw new IngestConflict(index, 'id', `event ${event.id} appears twice in the batch with different content`);
      inBatchDuplicates++;
      return;
    }
    const c = cases.get(event.caseId);
    if (c && (c.market !== event.market || c.sellerId !== event.sellerId)) {
      throw new IngestConflict(index, c.market !== event.market ? 'market' : 'sellerId', `case ${event.caseId} has another market or seller earlier in the batch`);
    }
    if (!c) cases.set(event.caseId, event);
    byId.set(event.id, { event, index, hash });
  });
  const rows = [...cases.values()].map((e) => ({ id: e.caseId, market: e.market, seller_id: e.sellerId, buyer_id: e.buyerId, order_id: e.orderId }));
  return { unique: [...byId.values()], inBatchDuplicates, cases: rows };
}

interface StoreRow {
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
function lockStatement(cases: readonly CaseRow[]): RawBuilder<unknown> {
  return sql`
    WITH sl AS MATERIALIZED (
      SELECT pg_advisory_xact_lock_shared(hashtext('replyby.absences'), hashtext(s.seller_id || E'\n' || s.market)) AS locked
      FROM (SELECT DISTINCT seller_id, market FROM unnest(${cases.map((c) => c.seller_id)}::text[], ${cases.map((c) => c.market)}::text[])
            AS x(seller_id, market) ORDER BY 1, 2) s)
    SELECT count(*) AS locked FROM (
      SELECT pg_advisory_xact_lock(hashtextextended(s.id, 42)) FROM (SELECT unnest(${cases.map((c) => c.id)}::text[]) AS id ORDER BY 1) s
      WHERE (SELECT count(*) FROM sl) >= 0) l`;
}

function storeStatement(unique: readonly Prepared[], checked: readonly CheckedMessage[], across: RawBuilder<unknown> | null, cases: readonly CaseRow[]): RawBuilder<StoreRow> {
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
      (SELECT coalesce(json_agg(json_build_array(e.id, encode(e.content_hash, 'hex'))), '[]') FROM events e
        WHERE e.id = ANY (${events.map((e) => e.id)}::text[])) AS existing,
      (SELECT coalesce(json_agg(i), '[]') FROM (${inputsOf(sql`ic k`)}) i) AS inputs`;
}

/** A stored event as the fold sees it, made from the batch (the storing statement cannot see its own inserts). */
function asCaseEvent(e: IncomingEvent, flags: readonly { kind: string }[]): CaseEvent {
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

/** The batch checked and de-duplicated, and its first two statements (exported for the plan test). */
export function batchStatements(db: Kysely<Database>, events: readonly IncomingEvent[], checks: MessageChecks) {
  const { unique, inBatchDuplicates, cases } = prepare(events);
  const batch = unique.map((p) => ({ event: p.event, checked: checks.check(p.event) }));
  const lock = lockStatement(cases).compile(db);
  const store = storeStatement(unique, batch.map((b) => b.checked), checks.acrossCases(batch), cases).compile(db);
  return { unique, inBatchDuplicates, lock, store };
}

class Vanished extends Error {}

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

export async function ingestEvents(
  conns: PipelinedPool,
  db: Kysely<Database>,
  marketOf: MarketLookup,
  events: readonly IncomingEvent[],
  opts: { now: number; actor: string; checks?: MessageChecks },
): Promise<IngestResult> {
  const checks = opts.checks ?? NO_CHECKS;
  const { unique, inBatchDuplicates, lock, store } = batchStatements(db, events, checks);
  for (let attempt = 0; ; attempt++) {
    try {
      return await conns.transaction(async (tx) => {
        const [, storeRows] = await tx.begin(lock, store);
        const stored = storeRows![0] as StoreRow;
        const inserted = new Map(stored.inserted);
        const existing = new Map(stored.existing);
        const inputs = new Map(stored.inputs.map((r) => [r.id, r]));
        for (const p of unique) {
          const c = inputs.get(p.event.caseId);
          if (c && (c.market !== p.event.market || c.seller_id !== p.event.sellerId)) {
            throw new IngestConflict(p.index, c.market !== p.event.market ? 'market' : 'sellerId', `case ${p.event.caseId} belongs to market ${c.market} and seller ${c.seller_id}`);
          }
          if (inserted.has(p.event.id)) continue;
          const hash = existing.get(p.event.id);
          if (hash === undefined) throw new Vanished(); // stored by a concurrent transaction after our snapshot
          if (hash !== p.hash) throw new IngestConflict(p.index, 'id', `event ${p.event.id} was already received with different content`);
        }
        const insertedIds = new Set(inserted.keys());
        const duplicates = inBatchDuplicates + unique.length - inserted.size;
        const added = new Map<string, CaseEvent[]>();
        for (const p of unique) {
          const flags = inserted.get(p.event.id);
          if (flags) added.set(p.event.caseId, [...(added.get(p.event.caseId) ?? []), asCaseEvent(p.event, flags)]);
        }
        if (added.size === 0) {
          await tx.commit();
          return { accepted: 0, duplicates, takeovers: [], breached: 0, changedCases: 0, stillDue: [], insertedIds };
        }
        const affected = [...added.keys()].sort();
        const folded: CaseInputs[] = affected.map((id) => {
          const loaded = toCaseInputs(inputs.get(id)!);
          return { ...loaded, events: [...loaded.events, ...added.get(id)!] };
        });
        const ids = unique.filter((p) => insertedIds.has(p.event.id)).map((p) => p.event.id);
        const plan = planRefold(folded, marketOf, opts.now, [
          { actor: opts.actor, action: 'events.accepted', subject: affected.length === 1 ? affected[0]! : null, details: { count: ids.length, ids: ids.slice(0, 1000) } },
        ]);
        const write = writeStatement(plan.writes, opts.now);
        const [written] = await tx.commit(...(write ? [write.compile(db) as CompiledQuery] : []));
        const takeovers = ((written?.[0] as { takeovers: WrittenTakeover[] | null } | undefined)?.takeovers ?? []) as WrittenTakeover[];
        const refold: RefoldResult = { takeovers, breached: plan.breached, changedCases: plan.changedCases, stillDue: plan.stillDue };
        return { ...refold, accepted: inserted.size, duplicates, insertedIds };
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt < 3 && (err instanceof Vanished || (code !== undefined && RETRYABLE.has(code)))) continue;
      throw err;
    }
  }
}
