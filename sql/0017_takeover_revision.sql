-- Each change of a takeover row counts a revision, and a notice's
-- idempotency key carries it from the second on: a takeover withdrawn and
-- then made again at the same instant for the same reason had the key of
-- its first notice, so the outbox dropped the new notice (ON CONFLICT DO
-- NOTHING) and the marketplace last heard "withdrawn" of a case taken over.
ALTER TABLE takeovers ADD COLUMN revision integer NOT NULL DEFAULT 1;
