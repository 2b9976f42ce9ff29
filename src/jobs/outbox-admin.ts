// What an operator does with notices the receiver does not take (the CLI's
// `outbox` commands). The outbox never gives a notice up by itself: it is
// retried, at most hourly, until delivered, and it holds back its case's
// later notices meanwhile (jobs/outbox.ts). When the receiver rejects one for
// good, an operator sees it here, retries it now once the receiver is
// mended, or discards it with a reason: kept, audited, never sent, and its
// case's later notices go out at once.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';

export interface PendingNotice {
  readonly id: number;
  readonly kind: string;
  readonly caseId: string | null;
  readonly attempts: number;
  readonly createdAt: Date;
  readonly nextAttemptAt: Date;
  readonly lastError: string | null;
  /** The earlier undelivered notice of the same case it waits for, if any. */
  readonly waitsFor: number | null;
}

/** A notice that is not there to act on (unknown, delivered or discarded). */
export class NoticeNotPending extends Error {
  override name = 'NoticeNotPending';
}

const pending = (db: Kysely<Database>) => db.selectFrom('outbox').where('delivered_at', 'is', null).where('discarded_at', 'is', null);

/** Undelivered notices, oldest first; `failing`: only those whose last attempt failed. */
export async function pendingNotices(db: Kysely<Database>, opts: { failing?: boolean; limit?: number } = {}): Promise<PendingNotice[]> {
  const rows = await pending(db)
    .select(['id', 'kind', 'subject', 'attempts', 'created_at', 'next_attempt_at', 'last_error'])
    .select(
      sql<string | null>`(SELECT min(e.id) FROM outbox e WHERE e.subject = outbox.subject AND e.id < outbox.id AND e.delivered_at IS NULL AND e.discarded_at IS NULL)`.as(
        'waits_for',
      ),
    )
    .$if(opts.failing === true, (q) => q.where('last_error', 'is not', null))
    .orderBy('id')
    .limit(opts.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    caseId: r.subject,
    attempts: r.attempts,
    createdAt: r.created_at,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    waitsFor: r.waits_for === null ? null : Number(r.waits_for),
  }));
}

/** Makes the notice due now, with the later notices of its case that wait behind it. */
export async function retryNotice(db: Kysely<Database>, id: number, actor: string, now: number): Promise<{ due: number }> {
  return db.transaction().execute(async (tx) => {
    const row = await pending(tx).select(['id', 'subject', 'kind']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new NoticeNotPending(`no undelivered notice ${id}`);
    const due = await dueNow(tx, row.subject === null ? { id } : { subject: row.subject, from: id }, now);
    await tx
      .insertInto('audit')
      .values({ actor, action: 'outbox.retried', subject: row.subject, details: JSON.stringify({ id, kind: row.kind, due }) })
      .execute();
    return { due };
  });
}

/** Makes every undelivered notice due now (after the receiver's outage is over). */
export async function retryAllNotices(db: Kysely<Database>, actor: string, now: number): Promise<{ due: number }> {
  return db.transaction().execute(async (tx) => {
    const due = await dueNow(tx, 'all', now);
    await tx.insertInto('audit').values({ actor, action: 'outbox.retried', subject: null, details: JSON.stringify({ all: true, due }) }).execute();
    return { due };
  });
}

/** Gives the notice up: kept with the reason, never sent; its case's later notices become due now. */
export async function discardNotice(db: Kysely<Database>, id: number, reason: string, actor: string, now: number): Promise<{ released: number }> {
  if (reason.trim() === '') throw new NoticeNotPending('a reason is required to discard a notice');
  return db.transaction().execute(async (tx) => {
    const row = await pending(tx)
      .select(['id', 'subject', 'kind', 'idempotency_key', 'attempts', 'last_error'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new NoticeNotPending(`no undelivered notice ${id}`);
    await tx.updateTable('outbox').set({ discarded_at: new Date(now), discard_reason: reason }).where('id', '=', id).execute();
    const released = row.subject === null ? 0 : await dueNow(tx, { subject: row.subject, from: id }, now);
    await tx
      .insertInto('audit')
      .values({
        actor,
        action: 'outbox.discarded',
        subject: row.subject,
        details: JSON.stringify({ id, kind: row.kind, idempotencyKey: row.idempotency_key, attempts: row.attempts, lastError: row.last_error, reason }),
      })
      .execute();
    return { released };
  });
}

type Which = { readonly id: number } | { readonly subject: string; readonly from: number } | 'all';

async function dueNow(tx: Kysely<Database>, which: Which, now: number): Promise<number> {
  let q = tx.updateTable('outbox').set({ next_attempt_at: new Date(now) }).where('delivered_at', 'is', null).where('discarded_at', 'is', null);
  if (which !== 'all') q = 'id' in which ? q.where('id', '=', which.id) : q.where('subject', '=', which.subject).where('id', '>=', which.from);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}
