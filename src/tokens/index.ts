// API tokens (CONTRACT §8): 32 random bytes, shown once, only a SHA-256 kept,
// revocable, optionally expiring, last use recorded. Used by the CLI and by the auth plugin.
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, Role } from '../db/index.js';

export const ROLES: readonly Role[] = ['admin', 'compliance', 'seller', 'integration'];
const PREFIX = 'rby_';

export interface Principal {
  readonly tokenId: string;
  readonly name: string;
  readonly role: Role;
  readonly sellerId: string | null;
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function generateToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export async function createToken(
  db: Kysely<Database>,
  input: { role: Role; sellerId?: string | null; name: string; actor?: string; expiresAt?: Date | null },
): Promise<{ id: string; token: string }> {
  if (!ROLES.includes(input.role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
  if ((input.role === 'seller') !== Boolean(input.sellerId)) throw new Error('a seller token needs --seller <id>, and only a seller token takes one');
  if (!input.name.trim()) throw new Error('a token needs a --name');
  const token = generateToken();
  const id = await db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('tokens')
      .values({ name: input.name.trim(), role: input.role, seller_id: input.sellerId ?? null, hash: hashToken(token), expires_at: input.expiresAt ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('audit')
      .values({ actor: input.actor ?? 'cli', action: 'token.created', subject: row.id, details: JSON.stringify({ name: input.name, role: input.role, sellerId: input.sellerId ?? null, ...(input.expiresAt ? { expiresAt: input.expiresAt.toISOString() } : {}) }) })
      .execute();
    return row.id;
  });
  return { id, token };
}

export async function listTokens(db: Kysely<Database>) {
  return db.selectFrom('tokens').select(['id', 'name', 'role', 'seller_id', 'created_at', 'revoked_at', 'last_used_at', 'expires_at']).orderBy('created_at').execute();
}

/** Revokes by id or by name; returns how many tokens it revoked. */
/** Names are labels, not keys: a name that several active tokens share is refused, naming their ids. */
export class AmbiguousTokenName extends Error {}

export async function revokeToken(db: Kysely<Database>, idOrName: string, actor = 'cli'): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
    if (!isUuid) {
      const named = await tx.selectFrom('tokens').select(['id', 'role']).where('name', '=', idOrName).where('revoked_at', 'is', null).forUpdate().execute();
      if (named.length > 1) {
        throw new AmbiguousTokenName(`${named.length} active tokens are named ${idOrName} (${named.map((n) => `${n.id} ${n.role}`).join(', ')}): revoke one by its id`);
      }
    }
    const rows = await tx
      .updateTable('tokens')
      .set({ revoked_at: sql`now()` })
      .where(isUuid ? 'id' : 'name', '=', idOrName)
      .where('revoked_at', 'is', null)
      .returning(['id', 'name'])
      .execute();
    for (const r of rows) {
      await tx.insertInto('audit').values({ actor, action: 'token.revoked', subject: r.id, details: JSON.stringify({ name: r.name }) }).execute();
    }
    return rows.length;
  });
}

/**
 * The principal of a presented token, or null when unknown, revoked or expired
 * at `now` (the service's clock). Records its use at most once a minute: only
 * then is the row written, so a busy token does not rewrite its row on every
 * request.
 */
export async function authenticate(db: Kysely<Database>, token: string, now: number): Promise<Principal | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const { rows } = await sql<{ id: string; name: string; role: Role; seller_id: string | null }>`
    WITH t AS (SELECT id, name, role, seller_id, last_used_at FROM tokens WHERE hash = ${hashToken(token)} AND revoked_at IS NULL
      AND (expires_at IS NULL OR expires_at > ${new Date(now)})),
    used AS (
      UPDATE tokens SET last_used_at = now() FROM t
      WHERE tokens.id = t.id AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute'))
    SELECT id, name, role, seller_id FROM t`.execute(db);
  const row = rows[0];
  return row ? { tokenId: row.id, name: row.name, role: row.role, sellerId: row.seller_id } : null;
}
