// Absent-seller flags (issue 4.3). The evidence of every seller who has a
// breached obligation or an open absent episode is read in one query (its
// cost follows those sellers: see BreachScan); the
// pure rule (domain/reports absentVerdict) decides; episodes are opened and
// closed in seller_flags, and each new episode writes ONE seller.flagged
// outbox row (keyed by the episode id) in the same statement. The pass runs
// under a transaction-level advisory lock: with several instances one does
// it and the others skip, so an episode is never opened twice or reopened
// from a stale read (the unique open-episode index backs this up).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { MarketLookup } from '../cases/index.js';
import { toEpochMs, type Database } from '../db/index.js';
import { absentVerdict, type AbsentVerdict } from '../domain/reports/index.js';

/** Advisory lock (two-int key space, apart from the per-case bigint locks): issue 4, absent-seller pass. */
const LOCK = sql`4, 1`;

export interface SellerEvidence {
  market: string;
  sellerId: string;
  oldestBreached: { caseId: string; dueAt: number; obligationId: number } | null;
  lastSellerMessageAt: number | null;
  /** Breached obligations, all due before the last message (so none is evidence of absence). */
  breachedBeforeLastMessage: boolean;
  openFlag: { id: number; startedAt: number } | null;
}

/** Instants as epoch milliseconds: the pass reads a row per seller, and pg's Date parsing was a third of its time. */
interface Row {
  market: string;
  seller_id: string;
  case_id: string | null;
  due_at: number | null;
  obligation_id: number | null;
  last_message_at: number | null;
  breached_before: boolean;
  flag_id: number | null;
  started_at: number | null;
}

/** Restricts a query of obligations or seller_flags to one market (or none). */
const inMarketOf = (market?: string) => (market !== undefined ? sql`AND market = ${market}` : sql``);

/**
 * How each seller's oldest breach is found in obligations_market_seller_breached:
 * - 'probe': a recursive "loose index scan" skips from seller to seller, one
 *   index descent each: the cost follows the sellers with a breach, however
 *   long their history (breached obligations accumulate: a case taken over
 *   stays breached);
 * - 'read': the index is read in order and the first entry of each seller
 *   kept: the cost follows the breached obligations.
 */
export type BreachScan = 'probe' | 'read';

/**
 * Reading is cheaper while sellers have few breaches each: a descent cost
 * about as much as reading 25 entries in order (measured on 20,000 sellers
 * with two breaches each: 160 ms probing, 14 ms reading). Read while the
 * index holds at most 20 entries per seller with a breach (as the last pass
 * found them), or 20,000 in all; probe otherwise, and when the index's size
 * is unknown (never analysed). Either way the answer is the same. Pure.
 */
export function chooseBreachScan(breachedEntries: number | null, sellersLastSeen: number | null): BreachScan {
  if (breachedEntries === null || breachedEntries < 0) return 'probe';
  return breachedEntries <= Math.max(20_000, 20 * (sellersLastSeen ?? 0)) ? 'read' : 'probe';
}

/** Each seller's oldest breached obligation (one row per market and seller, in market and seller order). */
export function oldestBreachedPerSeller(scan: BreachScan, market?: string): RawBuilder<{ market: string; seller_id: string; case_id: string; due_at: Date; id: number }> {
  const inMarket = inMarketOf(market);
  if (scan === 'read') {
    return sql`
      SELECT DISTINCT ON (market, seller_id) market, seller_id, case_id, due_at, id FROM obligations
      WHERE state = 'breached' ${inMarket}
      ORDER BY market, seller_id, due_at, id`;
  }
  const first = (after: RawBuilder<unknown>) => sql`
    SELECT market, seller_id, case_id, due_at, id FROM obligations
    WHERE state = 'breached' ${inMarket} ${after}
    ORDER BY market, seller_id, due_at, id LIMIT 1`;
  return sql`
    WITH RECURSIVE breached AS (
      (${first(sql``)})
      UNION ALL
      SELECT n.* FROM breached b CROSS JOIN LATERAL (${first(sql`AND (market, seller_id) > (b.market, b.seller_id)`)}) n
    )
    SELECT * FROM breached`;
}

