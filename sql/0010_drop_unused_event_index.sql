-- events_seller_messages (seller_id, occurred_at) WHERE the message is the
-- seller's: no query reads it (the seller's last reply and the flag counts
-- read events_seller_replies and events_seller_flags), and every seller
-- message paid for it at ingestion.
DROP INDEX IF EXISTS events_seller_messages;
