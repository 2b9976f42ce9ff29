-- Staff may take a case over by hand (reason `manual`, CONTRACT §5): the
-- instant they did is an input of the case's fold, as its events and its
-- seller's absences are, so every refold keeps that takeover.
ALTER TABLE cases ADD COLUMN manual_takeover_at timestamptz;