/**
 * Sellers with a breached obligation or an open absent episode, with their
 * evidence: the last message they wrote, and the oldest breach SINCE it (a
 * deadline missed after they were last seen). A breach before their last
 * message no longer says they are away: they were back after it, and a case
 * taken over stays breached for good, so an old breach would flag a seller
 * after every quiet spell, with nobody waiting for them. Indexes:
 * obligations_market_seller_breached, seller_flags_open,
 * events_seller_replies. (A full join: a union of the sellers joined back to
 * both lists cost a third more.)
 */
export function evidenceQuery(now: number, scan: BreachScan, market?: string): RawBuilder<Row> {
  const inMarket = inMarketOf(market);
  return sql<Row>`
    WITH breached AS (${oldestBreachedPerSeller(scan, market)}),
    open AS (SELECT id, market, seller_id, started_at FROM seller_flags WHERE kind = 'absent' AND ended_at IS NULL ${inMarket}),
    w AS (
      SELECT coalesce(b.market, o.market) AS market, coalesce(b.seller_id, o.seller_id) AS seller_id, b.case_id, b.due_at, b.id AS obligation_id,
        o.id AS flag_id, o.started_at
      FROM breached b FULL JOIN open o ON o.market = b.market AND o.seller_id = b.seller_id),
    l AS (
      SELECT w.*, (SELECT max(e.occurred_at) FROM events e
        WHERE e.seller_id = w.seller_id AND e.market = w.market AND e.type = 'message.created' AND e.author = 'seller'
          AND e.automated IS NOT TRUE AND e.occurred_at <= ${new Date(now)}) AS last_at
      FROM w)
    SELECT l.market, l.seller_id, q.case_id, ${toEpochMs('q.due_at')} AS due_at, q.id AS obligation_id, l.flag_id, ${toEpochMs('l.started_at')} AS started_at,
      ${toEpochMs('l.last_at')} AS last_message_at, (l.due_at IS NOT NULL AND q.id IS NULL) AS breached_before
    FROM l LEFT JOIN LATERAL (
      -- The oldest breach when it is after the last message; otherwise one index probe past the last message.
      SELECT l.case_id, l.due_at, l.obligation_id AS id WHERE l.due_at > coalesce(l.last_at, '-infinity')
      UNION ALL
      (SELECT o.case_id, o.due_at, o.id FROM obligations o
        WHERE l.due_at <= l.last_at AND o.state = 'breached' AND o.market = l.market AND o.seller_id = l.seller_id AND o.due_at > l.last_at
        ORDER BY o.due_at, o.id LIMIT 1)
    ) q ON true
    ORDER BY l.market, l.seller_id COLLATE "C"`;
}

/** Sellers with a breach found by the last read, per market ('' for all): what chooseBreachScan weighs the index against. */
const sellersSeen = new Map<string, number>();

export async function sellerEvidence(db: Kysely<Database>, now: number, market?: string): Promise<SellerEvidence[]> {
  const { rows: size } = await sql<{ entries: number | null }>`
    SELECT reltuples::float8 AS entries FROM pg_class WHERE oid = to_regclass('obligations_market_seller_breached')`.execute(db);
  const scan = chooseBreachScan(size[0]?.entries ?? null, sellersSeen.get(market ?? '') ?? null);
  const { rows } = await evidenceQuery(now, scan, market).execute(db);
  const evidence = rows.map((r) => ({
    market: r.market,
    sellerId: r.seller_id,
    oldestBreached: r.case_id !== null && r.due_at !== null && r.obligation_id !== null ? { caseId: r.case_id, dueAt: r.due_at, obligationId: r.obligation_id } : null,
    lastSellerMessageAt: r.last_message_at,
    breachedBeforeLastMessage: r.breached_before,
    openFlag: r.flag_id !== null && r.started_at !== null ? { id: r.flag_id, startedAt: r.started_at } : null,
  }));
  sellersSeen.set(market ?? '', evidence.filter((e) => e.oldestBreached !== null || e.breachedBeforeLastMessage).length);
  return evidence;
}

