// sql/0015 orders each case's notices by a subject generated from the payload:
// notices queued before the migration (or by an instance still running the
// release before it) are ordered like new ones.
import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import t from 'tap';
import { kyselyOver, migrate, poolOptions, SQL_DIR } from '../../src/db/index.js';
import { serverUrl } from '../helpers/db.js';

/** An empty database; drop() removes it (end its pool first). */
async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: serverUrl() });
    await c.connect();
    await c.query(statement).finally(() => c.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A copy of sql/ without the migrations from `first` on. */
async function migrationsBefore(t: { teardown(fn: () => unknown): void }, first: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'replyby-sql-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  for (const f of await readdir(SQL_DIR)) if (f < first) await copyFile(path.join(SQL_DIR, f), path.join(dir, f));
  return dir;
}

t.test('when notices were queued before sql/0015, then they get their case as subject, and notices without a case none', async (t) => {
  const database = await emptyDatabase();
  const pool = new pg.Pool(poolOptions(database.url));
  t.teardown(async () => {
    await pool.end();
    await database.drop();
  });
  const db = kyselyOver(pool);
  await migrate(db, await migrationsBefore(t, '0015'));
  await sql`INSERT INTO outbox (kind, idempotency_key, payload) VALUES
    ('case.taken_over', 'a', '{"type":"case.taken_over","caseId":"c1"}'),
    ('seller.flagged', 'b', '{"type":"seller.flagged","sellerId":"s1"}')`.execute(db);

  const later = (await readdir(SQL_DIR)).filter((f) => f >= '0015' && f.endsWith('.sql')).sort().map((f) => f.slice(0, -'.sql'.length));
  t.equal(later[0], '0015_outbox_subject_order');
  t.same(await migrate(db), later, 'it and the migrations after it');
  const rows = await db.selectFrom('outbox').select(['idempotency_key', 'subject']).orderBy('id').execute();
  t.same(rows, [{ idempotency_key: 'a', subject: 'c1' }, { idempotency_key: 'b', subject: null }]);

  await sql`INSERT INTO outbox (kind, idempotency_key, payload) VALUES ('case.takeover_withdrawn', 'c', '{"caseId":"c1"}')`.execute(db);
  const added = await db.selectFrom('outbox').select('subject').where('idempotency_key', '=', 'c').executeTakeFirstOrThrow();
  t.equal(added.subject, 'c1', 'an INSERT that names no subject (as every writer does) gets one');
});
