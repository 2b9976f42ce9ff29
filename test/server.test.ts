// `npm start` on a fresh machine (issue 3.1, 3.6): an embedded PostgreSQL in
// DATA_DIR, side by side with another instance, the CLI reaching the same
// database whether the server runs or not; DATABASE_URL starts no embedded one.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import t from 'tap';
import { signatureHeader } from '../src/domain/signature.js';
import { freshDatabase } from './helpers/db.js';
import { runCli, startServer } from './helpers/process.js';

const tmp = () => mkdtemp(path.join(tmpdir(), 'replyby-srv-'));

t.test('with no configuration the service starts on an embedded PostgreSQL in DATA_DIR, and two run side by side', async (t) => {
  const [dirA, dirB] = [await tmp(), await tmp()];
  const a = await startServer({ DATA_DIR: dirA });
  const b = await startServer({ DATA_DIR: dirB });
  t.teardown(async () => {
    a.child.kill('SIGKILL');
    b.child.kill('SIGKILL');
  });
  const portOf = (s: typeof a) => s.lines.find((l) => l.msg === 'embedded PostgreSQL started')?.port;
  t.ok(portOf(a) && portOf(b) && portOf(a) !== portOf(b), `each has its own database port (${portOf(a)}, ${portOf(b)})`);
  t.match(a.address, /^http:\/\/127\.0\.0\.1:\d+$/, 'listens on 127.0.0.1');
  const secretLine = a.lines.find((l) => l.msg === 'generated a webhook secret');
  t.match(secretLine?.webhookSecret, /^[0-9a-f]{64}$/, 'logs the generated webhook secret');
  t.equal((await readFile(path.join(dirA, 'webhook-secret'), 'utf8')).trim(), secretLine?.webhookSecret, 'and keeps it in DATA_DIR');
  t.ok(a.lines.some((l) => Array.isArray(l.applied) && (l.applied as string[]).includes('0001_init')), 'applied the migrations');
  for (const s of [a, b]) t.equal((await fetch(`${s.address}/readyz`)).status, 200);

  // The CLI reaches the running server's database.
  const cli = await runCli(['token', 'create', '--role', 'admin', '--name', 'ops'], { DATA_DIR: dirA });
  t.equal(cli.code, 0, cli.stderr);
  t.match(cli.stdout, /^rby_[\w-]{43}\n$/, 'prints only the token');
  const token = cli.stdout.trim();
  const sweep = await fetch(`${a.address}/v1/admin/sweep`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  t.equal(sweep.status, 200);
  t.match(await sweep.json(), { breached: 0, takenOver: 0 });
  t.equal((await fetch(`${b.address}/v1/admin/sweep`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status, 401, 'the other instance has its own database');

  // A signed event with the logged secret.
  const body = JSON.stringify({ id: 'e1', type: 'message.created', occurredAt: new Date().toISOString(), market: 'LV', caseId: 'c1', sellerId: 's1', message: { id: 'm1', author: 'buyer', body: 'hi' } });
  const posted = await fetch(`${a.address}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-helpdesk-signature': signatureHeader(secretLine!.webhookSecret as string, Math.floor(Date.now() / 1000), body) },
    body,
  });
  t.equal(posted.status, 202);

  // Graceful shutdown stops the embedded database too.
  t.equal(await a.stop('SIGTERM'), 0, 'exits 0 on SIGTERM');
  t.notOk(existsSync(path.join(dirA, 'pg', 'postmaster.pid')), 'the embedded PostgreSQL stopped');
  t.same(a.lines.filter((l) => Number(l.level) >= 40).map((l) => l.msg), [], 'and it logged no warning or error (idle connections closing at shutdown are expected)');
  t.equal(await b.stop('SIGINT'), 0, 'exits 0 on SIGINT');

  // With the server stopped, the CLI starts the embedded database itself, and stops it again.
  const list = await runCli(['token', 'list'], { DATA_DIR: dirA });
  t.equal(list.code, 0, list.stderr);
  t.match(list.stdout, /\tops\tadmin\t/);
  t.notOk(existsSync(path.join(dirA, 'pg', 'postmaster.pid')), 'and leaves it stopped');

  const again = await startServer({ DATA_DIR: dirA });
  t.teardown(() => again.child.kill('SIGKILL'));
  t.notOk(again.lines.some((l) => l.msg === 'generated a webhook secret'), 'the secret is generated only once');
  const res = await fetch(`${again.address}/v1/cases/c1`, { headers: { authorization: `Bearer ${token}` } });
  t.equal(res.status, 200, 'data and tokens survive a restart');
  t.equal(await again.stop(), 0);
});

t.test('with DATABASE_URL the service uses that server and starts no embedded one', async (t) => {
  const db = await freshDatabase();
  t.teardown(db.drop);
  const dir = await tmp();
  const s = await startServer({ DATA_DIR: dir, DATABASE_URL: db.url, WEBHOOK_SECRET: 'a-configured-secret-123456' });
  t.teardown(() => s.child.kill('SIGKILL'));
  t.notOk(s.lines.some((l) => String(l.msg).includes('embedded PostgreSQL')), 'no embedded PostgreSQL');
  t.notOk(existsSync(path.join(dir, 'pg')), 'nothing in DATA_DIR');
  t.equal((await fetch(`${s.address}/readyz`)).status, 200);
  const cli = await runCli(['token', 'create', '--role', 'compliance', '--name', 'c'], { DATA_DIR: dir, DATABASE_URL: db.url });
  t.equal(cli.code, 0, cli.stderr);
  t.equal(await s.stop(), 0);
});

t.test('an invalid market file stops the start with a message naming the file and the field', async (t) => {
  const cal = t.testdir({ 'LV.json': JSON.stringify({ market: 'LV' }) });
  await t.rejects(startServer({ DATA_DIR: await tmp(), CALENDARS_DIR: cal }), /LV\.json: name: is required|LV\.json.*name/);
});

t.test('when a *.json entry of the calendars cannot be read, the start stops with exit code 2 naming it (no stack trace)', async (t) => {
  const cal = t.testdir({});
  await cp(path.resolve(import.meta.dirname, '../calendars'), cal, { recursive: true });
  await mkdir(path.join(cal, 'ZZ.json'));
  const failed = startServer({ DATA_DIR: await tmp(), CALENDARS_DIR: cal });
  await t.rejects(failed, /server exited \(2\)[\s\S]*invalid market file, not starting[\s\S]*ZZ\.json: \(file\): cannot be read/);
});

t.test('when stored cases name a market that has no market file, the start warns (and still starts)', async (t) => {
  const db = await freshDatabase();
  t.teardown(db.drop);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(`INSERT INTO cases (id, market, seller_id) VALUES ('c1', 'LV', 's1'), ('c2', 'ZZ', 's1'), ('c3', 'ZZ', 's2')`);
  await client.end();
  const s = await startServer({ DATA_DIR: await tmp(), DATABASE_URL: db.url, WEBHOOK_SECRET: 'a-configured-secret-123456' });
  t.teardown(() => s.child.kill('SIGKILL'));
  const warning = s.lines.find((l) => Number(l.level) === 40 && String(l.msg).includes('markets without a market file'));
  t.same(warning?.markets, ['ZZ'], 'names the market without a file, not the loaded ones');
  t.equal(await s.stop(), 0);
});

t.test('SIGHUP reloads the market files', async (t) => {
  const { cp, readFile: read, writeFile } = await import('node:fs/promises');
  const cal = t.testdir({});
  await cp(path.resolve(import.meta.dirname, '../calendars'), cal, { recursive: true });
  const s = await startServer({ DATA_DIR: await tmp(), CALENDARS_DIR: cal });
  t.teardown(() => s.child.kill('SIGKILL'));
  const url = `${s.address}/v1/markets/LV/calendar?from=2026-03-19&to=2026-03-19`;
  t.equal(((await (await fetch(url)).json()) as { days: { open: boolean }[] }).days[0]!.open, true);
  const lv = JSON.parse(await read(path.join(cal, 'LV.json'), 'utf8'));
  lv.exceptions = [...lv.exceptions, { date: '2026-03-19', hours: [], name: 'Announced day off (source: test)' }].sort((a, b) => a.date.localeCompare(b.date));
  await writeFile(path.join(cal, 'LV.json'), JSON.stringify(lv));
  const reloaded = new Promise<void>((resolve) => s.child.stdout!.on('data', (c: Buffer) => c.toString().includes('market files reloaded') && resolve()));
  s.child.kill('SIGHUP');
  await reloaded;
  t.equal(((await (await fetch(url)).json()) as { days: { open: boolean }[] }).days[0]!.open, false, 'the new day off is in force');
  t.equal(await s.stop(), 0);
});
