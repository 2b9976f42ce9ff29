// The audit chainer and the chain check over the database. Writers append
// audit rows with no hash (cheap, no contention on a chain head); this job
// then links them under an advisory lock, so concurrent instances never fork
// the chain: it takes unchained rows in id order and sets seq, prev_hash and
// hash once (the audit_guard trigger of sql/0001 allows exactly that).
import { sql, type Kysely } from 'kysely';
import { ChainVerifier, EMPTY_HEAD, linkRows, type ChainBreak, type ChainHead, type ChainedRow } from '../audit/index.js';
import type { Database } from '../db/index.js';

const LOCK = sql`pg_advisory_xact_lock(hashtextextended('replyby.audit-chain', 0))`;
/** UTC with microseconds: the precision PostgreSQL keeps, so no change to `at` can hide below it. */
const AT = sql<string>`to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

interface Row {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: unknown;
}

/** Links up to `batch` unchained rows; returns how many (a full batch means there may be more). */
export async function chainAuditBatch(db: Kysely<Database>, batch = 1000): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT ${LOCK}`.execute(tx);
    const last = await tx.selectFrom('audit').select(['id', 'seq', 'hash']).where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    // Only a change behind the triggers leaves a head without a hash: linking onto it would hide that.
    if (last && !last.hash) throw new Error(`the chain's head, audit row id ${last.id} (seq ${last.seq}), has no hash: it was changed behind the triggers; run audit verify`);
    const head: ChainHead = last ? { seq: last.seq!, hash: last.hash! } : EMPTY_HEAD;
    const { rows } = await sql<Row>`
      SELECT id, ${AT} AS at, actor, action, subject, details FROM audit WHERE seq IS NULL ORDER BY id LIMIT ${batch}`.execute(tx);
    if (rows.length === 0) return 0;
    const { links } = linkRows(head, rows);
    const values = links.map((l) => ({ id: l.id, seq: l.seq, prev: l.prevHash.toString('hex'), hash: l.hash.toString('hex') }));
    await sql`
      UPDATE audit a SET seq = x.seq, prev_hash = decode(x.prev, 'hex'), hash = decode(x.hash, 'hex')
      FROM json_to_recordset(${JSON.stringify(values)}::json) AS x(id bigint, seq bigint, prev text, hash text)
      WHERE a.id = x.id AND a.id = ANY (${values.map((v) => v.id)}::bigint[])`.execute(tx); // keys as an array too: see cases/write.ts
    return rows.length;
  });
}

/** Links every unchained row; returns how many. */
export async function chainAudit(db: Kysely<Database>, batch = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await chainAuditBatch(db, batch);
    total += n;
    if (n < batch) return total;
  }
}

export interface AuditVerification {
  /** Chained rows checked and found intact (all of them when ok). */
  readonly intact: number;
  /** The last intact row: operators can keep its hash to detect a truncated tail later. */
  readonly head: ChainHead;
  readonly broken: ChainBreak | null;
  /** Rows not linked yet (written since the chainer last ran): not verified, not broken. */
  readonly unchained: { readonly count: number; readonly oldestId: number | null };
  /** The hash of the intact row at the seq of a head recorded earlier (null when the walk never reached it, or none was given). */
  readonly atRecordedSeq: Buffer | null;
}

/**
 * Rows whose stored details are not what their hash covers. The hash is over the details as JavaScript reads them,
 * and a double cannot hold every number jsonb keeps (1.0000000000000000001 reads as 1), so such a change would pass
 * the hash; PostgreSQL compares the stored value with the one hashed. The service only ever writes what it read.
 */
async function detailsNotAsHashed(db: Kysely<Database>, rows: readonly { id: number; details: unknown }[]): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  const hashed = JSON.stringify(rows.map((r) => ({ id: r.id, d: r.details })));
  const { rows: found } = await sql<{ id: number }>`
    SELECT a.id FROM audit a JOIN json_to_recordset(${hashed}::json) AS x(id bigint, d jsonb) ON a.id = x.id
    WHERE a.id = ANY (${rows.map((r) => r.id)}::bigint[]) AND a.details IS DISTINCT FROM x.d`.execute(db);
  return new Set(found.map((r) => Number(r.id)));
}

/** A row the seq walk never reaches but that claims a place in the chain (only writable behind the triggers). */
async function strayRow(db: Kysely<Database>): Promise<ChainBreak | undefined> {
  const { rows } = await sql<{ id: number; seq: number | null }>`
    SELECT id, seq FROM audit WHERE seq <= 0 OR (seq IS NULL AND (hash IS NOT NULL OR prev_hash IS NOT NULL)) ORDER BY id LIMIT 1`.execute(db);
  const r = rows[0];
  return r && { id: Number(r.id), seq: r.seq === null ? 0 : Number(r.seq), reason: r.seq === null ? 'the row has a hash but no seq: it is outside the chain' : `seq ${r.seq} is outside the chain (seqs start at 1)` };
}

/**
 * Walks the chain in seq order, in keyset batches, and stops at the first broken row; then looks for rows outside the chain.
 * `recordedSeq`: the seq of a head kept outside the database, whose intact row's hash is returned for the caller to compare.
 */
export async function verifyAudit(db: Kysely<Database>, batch = 5000, recordedSeq: number | null = null): Promise<AuditVerification> {
  const verifier = new ChainVerifier();
  let atRecordedSeq: Buffer | null = null;
  let after = 0;
  for (;;) {
    const { rows } = await sql<Row & { seq: number; prev_hash: Buffer | null; hash: Buffer | null }>`
      SELECT id, seq, ${AT} AS at, actor, action, subject, details, prev_hash, hash
      FROM audit WHERE seq > ${after} ORDER BY seq LIMIT ${batch}`.execute(db);
    const altered = await detailsNotAsHashed(db, rows);
    for (const r of rows) {
      const row: ChainedRow = { id: r.id, seq: r.seq, at: r.at, actor: r.actor, action: r.action, subject: r.subject, details: r.details, prevHash: r.prev_hash, hash: r.hash };
      if (verifier.push(row, altered.has(r.id) ? 'details hold more than the hash covers (a number changed beyond double precision): the row was changed' : null)) break;
      if (r.seq === recordedSeq) atRecordedSeq = r.hash;
    }
    if (verifier.firstBreak || rows.length < batch) break;
    after = rows[rows.length - 1]!.seq;
  }
  const stray = verifier.firstBreak ? undefined : await strayRow(db);
  const pending = await db
    .selectFrom('audit')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('id').as('oldest')])
    .where('seq', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    intact: verifier.lastGood.seq,
    head: verifier.lastGood,
    broken: verifier.firstBreak ?? stray ?? null,
    unchained: { count: Number(pending.count), oldestId: pending.oldest == null ? null : Number(pending.oldest) },
    atRecordedSeq,
  };
}

/** Calls `wake` at most once per `ms`, however many writes ask for it (one chain pass links them all). */
export function throttled(wake: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout | null = null;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      wake();
    }, ms);
    timer.unref();
  };
}
