// Absent sellers (issue 4.3): a seller with a breached obligation who has
// written nothing (automated messages do not count) in any of their cases of
// the market for policy.absentAfterMinutes of working time (LV: 2 × 1440) is
// flagged; the sweep notifies once per episode, closes the episode when the
// seller is back, and opens a new one when they go silent again.
// LV: Monday–Friday 00:00–24:00 Riga (UTC+2 in March).
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { chooseBreachScan, evidenceQuery, oldestBreachedPerSeller } from '../../src/jobs/absent-sellers.js';
import { build, SECRET, type TestApp } from '../helpers/app.js';
import { buyerSays, event, sellerSays } from '../helpers/events.js';

const flaggedRows = (app: TestApp) =>
  app.app.db.selectFrom('outbox').select(['idempotency_key', 'payload', 'next_attempt_at']).where('kind', '=', 'seller.flagged').orderBy('id').execute();
const episodes = (app: TestApp) => app.app.db.selectFrom('seller_flags').selectAll().orderBy('id').execute();

/**
 * quiet: c1 asked Monday 16 March 08:00Z, due Tuesday 08:00Z, never answered, no message since: absent from
 *   Thursday 19 March 08:00Z (2880 working minutes after the breach).
 * bot: the same, but with an automated message after the breach (does not count): absent at the same instant.
 * busy: the same breach, but a message in another case on Wednesday 18 March 12:00Z: back after the breach, so not absent
 *   for it (a case taken over stays breached for good; only a deadline missed after the last message counts).
 */
async function scenario(t: Parameters<typeof build>[0]) {
  const app = await build(t, { now: '2026-03-16T09:00:00Z' });
  const res = await app.post({
    events: [
      buyerSays('2026-03-16T08:00:00Z', { caseId: 'q1', sellerId: 'quiet' }),
      buyerSays('2026-03-16T08:00:00Z', { caseId: 'b1', sellerId: 'bot' }),
      buyerSays('2026-03-16T08:00:00Z', { caseId: 'u1', sellerId: 'busy' }),
      buyerSays('2026-03-16T08:30:00Z', { caseId: 'u2', sellerId: 'busy' }),
      sellerSays('2026-03-16T08:40:00Z', { caseId: 'u2', sellerId: 'busy' }),
    ],
  });
  if (res.statusCode !== 202) throw new Error(res.body);
  app.clock.set('2026-03-18T12:00:00Z');
  await app.post({
    events: [
      event({ occurredAt: '2026-03-18T10:00:00Z', caseId: 'b1', sellerId: 'bot', message: { author: 'seller', body: 'Auto-reply: we are away.', automated: true } }),
      sellerSays('2026-03-18T12:00:00Z', { caseId: 'u2', sellerId: 'busy' }),
    ],
  });
  return { ...app, staff: await app.token('compliance') };
}

