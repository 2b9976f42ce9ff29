-- A case's notices are delivered in the order they were queued (src/jobs/outbox.ts):
-- a notice waits while an earlier undelivered one of the same subject exists.
-- The subject is the case the payload names (none for notices without a case,
-- e.g. seller.flagged, which are unordered). It is generated from the payload
-- rather than written by each INSERT, so no writer can forget it, rows of the
-- past get it too, and an instance still running the previous release (which
-- knows nothing of the column) queues rows that are ordered all the same.
ALTER TABLE outbox ADD COLUMN subject text GENERATED ALWAYS AS (payload ->> 'caseId') STORED;

-- The picker's "earlier undelivered notice of this subject?" probe.
CREATE INDEX outbox_pending_subject ON outbox (subject, id) WHERE delivered_at IS NULL;
