// POST /v1/events exactly per CONTRACT §4, through the real app.
import t from 'tap';
import { sql } from 'kysely';
import { signatureHeader } from '../../src/domain/signature.js';
import { build, SECRET } from '../helpers/app.js';
import { buyerSays, event, sellerSays } from '../helpers/events.js';

const NOW = '2026-03-16T10:00:00Z';
const count = async (app: Awaited<ReturnType<typeof build>>, table: 'events' | 'obligations' | 'cases') =>
  Number((await app.app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

t.test('a signed event is accepted (202) once; sent again it is a duplicate', async (t) => {
  const app = await build(t, { now: NOW });
  const e = buyerSays('2026-03-16T09:00:00Z');
  const first = await app.post(e);
  t.equal(first.statusCode, 202);
  t.same(first.json(), { accepted: 1, duplicates: 0 });
  const again = await app.post(e);
  t.same(again.json(), { accepted: 0, duplicates: 1 });
  t.equal(await count(app, 'events'), 1);
});

t.test('a batch is all or nothing, and duplicates inside it are counted', async (t) => {
  const app = await build(t, { now: NOW });
  const a = buyerSays('2026-03-16T08:00:00Z', { caseId: 'c-a' });
  const b = sellerSays('2026-03-16T08:30:00Z', { caseId: 'c-a' });
  const res = await app.post({ events: [a, b, a] });
  t.same(res.json(), { accepted: 2, duplicates: 1 });
  const bad = await app.post({ events: [buyerSays('2026-03-16T08:00:00Z', { caseId: 'c-b' }), { ...sellerSays('2026-03-16T08:10:00Z', { caseId: 'c-b' }), occurredAt: 'yesterday' }] });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { error: 'bad_request', details: [{ index: 1, field: 'occurredAt' }] });
  t.equal(await count(app, 'events'), 2, 'the valid first event of the rejected batch was not stored');
});

t.test('the same id with different content is 409, and the whole batch is rolled back', async (t) => {
  const app = await build(t, { now: NOW });
  const e = buyerSays('2026-03-16T08:00:00Z', { id: 'evt-same' });
  await app.post(e);
  const changed = { ...e, message: { ...(e.message as object), body: 'something else' } };
  const res = await app.post({ events: [buyerSays('2026-03-16T08:05:00Z', { caseId: 'other' }), changed] });
  t.equal(res.statusCode, 409);
  t.match(res.json(), { error: 'conflict', details: [{ index: 1, field: 'id' }] });
  t.equal(await count(app, 'events'), 1);
  const inBatch = await app.post({ events: [e, changed] });
  t.equal(inBatch.statusCode, 409, 'also when both versions are in one batch');
});

t.test('a case cannot change market or seller', async (t) => {
  const app = await build(t, { now: NOW });
  await app.post(buyerSays('2026-03-16T08:00:00Z', { caseId: 'c1', sellerId: 's1' }));
  const res = await app.post(sellerSays('2026-03-16T08:05:00Z', { caseId: 'c1', sellerId: 's2' }));
  t.equal(res.statusCode, 409);
  t.match(res.json(), { details: [{ index: 0, field: 'sellerId' }] });
});

t.test('400s name the bad event’s index and field', async (t) => {
  const app = await build(t, { now: NOW });
  const ok = buyerSays('2026-03-16T08:00:00Z');
  const cases: [string, Record<string, unknown>, string][] = [
    ['an unknown market', { ...ok, market: 'ZZ' }, 'market'],
    ['a malformed market code', { ...ok, market: 'lv' }, 'market'],
    ['a missing caseId', { ...ok, caseId: undefined }, 'caseId'],
    ['an unknown type', { ...ok, type: 'message.deleted' }, 'type'],
    ['message.created without a message', { ...ok, message: undefined }, 'message'],
    ['a dispute without a reason', { ...event({ occurredAt: '2026-03-16T08:00:00Z', type: 'dispute.opened' }), dispute: {} }, 'dispute.reason'],
    ['an unknown dispute reason', event({ occurredAt: '2026-03-16T08:00:00Z', type: 'dispute.opened', dispute: { reason: 'boredom' } }), 'dispute.reason'],
    ['an unknown author', { ...ok, message: { id: 'm', author: 'bot', body: 'x' } }, 'message.author'],
    ['an unknown field', { ...ok, extra: 1 }, 'extra'],
    ['an instant without zone', { ...ok, occurredAt: '2026-03-16T08:00:00' }, 'occurredAt'],
    ['an instant in the future', { ...ok, occurredAt: '2026-03-16T10:10:00Z' }, 'occurredAt'],
  ];
  for (const [name, bad, field] of cases) {
    const res = await app.post({ events: [ok, bad] });
    t.equal(res.statusCode, 400, name);
    const details = res.json().details as { index: number; field: string }[];
    t.ok(details.some((d) => d.index === 1 && d.field === field), `${name}: names index 1 and ${field} (${JSON.stringify(details)})`);
  }
  t.equal(await count(app, 'events'), 0);
});

t.test('a problem of the batch as a whole names no event', async (t) => {
  const app = await build(t, { now: NOW });
  for (const [body, field] of [[{ events: [buyerSays('2026-03-16T08:00:00Z')], x: 1 }, 'x'], [{ events: [] }, 'events']] as const) {
    const res = await app.post(body);
    t.equal(res.statusCode, 400);
    t.same(Object.keys(res.json().details[0]).sort(), ['field', 'message'], `${field}: no index`);
    t.match(res.json(), { details: [{ field }], message: new RegExp(`^${field} `) });
  }
});

t.test('a value outside a closed list is one problem that names the values allowed', async (t) => {
  const app = await build(t, { now: NOW });
  const res = await app.post(event({ occurredAt: '2026-03-16T08:00:00Z', type: 'dispute.opened', dispute: { reason: 'boredom' } }));
  t.equal(res.statusCode, 400);
  t.same(res.json().details, [
    { index: 0, field: 'dispute.reason', message: 'must be one of "quality", "listing_mismatch", "return_rights", "complaint_ignored", "locked_device", "counterfeit", "unsafe_product", "other"' },
  ]);
  t.equal(res.json().message, 'event 0: dispute.reason must be one of "quality", "listing_mismatch", "return_rights", "complaint_ignored", "locked_device", "counterfeit", "unsafe_product", "other"');
});

t.test('batches hold at most 1000 events', async (t) => {
  const app = await build(t, { now: NOW });
  const many = Array.from({ length: 1001 }, (_, i) => buyerSays('2026-03-16T08:00:00Z', { caseId: `c${i}` }));
  const res = await app.post({ events: many });
  t.equal(res.statusCode, 400);
  const thousand = await app.post({ events: many.slice(0, 1000) });
  t.same(thousand.json(), { accepted: 1000, duplicates: 0 });
  t.equal(await count(app, 'cases'), 1000);
});

t.test('signatures (CONTRACT §4): missing, wrong or stale → 401 and nothing stored', async (t) => {
  const app = await build(t, { now: NOW });
  const body = JSON.stringify(buyerSays('2026-03-16T08:00:00Z'));
  const send = (headers: Record<string, string>) => app.app.inject({ method: 'POST', url: '/v1/events', headers: { 'content-type': 'application/json', ...headers }, payload: body });
  const now = Math.floor(app.clock.now() / 1000);
  t.equal((await send({})).statusCode, 401, 'no signature');
  t.equal((await send({ 'x-helpdesk-signature': signatureHeader('wrong-secret-xxxxxxxx', now, body) })).statusCode, 401, 'wrong secret');
  t.equal((await send({ 'x-helpdesk-signature': signatureHeader(SECRET, now - 301, body) })).statusCode, 401, 't 301 s in the past');
  t.equal((await send({ 'x-helpdesk-signature': signatureHeader(SECRET, now + 301, body) })).statusCode, 401, 't 301 s in the future');
  t.equal((await send({ 'x-helpdesk-signature': `t=${now},v1=${'0'.repeat(64)}` })).statusCode, 401, 'garbage digest');
  t.equal((await send({ 'x-helpdesk-signature': signatureHeader(SECRET, now, body + ' ') })).statusCode, 401, 'signed over other bytes');
  t.equal(await count(app, 'events'), 0);
  const res = await send({ 'x-helpdesk-signature': signatureHeader(SECRET, now - 299, body) });
  t.equal(res.statusCode, 202, 'inside the window');
  t.equal(res.json().error, undefined);
});

t.test('a valid request replayed inside the window is a duplicate, never a second event', async (t) => {
  const app = await build(t, { now: NOW });
  const body = JSON.stringify(buyerSays('2026-03-16T08:00:00Z'));
  const headers = { 'content-type': 'application/json', 'x-helpdesk-signature': signatureHeader(SECRET, Math.floor(app.clock.now() / 1000), body) };
  await app.app.inject({ method: 'POST', url: '/v1/events', headers, payload: body });
  app.clock.advance(60_000);
  const replay = await app.app.inject({ method: 'POST', url: '/v1/events', headers, payload: body });
  t.same(replay.json(), { accepted: 0, duplicates: 1 });
  app.clock.advance(300_000);
  t.equal((await app.app.inject({ method: 'POST', url: '/v1/events', headers, payload: body })).statusCode, 401, 'outside the window: 401');
});

t.test('during rotation WEBHOOK_SECRET holds two secrets and both verify', async (t) => {
  const app = await build(t, { now: NOW, webhookSecrets: ['new-secret-0123456789', 'old-secret-0123456789'] });
  t.equal((await app.post(buyerSays('2026-03-16T08:00:00Z'), { secret: 'new-secret-0123456789' })).statusCode, 202);
  t.equal((await app.post(buyerSays('2026-03-16T08:01:00Z'), { secret: 'old-secret-0123456789' })).statusCode, 202);
  t.equal((await app.post(buyerSays('2026-03-16T08:02:00Z'), { secret: SECRET })).statusCode, 401);
});

t.test('413 over the body limit, 415 for anything but JSON, 400 for malformed JSON', async (t) => {
  const app = await build(t, { now: NOW, bodyLimit: 64 * 1024 });
  const big = JSON.stringify(buyerSays('2026-03-16T08:00:00Z', { message: { author: 'buyer', body: 'x'.repeat(70 * 1024) } }));
  const r413 = await app.post(big);
  t.equal(r413.statusCode, 413);
  t.equal(r413.json().error, 'payload_too_large');
  const r415 = await app.post(JSON.stringify(buyerSays('2026-03-16T08:00:00Z')), { headers: { 'content-type': 'text/plain' } });
  t.equal(r415.statusCode, 415);
  t.equal(r415.json().error, 'unsupported_media_type');
  const r400 = await app.post('{"id": "x", ');
  t.equal(r400.statusCode, 400);
  t.equal(r400.json().error, 'malformed_json');
  t.equal(await count(app, 'events'), 0);
});

t.test('nothing is acknowledged before its transaction commits: a failure after the insert stores nothing', async (t) => {
  const app = await build(t, { now: NOW });
  await sql`CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$`.execute(app.app.db);
  await sql`CREATE TRIGGER fail BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION fail()`.execute(app.app.db);
  const res = await app.post(buyerSays('2026-03-16T08:00:00Z'));
  t.equal(res.statusCode, 500);
  t.same(Object.keys(res.json()).sort(), ['error', 'message'], 'no stack trace reaches the client');
  t.equal(await count(app, 'events'), 0);
  t.equal(await count(app, 'cases'), 0);
});
