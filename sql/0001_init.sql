-- replyby schema, version 1. Instants are timestamptz; local dates are date.

-- An instant as the service writes it on the wire: UTC with milliseconds.
CREATE FUNCTION iso_ms(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- Helpdesk events as received: append-only (see the trigger below).
CREATE TABLE events (
  id              text PRIMARY KEY,
  type            text NOT NULL CHECK (type IN ('message.created', 'dispute.opened', 'reply.waived', 'case.closed', 'case.reopened')),
  occurred_at     timestamptz NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now(),
  market          text NOT NULL,
  case_id         text NOT NULL,
  seller_id       text NOT NULL,
  buyer_id        text,
  order_id        text,
  message_id      text,
  author          text CHECK (author IN ('buyer', 'seller', 'platform')),
  automated       boolean,
  body            text,
  body_purged_at  timestamptz,
  dispute_reason  text,
  dispute_note    text,
  -- SHA-256 of the canonical event: the same id with other content is a conflict.
  content_hash    bytea NOT NULL,
  -- Message checks computed once at ingestion (contact sharing, language, repeats).
  flags           jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX events_case ON events (case_id, occurred_at);
CREATE INDEX events_seller_messages ON events (seller_id, occurred_at) WHERE type = 'message.created' AND author = 'seller';
CREATE INDEX events_retention ON events (market, occurred_at) WHERE body IS NOT NULL;

-- The folded state of each case; check_at is the next instant at which the
-- fold changes without a new event (a deadline or an absence start).
CREATE TABLE cases (
  id                      text PRIMARY KEY,
  market                  text NOT NULL,
  seller_id               text NOT NULL,
  buyer_id                text,
  order_id                text,
  status                  text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'taken_over', 'closed')),
  takeover_at             timestamptz,
  takeover_reason         text,
  last_event_at           timestamptz,
  last_seller_message_at  timestamptz,
  check_at                timestamptz,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_check_at ON cases (check_at) WHERE check_at IS NOT NULL;
CREATE INDEX cases_seller ON cases (seller_id, market);
CREATE INDEX cases_market_status ON cases (market, status);

-- One reply obligation per buyer message that opened one (CONTRACT §5).
CREATE TABLE obligations (
  id                    bigserial PRIMARY KEY,
  case_id               text NOT NULL REFERENCES cases (id),
  market                text NOT NULL,
  seller_id             text NOT NULL,
  request_event_id      text NOT NULL,
  requested_at          timestamptz NOT NULL,
  due_at                timestamptz NOT NULL,
  warn_at               timestamptz NOT NULL,
  answered_at           timestamptz,
  answer_event_id       text,
  state                 text NOT NULL CHECK (state IN ('pending', 'met', 'late', 'breached', 'cancelled', 'waived')),
  decided_at            timestamptz,
  -- Working minutes from requested_at to answered_at, and from due_at to answered_at when late.
  response_minutes      double precision,
  late_by_minutes       double precision,
  -- The market file version the deadline was computed under; decided outcomes keep it.
  calendar_fingerprint  text NOT NULL,
  warned_at             timestamptz,
  UNIQUE (case_id, request_event_id)
);
CREATE INDEX obligations_pending_due ON obligations (due_at) WHERE state = 'pending';
CREATE INDEX obligations_pending_warn ON obligations (warn_at) WHERE state = 'pending' AND warned_at IS NULL;
CREATE INDEX obligations_pending_fingerprint ON obligations (market, calendar_fingerprint) WHERE state = 'pending';
CREATE INDEX obligations_breach_report ON obligations (market, due_at, id) WHERE state IN ('late', 'breached');
CREATE INDEX obligations_requested ON obligations (market, requested_at, seller_id);
CREATE INDEX obligations_seller_requested ON obligations (seller_id, requested_at);
CREATE INDEX obligations_seller_breached ON obligations (seller_id, due_at) WHERE state = 'breached';

-- The takeover of a case, as the fold currently decides it. Late-arriving
-- events may change its instant or reason, or withdraw it (the marketplace is
-- told through the outbox each time); the row, and its charges, stay.
CREATE TABLE takeovers (
  id            bigserial PRIMARY KEY,
  case_id       text NOT NULL UNIQUE REFERENCES cases (id),
  market        text NOT NULL,
  seller_id     text NOT NULL,
  at            timestamptz NOT NULL,
  reason        text NOT NULL,
  withdrawn_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX takeovers_market_at ON takeovers (market, at);
CREATE INDEX takeovers_seller_at ON takeovers (seller_id, at);

-- Notifications leave through this outbox, written in the transaction that caused them.
CREATE TABLE outbox (
  id               bigserial PRIMARY KEY,
  kind             text NOT NULL,
  idempotency_key  text NOT NULL UNIQUE,
  payload          jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz,
  last_error       text
);
CREATE INDEX outbox_undelivered ON outbox (next_attempt_at) WHERE delivered_at IS NULL;

-- Planned absences (CONTRACT §7); cancelled ones stay for the record.
CREATE TABLE absences (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seller_id     text NOT NULL,
  market        text NOT NULL,
  from_date     date NOT NULL,
  to_date       date NOT NULL,
  note          text,
  working_days  integer NOT NULL,
  notice_days   integer NOT NULL,
  compliant     boolean NOT NULL,
  violation     text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text,
  cancelled_at  timestamptz,
  CHECK (to_date >= from_date)
);
CREATE INDEX absences_seller ON absences (seller_id, market, from_date) WHERE cancelled_at IS NULL;

-- API tokens: only a SHA-256 of each token is kept.
CREATE TABLE tokens (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'compliance', 'seller')),
  seller_id     text,
  hash          bytea NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz,
  last_used_at  timestamptz,
  CHECK ((role = 'seller') = (seller_id IS NOT NULL))
);

