// GET /v1/reports/contact-sharing (issue 7 point 3; POLICIES A, C, D): the
// messages flagged contact_sharing in a market and period, as JSON pages or a
// streamed CSV, for compliance staff, each read audited.
import { parse } from 'csv-parse/sync';
import t from 'tap';
import { pageQuery } from '../../src/routes/contact-sharing/query.js';
import { build, type TestApp } from '../helpers/app.js';
import { event } from '../helpers/events.js';

const URL_ = '/v1/reports/contact-sharing';
const ARABIC = 'تواصل معي على واتساب ٠٥٥١٢٣٤٥٦٧';

/** SA: three flagged messages in March (one of them on the `to` instant), one unflagged; LV: one flagged. */
async function seed(app: TestApp) {
  const res = await app.post({
    events: [
      event({ id: 'sa-1', occurredAt: '2026-03-16T09:00:00Z', market: 'SA', caseId: 'sa-a', message: { id: 'm1', author: 'buyer', body: ARABIC } }),
      event({ id: 'sa-2', occurredAt: '2026-03-16T10:00:00Z', market: 'SA', caseId: 'sa-b', sellerId: 'seller-2', message: { id: 'm2', author: 'seller', body: 'راسلني على test.user@gmail.com' } }),
      event({ id: 'sa-3', occurredAt: '2026-03-16T10:00:00Z', market: 'SA', caseId: 'sa-a', message: { id: 'm3', author: 'seller', body: 'شكرا لك، سيتم الشحن غدا' } }),
      event({ id: 'sa-4', occurredAt: '2026-03-17T08:00:00Z', market: 'SA', caseId: 'sa-c', message: { id: 'm4', author: 'buyer', body: 'telegram: t.me/seller_shop' } }),
      event({ id: 'sa-5', occurredAt: '2026-03-18T00:00:00Z', market: 'SA', caseId: 'sa-c', message: { id: 'm5', author: 'buyer', body: 'WhatsApp +966 55 123 4567' } }),
      event({ id: 'lv-1', occurredAt: '2026-03-16T09:00:00Z', market: 'LV', caseId: 'lv-a', message: { id: 'm6', author: 'buyer', body: 'Zvani man 29 123 456' } }),
    ],
  });
  t.equal(res.statusCode, 202);
}

const period = 'market=SA&from=2026-03-16T00:00:00Z&to=2026-03-18T00:00:00Z';

t.test('when compliance reads the report, then it lists the market’s flagged messages with occurredAt in [from, to), in order, with their evidence', async (t) => {
  const app = await build(t, { now: '2026-03-20T12:00:00Z' });
  await seed(app);
  const res = await app.get(`${URL_}?${period}`, await app.token('compliance'));
  t.equal(res.statusCode, 200);
  const { rows, nextCursor } = res.json();
  t.same(
    rows.map((r: { eventId: string }) => r.eventId),
    ['sa-1', 'sa-2', 'sa-4'],
    'not the unflagged message, not the one at `to`, not another market',
  );
  t.equal(nextCursor, null);
  t.match(rows[0], { occurredAt: '2026-03-16T09:00:00.000Z', market: 'SA', caseId: 'sa-a', sellerId: 'seller-1', buyerId: 'buyer-1', messageId: 'm1', author: 'buyer' });
  t.ok(rows[0].matches.some((m: { type: string; text: string }) => m.type === 'phone' && m.text === '٠٥٥١٢٣٤٥٦٧'), 'Arabic-Indic digits as written');
  for (const m of rows[0].matches) t.equal(ARABIC.slice(m.start, m.end), m.text);
  t.match(rows[1], { sellerId: 'seller-2', author: 'seller', matches: [{ type: 'email', text: 'test.user@gmail.com' }] });
  t.match(rows[2].matches, [{ type: 'url', text: 't.me/seller_shop' }]);
});

