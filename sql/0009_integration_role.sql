-- Issue 7.6: a token role for the marketplace's send path, which may call
-- only POST /v1/checks/message (every other route's access list leaves it out).
-- (0006 is the dashboard's; a migration numbered below one already applied
-- would be refused, so this takes the next free number.)
ALTER TABLE tokens DROP CONSTRAINT tokens_role_check;
ALTER TABLE tokens ADD CONSTRAINT tokens_role_check CHECK (role IN ('admin', 'compliance', 'seller', 'integration'));
