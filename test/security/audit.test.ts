// The audit trail in PostgreSQL (issue 6.2, POLICIES E: every contact activity
// logged and protected from modification): rows appended by state changes and
// staff reads, hash-chained by the chainer, checked by `audit verify`; events
// and audit rows cannot be updated, deleted or truncated.
import { sql } from 'kysely';
import t from 'tap';
import { chainAudit, verifyAudit } from '../../src/jobs/audit-chain.js';
import { revokeToken } from '../../src/tokens/index.js';
import { build, type TestApp } from '../helpers/app.js';
import { buyerSays } from '../helpers/events.js';
import { runCli } from '../helpers/process.js';

const NOW = '2026-03-16T10:00:00Z';

/** A trail with every kind of row the core writes: token created and revoked, events accepted, a takeover, a staff read. */
async function withTrail(t: Parameters<typeof build>[0]): Promise<TestApp> {
  const app = await build(t, { now: NOW });
  const admin = await app.token('admin');
  await app.post(buyerSays('2026-03-16T08:00:00Z', { caseId: 'case-a' }));
  await app.post({ ...buyerSays('2026-03-16T08:05:00Z', { caseId: 'case-b' }), type: 'dispute.opened', message: undefined, dispute: { reason: 'counterfeit' } });
  const read = await app.get('/v1/cases/case-a', admin);
  if (read.statusCode !== 200) throw new Error(`case read failed: ${read.body}`);
  await app.token('compliance');
  await revokeToken(app.app.db, 'compliance-x');
  return app;
}

const actions = async (app: TestApp) => (await app.app.db.selectFrom('audit').select(['action', 'seq']).orderBy('id').execute());

t.test('state changes and staff reads append audit rows; the chainer links each once, in id order', async (t) => {
  const app = await withTrail(t);
  const before = await actions(app);
  t.same(
    [...new Set(before.map((r) => r.action))].sort(),
    ['case.read', 'case.taken_over', 'events.accepted', 'token.created', 'token.revoked'],
    'token created and revoked, events accepted, takeover, case read',
  );
  t.ok(before.every((r) => r.seq === null), 'writers append unchained rows');
  t.equal(await chainAudit(app.app.db), before.length);
  const after = await actions(app);
  t.same(after.map((r) => r.seq), before.map((_, i) => i + 1), 'seq 1..N in id order');
  t.equal(await chainAudit(app.app.db), 0, 'a second pass links nothing');
  const v = await verifyAudit(app.app.db);
  t.equal(v.broken, null);
  t.equal(v.intact, before.length);
  t.same(v.unchained, { count: 0, oldestId: null });
});

t.test('rows appended after a chain pass are reported as unchained, not as broken, and the next pass links them after the head', async (t) => {
  const app = await withTrail(t);
  const n = await chainAudit(app.app.db);
  await app.token('admin');
  const v = await verifyAudit(app.app.db);
  t.equal(v.broken, null);
  t.equal(v.intact, n);
  t.equal(v.unchained.count, 1);
  await chainAudit(app.app.db);
  const v2 = await verifyAudit(app.app.db);
  t.equal(v2.intact, n + 1);
  t.equal(v2.unchained.count, 0);
});

t.test('concurrent chainers (several instances) never fork the chain', async (t) => {
  const app = await build(t, { now: NOW });
  await sql`INSERT INTO audit (actor, action, subject, details) SELECT 'system', 'test.row', g::text, jsonb_build_object('n', g) FROM generate_series(1, 3000) g`.execute(app.app.db);
  const linked = await Promise.all([chainAudit(app.app.db, 100), chainAudit(app.app.db, 100), chainAudit(app.app.db, 100)]);
  t.equal(linked.reduce((a, b) => a + b, 0), 3000, 'each row linked exactly once');
  const v = await verifyAudit(app.app.db, 700);
  t.equal(v.broken, null);
  t.equal(v.intact, 3000);
});