t.test('when the report is paged with limit, then nextCursor walks every row once and ends with null', async (t) => {
  const app = await build(t, { now: '2026-03-20T12:00:00Z' });
  await seed(app);
  const token = await app.token('admin');
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await app.get(`${URL_}?market=SA&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&limit=2${cursor ? `&cursor=${cursor}` : ''}`, token);
    t.equal(res.statusCode, 200);
    const body = res.json();
    t.ok(body.rows.length <= 2);
    seen.push(...body.rows.map((r: { eventId: string }) => r.eventId));
    cursor = body.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  t.same(seen, ['sa-1', 'sa-2', 'sa-4', 'sa-5']);
  t.equal(pages, 2);
});

t.test('when the report is asked as CSV, then it streams a header row and every row, parsed back with Arabic intact', async (t) => {
  const app = await build(t, { now: '2026-03-20T12:00:00Z' });
  await seed(app);
  const res = await app.get(`${URL_}?${period}&format=csv`, await app.token('compliance'));
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.equal(res.headers['content-disposition'], 'attachment; filename="contact-sharing-SA-20260316T000000Z-20260318T000000Z.csv"');
  const records = parse(res.body, { columns: true }) as Record<string, string>[];
  t.same(Object.keys(records[0]!), ['occurredAt', 'market', 'caseId', 'sellerId', 'buyerId', 'eventId', 'messageId', 'author', 'matchTypes', 'evidence']);
  t.same(records.map((r) => r.eventId), ['sa-1', 'sa-2', 'sa-4']);
  t.match(records[0], { occurredAt: '2026-03-16T09:00:00.000Z', market: 'SA', caseId: 'sa-a', author: 'buyer' });
  t.ok(records[0]!.evidence!.split(' | ').includes('٠٥٥١٢٣٤٥٦٧'), 'the Arabic-Indic evidence survives the round trip');
  t.ok(records[0]!.matchTypes!.split(';').includes('phone'));
  t.equal(records[1]!.evidence, 'test.user@gmail.com');
});

t.test('when the period has no flagged message, then the JSON has no rows and the CSV only its header row', async (t) => {
  const app = await build(t, { now: '2026-03-20T12:00:00Z' });
  await seed(app);
  const token = await app.token('compliance');
  const query = 'market=SA&from=2026-03-19T00:00:00Z&to=2026-03-20T00:00:00Z';
  t.same((await app.get(`${URL_}?${query}`, token)).json(), { rows: [], nextCursor: null });
  const csv = await app.get(`${URL_}?${query}&format=csv`, token);
  t.equal(csv.statusCode, 200);
  t.equal(csv.body, 'occurredAt,market,caseId,sellerId,buyerId,eventId,messageId,author,matchTypes,evidence\r\n');
});

t.test('when the period holds more rows than one keyset chunk, then the CSV holds them all, once, in order', async (t) => {
  const app = await build(t, { now: '2026-03-20T12:00:00Z' });
  const start = Date.parse('2026-03-16T00:00:00Z');
  const n = 1003;
  for (let b = 0; b < n; b += 1000) {
    const events = Array.from({ length: Math.min(1000, n - b) }, (_, i) =>
      event({ id: `bulk-${String(b + i).padStart(4, '0')}`, occurredAt: new Date(start + Math.floor((b + i) / 2) * 60_000).toISOString(), market: 'SA', caseId: `bulk-${b + i}`, message: { author: 'buyer', body: `واتساب ٠٥٥١٢٣${String(b + i).padStart(4, '0')}` } }),
    );
    t.equal((await app.post({ events })).statusCode, 202);
  }
  const res = await app.get(`${URL_}?market=SA&from=2026-03-16T00:00:00Z&to=2026-03-17T00:00:00Z&format=csv`, await app.token('admin'));
  t.equal(res.statusCode, 200);
  const ids = (parse(res.body, { columns: true }) as { eventId: string }[]).map((r) => r.eventId);
  t.equal(ids.length, n);
  t.equal(new Set(ids).size, n, 'no row twice across chunk boundaries (two rows share each instant)');
  t.same(ids, [...ids].sort(), 'in (occurredAt, eventId) order');
});

