// Stores a batch of events and refolds their cases in one transaction; the
// caller acknowledges only after it commits. All or nothing: a conflict rolls
// everything back.
//
// One round trip when the cases' fold inputs are kept from their last fold
// (cases/one-trip.ts, cases/fold-cache.ts); otherwise, or when the kept
// inputs turn out stale, two (db/pipelined.ts):
//   1. BEGIN; lock the sellers' absence lists (shared) and the cases; store
//      the cases and events and read the cases' fold inputs   — one write
//   2. (the fold runs in JavaScript) write its results; COMMIT  — one write
// The inputs are read by a statement that starts after the locks are held,
// so they are what every earlier transaction on these cases committed; the
// events this statement inserts are not visible to it, and are added to the
// inputs from the batch itself.
import type { CompiledQuery, Kysely } from 'kysely';
import type { Database, PipelinedPool } from '../db/index.js';
import type { CaseEvent } from '../domain/obligations/index.js';
import { acceptedAudit, asCaseEvent, checkedBatch, IngestConflict, NO_CHECKS, storeStatement, type CheckedBatch, type IngestOptions, type IngestResult, type MessageChecks, type StoreRow } from './batch.js';
import { keepAfterCommit, withEvents } from './fold-cache.js';
import type { IncomingEvent } from './incoming.js';
import { toCaseInputs } from './inputs.js';
import { oneTrip, StaleInputs } from './one-trip.js';
import { planRefold, type MarketLookup } from './refold.js';
import { writeStatement, type WriteResult } from './write.js';

export { IngestConflict, type CheckedMessage, type IngestOptions, type IngestResult, type MessageChecks, type MessageFlag } from './batch.js';

/** The two-trip transaction's first two statements (exported for the plan test). */
export function batchStatements(db: Kysely<Database>, events: readonly IncomingEvent[], checks: MessageChecks) {
  const b = checkedBatch(db, events, checks);
  return { ...b, store: storeStatement(b.unique, b.checked, b.across, b.cases).compile(db) };
}

class Vanished extends Error {}

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

export async function ingestEvents(conns: PipelinedPool, db: Kysely<Database>, marketOf: MarketLookup, events: readonly IncomingEvent[], opts: IngestOptions): Promise<IngestResult> {
  const checks = opts.checks ?? NO_CHECKS;
  const statements = checkedBatch(db, events, checks);
  const cache = opts.cache;
  if (cache && cache.gate.allows()) {
    try {
      const result = await oneTrip(conns, db, marketOf, statements, cache.cases, opts);
      if (result) {
        cache.gate.record(false);
        return result;
      }
    } catch (err) {
      // Stale inputs, or a deadlock or serialization failure: the two-trip way reads afresh (and retries).
      const code = (err as { code?: string }).code;
      if (!(err instanceof StaleInputs || (code !== undefined && RETRYABLE.has(code)))) throw err;
      if (err instanceof StaleInputs) cache.gate.record(true); // (a deadlock says nothing about the cache)
      cache.cases.forget(statements.cases.map((c) => c.id));
    }
  }
  return twoTrips(conns, db, marketOf, statements, opts);
}

async function twoTrips(
  conns: PipelinedPool,
  db: Kysely<Database>,
  marketOf: MarketLookup,
  { unique, inBatchDuplicates, cases, checked, across, lock }: CheckedBatch,
  opts: IngestOptions,
): Promise<IngestResult> {
  const store = storeStatement(unique, checked, across, cases).compile(db);
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
          return { accepted: 0, duplicates, takeovers: [], breached: 0, changedCases: 0, stillDue: [], insertedIds, roundTrips: 2 };
        }
        const affected = [...added.keys()].sort();
        const folded = affected.map((id) => withEvents(toCaseInputs(inputs.get(id)!), added.get(id)!));
        const ids = unique.filter((p) => insertedIds.has(p.event.id)).map((p) => p.event.id);
        const plan = planRefold(folded, marketOf, opts.now, [acceptedAudit(opts.actor, affected, ids)], true);
        const write = writeStatement(plan.writes, opts.now);
        const [written] = await tx.commit(...(write ? [write.compile(db) as CompiledQuery] : []));
        const result = written?.[0] as WriteResult | undefined;
        if (opts.cache) keepAfterCommit(opts.cache.cases, folded, plan.writes, result, new Map(unique.filter((p) => insertedIds.has(p.event.id)).map((p) => [p.event.id, p.hash])));
        return { takeovers: result?.takeovers ?? [], breached: plan.breached, changedCases: plan.changedCases, stillDue: plan.stillDue, accepted: inserted.size, duplicates, insertedIds, roundTrips: 2 };
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt < 3 && (err instanceof Vanished || (code !== undefined && RETRYABLE.has(code)))) continue;
      throw err;
    }
  }
}

