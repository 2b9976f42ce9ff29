// Compliance reports (CONTRACT §6, issue 4.1 and 4.5) through the app: the
// breach and sellers reports in JSON pages and streamed CSV, takeover charges.
// Market LV: Monday–Friday 00:00–24:00 Riga time (UTC+2 in early March), reply within 1440 working minutes.
import { parse } from 'csv-parse/sync';
import t from 'tap';
import { build, type TestApp } from '../helpers/app.js';
import { buyerSays, event, sellerSays } from '../helpers/events.js';

const NOW = '2026-03-16T10:00:00Z';
// Ids are printable ASCII at the webhook (quotes and commas included); Arabic
// reaches reports through charge descriptions, and seeded rows below.
const SELLER_A = 'seller-a';
const QUOTED_CASE = 'case-"A",1';
const ARABIC_SELLER = 'بائع-١٢';
const ARABIC_CASE = 'قضية-١';
const PERIOD = 'market=LV&from=2026-03-01T00:00:00Z&to=2026-03-16T00:00:00Z';

/**
 * A: late by 120 min (due Tue 3 March 08:00Z, answered 10:00Z; 1560 working minutes to answer).
 * B: b1 breached (due Thu 5 March 08:00Z, taken over), b2 met (1380 minutes).
 * C: late by 90 (Friday 12:00Z, due Monday 12:00Z over the weekend, answered 13:30Z; 1530 minutes).
 * D: one waived obligation only (no on-time rate).
 * B again: late-outside, requested 13 March, breached 16 March 09:00Z (after the period's end).
 */
async function scenario(t: Parameters<typeof build>[0]): Promise<TestApp & { staff: string }> {
  const app = await build(t, { now: NOW });
  const res = await app.post({
    events: [
      buyerSays('2026-03-02T08:00:00Z', { caseId: QUOTED_CASE, sellerId: SELLER_A }),
      sellerSays('2026-03-03T10:00:00Z', { caseId: QUOTED_CASE, sellerId: SELLER_A }),
      buyerSays('2026-03-04T08:00:00Z', { caseId: 'b1', sellerId: 'seller-b' }),
      buyerSays('2026-03-05T12:00:00Z', { caseId: 'b2', sellerId: 'seller-b' }),
      sellerSays('2026-03-06T11:00:00Z', { caseId: 'b2', sellerId: 'seller-b' }),
      buyerSays('2026-03-06T12:00:00Z', { caseId: 'c1', sellerId: 'seller-c' }),
      sellerSays('2026-03-09T13:30:00Z', { caseId: 'c1', sellerId: 'seller-c' }),
      buyerSays('2026-03-10T09:00:00Z', { caseId: 'd1', sellerId: 'seller-d' }),
      event({ type: 'reply.waived', occurredAt: '2026-03-10T09:05:00Z', caseId: 'd1', sellerId: 'seller-d' }),
      // Outside the period: due 16 March.
      buyerSays('2026-03-13T09:00:00Z', { caseId: 'late-outside', sellerId: 'seller-b' }),
    ],
  });
  if (res.statusCode !== 202) throw new Error(`scenario not stored: ${res.body}`);
  return { ...app, staff: await app.token('compliance') };
}

const b1LateBy = 38 * 60 + 5 * 24 * 60 + 12 * 60; // Thu 10:00 Riga → Fri end, next week, Mon 16 March to 12:00 Riga

