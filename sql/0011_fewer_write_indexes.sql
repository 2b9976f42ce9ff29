-- Indexes paid at every write that a rare operation alone read:
--   cases_seller (seller_id, market): every event and every sweep updates a
--     case row (its deadline moves, so the update is never HOT) and paid for
--     it; only registering an absence read it, and cases_seller_activity
--     (seller_id, last_event_at DESC, id DESC) serves that query as well.
--   obligations_pending_fingerprint (market, calendar_fingerprint) WHERE
--     pending: every new obligation paid for it; only reloading a changed
--     market file read it, and obligations_market_pending_due (market,
--     due_at) WHERE pending reads the same rows.
DROP INDEX IF EXISTS cases_seller;
DROP INDEX IF EXISTS obligations_pending_fingerprint;
