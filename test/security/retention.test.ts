// Retention (issue 6.3, POLICIES C and E: records kept only as long as the
// market requires): bodies older than policy.retentionDays are blanked,
// timestamps, authors and SLA outcomes stay, each purge is audited, a second
// run purges nothing, and the purge is the only way past the append-only rule.
import { sql } from 'kysely';
import t from 'tap';
import { chainAudit, verifyAudit } from '../../src/jobs/audit-chain.js';
import { purgeExpiredBodies, retentionCutoff } from '../../src/jobs/retention.js';
import { build, type TestApp } from '../helpers/app.js';
import { buyerSays, event, sellerSays } from '../helpers/events.js';

const DAY = 86_400_000;
// LV keeps bodies 183 days, EE 365 (calendars/*.json).
const START = '2025-06-02T10:00:00Z';

async function history(t: Parameters<typeof build>[0]): Promise<TestApp> {
  const app = await build(t, { now: START });
  await app.post({
    events: [
      buyerSays('2025-06-02T07:00:00Z', { id: 'lv-old-q', caseId: 'lv-old', market: 'LV' }),
      sellerSays('2025-06-02T08:00:00Z', { id: 'lv-old-a', caseId: 'lv-old', market: 'LV' }),
      event({ id: 'lv-old-d', caseId: 'lv-old', market: 'LV', type: 'dispute.opened', occurredAt: '2025-06-02T09:00:00Z', dispute: { reason: 'quality', note: 'broken screen' } }),
      buyerSays('2025-06-02T07:30:00Z', { id: 'ee-old-q', caseId: 'ee-old', market: 'EE' }),
    ],
  });
  app.clock.set('2025-11-20T10:00:00Z');
  await app.post(buyerSays('2025-11-20T09:00:00Z', { id: 'lv-new-q', caseId: 'lv-new', market: 'LV' }));
  app.clock.set('2026-01-05T10:00:00Z'); // 217 days after the old messages, 46 after the new one
  return app;
}

const snapshot = (app: TestApp) =>
  Promise.all([
    app.app.db.selectFrom('events').select(['id', 'type', 'occurred_at', 'received_at', 'author', 'automated', 'message_id', 'case_id', 'seller_id', 'content_hash']).orderBy('id').execute(),
    app.app.db.selectFrom('obligations').selectAll().orderBy('id').execute(),
    app.app.db.selectFrom('cases').selectAll().orderBy('id').execute(),
    app.app.db.selectFrom('takeovers').selectAll().orderBy('id').execute(),
  ]);

const bodies = async (app: TestApp) =>
  Object.fromEntries((await app.app.db.selectFrom('events').select(['id', 'body', 'body_purged_at']).orderBy('id').execute()).map((r) => [r.id, [r.body, r.body_purged_at?.toISOString() ?? null]]));

t.test('when a message is older than its market’s retentionDays, then its body is blanked and nothing else changes', async (t) => {
  const app = await history(t);
  const before = await snapshot(app);
  const now = app.clock.now();
  const r = await purgeExpiredBodies(app.app.db, app.app.markets.all(), now);
  t.same(r.purged, { LV: 3 }, 'the three LV events of June (183 days); the EE one is kept (365 days)');
  t.same(await bodies(app), {
    'ee-old-q': ['Where is my parcel?', null],
    'lv-new-q': ['Where is my parcel?', null],
    'lv-old-a': [null, new Date(now).toISOString()],
    'lv-old-d': [null, new Date(now).toISOString()],
    'lv-old-q': [null, new Date(now).toISOString()],
  });
  const note = await app.app.db.selectFrom('events').select('dispute_note').where('id', '=', 'lv-old-d').executeTakeFirstOrThrow();
  t.equal(note.dispute_note, null, 'the dispute note is gone too');
  t.same(await snapshot(app), before, 'timestamps, authors, ids, obligations, cases and takeovers are untouched');
  const c = await app.get('/v1/cases/lv-old', await app.token('compliance'));
  t.match(c.json(), { status: 'taken_over', obligations: [{ state: 'met', answeredAt: '2025-06-02T08:00:00.000Z' }] }, 'the SLA outcome is still reported');
});

