// Table types for Kysely, declared by hand beside sql/ (keep them in step).
import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';

/** timestamptz: read as Date, written as Date or an ISO string. */
type Instant = ColumnType<Date, Date | string, Date | string>;
type DefaultInstant = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type Author = 'buyer' | 'seller' | 'platform';
export type EventType = 'message.created' | 'dispute.opened' | 'reply.waived' | 'case.closed' | 'case.reopened';
export type CaseStatus = 'open' | 'taken_over' | 'closed';
export type ObligationState = 'pending' | 'met' | 'late' | 'breached' | 'cancelled' | 'waived';
/** integration (0009): the marketplace's send path, for POST /v1/checks/message only. */
export type Role = 'admin' | 'compliance' | 'seller' | 'integration';

export interface EventsTable {
  id: string;
  type: EventType;
  occurred_at: Instant;
  received_at: DefaultInstant;
  market: string;
  case_id: string;
  seller_id: string;
  buyer_id: string | null;
  order_id: string | null;
  message_id: string | null;
  author: Author | null;
  automated: boolean | null;
  body: string | null;
  body_purged_at: Instant | null;
  dispute_reason: string | null;
  dispute_note: string | null;
  content_hash: Buffer;
  flags: Json<unknown[]>;
  /** 0005: key of a seller message's normal form (the automated-reply check). */
  repeat_key: ColumnType<Buffer | null, Buffer | null | undefined, never>;
}

export interface CasesTable {
  id: string;
  market: string;
  seller_id: string;
  buyer_id: string | null;
  order_id: string | null;
  status: ColumnType<CaseStatus, CaseStatus | undefined, CaseStatus>;
  takeover_at: Instant | null;
  takeover_reason: string | null;
  last_event_at: Instant | null;
  last_seller_message_at: Instant | null;
  check_at: Instant | null;
  /** 0019: when staff took the case over by hand (POST /v1/cases/{id}/takeover); a fold input. */
  manual_takeover_at: Instant | null;
  created_at: DefaultInstant;
  updated_at: DefaultInstant;
  /** 0013: bumped by every write of a fold's results (the one-trip ingestion checks it). */
  fold_version: ColumnType<string, never, never>;
}

export interface ObligationsTable {
  id: Generated<number>;
  case_id: string;
  market: string;
  seller_id: string;
  request_event_id: string;
  requested_at: Instant;
  due_at: Instant;
  warn_at: Instant;
  answered_at: Instant | null;
  answer_event_id: string | null;
  state: ObligationState;
  decided_at: Instant | null;
  response_minutes: number | null;
  late_by_minutes: number | null;
  calendar_fingerprint: string;
  warned_at: Instant | null;
}

export interface TakeoversTable {
  id: Generated<number>;
  case_id: string;
  market: string;
  seller_id: string;
  at: Instant;
  reason: string;
  withdrawn_at: Instant | null;
  /** 1 when inserted, one more at each change (sql/0017). */
  revision: Generated<number>;
  created_at: DefaultInstant;
  updated_at: DefaultInstant;
}

export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  idempotency_key: string;
  payload: Json<Record<string, unknown>>;
  created_at: DefaultInstant;
  attempts: Generated<number>;
  next_attempt_at: DefaultInstant;
  delivered_at: Instant | null;
  last_error: string | null;
  /** Set, with its reason, when an operator gave the notice up (sql/0016): it is never sent and holds nothing back. */
  discarded_at: Instant | null;
  discard_reason: string | null;
  /** payload->>'caseId', generated (sql/0015): a subject's notices are delivered in id order. */
  subject: GeneratedAlways<string | null>;
}

export interface AbsencesTable {
  id: Generated<string>;
  seller_id: string;
  market: string;
  /** date columns are read as 'YYYY-MM-DD' strings (see the type parser in db/pool.ts). */
  from_date: string;
  to_date: string;
  note: string | null;
  working_days: number;
  notice_days: number;
  compliant: boolean;
  violation: string | null;
  /** The absence this one made with the live ones it adjoined at registration (sql/0012); null if none. */
  continuous_from: string | null;
  continuous_to: string | null;
  continuous_working_days: number | null;
  continuous_violation: string | null;
  created_at: DefaultInstant;
  created_by: string | null;
  cancelled_at: Instant | null;
}

export interface TokensTable {
  id: Generated<string>;
  name: string;
  role: Role;
  seller_id: string | null;
  hash: Buffer;
  created_at: DefaultInstant;
  revoked_at: Instant | null;
  last_used_at: Instant | null;
  /** sql/0020: after this instant the token is refused (null: until revoked). */
  expires_at: Instant | null;
}

export interface ChargesTable {
  id: Generated<string>;
  takeover_id: number;
  case_id: string;
  market: string;
  seller_id: string;
  amount_minor: number;
  currency: string;
  description: string;
  created_at: DefaultInstant;
  created_by: string | null;
  /** The caller's Idempotency-Key, unique per created_by (sql/0018). */
  idempotency_key: string | null;
}

export interface SellerFlagsTable {
  id: Generated<number>;
  seller_id: string;
  market: string;
  kind: string;
  started_at: Instant;
  ended_at: Instant | null;
  evidence: Json<Record<string, unknown>>;
}

export interface AuditTable {
  id: Generated<number>;
  at: DefaultInstant;
  actor: string;
  action: string;
  subject: string | null;
  details: Json<Record<string, unknown>>;
  seq: number | null;
  prev_hash: Buffer | null;
  hash: Buffer | null;
}

export interface Database {
  events: EventsTable;
  cases: CasesTable;
  obligations: ObligationsTable;
  takeovers: TakeoversTable;
  outbox: OutboxTable;
  absences: AbsencesTable;
  tokens: TokensTable;
  charges: ChargesTable;
  seller_flags: SellerFlagsTable;
  audit: AuditTable;
}

export type EventRow = Selectable<EventsTable>;
export type CaseRow = Selectable<CasesTable>;
export type ObligationRow = Selectable<ObligationsTable>;
export type NewObligation = Insertable<ObligationsTable>;
