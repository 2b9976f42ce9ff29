-- A seller's absences including cancelled ones (GET /v1/sellers/{id}/absences?includeCancelled=true);
-- the live ones are served by absences_seller (0001).
CREATE INDEX absences_seller_all ON absences (seller_id, from_date);