t.test('events that held no text (a closing, a waiver) are marked but not counted as purged bodies', async (t) => {
  const app = await build(t, { now: START });
  await app.post({
    events: [
      buyerSays('2025-06-02T07:00:00Z', { id: 'q', caseId: 'c', market: 'LV' }),
      event({ id: 'w', caseId: 'c', market: 'LV', type: 'reply.waived', occurredAt: '2025-06-02T07:10:00Z' }),
      event({ id: 'x', caseId: 'c', market: 'LV', type: 'case.closed', occurredAt: '2025-06-02T07:20:00Z' }),
      event({ id: 'y', caseId: 'd', market: 'LV', type: 'case.closed', occurredAt: '2025-06-02T07:30:00Z' }),
    ],
  });
  app.clock.set('2026-01-05T10:00:00Z');
  const r = await purgeExpiredBodies(app.app.db, app.app.markets.all(), app.clock.now(), 2);
  t.same(r, { purged: { LV: 1 }, total: 1, batches: 2 }, 'one message body; two batches of two events marked');
  const marked = await app.app.db.selectFrom('events').select('id').where('body_purged_at', 'is not', null).orderBy('id').execute();
  t.same(marked.map((e) => e.id), ['q', 'w', 'x', 'y'], 'every expired event is marked, so that a later run skips it');
  const audit = await app.app.db.selectFrom('audit').select('details').where('action', '=', 'retention.purged').orderBy('id').execute();
  t.same(audit.map((a) => (a.details as { purged: object }).purged), [{ LV: 1 }, {}], 'each batch is audited with the bodies it purged');
  t.same(await purgeExpiredBodies(app.app.db, app.app.markets.all(), app.clock.now()), { purged: {}, total: 0, batches: 0 });
});

t.test('the purge is audited (one row with the counts per market), idempotent, and chains like any other row', async (t) => {
  const app = await history(t);
  const now = app.clock.now();
  await purgeExpiredBodies(app.app.db, app.app.markets.all(), now);
  const again = await purgeExpiredBodies(app.app.db, app.app.markets.all(), now);
  t.same(again, { purged: {}, total: 0, batches: 0 }, 'a second run purges nothing');
  const rows = await app.app.db.selectFrom('audit').select(['actor', 'action', 'details']).where('action', '=', 'retention.purged').execute();
  t.equal(rows.length, 1, 'one audit row for the purge, none for the empty second run');
  t.same(rows[0], {
    actor: 'system',
    action: 'retention.purged',
    details: { purged: { LV: 3 }, cutoffs: { LV: new Date(retentionCutoff(now, 183, 'Europe/Riga')).toISOString() }, retentionDays: { LV: 183 } },
  });
  await chainAudit(app.app.db);
  t.equal((await verifyAudit(app.app.db)).broken, null);
});

t.test('a later run purges what has expired since, in batches, one audit row per batch', async (t) => {
  const app = await history(t);
  await purgeExpiredBodies(app.app.db, app.app.markets.all(), app.clock.now());
  app.clock.advance(200 * DAY); // now the EE June message (365 days) and the LV November one (183 days) have expired
  const r = await purgeExpiredBodies(app.app.db, app.app.markets.all(), app.clock.now(), 1);
  t.same(r, { purged: { EE: 1, LV: 1 }, total: 2, batches: 2 });
  t.equal((await app.app.db.selectFrom('audit').select('id').where('action', '=', 'retention.purged').execute()).length, 3);
  t.ok(Object.values(await bodies(app)).every(([b]) => b === null));
});

t.test('outside the purge the append-only rule holds: a normal UPDATE is refused, and inside it only body and body_purged_at may change', async (t) => {
  const app = await history(t);
  const err = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string }) => e.code);
  t.equal(await err(sql`UPDATE events SET body = NULL, body_purged_at = now() WHERE id = 'lv-old-q'`.execute(app.app.db)), '42501', 'blanking without the purge setting');
  const inPurge = (q: ReturnType<typeof sql>) =>
    app.app.db.transaction().execute(async (tx) => {
      await sql`SELECT set_config('replyby.purge', 'on', true)`.execute(tx);
      await q.execute(tx);
    });
  t.equal(await err(inPurge(sql`UPDATE events SET body = NULL, dispute_note = NULL, body_purged_at = now(), author = 'seller' WHERE id = 'lv-old-q'`)), '42501', 'another column with it');
  t.equal(await err(inPurge(sql`UPDATE events SET body = NULL, dispute_note = NULL, body_purged_at = now(), flags = '[]' WHERE id = 'lv-old-q'`)), null, 'flags may lose evidence text only: here there was none, so [] is the same');
  t.equal(await err(inPurge(sql`UPDATE events SET body = NULL, dispute_note = NULL, body_purged_at = now(), flags = '[{"kind": "invented"}]' WHERE id = 'lv-old-a'`)), '42501', 'flags may not change otherwise');
  t.equal(await err(inPurge(sql`UPDATE events SET body = 'rewritten' WHERE id = 'lv-old-q'`)), '42501', 'rewriting a body');
  t.equal(await err(inPurge(sql`DELETE FROM events WHERE id = 'lv-old-q'`)), '42501', 'a DELETE');
  t.equal(await err(sql`UPDATE events SET author = 'seller'`.execute(app.app.db)), '42501', 'after the purge transaction, the setting is gone');
  await purgeExpiredBodies(app.app.db, app.app.markets.all(), app.clock.now());
  t.equal(await err(sql`UPDATE events SET occurred_at = now() WHERE id = 'lv-old-q'`.execute(app.app.db)), '42501', 'a purged event is as append-only as before');
});

