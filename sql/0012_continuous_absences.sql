-- An absence registered in pieces (src/domain/absences/continuous.ts): when a
-- new absence adjoins live ones (no working day between), the whole they make
-- is judged at registration with the new piece's notice and kept here. Null
-- when it adjoined none. Nullable columns without defaults: no table rewrite.
ALTER TABLE absences
  ADD COLUMN continuous_from date,
  ADD COLUMN continuous_to date,
  ADD COLUMN continuous_working_days integer,
  ADD COLUMN continuous_violation text,
  ADD CONSTRAINT absences_continuous_complete CHECK (
    (continuous_from IS NULL) = (continuous_to IS NULL)
    AND (continuous_from IS NULL) = (continuous_working_days IS NULL)
    AND (continuous_violation IS NULL OR continuous_from IS NOT NULL)),
  ADD CONSTRAINT absences_continuous_span CHECK (continuous_from <= from_date AND continuous_to >= to_date),
  ADD CONSTRAINT absences_continuous_violation CHECK (continuous_violation IN ('late_notice'));
