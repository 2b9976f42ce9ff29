// API tokens (issue 6.1, CONTRACT §8): at least 32 random bytes, shown once,
// only a SHA-256 kept, revocable (and the revocation audited), last use
// recorded at most once a minute; roles admin, compliance and seller (bound
// to one seller id).
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import t from 'tap';
import { createToken, revokeToken } from '../../src/tokens/index.js';
import { build } from '../helpers/app.js';
import { runCli } from '../helpers/process.js';

t.test('a token is 32 random bytes after rby_, and only its SHA-256 is stored', async (t) => {
  const app = await build(t);
  const made = await Promise.all([1, 2, 3].map((i) => createToken(app.app.db, { role: 'admin', name: `t${i}` })));
  for (const { token } of made) {
    t.match(token, /^rby_[A-Za-z0-9_-]{43}$/);
    t.equal(Buffer.from(token.slice(4), 'base64url').length, 32, '32 bytes');
  }
  t.equal(new Set(made.map((m) => m.token)).size, 3, 'each one different');
  for (const { id, token } of made) {
    const row = await app.app.db.selectFrom('tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    t.same(row.hash, createHash('sha256').update(token).digest(), 'the row holds the SHA-256');
    t.notMatch(JSON.stringify(row), token.slice(4), 'and not the token');
  }
});

t.test('roles: a seller token is bound to exactly one seller; other roles take none', async (t) => {
  const app = await build(t);
  await t.rejects(createToken(app.app.db, { role: 'seller', name: 's' }), /needs --seller/);
  await t.rejects(createToken(app.app.db, { role: 'admin', sellerId: 'seller-1', name: 'a' }), /only a seller token/);
  await t.rejects(createToken(app.app.db, { role: 'root' as 'admin', name: 'r' }), /role must be one of/);
  await t.rejects(createToken(app.app.db, { role: 'admin', name: '  ' }), /needs a --name/);
  await t.rejects(sql`INSERT INTO tokens (name, role, hash) VALUES ('x', 'seller', '\\x00')`.execute(app.app.db), /check/i, 'the database refuses a seller token without a seller too');
});

t.test('a revoked token gets 401 at once, and the revocation is audited', async (t) => {
  const app = await build(t);
  const { id, token } = await createToken(app.app.db, { role: 'admin', name: 'ops' });
  t.equal((await app.get('/metrics', token)).statusCode, 200);
  t.equal(await revokeToken(app.app.db, id, 'token:someone'), 1);
  const res = await app.get('/metrics', token);
  t.equal(res.statusCode, 401);
  t.equal(res.json().message, 'the token is unknown, revoked or expired');
  t.equal(await revokeToken(app.app.db, id), 0, 'revoking twice changes nothing');
  const audit = await app.app.db.selectFrom('audit').select(['actor', 'action', 'subject', 'details']).orderBy('id').execute();
  t.same(audit, [
    { actor: 'cli', action: 'token.created', subject: id, details: { name: 'ops', role: 'admin', sellerId: null } },
    { actor: 'token:someone', action: 'token.revoked', subject: id, details: { name: 'ops' } },
  ]);
});

t.test('last use is recorded, at most once a minute (no write per request)', async (t) => {
  const app = await build(t);
  const { id, token } = await createToken(app.app.db, { role: 'admin', name: 'ops' });
  const lastUsed = async () => (await app.app.db.selectFrom('tokens').select(['last_used_at']).where('id', '=', id).executeTakeFirstOrThrow()).last_used_at;
  const xmin = async () => (await sql<{ xmin: string }>`SELECT xmin::text FROM tokens WHERE id = ${id}`.execute(app.app.db)).rows[0]!.xmin;
  t.equal(await lastUsed(), null, 'never used');
  await app.get('/metrics', token);
  const first = await lastUsed();
  t.ok(first, 'recorded on first use');
  const version = await xmin();
  for (let i = 0; i < 5; i++) await app.get('/metrics', token);
  t.same(await lastUsed(), first, 'unchanged within the minute');
  t.equal(await xmin(), version, 'and the row was not rewritten');
  await sql`UPDATE tokens SET last_used_at = now() - interval '61 seconds' WHERE id = ${id}`.execute(app.app.db);
  await app.get('/metrics', token);
  t.ok((await lastUsed())!.getTime() > first!.getTime() - 1000, 'recorded again once a minute has passed');
});

t.test('CLI: create prints only the token; list shows role, seller, state and last use, never the token; revoke by name', async (t) => {
  const app = await build(t);
  const env = { DATABASE_URL: app.url };
  const made = await runCli(['token', 'create', '--role', 'seller', '--seller', 'seller-7', '--name', 'shop-7'], env);
  t.equal(made.code, 0, made.stderr);
  t.match(made.stdout, /^rby_[\w-]{43}\n$/, 'only the token, once');
  const token = made.stdout.trim();
  await app.get('/v1/cases/none', token);
  const bad = await runCli(['token', 'create', '--role', 'seller', '--name', 'x'], env);
  t.equal(bad.code, 2, 'a usage mistake, as every other one');
  t.match(bad.stderr, /needs --seller/);
  t.equal(bad.stdout, '', 'nothing printed on stdout when refused');
  const revoked = await runCli(['token', 'revoke', 'shop-7'], env);
  t.equal(revoked.code, 0, revoked.stderr);
  t.equal(revoked.stdout, 'revoked 1 token(s)\n');
  const list = await runCli(['token', 'list'], env);
  t.match(list.stdout, /\tshop-7\tseller\tseller-7\t\S+\trevoked \S+\tlast used \S+\n/);
  t.notMatch(list.stdout, token.slice(4), 'the token is never shown again');
  t.equal((await app.get('/v1/cases/none', token)).statusCode, 401);
  t.ok(await app.app.db.selectFrom('audit').select('id').where('action', '=', 'token.revoked').where('actor', '=', 'cli').executeTakeFirst(), 'the CLI revocation is audited');
});

t.test('CLI: a name that several active tokens share is refused, naming their ids; one is revoked by its id', async (t) => {
  const app = await build(t);
  const env = { DATABASE_URL: app.url };
  const staff = await runCli(['token', 'create', '--role', 'compliance', '--name', 'ops'], env);
  const admin = await runCli(['token', 'create', '--role', 'admin', '--name', 'ops'], env);
  t.same([staff.code, admin.code], [0, 0]);
  const ids = (await app.app.db.selectFrom('tokens').select(['id', 'role']).where('name', '=', 'ops').orderBy('role').execute());
  const refused = await runCli(['token', 'revoke', 'ops'], env);
  t.equal(refused.code, 2);
  t.match(refused.stderr, /^2 active tokens are named ops \(.*\): revoke one by its id\n$/);
  for (const { id } of ids) t.match(refused.stderr, id);
  t.equal((await app.get('/metrics', admin.stdout.trim())).statusCode, 200, 'nothing was revoked');
  const compliance = ids.find((r) => r.role === 'compliance')!;
  const one = await runCli(['token', 'revoke', compliance.id], env);
  t.equal(one.stdout, 'revoked 1 token(s)\n');
  t.equal((await app.get('/metrics', admin.stdout.trim())).statusCode, 200, 'the admin token still works');
  t.equal((await runCli(['token', 'revoke', 'ops'], env)).stdout, 'revoked 1 token(s)\n', 'the name is no longer shared');
});

t.test('CLI: sign refuses a --t that is not unix seconds', async (t) => {
  for (const value of ['abc', '1.5', '1e30', '']) {
    const r = await runCli(['sign', '--t', value], { WEBHOOK_SECRET: 'test-secret-0123456789abcdef' });
    t.equal(r.code, 2, `--t ${JSON.stringify(value)}`);
    t.match(r.stderr, /--t must be unix seconds/);
    t.equal(r.stdout, '');
  }
});

t.test('a token made to expire is refused from its expiry on, by the service clock, with the same 401; its creation audits when', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const expiresAt = new Date('2026-03-17T10:00:00Z');
  const { id, token } = await createToken(app.app.db, { role: 'admin', name: 'auditor', expiresAt });
  t.equal((await app.get('/metrics', token)).statusCode, 200);
  app.clock.set('2026-03-17T09:59:59.999Z');
  t.equal((await app.get('/metrics', token)).statusCode, 200, 'a millisecond before');
  app.clock.set('2026-03-17T10:00:00Z');
  const res = await app.get('/metrics', token);
  t.equal(res.statusCode, 401, 'at its expiry');
  t.equal(res.json().message, 'the token is unknown, revoked or expired');
  const created = await app.app.db.selectFrom('audit').select('details').where('action', '=', 'token.created').where('subject', '=', id).executeTakeFirstOrThrow();
  t.match(created.details, { name: 'auditor', expiresAt: '2026-03-17T10:00:00.000Z' });
});

