// What a request may look like before its route runs: a query string that
// decodes, a body only where the route takes one, and the caller's right to
// the route judged before anything it sent.
import type { InjectOptions } from 'fastify';
import t from 'tap';
import { build } from '../helpers/app.js';
import { buyerSays } from '../helpers/events.js';

const NOW = '2026-03-16T10:00:00Z';
const FROM = 'from=2026-03-13T13:00:00Z';

t.test('when a query value or name is not percent-encoded UTF-8, then 400 names the field (as a path that does not decode is 400)', async (t) => {
  const app = await build(t, { now: NOW });
  const admin = await app.token('admin');
  const cases: [string, string, string | undefined, string][] = [
    ['a truncated UTF-8 sequence', '/v1/markets/LV/deadline?from=%E0%A4&minutes=5', undefined, 'querystring.from'],
    ['an encoded lone surrogate', `/v1/markets/LV/deadline?${FROM}&minutes=5&explain=%ED%A0%80`, undefined, 'querystring.explain'],
    ['a % not followed by two hex digits', `/v1/markets/LV/deadline?${FROM}%ZZ&minutes=5`, undefined, 'querystring.from'],
    ['a name that does not decode', `/v1/markets/LV/deadline?${FROM}&minutes=5&%E0=1`, undefined, 'querystring'],
    ['a field named in its encoded form', `/v1/reports/breaches?market=LV&${FROM}&to=2026-03-14T00:00:00Z&seller%49d=%C0%80`, admin, 'querystring.sellerId'],
  ];
  for (const [name, url, token, field] of cases) {
    const res = await app.get(url, token);
    t.equal(res.statusCode, 400, `${name}: 400`);
    t.match(res.json(), { error: 'bad_request', message: /percent-encoded UTF-8/, details: [{ field, message: 'must be percent-encoded UTF-8' }] }, `${name}: names ${field}`);
  }
  const fine = await app.get(`/v1/markets/LV/deadline?from=2026-03-13T13%3A00%3A00Z&minutes=5&x=%C3%A9%F0%9F%98%80+a`);
  t.equal(fine.statusCode, 200, 'well-formed escapes, multi-byte and astral ones included, are served');
});

