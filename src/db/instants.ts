// Instants cross the wire as epoch milliseconds on the hot paths: formatting
// and parsing ISO strings (in JavaScript, in the driver and in PostgreSQL)
// cost more than the rest of a row's values. Both directions are exact for
// millisecond instants.
import { sql, type RawBuilder } from 'kysely';

/** A timestamptz read as epoch milliseconds (float8: date_part, not extract's slower numeric). */
export const toEpochMs = (instant: RawBuilder<unknown> | string) =>
  sql`round(date_part('epoch', ${typeof instant === 'string' ? sql.raw(instant) : instant}) * 1000)::float8`;

/** Epoch milliseconds written as a timestamptz (to_timestamp's seconds would round through a fraction). */
export const fromEpochMs = (col: string) => sql.raw(`('epoch'::timestamptz + ${col} * interval '1 millisecond')`);
