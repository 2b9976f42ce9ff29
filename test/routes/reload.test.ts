// Calendars change (issue 3.10): a reload recomputes pending deadlines of the
// changed markets; decided outcomes keep the calendar version they were
// decided under; a bad file on reload keeps the old calendars.
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { build, CALENDARS } from '../helpers/app.js';
import { buyerSays, sellerSays } from '../helpers/events.js';

t.test('an announced day off moves pending deadlines; met and breached ones stay frozen with their fingerprint', async (t) => {
  const dir = t.testdir({});
  await cp(CALENDARS, dir, { recursive: true });
  const app = await build(t, { now: '2026-03-18T12:00:00Z', calendarsDir: dir });
  const admin = await app.token('admin');
  await app.post({
    events: [
      buyerSays('2026-03-18T09:00:00Z', { caseId: 'pending' }),
      buyerSays('2026-03-16T09:00:00Z', { caseId: 'met' }),
      sellerSays('2026-03-16T10:00:00Z', { caseId: 'met' }),
      buyerSays('2026-03-16T09:00:00Z', { caseId: 'breached' }),
      buyerSays('2026-03-18T09:00:00Z', { caseId: 'sa', market: 'SA' }),
    ],
  });
  const before = await app.app.db.selectFrom('obligations').select(['case_id', 'due_at', 'state', 'calendar_fingerprint']).orderBy('case_id').execute();
  const oldFingerprint = app.app.markets.get('LV')!.fingerprint;
  t.same(before.map((o) => [o.case_id, o.state]), [['breached', 'breached'], ['met', 'met'], ['pending', 'pending'], ['sa', 'pending']]);

  const file = path.join(dir, 'LV.json');
  const lv = JSON.parse(await readFile(file, 'utf8'));
  lv.exceptions.push({ date: '2026-03-19', hours: [], name: 'Announced day off (source: test)' }, { date: '2026-03-17', hours: [], name: 'Retroactive day off (source: test)' });
  lv.exceptions.sort((a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date));
  await writeFile(file, JSON.stringify(lv));

  const res = await app.app.inject({ method: 'POST', url: '/v1/admin/markets/reload', headers: { authorization: `Bearer ${admin}` } });
  t.equal(res.statusCode, 200);
  t.same(res.json(), { changed: ['LV'], recomputed: 1 });
  const after = await app.app.db.selectFrom('obligations').select(['case_id', 'due_at', 'state', 'calendar_fingerprint']).orderBy('case_id').execute();
  const by = (rows: typeof after, id: string) => rows.find((r) => r.case_id === id)!;
  t.equal(by(after, 'pending').due_at.toISOString(), '2026-03-20T09:00:00.000Z', 'Wed 11:00 + 1440 skips the new day off: Fri 11:00');
  t.equal(by(after, 'pending').calendar_fingerprint, app.app.markets.get('LV')!.fingerprint);
  for (const id of ['met', 'breached']) {
    t.same(by(after, id).due_at, by(before, id).due_at, `${id}: deadline frozen`);
    t.equal(by(after, id).calendar_fingerprint, oldFingerprint, `${id}: keeps the version it was decided under`);
  }
  t.same(by(after, 'sa'), by(before, 'sa'), 'other markets are untouched');
  const deadline = await app.get('/v1/markets/LV/deadline?from=2026-03-18T09:00:00Z&minutes=1440');
  t.equal(deadline.json().due, '2026-03-20T09:00:00.000Z', 'the public endpoint uses the new calendar');
});

