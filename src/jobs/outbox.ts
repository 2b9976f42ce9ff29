// Delivers outbox notifications (takeovers, flags, warnings) to the
// marketplace: POST, signed like CONTRACT §4, with an Idempotency-Key header.
// Rows are claimed with a lease (SKIP LOCKED), so several instances share the
// work and a crash only delays a delivery: at least once, across restarts.
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

export async function deliverDueNotifications(db: Kysely<Database>, o: OutboxOptions): Promise<{ delivered: number; failed: number }> {
  const now = o.now();
  const { rows } = await sql<Claimed>`
    UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ${new Date(now + LEASE_MS)}
    WHERE id IN (SELECT id FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= ${new Date(now)}
                 ORDER BY next_attempt_at, id LIMIT ${o.batch ?? 20} FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, idempotency_key, payload, attempts`.execute(db);
  let delivered = 0;
  let failed = 0;
  for (const row of rows) {
    const body = JSON.stringify(row.payload);
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
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
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
      await db
        .updateTable('outbox')
        .set({ next_attempt_at: new Date(o.now() + backoffMs(row.attempts)), last_error: error.slice(0, 500) })
        .where('id', '=', row.id)
        .execute();
    }
  }
  return { delivered, failed };
}
