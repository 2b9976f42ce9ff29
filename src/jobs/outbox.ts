// Delivers outbox notifications (takeovers, flags, warnings) to the
// marketplace: POST, signed like CONTRACT §4, with an Idempotency-Key header.
// Rows are claimed with a lease (SKIP LOCKED), so several instances share the
// work and a crash only delays a delivery: at least once, across restarts.
// A case's notices leave in the order they were queued (one at a time, the
// next only once the previous is delivered), and each body carries `sequence`
// (the outbox id) and `createdAt`, so a receiver can order duplicates too.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { signatureHeader } from '../domain/signature.js';

export interface OutboxOptions {
  readonly url: string;
  readonly secret: string;
  readonly now: () => number;
  readonly fetch?: typeof fetch;
  readonly batch?: number;
  readonly timeoutMs?: number;
  readonly onDelivered?: (kind: string) => void;
  readonly onFailed?: (kind: string, error: string) => void;
}

const LEASE_MS = 120_000;

/**
 * How long a claimed batch stays leased: past the longest its deliveries can
 * take one after another (each up to its timeout), so that no other instance
 * takes a notice still to be sent here and, having sent it, the case's next,
 * before this one sends it again.
 */
export const leaseMs = (batch: number, timeoutMs: number): number => Math.max(LEASE_MS, batch * timeoutMs + 60_000);

/** Exponential backoff: 5 s, 10 s, 20 s … capped at one hour, with ±20% jitter. */
export function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(3_600_000, 5_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

interface Claimed {
  id: number;
  kind: string;
  idempotency_key: string;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: Date;
  subject: string | null;
}

/**
 * Leases due notices, none while an earlier one of its subject (case) is
 * undelivered: a retry in backoff holds back its case's newer notices, never
 * another case's. A head being delivered elsewhere is undelivered until that
 * commits, so concurrent instances keep the order too. A notice an operator
 * discarded (jobs/outbox-admin.ts) holds nothing back.
 */
export function claimStatement(now: number, batch: number, lease = LEASE_MS) {
  return sql<Claimed>`
    UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ${new Date(now + lease)}
    WHERE id IN (SELECT o.id FROM outbox o WHERE o.delivered_at IS NULL AND o.discarded_at IS NULL AND o.next_attempt_at <= ${new Date(now)}
                   AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.subject = o.subject AND e.id < o.id AND e.delivered_at IS NULL AND e.discarded_at IS NULL)
                 ORDER BY o.next_attempt_at, o.id LIMIT ${batch} FOR UPDATE OF o SKIP LOCKED)
    RETURNING id, kind, idempotency_key, payload, attempts, created_at, subject`;
}

/**
 * Only a 2xx delivers. A redirect is not followed (301–303 would turn the POST
 * into a body-less GET, 307/308 would hand the signed notice to another host):
 * it is a failed attempt, retried like any other.
 */
function failure(res: Response): string | null {
  if (res.ok) return null;
  const location = res.headers.get('location');
  return location === null ? `HTTP ${res.status}` : `HTTP ${res.status} redirect to ${location}`;
}

/**
 * Schedules the retry, and moves the subject's later notices to it as well:
 * they cannot leave before it anyway, and while the receiver is down the
 * picker then reads only the notices it may send, not the whole backlog.
 */
async function backOff(db: Kysely<Database>, row: Claimed, error: string, retryAt: Date): Promise<void> {
  await db.updateTable('outbox').set({ next_attempt_at: retryAt, last_error: error.slice(0, 500) }).where('id', '=', row.id).execute();
  if (row.subject === null) return;
  await db
    .updateTable('outbox')
    .set({ next_attempt_at: retryAt })
    .where('subject', '=', row.subject)
    .where('id', '>', row.id)
    .where('delivered_at', 'is', null)
    .where('discarded_at', 'is', null)
    .where('next_attempt_at', '<', retryAt)
    .execute();
}

export async function deliverDueNotifications(db: Kysely<Database>, o: OutboxOptions): Promise<{ delivered: number; failed: number }> {
  const now = o.now();
  const batch = o.batch ?? 20;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const { rows } = await claimStatement(now, batch, leaseMs(batch, timeoutMs)).execute(db);
  let delivered = 0;
  let failed = 0;
  for (const row of rows) {
    const body = JSON.stringify({ ...row.payload, sequence: row.id, createdAt: row.created_at.toISOString() });
    let error: string | null = null;
    try {
      const res = await (o.fetch ?? fetch)(o.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-helpdesk-signature': signatureHeader(o.secret, Math.floor(o.now() / 1000), body),
          'idempotency-key': row.idempotency_key,
          'x-replyby-notification': row.kind,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      error = failure(res);
      await res.body?.cancel().catch(() => undefined);
    } catch (err) {
      error = (err as Error).message;
    }
    if (error === null) {
      delivered++;
      o.onDelivered?.(row.kind);
      await db.updateTable('outbox').set({ delivered_at: new Date(o.now()), last_error: null }).where('id', '=', row.id).execute();
    } else {
      failed++;
      o.onFailed?.(row.kind, error);
      await backOff(db, row, error, new Date(o.now() + backoffMs(row.attempts)));
    }
  }
  return { delivered, failed };
}
