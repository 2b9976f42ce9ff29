-- Audit rows are inserted unchained: only the chainer sets seq, prev_hash and
-- hash, once (audit_guard, sql/0001). An INSERT that carried them could plant a
-- row outside the chain (a seq of 0 or below, never walked) or stop the chainer
-- for good (a head without a hash), so both are refused here.
CREATE FUNCTION audit_insert_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
    RAISE EXCEPTION 'audit rows are inserted unchained: seq, prev_hash and hash are set by the chainer' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_insert_unchained BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION audit_insert_guard();
ALTER TABLE audit ADD CONSTRAINT audit_seq_positive CHECK (seq > 0);
