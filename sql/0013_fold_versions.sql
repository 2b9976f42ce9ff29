-- Ingestion folds a case from inputs it kept from the case's previous fold
-- (src/cases/fold-cache.ts) and sends the whole transaction in one round
-- trip, which holds only if nothing changed the case meanwhile. Every write
-- of a fold's results (src/cases/write.ts: the case row, its obligations, its
-- takeover) bumps the case's version; the one-trip transaction checks the
-- versions it folded from, under the case locks, and refuses to commit when
-- one moved. A constant default: no table rewrite.
ALTER TABLE cases ADD COLUMN fold_version bigint NOT NULL DEFAULT 0;

-- Raises when kept fold inputs no longer hold; ingestion then reads them
-- afresh. Its own SQLSTATE, so the server tells it from any other failure.
CREATE FUNCTION assert_fold_inputs(ok boolean, what text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION 'fold inputs changed since they were kept: %', what USING ERRCODE = 'RB001';
  END IF;
  RETURN true;
END $$;