t.test('the breach report lists every late or breached obligation with dueAt in [from, to), by dueAt, exactly per §6', async (t) => {
  const app = await scenario(t);
  const res = await app.get(`/v1/reports/breaches?${PERIOD}`, app.staff);
  t.equal(res.statusCode, 200);
  t.same(res.json(), {
    rows: [
      {
        caseId: QUOTED_CASE,
        sellerId: SELLER_A,
        market: 'LV',
        requestedAt: '2026-03-02T08:00:00.000Z',
        dueAt: '2026-03-03T08:00:00.000Z',
        answeredAt: '2026-03-03T10:00:00.000Z',
        state: 'late',
        lateByMinutes: 120,
        takenOver: true,
      },
      {
        caseId: 'b1',
        sellerId: 'seller-b',
        market: 'LV',
        requestedAt: '2026-03-04T08:00:00.000Z',
        dueAt: '2026-03-05T08:00:00.000Z',
        answeredAt: null,
        state: 'breached',
        lateByMinutes: b1LateBy,
        takenOver: true,
      },
      {
        caseId: 'c1',
        sellerId: 'seller-c',
        market: 'LV',
        requestedAt: '2026-03-06T12:00:00.000Z',
        dueAt: '2026-03-09T12:00:00.000Z',
        answeredAt: '2026-03-09T13:30:00.000Z',
        state: 'late',
        lateByMinutes: 90,
        takenOver: true,
      },
    ],
    nextCursor: null,
  });
  app.clock.advance(60 * 60_000);
  const later = (await app.get(`/v1/reports/breaches?${PERIOD}&sellerId=seller-b`, app.staff)).json();
  t.same(
    later.rows.map((r: { caseId: string; lateByMinutes: number }) => [r.caseId, r.lateByMinutes]),
    [['b1', b1LateBy + 60]],
    'a breached obligation is late up to now (an hour later, 60 working minutes more); the seller filter keeps one seller',
  );
});