t.test('when a route takes no body and one is sent, then 400 whatever its media type; no body or an empty one is served', async (t) => {
  const app = await build(t, { now: NOW });
  const admin = { authorization: `Bearer ${await app.token('admin')}` };
  const seller = { authorization: `Bearer ${await app.token('seller', 's1')}` };
  const sweep = (headers: Record<string, string>, payload?: string) => app.app.inject({ method: 'POST', url: '/v1/admin/sweep', headers: { ...admin, ...headers }, ...(payload !== undefined ? { payload } : {}) });
  const sent: [string, () => ReturnType<typeof sweep>, string][] = [
    ['a JSON object', () => sweep({ 'content-type': 'application/json' }, '{"market":"LV"}'), 'POST /v1/admin/sweep'],
    ['JSON null', () => sweep({ 'content-type': 'application/json' }, 'null'), 'POST /v1/admin/sweep'],
    ['text', () => sweep({ 'content-type': 'text/plain' }, 'now please'), 'POST /v1/admin/sweep'],
    ['bytes without a media type', () => sweep({}, 'x'), 'POST /v1/admin/sweep'],
    ['malformed JSON', () => sweep({ 'content-type': 'application/json' }, '{oops'), 'POST /v1/admin/sweep'],
    ['a chunked body', () => sweep({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, '{}'), 'POST /v1/admin/sweep'],
    [
      'a body to a DELETE',
      () => app.app.inject({ method: 'DELETE', url: '/v1/sellers/s1/absences/00000000-0000-0000-0000-000000000000', headers: { ...seller, 'content-type': 'application/json' }, payload: '{}' }),
      'DELETE /v1/sellers/:sellerId/absences/:id',
    ],
  ];
  for (const [name, send, route] of sent) {
    const res = await send();
    t.equal(res.statusCode, 400, `${name}: 400`);
    t.same(res.json(), { error: 'bad_request', message: `${route} takes no body; send none` }, `${name}: says the route takes none`);
  }
  t.equal((await sweep({})).statusCode, 200, 'no body, no media type: served');
  t.equal((await sweep({ 'content-type': 'application/json' }, '')).statusCode, 200, 'an empty JSON body: served');
  t.equal((await sweep({ 'content-type': 'application/json', 'content-length': '0' })).statusCode, 200, 'Content-Length 0: served');
  t.equal((await app.app.inject({ method: 'POST', url: '/v1/admin/markets/reload', headers: { ...admin, 'content-type': 'application/json' }, payload: '[]' })).statusCode, 400, 'the same on every route without a body schema');
  t.equal((await sweep({ authorization: 'Bearer nope', 'content-type': 'application/json' }, '{}')).statusCode, 401, 'a bad token is still 401 first');
  t.equal((await app.post(buyerSays('2026-03-16T08:00:00Z'))).statusCode, 202, 'a route with a body schema takes its body');
});

t.test("when a request is refused for a field, then details[].field names it with its part, as schema validation does (the webhook's per-event fields apart)", async (t) => {
  const app = await build(t, { now: NOW });
  const admin = await app.token('admin');
  const seller = await app.token('seller', 's1');
  const json = (method: 'POST', url: string, token: string, payload: object) => () =>
    app.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
  const period = 'market=LV&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z';
  const cases: [string, () => ReturnType<typeof app.get>, number, string[]][] = [
    ['minutes not in decimal digits', () => app.get(`/v1/markets/LV/deadline?${FROM}&minutes=0x10`), 400, ['querystring.minutes']],
    ['a deadline from that is not an instant', () => app.get('/v1/markets/LV/deadline?from=soon&minutes=5'), 400, ['querystring.from']],
    ['working minutes to before from', () => app.get(`/v1/markets/LV/working-minutes?${FROM}&to=2026-03-12T00:00:00Z`), 400, ['querystring.to']],
    ['working minutes over ten years', () => app.get(`/v1/markets/LV/working-minutes?${FROM}&to=2037-03-13T13:00:00Z`), 400, ['querystring.to']],
    ['a calendar date that does not exist', () => app.get('/v1/markets/LV/calendar?from=2026-02-30&to=2026-03-02'), 400, ['querystring.from']],
    ['a calendar over 400 days', () => app.get('/v1/markets/LV/calendar?from=2026-01-01&to=2027-03-01'), 400, ['querystring.to']],
    ['a schema failure (for comparison)', () => app.get('/v1/markets/LV/deadline?from=2026-03-13T13:00:00Z'), 400, ['querystring.minutes']],
    ['a report of an unknown market', () => app.get('/v1/reports/breaches?market=XX&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z', admin), 400, ['querystring.market']],
    ['a report period backwards', () => app.get('/v1/reports/breaches?market=LV&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', admin), 400, ['querystring.to']],
    ['a report period from that is not an instant', () => app.get('/v1/reports/sellers?market=LV&from=yesterday&to=2026-03-01T00:00:00Z', admin), 400, ['querystring.from']],
    ['a cursor no report gave', () => app.get(`/v1/reports/breaches?${period}&cursor=bm9wZQ`, admin), 400, ['querystring.cursor']],
    ['a charge in no currency', json('POST', '/v1/takeovers/1/charges', admin, { amountMinor: 100, currency: 'QQQ', description: 'courier' }), 400, ['body.currency']],
    ['a message check in an unknown market', json('POST', '/v1/checks/message', admin, { market: 'XX', author: 'buyer', body: 'hi' }), 400, ['body.market']],
    ['an absence with malformed dates and market', json('POST', '/v1/sellers/s1/absences', seller, { market: 'XX', from: 'soon', to: '2026-13-01' }), 400, ['body.from', 'body.to', 'body.market']],
    ['an absence missing a field', json('POST', '/v1/sellers/s1/absences', seller, { market: 'LV', from: '2026-04-01' }), 400, ['body.to']],
    ['an absence that is not an object', json('POST', '/v1/sellers/s1/absences', seller, ['LV']), 400, ['body']],
    ['an absence backwards (422)', json('POST', '/v1/sellers/s1/absences', seller, { market: 'LV', from: '2026-04-02', to: '2026-04-01' }), 422, ['body.to']],
    ['a preview of an unknown market and a bad date', () => app.get('/v1/sellers/s1/absences/preview?market=XX&from=2026-02-30&to=2026-04-01', seller), 400, ['querystring.market', 'querystring.from']],
    ['a preview in the past (422)', () => app.get('/v1/sellers/s1/absences/preview?market=LV&from=2026-03-01&to=2026-03-02', seller), 422, ['querystring.from']],
  ];
  for (const [name, send, status, fields] of cases) {
    const res = await send();
    t.equal(res.statusCode, status, `${name}: ${status}`);
    t.same(res.json().details.map((d: { field: string }) => d.field), fields, `${name}: names ${fields.join(', ')}`);
  }
  const webhook = await app.post({ events: [buyerSays('2026-03-16T08:00:00Z'), { ...buyerSays('2026-03-16T08:01:00Z'), occurredAt: 'soon' }] });
  t.match(webhook.json(), { details: [{ index: 1, field: 'occurredAt' }] }, "the webhook's fields stay relative to the event its index names (CONTRACT §4)");
});

t.test("when a seller's token calls another seller's route, then 403 before its body or query is read (and 401 without a token, first of all)", async (t) => {
  const app = await build(t, { now: NOW });
  const s1 = { authorization: `Bearer ${await app.token('seller', 's1')}` };
  const json = { 'content-type': 'application/json' };
  const calls: [string, InjectOptions, number][] = [
    ['malformed JSON to register an absence', { method: 'POST', url: '/v1/sellers/s2/absences', headers: { ...s1, ...json }, payload: '{oops' }, 403],
    ['a body that fails the schema', { method: 'POST', url: '/v1/sellers/s2/absences', headers: { ...s1, ...json }, payload: '{"market":1}' }, 403],
    ['a body of another media type', { method: 'POST', url: '/v1/sellers/s2/absences', headers: { ...s1, 'content-type': 'text/plain' }, payload: 'away' }, 403],
    ['a body too deep', { method: 'POST', url: '/v1/sellers/s2/absences', headers: { ...s1, ...json }, payload: `{"x":${'['.repeat(40)}${']'.repeat(40)}}` }, 403],
    ['a query that fails the schema', { method: 'GET', url: '/v1/sellers/s2/absences?includeCancelled=maybe', headers: s1 }, 403],
    ['a preview without its query', { method: 'GET', url: '/v1/sellers/s2/absences/preview', headers: s1 }, 403],
    ['a scorecard with a bad period', { method: 'GET', url: '/v1/sellers/s2/scorecard?from=soon', headers: s1 }, 403],
    ['a cancellation with a body', { method: 'DELETE', url: '/v1/sellers/s2/absences/not-a-uuid', headers: { ...s1, ...json }, payload: '{}' }, 403],
    ['an encoded seller id naming another', { method: 'POST', url: '/v1/sellers/s%32/absences', headers: { ...s1, ...json }, payload: '{oops' }, 403],
    ['no token, malformed JSON', { method: 'POST', url: '/v1/sellers/s2/absences', headers: json, payload: '{oops' }, 401],
    ['its own route, malformed JSON', { method: 'POST', url: '/v1/sellers/s1/absences', headers: { ...s1, ...json }, payload: '{oops' }, 400],
    ['its own route, an encoded id, malformed JSON', { method: 'POST', url: '/v1/sellers/s%31/absences', headers: { ...s1, ...json }, payload: '{oops' }, 400],
  ];
  for (const [name, req, status] of calls) {
    const res = await app.app.inject(req);
    t.equal(res.statusCode, status, `${name}: ${status} (${res.body.slice(0, 100)})`);
    if (status === 403) t.same(res.json(), { error: 'forbidden', message: 'this token may act only for its own seller' }, `${name}: says why`);
  }
  const admin = { authorization: `Bearer ${await app.token('admin')}` };
  t.equal((await app.app.inject({ method: 'POST', url: '/v1/sellers/s2/absences', headers: { ...admin, ...json }, payload: '{oops' })).statusCode, 400, 'staff may use any seller route: the body is judged');
});
