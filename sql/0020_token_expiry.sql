-- A token may be made to expire (`token create --expires-in 90d`): an
-- integration or a temporary auditor's token then stops on its own, not only
-- when someone remembers to revoke it. Unset: it lasts until revoked.
ALTER TABLE tokens ADD COLUMN expires_at timestamptz;