t.test('CLI: --expires-in <days>d makes a token that expires, shown by token list; anything else is a usage error', async (t) => {
  const app = await build(t);
  const env = { DATABASE_URL: app.url };
  const made = await runCli(['token', 'create', '--role', 'compliance', '--name', 'temp', '--expires-in', '30d'], env);
  t.equal(made.code, 0, made.stderr);
  const row = await app.app.db.selectFrom('tokens').select('expires_at').where('name', '=', 'temp').executeTakeFirstOrThrow();
  const days = (row.expires_at!.getTime() - Date.now()) / 86_400_000;
  t.ok(days > 29.9 && days <= 30, `expires in 30 days (${days.toFixed(3)})`);
  const list = await runCli(['token', 'list'], env);
  t.match(list.stdout, new RegExp(`\\ttemp\\tcompliance\\t-\\t\\S+\\tactive\\tnever used\\texpires ${row.expires_at!.toISOString()}\\n`));
  for (const bad of ['0d', '30', '-1d', '1.5d', '10000d', 'd']) {
    const r = await runCli(['token', 'create', '--role', 'admin', '--name', 'x', '--expires-in', bad], env);
    t.equal(r.code, 2, `--expires-in ${bad}`);
    t.match(r.stderr, /--expires-in/);
  }
  t.equal((await app.app.db.selectFrom('tokens').select('id').execute()).length, 1, 'nothing made by the refused ones');
});
