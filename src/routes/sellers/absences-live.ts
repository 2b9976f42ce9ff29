// What registration, its preview and cancellation read of a seller's live
// absences in one market, and the whole an absence makes with them on the wire.
// Index: absences_seller (seller_id, market, from_date) WHERE cancelled_at IS NULL.
import type { Kysely } from 'kysely';
import { formatDate, parseDate } from '../../calendar/index.js';
import type { Database } from '../../db/index.js';
import type { AbsencePiece, ContinuousAbsence } from '../../domain/absences/index.js';
import { continuousOnWire } from './absences.schemas.js';

export interface LiveAbsence extends AbsencePiece {
  readonly id: string;
  /** from and to as stored, YYYY-MM-DD */
  readonly dates: readonly [string, string];
}

export async function liveAbsences(db: Kysely<Database>, sellerId: string, market: string): Promise<LiveAbsence[]> {
  const rows = await db
    .selectFrom('absences')
    .select(['id', 'from_date', 'to_date', 'working_days', 'notice_days'])
    .where('seller_id', '=', sellerId)
    .where('market', '=', market)
    .where('cancelled_at', 'is', null)
    .execute();
  return rows.map((a) => ({
    id: a.id,
    from: parseDate(a.from_date)!,
    to: parseDate(a.to_date)!,
    workingDays: a.working_days,
    noticeDays: a.notice_days,
    dates: [a.from_date, a.to_date],
  }));
}

/** A fresh judgment as the API answers it. */
export const continuousWire = (c: ContinuousAbsence) =>
  continuousOnWire({ from: formatDate(c.from), to: formatDate(c.to), workingDays: c.workingDays, violation: c.violation });
