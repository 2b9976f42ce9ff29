// The automated-reply check (POLICIES D: automated replies may not replace an
// individual answer): a seller message whose normal form equals at least
// REPEAT_THRESHOLD of that seller's messages in OTHER cases in the 24 hours
// before it is flagged automated_reply_suspected.
//
// It is the one check that looks across cases, so it depends on what has
// arrived when the message is ingested: a copy stored later does not flag an
// earlier message again (events are append-only), and copies sent in
// concurrent requests may not see each other. It runs inside the statement
// that stores a batch (as a common table expression of it), and counts the
// batch's own earlier messages too.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CheckedMessage, IncomingEvent } from '../cases/index.js';
import type { Database } from '../db/index.js';

export const REPEAT_THRESHOLD = 5;
export const REPEAT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Counting stops here: enough to show a pattern, bounded work for a seller who sends one text thousands of times. */
export const REPEAT_COUNT_CAP = 100;

export interface Candidate {
  id: string;
  message_id: string;
  seller_id: string;
  case_id: string;
  key: string;
  at: string;
  /**
   * The batch's other copies that count for this message: the same seller and
   * key, another case, in the window before it (those already stored are
   * left out by the query: the stored count has them).
   */
  peers: string[];
}

interface Keyed {
  readonly event: IncomingEvent;
  readonly key: string;
}

type Batch = readonly { event: IncomingEvent; checked: CheckedMessage }[];

/**
 * The messages to judge (non-automated seller messages with a repeat key),
 * each with its copies in the batch; null when there are none. The pairing
 * is done here, per seller and key, so that the statement needs no join of
 * the batch with itself.
 */
function candidatesOf(batch: Batch): Candidate[] | null {
  const groups = new Map<string, Keyed[]>();
  for (const { event: e, checked } of batch) {
    if (!checked.repeatKey || !e.message) continue;
    const key = checked.repeatKey.toString('hex');
    const group = `${e.sellerId}\n${key}`;
    const members = groups.get(group);
    if (members) members.push({ event: e, key });
    else groups.set(group, [{ event: e, key }]);
  }
  const candidates: Candidate[] = [];
  for (const group of groups.values()) {
    for (const { event: p, key } of group) {
      if (p.message!.author !== 'seller' || p.message!.automated) continue;
      const peers = group
        .filter(({ event: b }) => b.caseId !== p.caseId && b.occurredAt >= p.occurredAt - REPEAT_WINDOW_MS && b.occurredAt < p.occurredAt)
        .map(({ event: b }) => b.id);
      candidates.push({ id: p.id, message_id: p.message!.id, seller_id: p.sellerId, case_id: p.caseId, key, at: new Date(p.occurredAt).toISOString(), peers });
    }
  }
  return candidates.length > 0 ? candidates : null;
}

/**
 * Copies of one message not stored (the synchronous check): the seller's
 * stored messages with this repeat key in other cases in the window before
 * `at`, counted up to REPEAT_COUNT_CAP.
 */
export async function countStoredCopies(db: Kysely<Database>, m: { sellerId: string; caseId: string | null; repeatKey: Buffer; at: number }): Promise<number> {
  // ' ' cannot start a stored id (ids are printable ASCII without spaces): nothing of the batch is stored, no case is excluded
  const probe: Candidate = {
    id: ' probe',
    message_id: ' probe',
    seller_id: m.sellerId,
    case_id: m.caseId ?? ' no case',
    key: m.repeatKey.toString('hex'),
    at: new Date(m.at).toISOString(),
    peers: [],
  };
  const { rows } = await repeatCountQuery([probe]).execute(db);
  return Math.min(rows[0]?.repeats ?? 0, REPEAT_COUNT_CAP);
}

/**
 * Per message: an index-only range scan of events_repeat (seller_id,
 * repeat_key, occurred_at) INCLUDE (case_id), plus its copies in the batch
 * not stored yet (an event stored and sent again counts once). Exported for
 * the plan test.
 */
export function repeatCountQuery(candidates: readonly Candidate[]) {
  return sql<{ id: string; message_id: string; repeats: number }>`
    WITH c AS (SELECT x.id, x.message_id, x.seller_id, x.case_id, decode(x.key, 'hex') AS key, x.at, x.peers
               FROM json_to_recordset(${JSON.stringify(candidates)}::json) AS x(id text, message_id text, seller_id text, case_id text, key text, at timestamptz, peers text[]))
    SELECT p.id, p.message_id,
      (SELECT count(*)::int FROM (
         SELECT 1 FROM events e
          WHERE e.seller_id = p.seller_id AND e.repeat_key = p.key
            AND e.occurred_at >= p.at - interval '24 hours' AND e.occurred_at < p.at AND e.case_id <> p.case_id
          LIMIT ${REPEAT_COUNT_CAP}) s)
      + (SELECT count(*)::int FROM unnest(p.peers) b(id) WHERE NOT EXISTS (SELECT 1 FROM events x WHERE x.id = b.id)) AS repeats
    FROM c p`;
}

/**
 * The automated_reply_suspected flags of the batch, as SQL rows (id, flags
 * jsonb array) for the storing statement to append to each event's flags;
 * null when the batch has no seller message to judge.
 */
export function repeatFlagsSql(batch: Batch): RawBuilder<{ id: string; flags: unknown }> | null {
  const candidates = candidatesOf(batch);
  if (!candidates) return null;
  return sql<{ id: string; flags: unknown }>`
    SELECT r.id, jsonb_build_array(jsonb_build_object('kind', 'automated_reply_suspected', 'messageId', r.message_id, 'author', 'seller',
      'repeats', least(r.repeats, ${REPEAT_COUNT_CAP}::int))) AS flags
    FROM (${repeatCountQuery(candidates)}) r WHERE r.repeats >= ${REPEAT_THRESHOLD}::int`;
}
