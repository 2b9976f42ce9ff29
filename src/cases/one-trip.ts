// A group of events stored in ONE round trip: its cases are folded before
// the transaction, from the inputs kept after their last fold
// (cases/fold-cache.ts), and BEGIN, the locks, a check that those inputs
// still hold, the events and the fold's results go out in one write with
// COMMIT. The check (and the count of events stored) fails the transaction
// when anything moved; the caller then stores the group the two-trip way.
import { sql, type CompiledQuery, type Kysely } from 'kysely';
import type { Database, PipelinedPool } from '../db/index.js';
import type { CaseEvent } from '../domain/obligations/index.js';
import { acceptedAudit, asCaseEvent, storeStatement, type CaseRow, type CheckedBatch, type CheckedMessage, type IngestOptions, type IngestResult, type Prepared, type StoreRow } from './batch.js';
import { keepAfterCommit, withEvents, type FoldCache } from './fold-cache.js';
import { REGISTERED_MS, type AbsenceDates, type CaseInputs } from './inputs.js';
import { planRefold, type MarketLookup } from './refold.js';
import { writeStatement, type WriteResult } from './write.js';

/** The kept inputs of a one-trip transaction no longer held (SQLSTATE RB001, sql/0013). */
export class StaleInputs extends Error {}

/** What the one-trip transaction must find, under the locks, for its fold to hold. */
export interface Expected {
  /** Cases kept here, at the version folded from. */
  readonly known: readonly { id: string; version: number }[];
  /** Cases not kept here, folded as new: they must not be stored yet. */
  readonly unknown: readonly string[];
  /** Each seller's live absences in a market, as folded with (sorted by first day, then last). */
  readonly absences: readonly { sellerId: string; market: string; dates: readonly AbsenceDates[] }[];
}

export interface OneTripPlan {
  /** The events taken for new (the rest are duplicates of kept events). */
  readonly fresh: readonly Prepared[];
  /** The cases with new events, with those events added. */
  readonly folded: readonly CaseInputs[];
  readonly expected: Expected;
}

/** The inputs of a case not stored yet (what the two-trip read answers for it). */
export function emptyCase(c: Pick<CaseRow, 'id' | 'market' | 'seller_id'>): CaseInputs {
  return {
    id: c.id,
    market: c.market,
    sellerId: c.seller_id,
    status: 'open',
    version: null,
    takeover: null,
    notified: null,
    checkAt: null,
    lastEventAt: null,
    lastSellerMessageAt: null,
    manualTakeoverAt: null,
    events: [],
    obligations: new Map(),
    absenceDates: [],
  };
}

/**
 * The inputs a one-trip transaction folds, or null when the group must go
 * the two-trip way: a market without a file, an event id kept without its
 * hash or with another one (duplicate or conflict is for the database to
 * tell), a case kept under another market or seller (a conflict), a case
 * evicted from the cache (it is stored, but its inputs are gone), or a
 * seller message in a market with strict auto-replies (its flags, and so the
 * fold, depend on messages stored in other cases). Pure.
 */
export function planOneTrip(unique: readonly Prepared[], checked: readonly CheckedMessage[], cases: readonly CaseRow[], cache: FoldCache, marketOf: MarketLookup): OneTripPlan | null {
  const fresh: Prepared[] = [];
  const added = new Map<string, CaseEvent[]>();
  for (let i = 0; i < unique.length; i++) {
    const p = unique[i]!;
    const market = marketOf(p.event.market);
    if (!market) return null;
    if (market.policy.autoReplies === 'strict' && checked[i]!.repeatKey !== null) return null;
    const kept = cache.get(p.event.caseId);
    if (kept) {
      if (kept.inputs.market !== p.event.market || kept.inputs.sellerId !== p.event.sellerId) return null;
      if (kept.inputs.events.some((e) => e.id === p.event.id)) {
        if (kept.hashes.get(p.event.id) !== p.hash) return null;
        continue; // a duplicate of a kept event
      }
    }
    fresh.push(p);
    const list = added.get(p.event.caseId);
    const e = asCaseEvent(p.event, checked[i]!.flags);
    if (list) list.push(e);
    else added.set(p.event.caseId, [e]);
  }
  const known: { id: string; version: number }[] = [];
  const unknown: string[] = [];
  const absences = new Map<string, Expected['absences'][number]>();
  const folded: CaseInputs[] = [];
  for (const c of [...cases].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const events = added.get(c.id);
    if (!events) continue;
    const kept = cache.get(c.id)?.inputs;
    if (!kept && cache.wasEvicted(c.id)) return null; // stored, and its inputs are no longer here
    if (kept && kept.version !== null) known.push({ id: c.id, version: kept.version });
    else unknown.push(c.id);
    const key = `${c.seller_id}\0${c.market}`;
    const dates = absences.get(key)?.dates ?? cache.absencesOf(c.seller_id, c.market) ?? [];
    absences.set(key, { sellerId: c.seller_id, market: c.market, dates });
    folded.push({ ...withEvents(kept ?? emptyCase(c), events), absenceDates: [...dates] });
  }
  return { fresh, folded, expected: { known, unknown, absences: [...absences.values()] } };
}