t.test('JSON pages follow a keyset cursor: limit rows each, nextCursor null at the end, nothing lost or repeated', async (t) => {
  const app = await scenario(t);
  const all = (await app.get(`/v1/reports/breaches?${PERIOD}`, app.staff)).json().rows;
  const seen: unknown[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await app.get(`/v1/reports/breaches?${PERIOD}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, app.staff);
    t.equal(res.statusCode, 200);
    const body: { rows: unknown[]; nextCursor: string | null } = res.json();
    t.ok(body.rows.length <= 2);
    seen.push(...body.rows);
    cursor = body.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  t.equal(pages, 2);
  t.same(seen, all);
  const sellersPaged: unknown[] = [];
  cursor = null;
  pages = 0;
  do {
    const body: { rows: unknown[]; nextCursor: string | null } = (await app.get(`/v1/reports/sellers?${PERIOD}&limit=1${cursor ? `&cursor=${cursor}` : ''}`, app.staff)).json();
    sellersPaged.push(...body.rows);
    cursor = body.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  t.same(sellersPaged, (await app.get(`/v1/reports/sellers?${PERIOD}`, app.staff)).json().rows, 'the sellers report pages the same way, null rates included');
  t.equal(pages, 4);
});

t.test('the sellers report: one row per seller, worst on-time rate first, no rate last, waived and cancelled counted apart', async (t) => {
  const app = await scenario(t);
  // A contact-sharing flag on seller-b's own message in the period (flags are written at ingestion by the message checks).
  await app.app.db
    .insertInto('events')
    .values({
      id: 'flagged-1',
      type: 'message.created',
      occurred_at: '2026-03-06T11:30:00Z',
      market: 'LV',
      case_id: 'b-side',
      seller_id: 'seller-b',
      message_id: 'm-flagged',
      author: 'seller',
      automated: false,
      body: 'call me',
      content_hash: Buffer.alloc(32),
      flags: JSON.stringify([{ kind: 'contact_sharing', messageId: 'm-flagged', author: 'seller', matches: [{ type: 'phone', text: '+371 2000 0000' }] }]),
    })
    .execute();
  const res = await app.get(`/v1/reports/sellers?${PERIOD}`, app.staff);
  t.equal(res.statusCode, 200);
  const base = { market: 'LV', cancelled: 0, pending: 0, lateNoticeAbsences: 0 };
  t.same(res.json().rows, [
    // Equal rates (0): by seller id.
    { ...base, sellerId: SELLER_A, obligations: 1, met: 0, late: 1, breached: 0, onTimeRate: 0, medianResponseMinutes: 1560, takeovers: 1, contactFlags: 0, waived: 0 },
    { ...base, sellerId: 'seller-c', obligations: 1, met: 0, late: 1, breached: 0, onTimeRate: 0, medianResponseMinutes: 1530, takeovers: 1, contactFlags: 0, waived: 0 },
    // b1 and late-outside breached (the latter requested in the period, due after it; its takeover too falls after it).
    { ...base, sellerId: 'seller-b', obligations: 3, met: 1, late: 0, breached: 2, onTimeRate: 1 / 3, medianResponseMinutes: 1380, takeovers: 1, contactFlags: 1, waived: 0 },
    { ...base, sellerId: 'seller-d', obligations: 1, met: 0, late: 0, breached: 0, onTimeRate: null, medianResponseMinutes: null, takeovers: 0, contactFlags: 0, waived: 1 },
  ]);
  const one = (await app.get(`/v1/reports/sellers?${PERIOD}&sellerId=seller-b`, app.staff)).json();
  t.same(one.rows.map((r: { sellerId: string }) => r.sellerId), ['seller-b'], 'filtered by seller');
});

t.test('when a seller registered an absence without the required notice in the period, then the sellers report counts it, alone or as a piece of a longer absence (compliant, cancelled and later ones not)', async (t) => {
  const app = await build(t, { now: NOW });
  await app.post(buyerSays('2026-03-10T09:00:00Z', { caseId: 'ln-1', sellerId: 'seller-ln' }));
  const absence = (from: string, to: string, createdAt: string, extra: { compliant?: boolean; cancelled?: boolean; lateAsPiece?: boolean } = {}) =>
    app.app.db
      .insertInto('absences')
      .values({
        seller_id: 'seller-ln',
        market: 'LV',
        from_date: from,
        to_date: to,
        working_days: 8,
        notice_days: 3,
        compliant: extra.compliant ?? false,
        violation: extra.compliant ? null : 'late_notice',
        ...(extra.lateAsPiece ? { continuous_from: '2026-04-01', continuous_to: to, continuous_working_days: 12, continuous_violation: 'late_notice' } : {}),
        created_at: new Date(createdAt),
        ...(extra.cancelled ? { cancelled_at: new Date(createdAt) } : {}),
      })
      .execute();
  await absence('2026-03-12', '2026-03-23', '2026-03-09T10:00:00Z'); // counted
  await absence('2026-04-20', '2026-04-30', '2026-03-05T10:00:00Z', { compliant: true }); // compliant
  await absence('2026-04-13', '2026-04-17', '2026-03-06T10:00:00Z', { compliant: true, lateAsPiece: true }); // counted: a late piece of a longer absence
  await absence('2026-05-04', '2026-05-14', '2026-03-11T10:00:00Z', { cancelled: true }); // cancelled
  await absence('2026-06-01', '2026-06-12', '2026-03-16T10:00:00Z'); // registered after the period
  const res = await app.get(`/v1/reports/sellers?${PERIOD}&sellerId=seller-ln`, await app.token('compliance'));
  t.equal(res.statusCode, 200);
  t.match(res.json().rows, [{ sellerId: 'seller-ln', obligations: 1, lateNoticeAbsences: 2 }]);
  const csv = await app.get(`/v1/reports/sellers?${PERIOD}&sellerId=seller-ln&format=csv`, await app.token('compliance'));
  const { header, rows } = csvRows(csv.body);
  t.ok(header.includes('lateNoticeAbsences'), 'the CSV has the column');
  t.equal(rows[0]!.lateNoticeAbsences, 2);
});

/** CSV text → objects with JSON's types (empty → null; numbers and booleans parsed). */
function csvRows(text: string): { header: string[]; rows: Record<string, unknown>[] } {
  const records: string[][] = parse(text, { bom: false, relax_quotes: false });
  const [header, ...body] = records;
  const typed = (v: string) => (v === '' ? null : v === 'true' ? true : v === 'false' ? false : /^-?\d+(\.\d+)?(e-?\d+)?$/.test(v) ? Number(v) : v);
  return { header: header!, rows: body.map((r) => Object.fromEntries(header!.map((h, i) => [h, typed(r[i]!)]))) };
}

/** An obligation written straight to the tables, with ids the webhook would refuse (Arabic script). */
async function seedArabic(app: TestApp) {
  await app.app.db.insertInto('cases').values({ id: ARABIC_CASE, market: 'LV', seller_id: ARABIC_SELLER, status: 'open' }).execute();
  await app.app.db
    .insertInto('obligations')
    .values({
      case_id: ARABIC_CASE,
      market: 'LV',
      seller_id: ARABIC_SELLER,
      request_event_id: 'seeded',
      requested_at: '2026-03-10T08:00:00Z',
      due_at: '2026-03-11T08:00:00Z',
      warn_at: '2026-03-11T03:12:00Z',
      answered_at: '2026-03-11T09:00:00Z',
      state: 'late',
      response_minutes: 1500,
      late_by_minutes: 60,
      calendar_fingerprint: 'seeded',
    })
    .execute();
}

t.test('CSV: the whole report streamed with a header row, RFC 4180 quoting, UTF-8 Arabic intact, equal to the JSON', async (t) => {
  const app = await scenario(t);
  await seedArabic(app);
  const json = (await app.get(`/v1/reports/breaches?${PERIOD}`, app.staff)).json().rows;
  const res = await app.get(`/v1/reports/breaches?${PERIOD}&format=csv&limit=1`, app.staff);
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.equal(res.headers['content-disposition'], 'attachment; filename="breaches-LV-20260301T000000Z-20260316T000000Z.csv"');
  t.ok(res.body.startsWith('caseId,sellerId,market,requestedAt,dueAt,answeredAt,state,lateByMinutes,takenOver\r\n'), 'contract columns as the header, CRLF records');
  t.ok(res.body.includes('\r\n"case-""A"",1",seller-a,LV,'), 'a field with a comma and quotes is quoted, its quotes doubled');
  t.ok(res.body.includes(`\r\n${ARABIC_CASE},${ARABIC_SELLER},LV,`), 'Arabic text intact (UTF-8)');
  t.equal(json.length, 4);
  const csv = csvRows(res.body);
  t.same(csv.header, ['caseId', 'sellerId', 'market', 'requestedAt', 'dueAt', 'answeredAt', 'state', 'lateByMinutes', 'takenOver']);
  t.same(csv.rows, json, 'every row, not one page: limit does not apply to CSV');

  const sellersJson = (await app.get(`/v1/reports/sellers?${PERIOD}`, app.staff)).json().rows;
  const sellersCsv = await app.get(`/v1/reports/sellers?${PERIOD}&format=csv`, app.staff);
  t.equal(sellersCsv.headers['content-disposition'], 'attachment; filename="sellers-LV-20260301T000000Z-20260316T000000Z.csv"');
  t.same(csvRows(sellersCsv.body).rows, sellersJson);
});

t.test('CSV of more rows than one fetch chunk streams them all, in order, once each', async (t) => {
  const app = await build(t, { now: NOW });
  const events = [];
  for (let i = 0; i < 2300; i++) events.push(buyerSays('2026-03-02T08:00:00Z', { caseId: `bulk-${String(i).padStart(4, '0')}`, sellerId: `s-${i % 13}` }));
  for (let i = 0; i < events.length; i += 1000) t.equal((await app.post({ events: events.slice(i, i + 1000) })).statusCode, 202);
  const staff = await app.token('admin');
  const res = await app.get(`/v1/reports/breaches?${PERIOD}&format=csv`, staff);
  const { rows } = csvRows(res.body);
  t.equal(rows.length, 2300);
  t.equal(new Set(rows.map((r) => r.caseId)).size, 2300, 'no row twice across chunk boundaries');
  let paged = 0;
  let cursor: string | null = null;
  do {
    const body: { rows: unknown[]; nextCursor: string | null } = (await app.get(`/v1/reports/breaches?${PERIOD}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`, staff)).json();
    paged += body.rows.length;
    cursor = body.nextCursor;
  } while (cursor);
  t.equal(paged, 2300);
});

t.test('bad periods, markets and cursors are 400 and stored nothing; reports are for staff (401, 403)', async (t) => {
  const app = await scenario(t);
  const bad: [string, string][] = [
    ['to before from', 'market=LV&from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z'],
    ['more than 366 days', 'market=LV&from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z'],
    ['a malformed instant', 'market=LV&from=2026-03-01&to=2026-03-10T00:00:00Z'],
    ['no time zone', 'market=LV&from=2026-03-01T00:00:00&to=2026-03-10T00:00:00Z'],
    ['an unknown market', 'market=ZZ&from=2026-03-01T00:00:00Z&to=2026-03-10T00:00:00Z'],
    ['no market', 'from=2026-03-01T00:00:00Z&to=2026-03-10T00:00:00Z'],
    ['a limit over 1000', `${PERIOD}&limit=1001`],
    ['a cursor not from this report', `${PERIOD}&cursor=bm9wZQ`],
    ['an unknown format', `${PERIOD}&format=xml`],
  ];
  for (const [what, q] of bad) {
    const res = await app.get(`/v1/reports/breaches?${q}`, app.staff);
    t.equal(res.statusCode, 400, what);
    t.match(res.json(), { error: 'bad_request', message: String }, what);
  }
  t.ok((await app.get(`/v1/reports/breaches?market=LV&from=2025-03-01T00:00:00Z&to=2026-03-02T00:00:00Z`, app.staff)).statusCode === 200, '366 days exactly is answered');
  const audits = await app.app.db.selectFrom('audit').select('action').where('action', '=', 'report.read').execute();
  t.equal(audits.length, 1, 'only the answered read was audited');
  t.equal((await app.get(`/v1/reports/breaches?${PERIOD}`)).statusCode, 401);
  t.equal((await app.get(`/v1/reports/sellers?${PERIOD}`, await app.token('seller', 'seller-b'))).statusCode, 403, 'a seller token cannot read reports');
  t.equal((await app.get(`/v1/reports/charges?${PERIOD}`, await app.token('seller', 'seller-b'))).statusCode, 403);
});

t.test('when format is neither json nor csv, then the 400 names the field once with the values it takes', async (t) => {
  const app = await build(t, { now: NOW });
  const res = await app.get(`/v1/reports/breaches?${PERIOD}&format=xml`, await app.token('compliance'));
  t.equal(res.statusCode, 400);
  t.same(res.json(), {
    error: 'bad_request',
    message: 'invalid querystring: querystring.format must be one of "json", "csv"',
    details: [{ field: 'querystring.format', message: 'must be one of "json", "csv"' }],
  });
});

t.test('a cursor made by hand is 400, never a server error: a NUL or a lone surrogate in its text, an instant PostgreSQL cannot hold or outside 2000-2099', async (t) => {
  const app = await build(t, { now: NOW });
  const staff = await app.token('compliance');
  const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
  const cases: [string, unknown[]][] = [
    [`/v1/reports/breaches?${PERIOD}`, ['-271821-04-20T00:00:00.000Z', 1]],
    [`/v1/reports/breaches?${PERIOD}`, ['Mar 6 2026', 1]],
    [`/v1/reports/sellers?${PERIOD}`, [0.5, 'seller\u0000a']],
    [`/v1/reports/sellers?${PERIOD}`, [null, 'seller\ud800']],
    [`/v1/reports/contact-sharing?${PERIOD}`, ['2026-03-06T08:00:00.000Z', 'evt\u0000']],
    ['/v1/sellers/seller-a/cases?', ['2026-03-06T08:00:00.000Z', 'case\u0000']],
    ['/v1/sellers/seller-a/cases?', ['-004714-01-01T00:00:00Z', 'case-1']],
    [`/v1/reports/charges?${PERIOD}`, ['2026-03-06T08:00:00.000Z', '------------------------------------']],
    [`/v1/reports/charges?${PERIOD}`, ['-271821-04-20T00:00:00.000Z', '0d59ab24-9ee2-4770-a4de-601164095ec7']],
  ];
  for (const [url, key] of cases) {
    const res = await app.get(`${url}&cursor=${cursor(key)}`, staff);
    t.equal(res.statusCode, 400, `${url.split('?')[0]} ${JSON.stringify(key)}: ${res.body.slice(0, 120)}`);
    t.match(res.json(), { error: 'bad_request', details: [{ field: 'querystring.cursor' }] });
  }
});

t.test('every staff read of a report appends an audit row with the query', async (t) => {
  const app = await scenario(t);
  await app.get(`/v1/reports/breaches?${PERIOD}&sellerId=seller-b`, app.staff);
  await app.get(`/v1/reports/sellers?${PERIOD}&format=csv`, app.staff);
  const rows = await app.app.db.selectFrom('audit').select(['actor', 'action', 'subject', 'details']).where('action', '=', 'report.read').orderBy('id').execute();
  t.match(rows, [
    { actor: /^token:/, subject: 'breaches', details: { report: 'breaches', market: 'LV', from: '2026-03-01T00:00:00Z', to: '2026-03-16T00:00:00Z', sellerId: 'seller-b' } },
    { actor: /^token:/, subject: 'sellers', details: { report: 'sellers', format: 'csv' } },
  ]);
});

t.test('charges (POLICIES D: the platform may charge takeover costs to the seller): recorded, reported, audited', async (t) => {
  const app = await scenario(t);
  const takeover = (await app.get('/v1/cases/b1', app.staff)).json().takeover;
  t.match(takeover, { reason: 'reply_overdue', id: Number });
  const post = (id: number | string, payload: object, token = app.staff) =>
    app.app.inject({ method: 'POST', url: `/v1/takeovers/${id}/charges`, headers: { authorization: `Bearer ${token}` }, payload });
  const res = await post(takeover.id, { amountMinor: 1250, currency: 'EUR', description: 'Return handled by the platform: courier, "label", تغليف' });
  t.equal(res.statusCode, 201);
  const charge = res.json();
  t.match(charge, { id: String, takeoverId: takeover.id, caseId: 'b1', sellerId: 'seller-b', market: 'LV', amountMinor: 1250, currency: 'EUR', createdAt: '2026-03-16T10:00:00.000Z', createdBy: /^token:/ });
  t.equal((await post(takeover.id, { amountMinor: 300, currency: 'USD', description: 'Second cost' })).statusCode, 201);

  const invalid: [string, object][] = [
    ['zero amount', { amountMinor: 0, currency: 'EUR', description: 'x' }],
    ['fractional amount', { amountMinor: 12.5, currency: 'EUR', description: 'x' }],
    ['lower-case currency', { amountMinor: 1, currency: 'eur', description: 'x' }],
    ['not an ISO 4217 currency', { amountMinor: 1, currency: 'ABC', description: 'x' }],
    ['empty description', { amountMinor: 1, currency: 'EUR', description: '' }],
    ['blank description', { amountMinor: 1, currency: 'EUR', description: '   ' }],
    ['description over 500 characters', { amountMinor: 1, currency: 'EUR', description: 'x'.repeat(501) }],
  ];
  for (const [what, body] of invalid) t.equal((await post(takeover.id, body)).statusCode, 400, what);
  t.equal((await post(999999, { amountMinor: 1, currency: 'EUR', description: 'x' })).statusCode, 404, 'unknown takeover');
  t.equal((await post('abc', { amountMinor: 1, currency: 'EUR', description: 'x' })).statusCode, 400, 'not a takeover id');
  t.equal((await post(takeover.id, { amountMinor: 1, currency: 'EUR', description: 'x' }, await app.token('seller', 'seller-b'))).statusCode, 403, 'a seller cannot charge');

  // A takeover the fold withdrew (the seller's reply arrived late, stamped before the deadline): 409.
  await app.post(sellerSays('2026-03-05T07:00:00Z', { caseId: 'b1', sellerId: 'seller-b' }));
  t.equal((await app.get('/v1/cases/b1', app.staff)).json().takeover, null, 'the takeover was withdrawn');
  const withdrawn = await post(takeover.id, { amountMinor: 1, currency: 'EUR', description: 'x' });
  t.equal(withdrawn.statusCode, 409);
  t.match(withdrawn.json(), { error: 'conflict' });

  const charges = await app.app.db.selectFrom('charges').select('id').execute();
  t.equal(charges.length, 2, 'refused requests stored nothing');
  const audit = await app.app.db.selectFrom('audit').select(['action', 'subject', 'details']).where('action', '=', 'charge.recorded').orderBy('id').execute();
  t.match(audit, [{ subject: 'b1', details: { chargeId: charge.id, takeoverId: takeover.id, amountMinor: 1250, currency: 'EUR' } }, { details: { currency: 'USD' } }]);

  const q = 'market=LV&from=2026-03-16T00:00:00Z&to=2026-03-17T00:00:00Z';
  const report = (await app.get(`/v1/reports/charges?${q}`, app.staff)).json();
  t.equal(report.rows.length, 2);
  t.equal(report.nextCursor, null);
  t.same(charge.takeoverWithdrawn, false);
  t.same(report.rows.find((r: { id: string }) => r.id === charge.id), { ...charge, takeoverWithdrawn: true }, 'the report row is the charge as recorded, its takeover since withdrawn');
  const scorecard = (await app.get('/v1/sellers/seller-b/scorecard?from=2026-03-16T00:00:00Z&to=2026-03-17T00:00:00Z&market=LV', app.staff)).json();
  t.same(scorecard.charges, { count: 0, byCurrency: {} }, 'the seller is not charged for a takeover that did not stand');
  const csv = await app.get(`/v1/reports/charges?${q}&format=csv`, app.staff);
  t.equal(csv.headers['content-disposition'], 'attachment; filename="charges-LV-20260316T000000Z-20260317T000000Z.csv"');
  t.same(
    csvRows(csv.body).rows.map((r) => ({ ...r, caseId: String(r.caseId) })),
    report.rows,
    'CSV equals JSON, the Arabic and quoted description intact',
  );
  const page1 = (await app.get(`/v1/reports/charges?${q}&limit=1`, app.staff)).json();
  const page2 = (await app.get(`/v1/reports/charges?${q}&limit=1&cursor=${page1.nextCursor}`, app.staff)).json();
  t.same([...page1.rows, ...page2.rows], report.rows);
  t.equal(page2.nextCursor, null);
});

t.test('a charge sent again with its Idempotency-Key is recorded once; the key with another charge is 422', async (t) => {
  const app = await scenario(t);
  const takeover = (await app.get('/v1/cases/b1', app.staff)).json().takeover;
  const post = (payload: object, key?: string, token = app.staff) =>
    app.app.inject({ method: 'POST', url: `/v1/takeovers/${takeover.id}/charges`, headers: { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) }, payload });
  const body = { amountMinor: 1250, currency: 'EUR', description: 'Courier for the return' };
  const first = await post(body, 'k-1');
  t.equal(first.statusCode, 201);
  t.equal(first.headers['idempotent-replayed'], undefined);
  const again = await post(body, 'k-1');
  t.equal(again.statusCode, 201, 'the retry answers as the first request did');
  t.equal(again.headers['idempotent-replayed'], 'true');
  t.same(again.json(), first.json(), 'with the charge the first recorded');
  const concurrent = await Promise.all([post(body, 'k-2'), post(body, 'k-2'), post(body, 'k-2')]);
  t.same(concurrent.map((r) => r.statusCode), [201, 201, 201]);
  t.equal(new Set(concurrent.map((r) => r.json().id)).size, 1, 'concurrent copies answer one charge');
  const reused = await post({ ...body, amountMinor: 1300 }, 'k-1');
  t.equal(reused.statusCode, 422);
  t.match(reused.json(), { error: 'unprocessable', details: [{ field: 'headers.idempotency-key' }] });
  t.equal((await post(body, 'k-1', await app.token('admin'))).statusCode, 201, 'a key is the caller’s: another token may use it');
  t.equal((await post(body)).statusCode, 201, 'without a key every request is a charge');
  t.equal((await post(body, 'has space')).statusCode, 400, 'a key of visible ASCII only');
  const stored = await app.app.db.selectFrom('charges').select(['idempotency_key']).orderBy('created_at').execute();
  t.equal(stored.length, 4, 'k-1, k-2, k-1 of the other token, and the one without a key');
  const audited = await app.app.db.selectFrom('audit').select('id').where('action', '=', 'charge.recorded').execute();
  t.equal(audited.length, 4, 'a replay is not audited as a new charge');

  // After the takeover is withdrawn, a retry still answers the charge recorded (now marked), a new key is 409.
  await app.post(sellerSays('2026-03-05T07:00:00Z', { caseId: 'b1', sellerId: 'seller-b' }));
  const late = await post(body, 'k-1');
  t.equal(late.statusCode, 201);
  t.match(late.json(), { id: first.json().id, takeoverWithdrawn: true });
  t.equal((await post(body, 'k-3')).statusCode, 409);
});

t.test('CSV cells that a spreadsheet would run as formulas are neutralised (CSV injection)', async (t) => {
  const { sendCsv } = await import('../../src/routes/reports/csv.js');
  const Fastify = (await import('fastify')).default;
  const app = Fastify();
  app.get('/x', async (_req, reply) =>
    sendCsv(reply, 'x.csv', ['a', 'n'], (async function* () {
      yield { a: '=HYPERLINK("http://evil")', n: -1 };
      yield { a: '+1 555', n: 2 };
      yield { a: 'plain', n: 3 };
    })()),
  );
  const res = await app.inject({ method: 'GET', url: '/x' });
  t.equal(res.body, 'a,n\r\n"\'=HYPERLINK(""http://evil"")",-1\r\n\'+1 555,2\r\nplain,3\r\n');
  await app.close();
});
