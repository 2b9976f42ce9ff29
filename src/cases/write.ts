// Writes fold results for locked cases in one statement: case rows,
// changed obligations, vanished obligations, new takeovers with their outbox
// notifications, and audit rows.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { fromEpochMs, type Database } from '../db/index.js';
import type { TakeoverNotice } from '../domain/obligations/index.js';

// Instants go to the database as epoch milliseconds (db/instants.ts;
// measured: ISO strings were 3% of the server's ingestion time).
export interface CaseUpdate {
  id: string;
  status: string;
  takeover_at: number | null;
  takeover_reason: string | null;
  check_at: number | null;
  last_event_at: number | null;
  last_seller_message_at: number | null;
}

export interface ObligationUpsert {
  /** Set for an obligation already stored: it is updated by id; otherwise inserted. */
  id: number | null;
  case_id: string;
  market: string;
  seller_id: string;
  request_event_id: string;
  requested_at: number;
  due_at: number;
  warn_at: number;
  answered_at: number | null;
  answer_event_id: string | null;
  state: string;
  decided_at: number | null;
  response_minutes: number | null;
  late_by_minutes: number | null;
  calendar_fingerprint: string;
}

export interface AuditEntry {
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
}

export interface CaseWrites {
  cases: CaseUpdate[];
  obligations: ObligationUpsert[];
  /** Per case, the request event ids whose obligations remain; others are deleted. */
  keep: { case_id: string; keep: string[] }[];
  /** Takeover rows to insert or update, each with the notification it sends. */
  takeovers: TakeoverWrite[];
  audit: AuditEntry[];
}


export interface TakeoverWrite {
  case_id: string;
  market: string;
  seller_id: string;
  at: string;
  reason: string;
  withdrawn: boolean;
  notice: TakeoverNotice;
}

export interface WrittenTakeover {
  notice: TakeoverNotice;
  id: number;
  case_id: string;
  market: string;
  seller_id: string;
  at: string;
  reason: string;
  /** 1 for a new takeover row, one more at each change (its notices' keys carry it from 2 on). */
  revision: number;
}

const json = (v: unknown) => JSON.stringify(v);

const at = fromEpochMs;

// Rows to UPDATE or DELETE are read by key from their index (`= ANY (keys)`)
// and each finds its new values in a jsonb object keyed the same way (one
// lookup, a binary search), not by joining the table to a json_to_recordset:
// the planner cannot see how many rows a json_to_recordset holds (it assumes
// 100), so with hash joins it would read the whole table, and without them
// (the ingestion connections, db/pipelined.ts) it would compare every row of
// the batch with every other, quadratic in the batch (measured: 60% of the
// database's time for groups of 400 events).
const byKey = <T>(rows: readonly T[], key: (r: T) => string | number) => json(Object.fromEntries(rows.map((r) => [String(key(r)), r])));

/** What the write statement answers: the takeovers it wrote, and the ids of the obligations it inserted ([case id, request event id, id]). */
export interface WriteResult {
  takeovers: WrittenTakeover[] | null;
  obligation_ids: [string, string, number][] | null;
}