/**
 * Fails (RB001) unless every expectation holds; run after the locks, before
 * anything is stored. Most sellers have no absence: for them one index probe
 * that finds none; only a seller with absences has its list compared.
 */
export function checkStatement(x: Expected) {
  const none = x.absences.filter((a) => a.dates.length === 0);
  const some = x.absences.filter((a) => a.dates.length > 0);
  return sql<{ fresh: boolean }>`
    SELECT assert_fold_inputs(
      (SELECT count(*) FROM unnest(${x.known.map((k) => k.id)}::text[], ${x.known.map((k) => k.version)}::bigint[]) AS k(id, version)
         JOIN cases c ON c.id = k.id AND c.fold_version = k.version) = ${x.known.length}::int
      AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = ANY (${x.unknown}::text[]))
      AND NOT EXISTS (
        SELECT 1 FROM unnest(${none.map((a) => a.sellerId)}::text[], ${none.map((a) => a.market)}::text[]) AS s(seller_id, market)
        -- a probe per seller (a join could read the whole index, a LIMIT keeps the subquery apart)
        WHERE (SELECT 1 FROM absences a WHERE a.seller_id = s.seller_id AND a.market = s.market AND a.cancelled_at IS NULL LIMIT 1) IS NOT NULL)
      AND NOT EXISTS (
        SELECT 1 FROM unnest(${some.map((a) => a.sellerId)}::text[], ${some.map((a) => a.market)}::text[],
                             ${some.map((a) => JSON.stringify(a.dates))}::text[]) AS s(seller_id, market, dates)
        WHERE coalesce((SELECT jsonb_agg(jsonb_build_array(a.from_date, a.to_date, ${REGISTERED_MS}) ORDER BY a.from_date, a.to_date) FROM absences a
                        WHERE a.seller_id = s.seller_id AND a.market = s.market AND a.cancelled_at IS NULL), '[]'::jsonb) <> s.dates::jsonb),
      'a case or its seller''s absences changed') AS fresh`;
}

/** Stores the group in one round trip, or answers null when it must go the two-trip way; throws StaleInputs when the kept inputs did not hold. */
export async function oneTrip(
  conns: PipelinedPool,
  db: Kysely<Database>,
  marketOf: MarketLookup,
  b: CheckedBatch,
  cache: FoldCache,
  opts: IngestOptions,
): Promise<IngestResult | null> {
  const plan = planOneTrip(b.unique, b.checked, b.cases, cache, marketOf);
  if (!plan) return null;
  if (plan.fresh.length === 0) {
    // Every event is one this process stored, with this content (kept only after its commit; events are never
    // changed or deleted): nothing to store or fold, as the two-trip way would find, without a round trip.
    const none = { takeovers: [], breached: 0, changedCases: 0, stillDue: [], accepted: 0, insertedIds: new Set<string>() };
    return { ...none, duplicates: b.inBatchDuplicates + b.unique.length, roundTrips: 0 };
  }
  const ids = plan.fresh.map((p) => p.event.id);
  const refold = planRefold(plan.folded, marketOf, opts.now, [acceptedAudit(opts.actor, plan.folded.map((f) => f.id), ids)], true);
  const write = writeStatement(refold.writes, opts.now);
  const statements = [
    b.lock,
    checkStatement(plan.expected).compile(db),
    storeStatement(b.unique, b.checked, b.across, b.cases, plan.fresh.length).compile(db),
    ...(write ? [write.compile(db) as CompiledQuery] : []),
  ];
  let rows: unknown[][];
  try {
    rows = await conns.transaction((tx) => tx.once(...statements));
  } catch (err) {
    if ((err as { code?: string }).code === 'RB001') throw new StaleInputs((err as Error).message);
    throw err;
  }
  const stored = rows[2]![0] as StoreRow;
  const result = rows[3]?.[0] as WriteResult | undefined;
  const inserted = new Map(stored.inserted);
  // The flags as stored (with those found across cases, which this fold could do without).
  const folded = plan.folded.map((f) => ({ ...f, events: f.events.map((e) => { const flags = inserted.get(e.id); return flags ? { ...e, flags: flags.map((x) => x.kind) } : e; }) }));
  keepAfterCommit(cache, folded, refold.writes, result, new Map(plan.fresh.map((p) => [p.event.id, p.hash])));
  const insertedIds = new Set(ids);
  return {
    takeovers: result?.takeovers ?? [],
    breached: refold.breached,
    changedCases: refold.changedCases,
    stillDue: refold.stillDue,
    accepted: ids.length,
    duplicates: b.inBatchDuplicates + b.unique.length - ids.length,
    insertedIds,
    roundTrips: 1,
  };
}
