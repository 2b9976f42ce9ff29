-- Every index on obligations is paid on each write of a decided outcome (a
-- breach moves a row into several partial indexes at once). Two are served
-- by others and no query needs them:
--   obligations_pending_due (due_at) WHERE pending: the sweep reads
--     cases.check_at; per-market reads use obligations_market_pending_due.
--   obligations_seller_breached (seller_id, due_at) WHERE breached: the
--     absent-seller pass and the dashboard read obligations_market_seller_breached.
DROP INDEX obligations_pending_due;
DROP INDEX obligations_seller_breached;
