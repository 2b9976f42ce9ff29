-- An operator may discard a notice the receiver will never take (`cli outbox
-- discard`): it is kept, marked with why, and no longer holds back its case's
-- later notices. Nothing is discarded automatically: a notice is retried
-- (at most hourly) until it is delivered or an operator decides.
ALTER TABLE outbox ADD COLUMN discarded_at timestamptz, ADD COLUMN discard_reason text;
ALTER TABLE outbox ADD CONSTRAINT outbox_discard_reason CHECK ((discarded_at IS NULL) = (discard_reason IS NULL));

-- The picker's indexes cover only notices still to send.
DROP INDEX outbox_undelivered;
CREATE INDEX outbox_undelivered ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND discarded_at IS NULL;
DROP INDEX outbox_pending_subject;
CREATE INDEX outbox_pending_subject ON outbox (subject, id) WHERE delivered_at IS NULL AND discarded_at IS NULL;
