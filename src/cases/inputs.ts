// Loads what the fold needs for a set of (locked) cases in one round trip:
// the case, its events, its stored obligations and its seller's absences.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { parseDate, wallToInstant } from '../calendar/index.js';
import type { AbsenceWindow, CaseEvent, ObligationState } from '../domain/obligations/index.js';
import { toEpochMs, type Database } from '../db/index.js';

export interface StoredObligation {
  readonly id: number;
  readonly requestEventId: string;
  readonly dueAt: number;
  readonly warnAt: number;
  readonly answeredAt: number | null;
  readonly answerEventId: string | null;
  readonly state: ObligationState;
  readonly decidedAt: number | null;
  readonly fingerprint: string;
  readonly lateByMinutes: number | null;
}

export interface CaseInputs {
  readonly id: string;
  readonly market: string;
  readonly sellerId: string;
  readonly status: string;
  /** The case row's fold_version (sql/0013); null for a case not stored yet. */
  readonly version: number | null;
  readonly takeover: { at: number; reason: string } | null;
  /** The takeover as last notified to the marketplace (it may since have been withdrawn). */
  readonly notified: { at: number; reason: string; withdrawn: boolean } | null;
  readonly checkAt: number | null;
  readonly lastEventAt: number | null;
  readonly lastSellerMessageAt: number | null;
  /** When staff took the case over by hand (sql/0019): the fold keeps that takeover. */
  readonly manualTakeoverAt: number | null;
  readonly events: CaseEvent[];
  readonly obligations: Map<string, StoredObligation>;
  /** Absences as local dates with their registration; turned into instants with the market's zone. */
  readonly absenceDates: AbsenceDates[];
}

/** One case's inputs as the SQL below returns them (instants as epoch ms). */
export interface InputRow {
  id: string;
  market: string;
  seller_id: string;
  status: string;
  version: number | null;
  takeover_at: number | null;
  takeover_reason: string | null;
  check_at: number | null;
  last_event_at: number | null;
  last_seller_message_at: number | null;
  manual_takeover_at: number | null;
  events: [string, CaseEvent['type'], number, CaseEvent['author'], boolean | null, string | null, { kind: string }[]][];
  obligations: [string, number, number, number | null, string | null, ObligationState, number | null, string, number | null, number][];
  absences: AbsenceDates[] | null;
  notified: [number, string, boolean] | null;
}

const ms = toEpochMs;

/**
 * An absence as the fold reads it: its first and last local dates and, in
 * epoch ms, when it was registered. It covers nothing before its
 * registration: an absence registered today from today does not reach back
 * over a deadline already missed this morning (that breach stays a breach).
 */
export type AbsenceDates = readonly [from: string, to: string, registeredAt?: number];

/** The registration instant of absence row `a`, as AbsenceDates carries it (the one-trip check compares the same form). */
export const REGISTERED_MS = sql`(extract(epoch FROM a.created_at) * 1000)::bigint`;

/**
 * The inputs of the cases of relation `k` (columns id, market, seller_id),
 * read in one statement. A case not stored yet (ingestion, before its first
 * insert is visible) comes back open and empty, with its seller's absences;
 * with `storedOnly`, it is left out (k then needs only its ids).
 */
export function inputsOf(k: RawBuilder<unknown>, storedOnly = false): RawBuilder<InputRow> {
  return sql<InputRow>`
    SELECT k.id, coalesce(c.market, k.market) AS market, coalesce(c.seller_id, k.seller_id) AS seller_id, coalesce(c.status, 'open') AS status,
      c.fold_version::float8 AS version,
      ${ms('c.takeover_at')} AS takeover_at, c.takeover_reason,
      ${ms('c.check_at')} AS check_at, ${ms('c.last_event_at')} AS last_event_at, ${ms('c.last_seller_message_at')} AS last_seller_message_at,
      ${ms('c.manual_takeover_at')} AS manual_takeover_at,
      (SELECT coalesce(json_agg(json_build_array(e.id, e.type, ${ms('e.occurred_at')}, e.author, e.automated, e.dispute_reason, e.flags)), '[]')
         FROM events e WHERE e.case_id = k.id) AS events,
      (SELECT coalesce(json_agg(json_build_array(o.request_event_id, ${ms('o.due_at')}, ${ms('o.warn_at')}, ${ms('o.answered_at')}, o.answer_event_id,
                o.state, ${ms('o.decided_at')}, o.calendar_fingerprint, o.late_by_minutes, o.id)), '[]')
         FROM obligations o WHERE o.case_id = k.id) AS obligations,
      (SELECT json_agg(json_build_array(a.from_date, a.to_date, ${REGISTERED_MS}) ORDER BY a.from_date, a.to_date)
         FROM absences a WHERE a.seller_id = coalesce(c.seller_id, k.seller_id) AND a.market = coalesce(c.market, k.market) AND a.cancelled_at IS NULL) AS absences,
      (SELECT json_build_array(${ms('t.at')}, t.reason, t.withdrawn_at IS NOT NULL) FROM takeovers t WHERE t.case_id = k.id) AS notified
    FROM ${k} ${storedOnly ? sql`JOIN` : sql`LEFT JOIN`} cases c ON c.id = k.id`;
}

export async function loadCaseInputs(db: Kysely<Database>, ids: readonly string[]): Promise<CaseInputs[]> {
  if (ids.length === 0) return [];
  const keys = sql`(SELECT unnest(${ids as string[]}::text[]) AS id, NULL::text AS market, NULL::text AS seller_id) k`;
  const { rows } = await inputsOf(keys, true).execute(db);
  return rows.map(toCaseInputs);
}

export function toCaseInputs(r: InputRow): CaseInputs {
  return {
    id: r.id,
    market: r.market,
    sellerId: r.seller_id,
    status: r.status,
    version: r.version,
    takeover: r.takeover_at !== null && r.takeover_reason !== null ? { at: r.takeover_at, reason: r.takeover_reason } : null,
    notified: r.notified ? { at: r.notified[0], reason: r.notified[1], withdrawn: r.notified[2] } : null,
    checkAt: r.check_at,
    lastEventAt: r.last_event_at,
    lastSellerMessageAt: r.last_seller_message_at,
    manualTakeoverAt: r.manual_takeover_at,
    events: r.events.map(([id, type, occurredAt, author, automated, disputeReason, flags]) => ({
      id,
      type,
      occurredAt,
      author,
      automated,
      disputeReason,
      flags: flags.map((f) => f.kind),
    })),
    obligations: new Map(
      r.obligations.map(([requestEventId, dueAt, warnAt, answeredAt, answerEventId, state, decidedAt, fingerprint, lateByMinutes, id]) => [
        requestEventId,
        { id, requestEventId, dueAt, warnAt, answeredAt, answerEventId, state, decidedAt, fingerprint, lateByMinutes },
      ]),
    ),
    absenceDates: r.absences ?? [],
  };
}

/** An absence's local dates as instants: [00:00 of from, 00:00 after to) in the market's zone, starting no earlier than its registration. */
export function absenceWindows(zone: string, dates: readonly AbsenceDates[]): AbsenceWindow[] {
  return dates.map(([from, to, registeredAt]) => {
    const end = wallToInstant(zone, parseDate(to)! + 1, 0);
    const start = wallToInstant(zone, parseDate(from)!, 0);
    return { start: registeredAt === undefined ? start : Math.min(end, Math.max(start, registeredAt)), end };
  });
}