t.test('when the period is malformed, reversed or longer than 366 days, or the cursor is not one the report gave, then 400 in the contract’s error shape', async (t) => {
  const app = await build(t, { now: '2026-03-20T12:00:00Z' });
  const token = await app.token('compliance');
  const bad: [string, RegExp][] = [
    ['market=SA&from=2026-03-18T00:00:00Z&to=2026-03-16T00:00:00Z', /to is before from/],
    ['market=SA&from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z', /at most 366 days/],
    ['market=SA&from=2026-03-16&to=2026-03-18T00:00:00Z', /from must be an RFC 3339 instant/],
    ['market=SA&from=2026-02-30T00:00:00Z&to=2026-03-18T00:00:00Z', /from is not a real date/],
    ['market=SA&from=2026-03-16T00:00:00Z', /to/],
    ['market=sa!&from=2026-03-16T00:00:00Z&to=2026-03-18T00:00:00Z', /market/],
    [`${period}&limit=1001`, /limit/],
    [`${period}&limit=0`, /limit/],
    [`${period}&format=xlsx`, /format/],
    [`${period}&cursor=bm90LWEtY3Vyc29y`, /cursor is not one this report gave/],
  ];
  for (const [query, message] of bad) {
    const res = await app.get(`${URL_}?${query}`, token);
    t.equal(res.statusCode, 400, query);
    t.equal(res.json().error, 'bad_request', query);
    t.match(res.json().message, message, query);
  }
  const ok = await app.get(`${URL_}?market=SA&from=2025-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`, token);
  t.equal(ok.statusCode, 200, 'exactly 366 days is accepted');
  const audited = await app.app.db.selectFrom('audit').select('action').where('action', '=', 'report.read').execute();
  t.equal(audited.length, 1, 'a refused read is not audited; the accepted one is');
});

t.test('when a seller or an anonymous caller asks, then 403 or 401: the report is for staff', async (t) => {
  const app = await build(t, { now: '2026-03-20T12:00:00Z' });
  t.equal((await app.get(`${URL_}?${period}`, await app.token('seller', 'seller-1'))).statusCode, 403);
  t.equal((await app.get(`${URL_}?${period}`)).statusCode, 401);
});

t.test('when staff read the report, then each read appends a report.read audit row naming the token, market, period and format', async (t) => {
  const app = await build(t, { now: '2026-03-20T12:00:00Z' });
  const token = await app.token('compliance');
  const { id } = await app.app.db.selectFrom('tokens').select('id').where('role', '=', 'compliance').executeTakeFirstOrThrow();
  await app.get(`${URL_}?${period}`, token);
  await app.get(`${URL_}?${period}&format=csv`, token);
  const rows = await app.app.db.selectFrom('audit').select(['actor', 'action', 'subject', 'details']).where('action', '=', 'report.read').orderBy('id').execute();
  t.same(rows, [
    { actor: `token:${id}`, action: 'report.read', subject: 'contact-sharing', details: { report: 'contact-sharing', market: 'SA', from: '2026-03-16T00:00:00.000Z', to: '2026-03-18T00:00:00.000Z', format: 'json' } },
    { actor: `token:${id}`, action: 'report.read', subject: 'contact-sharing', details: { report: 'contact-sharing', market: 'SA', from: '2026-03-16T00:00:00.000Z', to: '2026-03-18T00:00:00.000Z', format: 'csv' } },
  ]);
});

t.test('when the report pages, then its query is answered from the partial index events_contact_sharing', async (t) => {
  const app = await build(t, { now: '2026-03-20T12:00:00Z' });
  const client = await app.app.pg.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off'); // an empty table would be scanned anyway; ask whether the index CAN answer
    for (const after of [null, { at: Date.parse('2026-03-16T10:00:00Z'), id: 'sa-2' }]) {
      const q = pageQuery(app.app.db, { market: 'SA', from: Date.parse('2026-03-16T00:00:00Z'), to: Date.parse('2026-03-18T00:00:00Z') }, after, 101).compile();
      const plan = (await client.query(`EXPLAIN ${q.sql}`, q.parameters as unknown[])).rows.map((r) => r['QUERY PLAN']).join('\n');
      t.match(plan, /Index Scan using events_contact_sharing/, plan);
      t.notMatch(plan, /Sort/, 'the index gives the order');
    }
    await client.query('ROLLBACK');
  } finally {
    client.release();
  }
});
