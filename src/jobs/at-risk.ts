// At-risk warnings (issue 4.4): each pending obligation past its warn_at (and
// not yet due) gets one obligation.at_risk notification through the outbox.
// Rows are claimed with FOR UPDATE SKIP LOCKED, marked warned_at and given
// their outbox row in the same transaction, so several instances never warn
// twice; the outbox key (case id + request event id) guards replays too.
// Each case is try-locked as ingestion and the sweep lock it (a case another
// transaction holds is warned at a later sweep): a takeover notice of the
// case is then queued wholly before or wholly after the warning, never with
// an earlier outbox id committed later, so the outbox, which delivers a
// case's notices in id order, never sends obligation.at_risk after the
// case.taken_over that ended the obligation.
// Index: obligations_pending_warn (warn_at) WHERE state = 'pending' AND warned_at IS NULL.
import { sql, type Kysely } from 'kysely';
import type { MarketLookup } from '../cases/index.js';
import type { Database } from '../db/index.js';
import { atRiskKey, atRiskPayload, type AtRiskObligation } from '../domain/reports/index.js';

interface Row {
  id: number;
  case_id: string;
  market: string;
  seller_id: string;
  request_event_id: string;
  requested_at: Date;
  warn_at: Date;
  due_at: Date;
}

export async function sendAtRiskWarnings(db: Kysely<Database>, marketOf: MarketLookup, now: number, batch = 500): Promise<{ warned: number }> {
  let warned = 0;
  for (;;) {
    const claimed = await db.transaction().execute(async (tx) => {
      const { rows } = await sql<Row>`
        SELECT id, case_id, market, seller_id, request_event_id, requested_at, warn_at, due_at FROM obligations
        WHERE state = 'pending' AND warned_at IS NULL AND warn_at <= ${new Date(now)} AND due_at > ${new Date(now)}
          AND pg_try_advisory_xact_lock(hashtextextended(case_id, 42))
        ORDER BY warn_at LIMIT ${batch}
        FOR UPDATE SKIP LOCKED`.execute(tx);
      if (rows.length === 0) return 0;
      const notices = rows.map((r) => {
        const o: AtRiskObligation = {
          id: r.id,
          caseId: r.case_id,
          market: r.market,
          sellerId: r.seller_id,
          requestEventId: r.request_event_id,
          requestedAt: r.requested_at.getTime(),
          warnAt: r.warn_at.getTime(),
          dueAt: r.due_at.getTime(),
        };
        const schedule = marketOf(o.market)?.schedule;
        const remaining = schedule ? schedule.workingMinutes(now, o.dueAt) : (o.dueAt - now) / 60_000;
        return { id: o.id, case_id: o.caseId, key: atRiskKey(o), payload: atRiskPayload(o, remaining) };
      });
      await sql`
        WITH x AS (SELECT * FROM json_to_recordset(${JSON.stringify(notices)}::json) AS x(id bigint, case_id text, key text, payload jsonb)),
        upd AS (UPDATE obligations o SET warned_at = ${new Date(now)} FROM x WHERE o.id = x.id AND o.id = ANY (${notices.map((n) => n.id)}::bigint[])),
        ob AS (
          INSERT INTO outbox (kind, idempotency_key, payload, next_attempt_at)
          SELECT 'obligation.at_risk', x.key, x.payload, ${new Date(now)}::timestamptz FROM x
          ON CONFLICT (idempotency_key) DO NOTHING
        )
        INSERT INTO audit (actor, action, subject, details)
        SELECT 'system', 'obligation.at_risk', x.case_id, x.payload - 'type' FROM x`.execute(tx);
      return rows.length;
    });
    warned += claimed;
    if (claimed < batch) return { warned };
  }
}
