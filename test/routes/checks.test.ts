// POST /v1/checks/message (issue 7.6): the flags a message would raise,
// answered before it is sent, for marketplaces that hold messages with
// contact details for review. It stores nothing.
import t from 'tap';
import { sql } from 'kysely';
import { build, type TestApp } from '../helpers/app.js';
import { event } from '../helpers/events.js';

const NOW = '2026-03-17T08:00:00Z';
const CANNED = 'Paldies par jūsu ziņu! Mēs atbildēsim pēc iespējas ātrāk.';

async function check(app: TestApp, token: string, body: unknown) {
  return app.app.inject({ method: 'POST', url: '/v1/checks/message', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
}

/** Rows of every table a write could touch: none may change. */
async function counts(app: TestApp) {
  const { rows } = await sql<Record<string, string>>`SELECT
    (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM obligations) AS obligations,
    (SELECT count(*) FROM audit) AS audit, (SELECT count(*) FROM outbox) AS outbox`.execute(app.app.db);
  return rows[0];
}

t.test('when a buyer message in Saudi Arabia carries a phone number in Arabic-Indic digits, then contact_sharing is answered with the evidence and nothing is stored', async (t) => {
  const app = await build(t, { now: NOW });
  const token = await app.token('integration');
  const before = await counts(app);
  const body = 'مرحبا، تواصل معي على الواتساب ٠٥٥١٢٣٤٥٦٧ شكرا';
  const res = await check(app, token, { market: 'SA', author: 'buyer', body });
  t.equal(res.statusCode, 200, res.body);
  const out = res.json();
  t.equal(out.contactSharing, true);
  t.equal(out.market, 'SA');
  const flag = out.flags.find((f: { kind: string }) => f.kind === 'contact_sharing');
  t.ok(flag, 'a contact_sharing flag');
  t.ok(flag.matches.some((m: { type: string; text: string; start: number; end: number }) => m.type === 'phone' && body.slice(m.start, m.end) === m.text), 'the phone number with its offsets in the body');
  t.notOk('messageId' in flag, 'no message id: there is no stored message');
  t.same(await counts(app), before, 'no event, case, obligation, audit or outbox row');
});

t.test('when a message shares nothing, then no flags are answered', async (t) => {
  const app = await build(t, { now: NOW });
  const res = await check(app, await app.token('admin'), { market: 'LV', author: 'seller', body: 'Labdien! Jūsu pasūtījums tiks nosūtīts rīt no rīta, paldies par pacietību.' });
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { market: 'LV', author: 'seller', flags: [], contactSharing: false });
});

t.test('when a seller answers in a language the market does not use, then language_mismatch is answered; a buyer is not judged', async (t) => {
  const app = await build(t, { now: NOW });
  const token = await app.token('integration');
  const body = 'Hello, your order will be shipped tomorrow morning, thank you for your patience.';
  const seller = (await check(app, token, { market: 'LV', author: 'seller', body })).json();
  t.match(seller.flags, [{ kind: 'language_mismatch', author: 'seller', detected: 'en', expected: ['lv'] }]);
  const buyer = (await check(app, token, { market: 'LV', author: 'buyer', body })).json();
  t.same(buyer.flags, []);
});

t.test('when the seller stored the same reply in 5 other cases within 24 hours, then automated_reply_suspected is answered (only with sellerId, and not counting the case itself)', async (t) => {
  const app = await build(t, { now: NOW });
  const copies = Array.from({ length: 5 }, (_, i) =>
    event({ occurredAt: new Date(Date.parse(NOW) - (i + 1) * 3_600_000).toISOString(), caseId: `other-${i}`, sellerId: 'seller-9', message: { author: 'seller', body: CANNED } }),
  );
  t.equal((await app.post({ events: copies })).statusCode, 202);
  const token = await app.token('integration');
  const body = { market: 'LV', author: 'seller', body: CANNED.toUpperCase() };
  t.match((await check(app, token, { ...body, sellerId: 'seller-9' })).json().flags, [{ kind: 'automated_reply_suspected', repeats: 5 }]);
  t.same((await check(app, token, { ...body, sellerId: 'seller-9', caseId: 'other-0' })).json().flags, [], 'the case’s own copy is not a repeat: 4 others');
  t.same((await check(app, token, body)).json().flags, [], 'without sellerId there is nothing to compare with');
  t.same((await check(app, token, { ...body, sellerId: 'seller-other' })).json().flags, [], 'another seller’s copies do not count');
  t.same((await check(app, token, { ...body, sellerId: 'seller-9', automated: true })).json().flags, [], 'a machine-sent message is not judged');
});

t.test('when the request is bad, then 400 names the field; an unknown market is 400', async (t) => {
  const app = await build(t, { now: NOW });
  const token = await app.token('integration');
  const unknown = await check(app, token, { market: 'ZZ', author: 'buyer', body: 'hi' });
  t.equal(unknown.statusCode, 400);
  t.match(unknown.json(), { error: 'bad_request', details: [{ field: 'body.market' }] });
  t.equal((await check(app, token, { market: 'LV', author: 'robot', body: 'hi' })).statusCode, 400, 'unknown author');
  t.equal((await check(app, token, { market: 'LV', author: 'buyer' })).statusCode, 400, 'no body');
  t.equal((await check(app, token, { market: 'LV', author: 'buyer', body: 'x'.repeat(20_001) })).statusCode, 400, 'body over its cap');
});

t.test('when an integration token calls anything else, or a compliance token calls the check, then 403', async (t) => {
  const app = await build(t, { now: NOW });
  const integration = await app.token('integration');
  t.equal((await app.get('/v1/reports/breaches?market=LV&from=2026-03-01T00:00:00Z&to=2026-03-17T00:00:00Z', integration)).statusCode, 403);
  t.equal((await app.get('/v1/cases/case-1', integration)).statusCode, 403);
  t.equal((await check(app, await app.token('compliance'), { market: 'LV', author: 'buyer', body: 'hi' })).statusCode, 403);
  t.equal((await check(app, await app.token('seller', 'seller-1'), { market: 'LV', author: 'buyer', body: 'hi' })).statusCode, 403);
});