/** The rule applied with the seller's market; null when the market file is gone. */
export function verdictFor(e: SellerEvidence, marketOf: MarketLookup, now: number): AbsentVerdict | null {
  const m = marketOf(e.market);
  if (!m) return null;
  return absentVerdict(e, m.policy.absentAfterMinutes, m.schedule.due, now);
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function evidenceJson(e: SellerEvidence, absentAfterMinutes: number | null) {
  return {
    oldestBreached: e.oldestBreached ? { caseId: e.oldestBreached.caseId, obligationId: e.oldestBreached.obligationId, dueAt: new Date(e.oldestBreached.dueAt).toISOString() } : null,
    lastSellerMessageAt: iso(e.lastSellerMessageAt),
    ...(absentAfterMinutes !== null ? { absentAfterMinutes } : {}),
  };
}

export interface AbsentPassResult {
  flagged: number;
  cleared: number;
  /** True when another instance held the pass. */
  skipped: boolean;
}

export async function flagAbsentSellers(db: Kysely<Database>, marketOf: MarketLookup, now: number): Promise<AbsentPassResult> {
  return db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${LOCK}) AS locked`.execute(tx);
    if (!rows[0]?.locked) return { flagged: 0, cleared: 0, skipped: true };
    const opens: object[] = [];
    const closes: { id: number; ended: object }[] = [];
    for (const e of await sellerEvidence(tx, now)) {
      const v = verdictFor(e, marketOf, now);
      if (!v) continue;
      if (v.absent && !e.openFlag) {
        opens.push({
          seller_id: e.sellerId,
          market: e.market,
          started_at: iso(v.since),
          evidence: { ...evidenceJson(e, marketOf(e.market)!.policy.absentAfterMinutes), silentFrom: iso(v.silentFrom) },
        });
      } else if (!v.absent && e.openFlag) {
        closes.push({ id: e.openFlag.id, ended: { endedBecause: v.reason, lastSellerMessageAt: iso(e.lastSellerMessageAt) } });
      }
    }
    if (opens.length + closes.length === 0) return { flagged: 0, cleared: 0, skipped: false };
    const { rows: done } = await episodesWrite(opens, closes, now).execute(tx);
    return { flagged: done[0]?.flagged ?? 0, cleared: done[0]?.cleared ?? 0, skipped: false };
  });
}

/** Opens and closes episodes in one statement, with their outbox and audit rows. */
function episodesWrite(opens: readonly object[], closes: readonly { id: number; ended: object }[], now: number) {
  const at = new Date(now);
  return sql<{ flagged: number; cleared: number }>`
    WITH
    ins AS (
      INSERT INTO seller_flags (seller_id, market, kind, started_at, evidence)
      SELECT x.seller_id, x.market, 'absent', x.started_at, x.evidence
      FROM json_to_recordset(${JSON.stringify(opens)}::json) AS x(seller_id text, market text, started_at timestamptz, evidence jsonb)
      ON CONFLICT (seller_id, market, kind) WHERE ended_at IS NULL DO NOTHING
      RETURNING id, seller_id, market, iso_ms(started_at) AS since, evidence
    ),
    ob AS (
      INSERT INTO outbox (kind, idempotency_key, payload, next_attempt_at)
      SELECT 'seller.flagged', 'seller.flagged:absent:' || ins.id,
        jsonb_build_object('type', 'seller.flagged', 'flagId', ins.id, 'kind', 'absent', 'sellerId', ins.seller_id, 'market', ins.market,
          'since', ins.since, 'evidence', ins.evidence), ${at}::timestamptz
      FROM ins
      ON CONFLICT (idempotency_key) DO NOTHING
    ),
    upd AS (
      UPDATE seller_flags f SET ended_at = ${at}, evidence = f.evidence || x.ended
      FROM json_to_recordset(${JSON.stringify(closes)}::json) AS x(id bigint, ended jsonb)
      WHERE f.id = x.id AND f.id = ANY (${closes.map((c) => c.id)}::bigint[]) AND f.ended_at IS NULL
      RETURNING f.id, f.seller_id, f.market, x.ended
    ),
    aud AS (
      INSERT INTO audit (actor, action, subject, details)
      SELECT 'system', 'seller.flagged', ins.seller_id, jsonb_build_object('flagId', ins.id, 'kind', 'absent', 'market', ins.market, 'since', ins.since, 'evidence', ins.evidence) FROM ins
      UNION ALL
      SELECT 'system', 'seller.unflagged', upd.seller_id, jsonb_build_object('flagId', upd.id, 'kind', 'absent', 'market', upd.market) || upd.ended FROM upd
    )
    SELECT (SELECT count(*) FROM ins) AS flagged, (SELECT count(*) FROM upd) AS cleared`;
}
