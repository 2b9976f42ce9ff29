// The report's period, its opaque keyset cursor, and one page of flagged
// messages read through the partial index events_contact_sharing
// (market, occurred_at, id) of sql/0005.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { instantOrProblem, iso } from '../params.js';

export interface Period {
  readonly market: string;
  readonly from: number;
  readonly to: number;
}

/** A position in (occurredAt, eventId) order: the last row of a page. */
export interface Cursor {
  readonly at: number;
  readonly id: string;
}

export interface ReportRow {
  occurredAt: string;
  market: string;
  caseId: string;
  sellerId: string;
  buyerId: string | null;
  eventId: string;
  messageId: string;
  author: string;
  /** `text` is absent once retention has removed the evidence. */
  matches: { type: string; text?: string; start: number; end: number }[];
}

export const cursorKey = (c: Cursor) => [iso(c.at), c.id];

/** The ordering key a cursor holds: an instant and an event id. */
export const isCursorKey = (key: unknown[]): key is [string, string] => key.length === 2 && typeof key[0] === 'string' && typeof key[1] === 'string' && typeof instantOrProblem(key[0]) === 'number';

interface Flag {
  kind: string;
  messageId: string;
  author: string;
  matches?: ReportRow['matches'];
}

/** The page query (exported so that a test can check its plan uses the index). */
export function pageQuery(db: Kysely<Database>, p: Period, after: Cursor | null, limit: number) {
  let q = db
    .selectFrom('events')
    .select(['id', 'occurred_at', 'market', 'case_id', 'seller_id', 'buyer_id', 'message_id', 'author', 'flags'])
    .where('market', '=', p.market)
    // the literal predicate of the partial index, so that the planner can use it
    .where(sql<boolean>`flags @> '[{"kind": "contact_sharing"}]'`)
    .where('occurred_at', '>=', new Date(p.from))
    .where('occurred_at', '<', new Date(p.to));
  if (after) q = q.where(sql<boolean>`(occurred_at, id) > (${new Date(after.at)}::timestamptz, ${after.id})`);
  return q.orderBy('occurred_at').orderBy('id').limit(limit);
}

/** Up to `limit` flagged messages of the period after `after`, in (occurredAt, eventId) order. */
export async function readPage(db: Kysely<Database>, p: Period, after: Cursor | null, limit: number): Promise<ReportRow[]> {
  const rows = await pageQuery(db, p, after, limit).execute();
  return rows.map((e) => {
    const flag = (e.flags as Flag[]).find((f) => f.kind === 'contact_sharing')!;
    return {
      occurredAt: e.occurred_at.toISOString(),
      market: e.market,
      caseId: e.case_id,
      sellerId: e.seller_id,
      buyerId: e.buyer_id,
      eventId: e.id,
      messageId: flag.messageId ?? e.message_id,
      author: flag.author ?? e.author,
      matches: (flag.matches ?? []).map((m) => ({ type: m.type, ...(m.text !== undefined ? { text: m.text } : {}), start: m.start, end: m.end })),
    };
  });
}

export const cursorAfter = (row: ReportRow): Cursor => ({ at: Date.parse(row.occurredAt), id: row.eventId });