-- Costs of a takeover charged to the seller.
CREATE TABLE charges (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  takeover_id   bigint NOT NULL REFERENCES takeovers (id),
  case_id       text NOT NULL,
  market        text NOT NULL,
  seller_id     text NOT NULL,
  amount_minor  bigint NOT NULL CHECK (amount_minor > 0),
  currency      char(3) NOT NULL,
  description   text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text
);
CREATE INDEX charges_market_created ON charges (market, created_at);
CREATE INDEX charges_seller_created ON charges (seller_id, created_at);

-- Episodes during which a seller was flagged absent (notified once per episode).
CREATE TABLE seller_flags (
  id          bigserial PRIMARY KEY,
  seller_id   text NOT NULL,
  market      text NOT NULL,
  kind        text NOT NULL,
  started_at  timestamptz NOT NULL,
  ended_at    timestamptz,
  evidence    jsonb NOT NULL
);
CREATE UNIQUE INDEX seller_flags_open ON seller_flags (seller_id, market, kind) WHERE ended_at IS NULL;

-- The audit trail: appended by every state change and staff read; rows are
-- hash-chained by the audit chainer (seq, prev_hash, hash set once).
CREATE TABLE audit (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor      text NOT NULL,
  action     text NOT NULL,
  subject    text,
  details    jsonb NOT NULL DEFAULT '{}',
  seq        bigint UNIQUE,
  prev_hash  bytea,
  hash       bytea
);
CREATE INDEX audit_unchained ON audit (id) WHERE seq IS NULL;

-- Append-only, enforced by PostgreSQL itself.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

-- Events: the retention purge may blank a message body, and nothing else, when
-- its transaction has set replyby.purge = 'on' (SET LOCAL). Any other UPDATE
-- or any DELETE is refused.
CREATE FUNCTION events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND current_setting('replyby.purge', true) = 'on'
     AND NEW.body IS NULL AND NEW.body_purged_at IS NOT NULL
     AND (to_jsonb(NEW) - 'body' - 'body_purged_at') = (to_jsonb(OLD) - 'body' - 'body_purged_at') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_guard();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Audit rows: the chainer may set seq, prev_hash and hash once; nothing else changes.
CREATE FUNCTION audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND OLD.hash IS NULL
     AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL
     AND (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_guard();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