async function tamper(app: TestApp, statement: ReturnType<typeof sql>) {
  // Only a superuser-like role can do this: the triggers must be switched off first.
  await sql`ALTER TABLE audit DISABLE TRIGGER USER`.execute(app.app.db);
  await statement.execute(app.app.db);
  await sql`ALTER TABLE audit ENABLE TRIGGER USER`.execute(app.app.db);
}

t.test('when a chained row is changed behind the trigger, then verify fails naming that row’s id and seq', async (t) => {
  const app = await withTrail(t);
  await chainAudit(app.app.db);
  const victim = await app.app.db.selectFrom('audit').select(['id', 'seq']).where('seq', '=', 3).executeTakeFirstOrThrow();
  await tamper(app, sql`UPDATE audit SET details = details || '{"count": 99}' WHERE id = ${victim.id}`);
  const v = await verifyAudit(app.app.db);
  t.match(v.broken, { id: victim.id, seq: 3, reason: /content/ });
  t.equal(v.intact, 2, 'the rows before it are intact');
});

t.test('when a chained row’s details are changed to a number that reads the same in JavaScript, then verify still names that row', async (t) => {
  const app = await withTrail(t);
  await chainAudit(app.app.db);
  const victim = await app.app.db.selectFrom('audit').select(['id', 'seq']).where('action', '=', 'events.accepted').orderBy('seq').executeTakeFirstOrThrow();
  // PostgreSQL keeps every digit; a double cannot tell 1.0000000000000000001 from 1, nor 12345678901234567891 from …890.
  await tamper(app, sql`UPDATE audit SET details = jsonb_set(details, '{count}', '1.0000000000000000001'::jsonb) WHERE id = ${victim.id}`);
  const v = await verifyAudit(app.app.db);
  t.match(v.broken, { id: victim.id, seq: victim.seq, reason: /changed/ });
  t.equal(v.intact, victim.seq! - 1, 'the rows before it are intact');
  const cli = await runCli(['audit', 'verify'], { DATABASE_URL: app.url });
  t.equal(cli.code, 1);
  t.match(cli.stdout, `broken: audit row id ${victim.id} (seq ${victim.seq})`);
});

t.test('details written by the service itself (fractions, large ids, nested lists, unicode) verify intact', async (t) => {
  const app = await withTrail(t);
  await app.app.db
    .insertInto('audit')
    .values({ actor: 'system', action: 'qa.values', subject: 'ü "q"', details: JSON.stringify({ late: 0.30000000000000004, big: 9007199254740991, neg: -1e-7, e: 1e21, list: [1.5, [], {}], s: '\u2028 é' }) })
    .execute();
  await chainAudit(app.app.db);
  t.match(await verifyAudit(app.app.db), { broken: null });
});

t.test('when a chained row is deleted behind the trigger, then verify names the row after the gap', async (t) => {
  const app = await withTrail(t);
  await chainAudit(app.app.db);
  const next = await app.app.db.selectFrom('audit').select(['id']).where('seq', '=', 3).executeTakeFirstOrThrow();
  await tamper(app, sql`DELETE FROM audit WHERE seq = 2`);
  t.match((await verifyAudit(app.app.db)).broken, { id: next.id, seq: 3, reason: /missing/ });
});

t.test('`audit verify`: exit 0 and "ok: N rows" when intact; exit 1 naming the first broken row otherwise', async (t) => {
  const app = await withTrail(t);
  const total = (await actions(app)).length;
  const ok = await runCli(['audit', 'verify'], { DATABASE_URL: app.url });
  t.equal(ok.code, 0, ok.stderr);
  t.match(ok.stdout, new RegExp(`^ok: ${total} rows, head seq ${total} hash [0-9a-f]{64}\\n$`), 'it links pending rows first, then verifies them');
  const victim = await app.app.db.selectFrom('audit').select(['id']).where('seq', '=', 2).executeTakeFirstOrThrow();
  await tamper(app, sql`UPDATE audit SET actor = 'someone-else' WHERE id = ${victim.id}`);
  const broken = await runCli(['audit', 'verify'], { DATABASE_URL: app.url });
  t.equal(broken.code, 1);
  t.match(broken.stdout, `broken: audit row id ${victim.id} (seq 2)`);
});

