// Stores a batch of events and refolds their cases in one transaction; the
// caller acknowledges only after it commits. All or nothing: a conflict rolls
// everything back.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { contentHash, type IncomingEvent } from './incoming.js';
import { refoldLockedCases, type MarketLookup, type RefoldResult } from './refold.js';

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
  /** Once per batch, in the transaction, before the insert: the flags that depend on stored events. */
  readonly acrossCases: (tx: Kysely<Database>, batch: readonly { event: IncomingEvent; checked: CheckedMessage }[]) => Promise<readonly CheckedMessage[]>;
}

const NO_CHECKS: MessageChecks = {
  check: () => ({ flags: [], repeatKey: null }),
  acrossCases: async (_tx, batch) => batch.map((b) => b.checked),
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

/** In-batch checks: repeated ids (duplicate or conflict) and cases that change market or seller. */
function prepare(events: readonly IncomingEvent[]): { unique: Prepared[]; inBatchDuplicates: number } {
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
    cases.set(event.caseId, event);
    byId.set(event.id, { event, index, hash });
  });
  return { unique: [...byId.values()], inBatchDuplicates };
}

interface StoreRow {
  inserted: string[];
  existing: [string, string][];
  stored_cases: [string, string, string][];
}

async function storeEvents(tx: Kysely<Database>, unique: Prepared[], checked: readonly CheckedMessage[]): Promise<StoreRow> {
  const cases = new Map<string, object>();
  const events = unique.map(({ event: e, hash }, i) => {
    if (!cases.has(e.caseId)) cases.set(e.caseId, { id: e.caseId, market: e.market, seller_id: e.sellerId, buyer_id: e.buyerId, order_id: e.orderId });
    return {
      id: e.id,
      type: e.type,
      occurred_at: new Date(e.occurredAt).toISOString(),
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
    };
  });
  // Locks: first the sellers' absence locks (shared; registering an absence
  // takes its seller's exclusively, then case locks), then the cases in id
  // order, and each case's events are inserted only after its lock (the join
  // on lk), so concurrent batches and absence registrations cannot deadlock,
  // and no batch folds with an absence list that is being changed.
  const { rows } = await sql<StoreRow>`
    WITH
    ic AS (SELECT * FROM json_to_recordset(${JSON.stringify([...cases.values()])}::json)
           AS x(id text, market text, seller_id text, buyer_id text, order_id text)),
    sl AS (SELECT pg_advisory_xact_lock_shared(hashtext('replyby.absences'), hashtext(s.seller_id || E'\n' || s.market)) AS locked
           FROM (SELECT DISTINCT seller_id, market FROM ic ORDER BY 1, 2) s),
    lk AS (SELECT s.id, pg_advisory_xact_lock(hashtextextended(s.id, 42)) AS locked FROM (SELECT id FROM ic ORDER BY id) s
           WHERE (SELECT count(*) FROM sl) >= 0),
    nc AS (INSERT INTO cases (id, market, seller_id, buyer_id, order_id)
           SELECT ic.id, ic.market, ic.seller_id, ic.buyer_id, ic.order_id FROM ic JOIN lk USING (id)
           ON CONFLICT (id) DO NOTHING),
    ie AS (SELECT * FROM json_to_recordset(${JSON.stringify(events)}::json)
           AS x(id text, type text, occurred_at timestamptz, market text, case_id text, seller_id text, buyer_id text, order_id text,
                message_id text, author text, automated boolean, body text, dispute_reason text, dispute_note text, content_hash text, flags jsonb, repeat_key text)),
    ne AS (INSERT INTO events (id, type, occurred_at, market, case_id, seller_id, buyer_id, order_id, message_id, author, automated, body,
                               dispute_reason, dispute_note, content_hash, flags, repeat_key)
           SELECT ie.id, ie.type, ie.occurred_at, ie.market, ie.case_id, ie.seller_id, ie.buyer_id, ie.order_id, ie.message_id, ie.author,
                  ie.automated, ie.body, ie.dispute_reason, ie.dispute_note, decode(ie.content_hash, 'hex'), ie.flags,
                  decode(ie.repeat_key, 'hex')
           FROM ie JOIN lk ON lk.id = ie.case_id ORDER BY ie.id
           ON CONFLICT (id) DO NOTHING RETURNING id)
    SELECT
      (SELECT coalesce(json_agg(ne.id), '[]') FROM ne) AS inserted,
      (SELECT coalesce(json_agg(json_build_array(e.id, encode(e.content_hash, 'hex'))), '[]') FROM events e WHERE e.id = ANY (${events.map((e) => e.id)}::text[])) AS existing,
      (SELECT coalesce(json_agg(json_build_array(c.id, c.market, c.seller_id)), '[]') FROM cases c WHERE c.id = ANY (${[...cases.keys()]}::text[])) AS stored_cases`.execute(tx);
  return rows[0]!;
}

class Vanished extends Error {}

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

export async function ingestEvents(
  db: Kysely<Database>,
  marketOf: MarketLookup,
  events: readonly IncomingEvent[],
  opts: { now: number; actor: string; checks?: MessageChecks },
): Promise<IngestResult> {
  const { unique, inBatchDuplicates } = prepare(events);
  const checks = opts.checks ?? NO_CHECKS;
  const batch = unique.map((p) => ({ event: p.event, checked: checks.check(p.event) }));
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (tx) => {
        const stored = await storeEvents(tx, unique, await checks.acrossCases(tx, batch));
        const inserted = new Set(stored.inserted);
        const existing = new Map(stored.existing);
        const casesById = new Map(stored.stored_cases.map(([id, market, seller]) => [id, { market, seller }]));
        for (const p of unique) {
          const c = casesById.get(p.event.caseId);
          if (c && (c.market !== p.event.market || c.seller !== p.event.sellerId)) {
            throw new IngestConflict(p.index, c.market !== p.event.market ? 'market' : 'sellerId', `case ${p.event.caseId} belongs to market ${c.market} and seller ${c.seller}`);
          }
          if (inserted.has(p.event.id)) continue;
          const hash = existing.get(p.event.id);
          if (hash === undefined) throw new Vanished(); // stored by a concurrent transaction after our snapshot
          if (hash !== p.hash) throw new IngestConflict(p.index, 'id', `event ${p.event.id} was already received with different content`);
        }
        const affected = [...new Set(unique.filter((p) => inserted.has(p.event.id)).map((p) => p.event.caseId))].sort();
        const duplicates = inBatchDuplicates + unique.length - inserted.size;
        if (affected.length === 0) return { accepted: 0, duplicates, takeovers: [], breached: 0, changedCases: 0, stillDue: [], insertedIds: inserted };
        const ids = unique.filter((p) => inserted.has(p.event.id)).map((p) => p.event.id);
        const refold = await refoldLockedCases(tx, marketOf, affected, opts.now, [
          { actor: opts.actor, action: 'events.accepted', subject: affected.length === 1 ? affected[0]! : null, details: { count: ids.length, ids: ids.slice(0, 1000) } },
        ]);
        return { ...refold, accepted: inserted.size, duplicates, insertedIds: inserted };
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt < 3 && (err instanceof Vanished || (code !== undefined && RETRYABLE.has(code)))) continue;
      throw err;
    }
  }
}