/** The one statement that writes `w` (null when there is nothing to write); its row lists what it wrote. */
export function writeStatement(w: CaseWrites, now: number): RawBuilder<WriteResult> | null {
  // Only the parts with rows go into the statement: a single event usually
  // needs a case update, one obligation and one audit row, nothing more.
  const ctes: RawBuilder<unknown>[] = [];
  if (w.cases.length > 0) {
    ctes.push(sql`upd AS (
      UPDATE cases c SET (status, takeover_at, takeover_reason, check_at, last_event_at, last_seller_message_at, updated_at, fold_version) = (
        SELECT x.status, ${at('x.takeover_at')}, x.takeover_reason, ${at('x.check_at')}, ${at('x.last_event_at')}, ${at('x.last_seller_message_at')}, now(),
          c.fold_version + 1
        FROM jsonb_to_record(${byKey(w.cases, (c) => c.id)}::jsonb -> c.id) AS x(status text, takeover_at float8, takeover_reason text,
          check_at float8, last_event_at float8, last_seller_message_at float8))
      WHERE c.id = ANY (${w.cases.map((c) => c.id)}::text[]))`);
  }
  if (w.keep.length > 0) {
    ctes.push(sql`del AS (
      DELETE FROM obligations o
      WHERE o.case_id = ANY (${w.keep.map((k) => k.case_id)}::text[])
        AND NOT (o.request_event_id = ANY (ARRAY(SELECT jsonb_array_elements_text(${byKey(w.keep, (k) => k.case_id)}::jsonb -> o.case_id -> 'keep')))))`);
  }
  const changed = w.obligations.filter((o) => o.id !== null);
  const added = w.obligations.filter((o) => o.id === null);
  if (changed.length > 0) {
    ctes.push(sql`oblu AS (
      UPDATE obligations o SET (requested_at, due_at, warn_at, answered_at, answer_event_id, state, decided_at, response_minutes,
          late_by_minutes, calendar_fingerprint) = (
        SELECT ${at('x.requested_at')}, ${at('x.due_at')}, ${at('x.warn_at')}, ${at('x.answered_at')}, x.answer_event_id, x.state, ${at('x.decided_at')},
          x.response_minutes, x.late_by_minutes, x.calendar_fingerprint
        FROM jsonb_to_record(${byKey(changed, (o) => o.id!)}::jsonb -> o.id::text) AS x(requested_at float8, due_at float8,
          warn_at float8, answered_at float8, answer_event_id text, state text, decided_at float8, response_minutes float8,
          late_by_minutes float8, calendar_fingerprint text))
      WHERE o.id = ANY (${changed.map((o) => o.id!)}::bigint[]))`);
  }
  if (added.length > 0) {
    ctes.push(sql`obli AS (
      INSERT INTO obligations (case_id, market, seller_id, request_event_id, requested_at, due_at, warn_at, answered_at, answer_event_id,
        state, decided_at, response_minutes, late_by_minutes, calendar_fingerprint)
      SELECT case_id, market, seller_id, request_event_id, ${at('requested_at')}, ${at('due_at')}, ${at('warn_at')}, ${at('answered_at')}, answer_event_id,
        state, ${at('decided_at')}, response_minutes, late_by_minutes, calendar_fingerprint
      FROM json_to_recordset(${json(added)}::json) AS x(case_id text, market text, seller_id text, request_event_id text,
        requested_at float8, due_at float8, warn_at float8, answered_at float8, answer_event_id text, state text,
        decided_at float8, response_minutes float8, late_by_minutes float8, calendar_fingerprint text)
      ON CONFLICT (case_id, request_event_id) DO UPDATE SET requested_at = EXCLUDED.requested_at, due_at = EXCLUDED.due_at,
        warn_at = EXCLUDED.warn_at, answered_at = EXCLUDED.answered_at, answer_event_id = EXCLUDED.answer_event_id, state = EXCLUDED.state,
        decided_at = EXCLUDED.decided_at, response_minutes = EXCLUDED.response_minutes, late_by_minutes = EXCLUDED.late_by_minutes,
        calendar_fingerprint = EXCLUDED.calendar_fingerprint
      RETURNING id, case_id, request_event_id)`);
  }
  const takeovers = w.takeovers.length > 0;
  if (takeovers) {
    ctes.push(
      sql`tx AS (SELECT * FROM json_to_recordset(${json(w.takeovers)}::json)
           AS x(case_id text, market text, seller_id text, at timestamptz, reason text, withdrawn boolean, notice text))`,
      sql`tko AS (
      INSERT INTO takeovers (case_id, market, seller_id, at, reason, withdrawn_at)
      SELECT case_id, market, seller_id, at, reason, CASE WHEN withdrawn THEN now() END FROM tx
      ON CONFLICT (case_id) DO UPDATE SET at = EXCLUDED.at, reason = EXCLUDED.reason, withdrawn_at = EXCLUDED.withdrawn_at, updated_at = now(),
        revision = takeovers.revision + 1
      RETURNING id, case_id, market, seller_id, iso_ms(at) AS at, reason, revision)`,
      sql`written AS (SELECT ${byKey(w.takeovers, (t) => t.case_id)}::jsonb -> tko.case_id ->> 'notice' AS notice, tko.* FROM tko)`,
      sql`notice AS (
      INSERT INTO outbox (kind, idempotency_key, payload, next_attempt_at)
      SELECT w.notice, w.notice || ':' || w.case_id || ':' || w.at || ':' || w.reason || CASE WHEN w.revision > 1 THEN ':' || w.revision ELSE '' END,
        jsonb_build_object('type', w.notice, 'takeoverId', w.id, 'caseId', w.case_id, 'market', w.market,
          'sellerId', w.seller_id, 'at', w.at, 'reason', w.reason), ${new Date(now)}::timestamptz
      FROM written w
      ON CONFLICT (idempotency_key) DO NOTHING)`,
    );
  }
  if (w.audit.length > 0 || takeovers) {
    const given = sql`SELECT x.actor, x.action, x.subject, x.details FROM json_to_recordset(${json(w.audit)}::json) AS x(actor text, action text, subject text, details jsonb)`;
    // One audit row per kind of notice in this write, listing every case it concerns.
    const notices = sql`SELECT 'system', w.notice, CASE WHEN count(*) = 1 THEN min(w.case_id) END,
      jsonb_build_object('takeovers', jsonb_agg(jsonb_build_object('caseId', w.case_id, 'takeoverId', w.id, 'at', w.at, 'reason', w.reason) ORDER BY w.case_id))
      FROM written w GROUP BY w.notice`;
    ctes.push(sql`aud AS (INSERT INTO audit (actor, action, subject, details) ${takeovers ? sql`${given} UNION ALL ${notices}` : given})`);
  }
  if (ctes.length === 0) return null;
  const result = sql`SELECT ${takeovers ? sql`(SELECT json_agg(written) FROM written)` : sql`NULL::json`} AS takeovers,
    ${added.length > 0 ? sql`(SELECT json_agg(json_build_array(obli.case_id, obli.request_event_id, obli.id)) FROM obli)` : sql`NULL::json`} AS obligation_ids`;
  return sql<WriteResult>`WITH ${sql.join(ctes, sql`, `)} ${result}`;
}

export async function writeCaseResults(db: Kysely<Database>, w: CaseWrites, now: number): Promise<WrittenTakeover[]> {
  const statement = writeStatement(w, now);
  if (!statement) return [];
  const { rows } = await statement.execute(db);
  return rows[0]?.takeovers ?? [];
}