t.test('a seller silent for absentAfterMinutes of working time after a breach is flagged once, notified once, not on every sweep', async (t) => {
  const app = await scenario(t);
  app.clock.set('2026-03-19T07:59:59.999Z');
  t.match(await app.app.services.sweep(), { breached: 2, flagged: 0 }, 'a millisecond before, nobody is absent (q1 and u1 breach in this sweep)');
  app.clock.set('2026-03-19T08:00:00Z');
  t.match(await app.app.services.sweep(), { flagged: 2 }, 'quiet and bot (an automated message is no sign of life); busy not yet');
  const rows = await flaggedRows(app);
  const eps = await episodes(app);
  t.same(eps.map((e) => [e.seller_id, e.market, e.kind, e.started_at.toISOString(), e.ended_at]), [
    ['bot', 'LV', 'absent', '2026-03-19T08:00:00.000Z', null],
    ['quiet', 'LV', 'absent', '2026-03-19T08:00:00.000Z', null],
  ]);
  const quiet = eps.find((e) => e.seller_id === 'quiet')!;
  t.match(rows.find((r) => r.payload.sellerId === 'quiet'), {
    idempotency_key: `seller.flagged:absent:${quiet.id}`,
    payload: {
      type: 'seller.flagged',
      flagId: quiet.id,
      kind: 'absent',
      sellerId: 'quiet',
      market: 'LV',
      since: '2026-03-19T08:00:00.000Z',
      evidence: { oldestBreached: { caseId: 'q1', dueAt: '2026-03-17T08:00:00.000Z' }, lastSellerMessageAt: null, absentAfterMinutes: 2880, silentFrom: '2026-03-17T08:00:00.000Z' },
    },
  });
  t.equal(rows[0]!.next_attempt_at.toISOString(), '2026-03-19T08:00:00.000Z', 'outbox rows take the app clock');

  for (const at of ['2026-03-19T08:01:00Z', '2026-03-19T15:00:00Z']) {
    app.clock.set(at);
    t.match(await app.app.services.sweep(), { flagged: 0, cleared: 0 }, `no new flag at ${at}`);
  }
  t.equal((await flaggedRows(app)).length, 2, 'still one notification per episode');

  app.clock.set('2026-03-20T12:00:00Z');
  t.match(await app.app.services.sweep(), { flagged: 0 }, 'busy: 2880 working minutes after its last message, but it wrote after its breach');
  // Friday 13:00Z a buyer asks busy, due Monday 13:00Z (the weekend skipped): a deadline missed since its last message.
  app.clock.set('2026-03-20T13:00:00Z');
  await app.post(buyerSays('2026-03-20T13:00:00Z', { caseId: 'u3', sellerId: 'busy' }));
  app.clock.set('2026-03-25T12:59:59.999Z');
  t.match(await app.app.services.sweep(), { breached: 1, flagged: 0 });
  app.clock.set('2026-03-25T13:00:00Z');
  t.match(await app.app.services.sweep(), { flagged: 1 }, 'busy: 2880 working minutes after the deadline it missed since its last message');
  const busy = (await flaggedRows(app)).find((r) => r.payload.sellerId === 'busy');
  t.match(busy?.payload, { since: '2026-03-25T13:00:00.000Z', evidence: { oldestBreached: { caseId: 'u3', dueAt: '2026-03-23T13:00:00.000Z' }, lastSellerMessageAt: '2026-03-18T12:00:00.000Z' } });
  const audit = await app.app.db.selectFrom('audit').select(['actor', 'subject']).where('action', '=', 'seller.flagged').orderBy('id').execute();
  t.same(audit.map((a) => a.subject).sort(), ['bot', 'busy', 'quiet']);
});

t.test('a seller message closes the episode; silent again, a new episode is opened and notified again', async (t) => {
  const app = await scenario(t);
  app.clock.set('2026-03-19T08:00:00Z');
  await app.app.services.sweep();
  // Thursday 12:00 Riga: quiet writes in another case (its q1 obligation stays breached).
  app.clock.set('2026-03-19T10:30:00Z');
  await app.post(sellerSays('2026-03-19T10:00:00Z', { caseId: 'q2', sellerId: 'quiet' }));
  t.match(await app.app.services.sweep(), { flagged: 0, cleared: 1 });
  const closed = (await episodes(app)).find((e) => e.seller_id === 'quiet')!;
  t.equal(closed.ended_at?.toISOString(), '2026-03-19T10:30:00.000Z');
  t.match(closed.evidence, { endedBecause: 'recent_activity', lastSellerMessageAt: '2026-03-19T10:00:00.000Z' });
  t.match(
    await app.app.db.selectFrom('audit').select(['subject', 'details']).where('action', '=', 'seller.unflagged').execute(),
    [{ subject: 'quiet', details: { flagId: closed.id, endedBecause: 'recent_activity' } }],
  );

  // Silent again, with nobody asking: q1's breach is older than its message, so quiet is not absent for it.
  app.clock.set('2026-03-23T10:00:00Z');
  t.match(await app.app.services.sweep(), { flagged: 0 }, 'two working days of quiet with no deadline missed since is no absence');
  // A buyer asks Thursday 11:00Z, due Friday 11:00Z: missed, and silent for 2880 working minutes after it, the weekend skipped.
  await app.post(buyerSays('2026-03-19T11:00:00Z', { caseId: 'q3', sellerId: 'quiet' }));
  app.clock.set('2026-03-24T10:59:59Z');
  t.match(await app.app.services.sweep(), { flagged: 0 });
  app.clock.set('2026-03-24T11:00:00Z');
  t.match(await app.app.services.sweep(), { flagged: 1 }, 'quiet again, in a new episode');
  const quietEpisodes = (await episodes(app)).filter((e) => e.seller_id === 'quiet');
  t.equal(quietEpisodes.length, 2);
  t.equal(quietEpisodes[1]!.started_at.toISOString(), '2026-03-24T11:00:00.000Z');
  const notices = (await flaggedRows(app)).filter((r) => r.payload.sellerId === 'quiet');
  t.same(
    notices.map((r) => r.idempotency_key),
    quietEpisodes.map((e) => `seller.flagged:absent:${e.id}`),
    'one notification per episode',
  );

  // Answering the breached obligation itself (late) leaves nothing breached: bot's episode closes.
  app.clock.set('2026-03-24T12:00:00Z');
  await app.post(sellerSays('2026-03-24T11:30:00Z', { caseId: 'b1', sellerId: 'bot' }));
  t.match(await app.app.services.sweep(), { cleared: 1 });
  t.match((await episodes(app)).find((e) => e.seller_id === 'bot'), { ended_at: Date, evidence: { endedBecause: 'no_breached_obligation' } });
});

