-- A charge may be sent with an Idempotency-Key: staff tools retry a POST whose
-- answer was lost, and a second charge for one cost is money taken twice.
-- The key is the caller's, so it is unique per caller (the token that sent it).
ALTER TABLE charges ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX charges_idempotency ON charges (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
