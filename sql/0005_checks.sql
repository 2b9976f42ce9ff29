-- Message checks (issue 7). Flags are computed once at ingestion into
-- events.flags (0001); this adds what the repeat check and the
-- contact-sharing report need.

-- 16 bytes of SHA-256 of a seller message's normal form (domain/checks
-- normaliseForRepeatCheck), written in the INSERT like everything else on this
-- append-only table. It outlives the body under retention, and reveals nothing of it.
ALTER TABLE events ADD COLUMN repeat_key bytea;

-- The automated-reply check: this seller's copies of one text in a 24-hour
-- window, by case (INCLUDE: answered from the index alone).
CREATE INDEX events_repeat ON events (seller_id, repeat_key, occurred_at) INCLUDE (case_id) WHERE repeat_key IS NOT NULL;

-- GET /v1/reports/contact-sharing: a market's flagged messages in a period, in keyset order.
CREATE INDEX events_contact_sharing ON events (market, occurred_at, id) WHERE flags @> '[{"kind": "contact_sharing"}]';