t.test('with several instances sweeping at once, one episode and one notification', async (t) => {
  const app = await scenario(t);
  app.clock.set('2026-03-19T08:00:00Z');
  const others = await Promise.all([1, 2, 3].map(() => buildApp({ databaseUrl: app.url, markets: app.app.markets, webhookSecrets: [SECRET], clock: app.clock, poolSize: 3 })));
  t.teardown(() => Promise.all(others.map((o) => o.close())));
  for (let round = 0; round < 3; round++) {
    const results = await Promise.all([app.app, ...others].map((a) => a.services.sweep()));
    t.equal(results.reduce((n, r) => n + r.flagged, 0), round === 0 ? 2 : 0, `round ${round}`);
  }
  t.equal((await episodes(app)).length, 2);
  t.equal((await flaggedRows(app)).length, 2);
});

t.test('GET /v1/sellers/flagged lists late and absent sellers with their evidence (staff only, audited)', async (t) => {
  const app = await scenario(t);
  app.clock.set('2026-03-19T08:00:00Z');
  await app.app.services.sweep();
  app.clock.set('2026-03-19T09:00:00Z');
  const res = await app.get('/v1/sellers/flagged?market=LV', app.staff);
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.match(body, { market: 'LV', at: '2026-03-19T09:00:00.000Z', lateSince: '2026-02-17T09:00:00.000Z', truncated: false });
  const q1 = { caseId: 'q1', dueAt: '2026-03-17T08:00:00.000Z' };
  t.same(
    body.late.map((l: { sellerId: string; late: number; breached: number; lastSellerActivityAt: string | null }) => [l.sellerId, l.late, l.breached, l.lastSellerActivityAt]),
    [
      ['bot', 0, 1, null],
      ['busy', 0, 1, '2026-03-18T12:00:00.000Z'],
      ['quiet', 0, 1, null],
    ],
    'each with a breached obligation due in the last 30 days; the last activity ignores automated messages',
  );
  t.match(body.late[2].oldestBreached, q1);
  t.same(
    body.absent.map((a: { sellerId: string; since: string }) => [a.sellerId, a.since]),
    [
      ['bot', '2026-03-19T08:00:00.000Z'],
      ['quiet', '2026-03-19T08:00:00.000Z'],
    ],
  );
  const quiet = body.absent[1];
  t.match(quiet, { silentFrom: '2026-03-17T08:00:00.000Z', absentAfterMinutes: 2880, oldestBreached: q1, lastSellerActivityAt: null, flag: { id: Number, startedAt: '2026-03-19T08:00:00.000Z' } });

  const recent = (await app.get('/v1/sellers/flagged?market=LV&days=1', app.staff)).json();
  t.same(recent.late, [], 'no breach due in the last day');
  t.equal(recent.absent.length, 2, 'absence does not depend on the recent period');

  t.equal((await app.get('/v1/sellers/flagged?market=XX', app.staff)).statusCode, 400);
  t.equal((await app.get('/v1/sellers/flagged', app.staff)).statusCode, 400);
  t.equal((await app.get('/v1/sellers/flagged?market=LV', await app.token('seller', 'quiet'))).statusCode, 403);
  const audit = await app.app.db.selectFrom('audit').select(['subject', 'details']).where('action', '=', 'report.read').orderBy('id').execute();
  t.match(audit, [{ subject: 'flagged', details: { market: 'LV', days: 30 } }, { subject: 'flagged', details: { days: 1 } }]);
});

