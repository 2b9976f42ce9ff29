-- Indexes behind the dashboard (issue 9). Each names the query it serves.

-- GET /v1/overview: a market's pending obligations by deadline (due within the
-- next working hours; pending past the deadline, not yet swept).
CREATE INDEX obligations_market_pending_due ON obligations (market, due_at) WHERE state = 'pending';

-- GET /v1/sellers/{id}/cases: a seller's cases, latest activity first, in keyset pages.
CREATE INDEX cases_seller_activity ON cases (seller_id, last_event_at DESC, id DESC) WHERE last_event_at IS NOT NULL;