t.test('`audit verify --head <seq>:<hash>` checks that a head recorded earlier is still in the chain: a cut tail or a rewritten chain exits 1', async (t) => {
  const app = await withTrail(t);
  const first = await runCli(['audit', 'verify'], { DATABASE_URL: app.url });
  const [, seq, hash] = /head seq (\d+) hash ([0-9a-f]{64})/.exec(first.stdout)!;
  const recorded = `${seq}:${hash}`;
  await app.token('admin'); // the trail goes on after the head was recorded
  const later = await runCli(['audit', 'verify', '--head', recorded], { DATABASE_URL: app.url });
  t.equal(later.code, 0, later.stderr);
  t.match(later.stdout, new RegExp(`^ok: ${Number(seq) + 1} rows, head seq ${Number(seq) + 1} hash [0-9a-f]{64}; the recorded head seq ${seq} is in the chain\n$`));

  // Someone behind the triggers cuts the last rows and writes a new one: the chain alone still verifies.
  await tamper(app, sql`DELETE FROM audit WHERE seq >= ${Number(seq) - 1}`);
  await app.token('admin');
  t.equal((await runCli(['audit', 'verify'], { DATABASE_URL: app.url })).code, 0, 'without a recorded head the cut is not seen (SECURITY.md says so)');
  const cut = await runCli(['audit', 'verify', '--head', recorded], { DATABASE_URL: app.url });
  t.equal(cut.code, 1);
  t.match(cut.stdout, `broken: the recorded head seq ${seq} is not in the chain`);

  const usage = await runCli(['audit', 'verify', '--head', 'abc'], { DATABASE_URL: app.url });
  t.equal(usage.code, 2, 'a malformed head is a usage mistake');
  t.match(usage.stderr, /--head/);
});

t.test('PostgreSQL refuses an audit row inserted with a place in the chain (it would sit outside the chain or stop the chainer)', async (t) => {
  const app = await withTrail(t);
  await chainAudit(app.app.db);
  for (const [what, q] of [
    ['a hash without a seq', sql`INSERT INTO audit (actor, action, details, hash) VALUES ('cli', 'x', '{}', '\\x00')`],
    ['a seq without a hash', sql`INSERT INTO audit (actor, action, details, seq) VALUES ('cli', 'token.created', '{}', 1000)`],
    ['a seq of 0 with hashes', sql`INSERT INTO audit (actor, action, details, seq, prev_hash, hash) VALUES ('cli', 'charge.recorded', '{}', 0, '\\x00', '\\x11')`],
  ] as const) {
    const err = await q.execute(app.app.db).then(() => null, (e: { code?: string }) => e);
    t.equal(err?.code, '42501', `${what} is refused`);
  }
  await app.token('admin'); // the trail goes on
  t.match(await verifyAudit(app.app.db), { broken: null });
  t.ok((await chainAudit(app.app.db)) > 0, 'and is linked');
});

t.test('rows outside the chain written behind the triggers are named by verify, and a head without a hash stops the chainer without crashing verify', async (t) => {
  const app = await withTrail(t);
  await chainAudit(app.app.db);
  const intact = (await verifyAudit(app.app.db)).intact;
  await sql`ALTER TABLE audit DROP CONSTRAINT audit_seq_positive`.execute(app.app.db); // the table's owner can
  await tamper(app, sql`INSERT INTO audit (actor, action, details, seq, prev_hash, hash) VALUES ('cli', 'charge.recorded', '{}', -1, NULL, NULL)`);
  const planted = await app.app.db.selectFrom('audit').select('id').where('seq', '=', -1).executeTakeFirstOrThrow();
  t.match((await verifyAudit(app.app.db)).broken, { id: planted.id, seq: -1, reason: /outside the chain/ }, 'a seq below 1');
  await tamper(app, sql`DELETE FROM audit WHERE seq = -1`);
  await tamper(app, sql`UPDATE audit SET hash = NULL WHERE seq = ${intact}`);
  await app.token('admin'); // a new row to link
  await t.rejects(chainAudit(app.app.db), { message: /has no hash/ }, 'the chainer will not link onto it');
  const cli = await runCli(['audit', 'verify'], { DATABASE_URL: app.url });
  t.equal(cli.code, 1);
  t.match(cli.stdout, new RegExp(`^broken: audit row id \\d+ \\(seq ${intact}\\): the row has a seq but no hash`));
  t.equal(cli.stderr, '', 'no stack trace');
});

