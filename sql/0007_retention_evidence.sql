-- Retention removes every text a person wrote, not only message bodies:
-- dispute notes, and the evidence text that message checks copied into
-- flags (the flag kinds, match types and offsets stay, so reports still
-- count them). An event is processed once: body_purged_at marks it.

CREATE FUNCTION strip_evidence(flags jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(jsonb_agg(
    CASE WHEN jsonb_typeof(f -> 'matches') = 'array'
      THEN jsonb_set(f, '{matches}', (SELECT coalesce(jsonb_agg(m - 'text'), '[]'::jsonb) FROM jsonb_array_elements(f -> 'matches') m))
      ELSE f END), '[]'::jsonb)
  FROM jsonb_array_elements(flags) f
$$;

CREATE FUNCTION flag_kinds(flags jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(jsonb_agg(f -> 'kind'), '[]'::jsonb) FROM jsonb_array_elements(flags) f
$$;

-- The purge (its transaction sets replyby.purge = 'on') may blank body and
-- dispute_note, set body_purged_at, and strip evidence text from flags
-- (the kinds must stay the same); nothing else, and nothing outside it.
CREATE OR REPLACE FUNCTION events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND current_setting('replyby.purge', true) = 'on'
     AND NEW.body IS NULL AND NEW.dispute_note IS NULL AND NEW.body_purged_at IS NOT NULL
     AND NEW.flags = strip_evidence(OLD.flags)
     AND (to_jsonb(NEW) - 'body' - 'body_purged_at' - 'dispute_note' - 'flags')
       = (to_jsonb(OLD) - 'body' - 'body_purged_at' - 'dispute_note' - 'flags') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

DROP INDEX events_retention;
CREATE INDEX events_retention ON events (market, occurred_at) WHERE body_purged_at IS NULL;