t.test('a bad file on reload keeps the old calendars and answers the error', async (t) => {
  const dir = t.testdir({});
  await cp(CALENDARS, dir, { recursive: true });
  const app = await build(t, { calendarsDir: dir });
  const admin = await app.token('admin');
  const lv = JSON.parse(await readFile(path.join(dir, 'LV.json'), 'utf8'));
  await writeFile(path.join(dir, 'LV.json'), JSON.stringify({ ...lv, timeZone: 'Mars/Olympus_Mons' }));
  const res = await app.app.inject({ method: 'POST', url: '/v1/admin/markets/reload', headers: { authorization: `Bearer ${admin}` } });
  t.equal(res.statusCode, 422);
  t.match(res.json(), { error: 'invalid_market_file', details: [{ field: 'timeZone' }] });
  t.match(res.json().message, /LV\.json: timeZone/);
  t.equal(app.app.markets.get('LV')!.timeZone, 'Europe/Riga', 'the old calendar stays in force');
  const seller = await app.token('seller', 's1');
  t.equal((await app.app.inject({ method: 'POST', url: '/v1/admin/markets/reload', headers: { authorization: `Bearer ${seller}` } })).statusCode, 403, 'admin only');
});

t.test('when a *.json entry cannot be read (a directory, a dangling link), the reload is refused like a bad file, naming it', async (t) => {
  const dir = t.testdir({});
  await cp(CALENDARS, dir, { recursive: true });
  const app = await build(t, { calendarsDir: dir });
  const admin = await app.token('admin');
  const reload = () => app.app.inject({ method: 'POST', url: '/v1/admin/markets/reload', headers: { authorization: `Bearer ${admin}` } });
  const loaded = app.app.markets.all().map((m) => m.code);
  await mkdir(path.join(dir, 'ZZ.json'));
  const res = await reload();
  t.equal(res.statusCode, 422, res.body);
  t.match(res.json(), { error: 'invalid_market_file', message: /ZZ\.json: \(file\): cannot be read/, details: [{ file: path.join(dir, 'ZZ.json'), field: '(file)' }] });
  await rm(path.join(dir, 'ZZ.json'), { recursive: true });
  await symlink(path.join(dir, 'nowhere.json'), path.join(dir, 'ZY.json'));
  const dangling = await reload();
  t.equal(dangling.statusCode, 422, dangling.body);
  t.match(dangling.json(), { error: 'invalid_market_file', message: /ZY\.json: \(file\): cannot be read/ });
  t.same(app.app.markets.all().map((m) => m.code), loaded, 'the previous calendars stay in force');
});

t.test('when a loaded market file was deleted, the reload is refused and the market stays enforced (its events, sweep and reports)', async (t) => {
  const dir = t.testdir({});
  await cp(CALENDARS, dir, { recursive: true });
  const app = await build(t, { now: '2026-03-18T12:00:00Z', calendarsDir: dir });
  const admin = await app.token('admin');
  t.equal((await app.post(buyerSays('2026-03-18T09:00:00Z', { caseId: 'c1' }))).statusCode, 202);
  await rm(path.join(dir, 'LV.json'));

  const res = await app.app.inject({ method: 'POST', url: '/v1/admin/markets/reload', headers: { authorization: `Bearer ${admin}` } });
  t.equal(res.statusCode, 422, res.body);
  t.match(res.json(), { error: 'invalid_market_file', details: [{ file: path.join(dir, 'LV.json'), field: '(file)' }] });
  t.match(res.json().message, /previous calendars stay in force: .*LV\.json: \(file\): is missing: a loaded market cannot be removed by a reload/);
  t.ok(app.app.markets.get('LV'), 'LV stays loaded');

  t.equal((await app.post(buyerSays('2026-03-18T10:00:00Z', { caseId: 'c2' }))).statusCode, 202, 'LV events are still accepted');
  app.clock.set('2026-03-20T12:00:00Z');
  const sweep = await app.app.inject({ method: 'POST', url: '/v1/admin/sweep', headers: { authorization: `Bearer ${admin}` } });
  t.match(sweep.json(), { breached: 2 }, 'its pending obligations are breached by the sweep');
  const report = await app.get('/v1/reports/breaches?market=LV&from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z', admin);
  t.equal(report.statusCode, 200);
  t.same(report.json().rows.map((r: { caseId: string }) => r.caseId).sort(), ['c1', 'c2'], 'and reported');
});