t.test('PostgreSQL itself refuses UPDATE, DELETE and TRUNCATE on events and on audit rows', async (t) => {
  const app = await withTrail(t);
  await chainAudit(app.app.db);
  await app.token('admin'); // one unchained row too
  const db = app.app.db;
  const refused = async (what: string, q: ReturnType<typeof sql>) => {
    const err = await q.execute(db).then(
      () => null,
      (e: { code?: string; message: string }) => e,
    );
    t.equal(err?.code, '42501', `${what} is refused (${err?.message})`);
  };
  await refused('UPDATE of an event', sql`UPDATE events SET author = 'seller'`);
  await refused('blanking a body outside the retention purge', sql`UPDATE events SET body = NULL, body_purged_at = now()`);
  await refused('DELETE of an event', sql`DELETE FROM events`);
  await refused('TRUNCATE of events', sql`TRUNCATE events`);
  await refused('UPDATE of a chained audit row', sql`UPDATE audit SET action = 'x' WHERE seq = 1`);
  await refused('re-chaining a chained audit row', sql`UPDATE audit SET seq = seq + 1000, hash = hash WHERE seq = 1`);
  await refused('UPDATE of an unchained audit row’s content', sql`UPDATE audit SET details = '{}' WHERE seq IS NULL`);
  await refused('DELETE of an audit row', sql`DELETE FROM audit WHERE seq IS NULL`);
  await refused('TRUNCATE of audit', sql`TRUNCATE audit`);
  t.equal((await verifyAudit(db)).broken, null, 'the trail is unchanged');
  t.equal(Number((await db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 2);
});

t.test('`audit verify` whose database connection is ended under it exits 1 with one line, no stack trace', async (t) => {
  const app = await withTrail(t);
  const url = new URL(app.url);
  const pool = new (await import('pg')).default.Pool({ connectionString: app.url, max: 2 });
  t.teardown(() => pool.end());
  // Hold the chain lock so that the CLI waits inside its query, then end its backend.
  const holder = await pool.connect();
  await holder.query('BEGIN');
  await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended('replyby.audit-chain', 0))`);
  const cli = runCli(['audit', 'verify'], { DATABASE_URL: app.url });
  let pid: number | undefined;
  // polled until the CLI's backend is seen waiting (it starts in a second or two), at most 60 s
  for (const deadline = Date.now() + 60_000; pid === undefined && Date.now() < deadline; ) {
    const { rows } = await pool.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND query LIKE '%replyby.audit-chain%' AND pid <> pg_backend_pid()`,
      [url.pathname.slice(1)],
    );
    pid = rows[0]?.pid;
    if (pid === undefined) await new Promise((r) => setTimeout(r, 25));
  }
  t.ok(pid, 'the CLI is waiting for the chain lock');
  await pool.query('SELECT pg_terminate_backend($1)', [pid]);
  await holder.query('ROLLBACK');
  holder.release();
  const r = await cli;
  t.equal(r.code, 1);
  const said = r.stdout + r.stderr;
  t.match(said, /^(?:not linked: Connection terminated|error: ).*\n$/, `one line: ${JSON.stringify(said.slice(0, 300))}`);
  t.notMatch(said, /Unhandled|\n\s+at /);
});
