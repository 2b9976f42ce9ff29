-- Indexes behind the compliance reports, scorecards, absent-seller flags and
-- at-risk warnings (issue 4). Each names the query it serves.

-- Breach report filtered by seller: keyset (due_at, id) within one seller and market.
CREATE INDEX obligations_seller_breach_report ON obligations (seller_id, market, due_at, id) WHERE state IN ('late', 'breached');

-- Absent sellers: per market and seller, the oldest obligation still breached
-- (answered from the index alone).
CREATE INDEX obligations_market_seller_breached ON obligations (market, seller_id, due_at, id) INCLUDE (case_id) WHERE state = 'breached';

-- Last seller activity: a seller's latest non-automated message in a market.
CREATE INDEX events_seller_replies ON events (seller_id, market, occurred_at) WHERE type = 'message.created' AND author = 'seller' AND automated IS NOT TRUE;

-- Flags on sellers' own messages (scorecards; contactFlags of the sellers report).
CREATE INDEX events_seller_flags ON events (seller_id, occurred_at) WHERE type = 'message.created' AND author = 'seller' AND flags <> '[]'::jsonb;