t.test('the evidence text that message checks copied into flags is removed with the body; kinds, types and offsets stay', async (t) => {
  const app = await build(t, { now: '2025-06-02T10:00:00Z' });
  await app.post(buyerSays('2025-06-02T07:00:00Z', { id: 'q', caseId: 'c', market: 'LV', message: { author: 'buyer', body: 'Zvani man: +371 2612 3456 vai raksti test.user@gmail.com' } }));
  const before = (await app.app.db.selectFrom('events').select('flags').where('id', '=', 'q').executeTakeFirstOrThrow()).flags as { kind: string; matches: { type: string; text?: string; start: number; end: number }[] }[];
  t.match(before, [{ kind: 'contact_sharing', matches: [{ text: String }] }], 'flagged with evidence');
  app.clock.set('2026-01-05T10:00:00Z');
  await purgeExpiredBodies(app.app.db, app.app.markets.all(), app.clock.now());
  const after = (await app.app.db.selectFrom('events').select('flags').where('id', '=', 'q').executeTakeFirstOrThrow()).flags as typeof before;
  t.same(after, before.map((f) => ({ ...f, matches: f.matches.map(({ text: _text, ...m }) => m) })));
  const c = await app.get('/v1/cases/c', await app.token('compliance'));
  t.equal(c.statusCode, 200, 'the case is still shown');
  t.notMatch(c.body, /2612/, 'without the number');
  const csv = await app.get('/v1/reports/contact-sharing?market=LV&from=2025-06-01T00:00:00Z&to=2025-06-03T00:00:00Z&format=csv', await app.token('compliance'));
  const row = csv.body.split('\r\n')[1]!.split(',');
  t.match(row.at(-2), /phone/, 'the CSV row keeps its match types');
  t.equal(row.at(-1), '', 'with an empty evidence cell, not bare separators');
});

t.test('retentionDays are days of the market’s own clock: across a clock change the cutoff is the same wall time that many days before', async (t) => {
  // Riga, 183 days. 2 June 13:00 EEST is 10:00Z; 183 days later, 2 December 13:00 EET, is 11:00Z (the clocks went back an hour).
  const app = await build(t, { now: '2025-06-02T10:00:00Z' });
  await app.post(buyerSays('2025-06-02T10:00:00Z', { id: 'summer', caseId: 'c-summer', market: 'LV' }));
  app.clock.set('2025-12-02T10:30:00Z'); // 12:30 in Riga: 183 × 24 h have passed, but not 183 days of Riga time
  t.same((await purgeExpiredBodies(app.app.db, app.app.markets.all(), app.clock.now())).purged, {}, 'kept until 13:00 in Riga');
  app.clock.set('2025-12-02T11:00:01Z');
  t.same((await purgeExpiredBodies(app.app.db, app.app.markets.all(), app.clock.now())).purged, { LV: 1 }, 'purged just after');
  // 2 December 12:00 EET is 10:00Z; 183 days later, 3 June 12:00 EEST, is 09:00Z (the clocks went forward).
  await app.post(buyerSays('2025-12-02T10:00:00Z', { id: 'winter', caseId: 'c-winter', market: 'LV' }));
  app.clock.set('2026-06-03T09:00:01Z');
  const r = await purgeExpiredBodies(app.app.db, app.app.markets.all(), app.clock.now());
  t.same(r.purged, { LV: 1 }, 'not kept an hour past its 183 days');
  const audit = await app.app.db.selectFrom('audit').select('details').where('action', '=', 'retention.purged').orderBy('id', 'desc').executeTakeFirstOrThrow();
  t.match(audit.details, { cutoffs: { LV: '2025-12-02T10:00:01.000Z' } }, 'the audit row gives the cutoff used: 12:00:01 in Riga, 183 days before');
});