t.test("each seller's oldest breach: probed once per seller, or read in order, with the same answer", async (t) => {
  const app = await build(t, { now: '2026-03-16T09:00:00Z' });
  // Three sellers in LV, 40 breached obligations each (one per case), asked an hour apart; a fourth in EE.
  const events = [];
  for (const seller of ['s-a', 's-b', 's-c']) {
    for (let i = 0; i < 40; i++) events.push(buyerSays(new Date(Date.parse('2026-03-16T00:00:00Z') + (40 - i) * 60_000).toISOString(), { caseId: `${seller}-${i}`, sellerId: seller }));
  }
  events.push(buyerSays('2026-03-16T08:00:00Z', { caseId: 'e-1', sellerId: 's-a', market: 'EE' }));
  t.equal((await app.post({ events })).statusCode, 202);
  app.clock.set('2026-03-18T12:00:00Z');
  t.match(await app.app.services.sweep(), { breached: 121 });
  // Episodes: the LV sellers have been silent since (opened by a sweep), and one whose breaches are gone.
  app.clock.set('2026-03-20T12:00:00Z');
  t.match(await app.app.services.sweep(), { flagged: 4 });
  await app.app.db.insertInto('seller_flags').values({ seller_id: 's-gone', market: 'LV', kind: 'absent', started_at: new Date('2026-03-19T00:00:00Z'), evidence: '{}' }).execute();
  const now = app.clock.now();
  const probed = (await evidenceQuery(now, 'probe').execute(app.app.db)).rows;
  t.same(probed.map((r) => [r.market, r.seller_id, r.case_id, r.flag_id !== null]), [
    ['EE', 's-a', 'e-1', true],
    ['LV', 's-a', 's-a-39', true],
    ['LV', 's-b', 's-b-39', true],
    ['LV', 's-c', 's-c-39', true],
    ['LV', 's-gone', null, true],
  ]);

  for (const scan of ['probe', 'read'] as const) {
    const { rows } = await oldestBreachedPerSeller(scan).execute(app.app.db);
    t.same(
      rows.map((r) => [r.market, r.seller_id, r.case_id]),
      [
        ['EE', 's-a', 'e-1'],
        ['LV', 's-a', 's-a-39'],
        ['LV', 's-b', 's-b-39'],
        ['LV', 's-c', 's-c-39'],
      ],
      `${scan}: the earliest deadline of each seller in each market`,
    );
    t.same((await oldestBreachedPerSeller(scan, 'LV').execute(app.app.db)).rows.map((r) => r.seller_id), ['s-a', 's-b', 's-c'], `${scan}: one market`);
    t.same((await evidenceQuery(now, scan).execute(app.app.db)).rows, probed, `${scan}: the same evidence`);
    t.same((await evidenceQuery(now, scan, 'EE').execute(app.app.db)).rows, probed.slice(0, 1), `${scan}: the same evidence in one market`);
  }

  // The probe's plan: obligations are read by index, at most two entries per seller (its first, and the probe past the last).
  const compiled = oldestBreachedPerSeller('probe').compile(app.app.db);
  const { rows: explained } = await app.app.db.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>({
    ...compiled,
    sql: `EXPLAIN (ANALYZE, FORMAT JSON) ${compiled.sql}`,
  });
  const read = obligationRowsRead(explained[0]!['QUERY PLAN'][0].Plan);
  t.ok(read.seqScan === false, 'no sequential scan of obligations');
  t.ok(read.rows <= 2 * 4 + 1, `${read.rows} obligation rows read for 4 sellers (121 breached)`);
});

t.test('the scan follows the index size against the sellers the last pass found', async (t) => {
  t.equal(chooseBreachScan(null, null), 'probe', 'never analysed: probe (bounded by sellers)');
  t.equal(chooseBreachScan(-1, 100), 'probe', 'reltuples -1: unknown');
  t.equal(chooseBreachScan(0, null), 'read');
  t.equal(chooseBreachScan(20_000, null), 'read', 'a small index is read whatever the sellers');
  t.equal(chooseBreachScan(20_001, null), 'probe', 'a larger one, sellers unknown: probe');
  t.equal(chooseBreachScan(200_000, 10_000), 'read', 'twenty breaches per seller: read');
  t.equal(chooseBreachScan(200_001, 10_000), 'probe', 'more: probe');
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

function obligationRowsRead(node: PlanNode): { rows: number; seqScan: boolean } {
  const own = node['Relation Name'] === 'obligations' ? { rows: node['Actual Rows'] * node['Actual Loops'], seqScan: node['Node Type'] === 'Seq Scan' } : { rows: 0, seqScan: false };
  return (node.Plans ?? []).map(obligationRowsRead).reduce((a, b) => ({ rows: a.rows + b.rows, seqScan: a.seqScan || b.seqScan }), own);
}
