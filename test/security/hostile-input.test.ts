// Hostile input (issue 6.4): every malformed, oversized or malicious request
// is answered with a 4xx in the contract's error shape, stores nothing, and
// leaves the service answering the next request. Bodies are correctly
// signed, so what is refused is the content, not the signature.
import net from 'node:net';
import t, { type Test } from 'tap';
import { signatureHeader } from '../../src/domain/signature.js';
import { build, SECRET, type TestApp } from '../helpers/app.js';
import { buyerSays, event } from '../helpers/events.js';

const NOW = '2026-03-16T10:00:00Z';
const ok = () => buyerSays('2026-03-16T08:00:00Z');

const stored = async (app: TestApp) => {
  const n = async (table: 'events' | 'cases' | 'obligations' | 'audit') =>
    Number((await app.app.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { events: await n('events'), cases: await n('cases'), obligations: await n('obligations'), audit: await n('audit') };
};

const signedRaw = (app: TestApp, payload: string | Buffer, contentType = 'application/json') =>
  app.app.inject({
    method: 'POST',
    url: '/v1/events',
    headers: { 'content-type': contentType, 'x-helpdesk-signature': signatureHeader(SECRET, Math.floor(app.clock.now() / 1000), payload) },
    payload,
  });

/** Each case: a 4xx with {error, message}, nothing stored, and the service still answering. */
async function refused(t: Test, app: TestApp, name: string, send: () => Promise<{ statusCode: number; json(): unknown; body: string }>, status?: number) {
  const before = await stored(app);
  const res = await send();
  t.ok(res.statusCode >= 400 && res.statusCode < 500, `${name}: 4xx (${res.statusCode} ${res.body.slice(0, 120)})`);
  if (status) t.equal(res.statusCode, status, `${name}: ${status}`);
  const body = res.json() as Record<string, unknown>;
  t.ok(typeof body.error === 'string' && typeof body.message === 'string', `${name}: the contract's error shape`);
  t.same(await stored(app), before, `${name}: nothing stored`);
  t.equal((await app.get('/healthz')).statusCode, 200, `${name}: the service answers afterwards`);
}

t.test('malformed JSON, wrong content types and bodies over the limit', async (t) => {
  const app = await build(t, { now: NOW, bodyLimit: 64 * 1024 });
  for (const [name, text] of [
    ['truncated JSON', '{"id": "x", '],
    ['trailing garbage', `${JSON.stringify(ok())}x`],
    ['two documents', `${JSON.stringify(ok())}${JSON.stringify(ok())}`],
    ['a bare string', '"hello"'],
    ['null', 'null'],
    ['an array', `[${JSON.stringify(ok())}]`],
    ['an empty body', ''],
    ['single quotes', "{'id': 'x'}"],
  ] as const) {
    await refused(t, app, name, () => signedRaw(app, text), 400);
  }
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonx']) {
    await refused(t, app, `content type ${type}`, () => signedRaw(app, JSON.stringify(ok()), type), 415);
  }
  const big = JSON.stringify(buyerSays('2026-03-16T08:00:00Z', { message: { author: 'buyer', body: 'x'.repeat(70 * 1024) } }));
  await refused(t, app, 'a body over BODY_LIMIT', () => signedRaw(app, big), 413);
  const many = JSON.stringify({ events: Array.from({ length: 400 }, (_, i) => buyerSays('2026-03-16T08:00:00Z', { caseId: `c${i}` })) });
  await refused(t, app, 'a batch over BODY_LIMIT', () => signedRaw(app, many), 413);
});

t.test('string fields over their caps, and text that is not clean Unicode', async (t) => {
  const app = await build(t, { now: NOW });
  const e = ok() as Record<string, any>;
  const cases: [string, unknown][] = [
    ['an id of 201 characters', { ...e, id: 'i'.repeat(201) }],
    ['a caseId of 201 characters', { ...e, caseId: 'c'.repeat(201) }],
    ['a sellerId with spaces', { ...e, sellerId: 'seller 1' }],
    ['a message id of 10 000 characters', { ...e, message: { ...e.message, id: 'm'.repeat(10_000) } }],
    ['a message body of 20 001 characters', { ...e, message: { ...e.message, body: 'b'.repeat(20_001) } }],
    ['a dispute note of 2001 characters', event({ occurredAt: '2026-03-16T08:00:00Z', type: 'dispute.opened', dispute: { reason: 'quality', note: 'n'.repeat(2001) } })],
    ['a market code of 9 characters', { ...e, market: 'ABCDEFGHI' }],
    ['an occurredAt of 41 characters', { ...e, occurredAt: `2026-03-16T08:00:00${'0'.repeat(21)}Z` }],
    ['a NUL in a body', { ...e, message: { ...e.message, body: 'a\u0000b' } }],
    ['a lone surrogate in a body', { ...e, message: { ...e.message, body: 'a\ud800b' } }],
    ['a control character in an id', { ...e, id: 'evt\u0007' }],
  ];
  for (const [name, body] of cases) await refused(t, app, name, () => app.post(body), 400);
  await refused(t, app, 'invalid UTF-8 bytes', () => signedRaw(app, Buffer.concat([Buffer.from(JSON.stringify(ok()).slice(0, -3)), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')])), 400);
  await refused(t, app, 'an overlong UTF-8 encoding of "/"', () => signedRaw(app, Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')])), 400);
});

t.test('instants outside 2000–2099, NaN-like and huge numbers, numbers where strings belong', async (t) => {
  const app = await build(t, { now: NOW });
  const e = ok();
  const bodies: [string, string][] = [
    ['occurredAt before 2000', JSON.stringify({ ...e, occurredAt: '1999-12-31T23:59:59.999Z' })],
    ['occurredAt in 2100', JSON.stringify({ ...e, occurredAt: '2100-01-01T00:00:00Z' })],
    ['occurredAt in year 0', JSON.stringify({ ...e, occurredAt: '0000-01-01T00:00:00Z' })],
    ['occurredAt on 30 February', JSON.stringify({ ...e, occurredAt: '2026-02-30T08:00:00Z' })],
    ['occurredAt at 24:00', JSON.stringify({ ...e, occurredAt: '2026-03-16T24:00:00Z' })],
    ['occurredAt with microseconds', JSON.stringify({ ...e, occurredAt: '2026-03-16T08:00:00.000001Z' })],
    ['occurredAt: 1e999', JSON.stringify(e).replace('"2026-03-16T08:00:00Z"', '1e999')],
    ['occurredAt: -1e999', JSON.stringify(e).replace('"2026-03-16T08:00:00Z"', '-1e999')],
    ['occurredAt as epoch milliseconds', JSON.stringify({ ...e, occurredAt: Date.parse('2026-03-16T08:00:00Z') })],
    ['occurredAt: NaN (not JSON)', JSON.stringify(e).replace('"2026-03-16T08:00:00Z"', 'NaN')],
    ['caseId as a number', JSON.stringify({ ...e, caseId: 12 })],
    ['caseId as a huge number', JSON.stringify({ ...e, caseId: 1 }).replace('"caseId":1', `"caseId":1${'0'.repeat(400)}`)],
    ['automated as a string', JSON.stringify({ ...e, message: { ...(e.message as object), automated: 'true' } })],
    ['message as an array', JSON.stringify({ ...e, message: [e.message] })],
  ];
  for (const [name, text] of bodies) await refused(t, app, name, () => signedRaw(app, text), 400);

  const query = (path: string) => app.get(`/v1/markets/LV/${path}`);
  for (const q of [
    'deadline?from=2026-03-16T08:00:00Z&minutes=1e308',
    'deadline?from=2026-03-16T08:00:00Z&minutes=NaN',
    'deadline?from=2026-03-16T08:00:00Z&minutes=Infinity',
    'deadline?from=2026-03-16T08:00:00Z&minutes=-1',
    'deadline?from=2026-03-16T08:00:00Z&minutes=1.5',
    'deadline?from=2026-03-16T08:00:00Z&minutes=1000001',
    'deadline?from=2026-03-16T08:00:00Z&minutes=',
    'deadline?from=1999-12-31T23:59:59Z&minutes=10',
    'deadline?from=2100-01-01T00:00:00Z&minutes=10',
    'deadline?from=NaN&minutes=10',
    'working-minutes?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z',
    'working-minutes?from=-1e308&to=2026-03-16T08:00:00Z',
    'calendar?from=2026-02-30&to=2026-03-01',
    'calendar?from=0001-01-01&to=9999-12-31',
  ]) {
    await refused(t, app, `GET ${q}`, () => query(q), 400);
  }
  t.equal((await app.post(e)).statusCode, 202, 'a valid event is still accepted');
});

t.test('"Infinity" in a JSON body is refused where a number belongs (Ajv would coerce it past its range checks)', async (t) => {
  const app = await build(t, { now: NOW });
  await app.post(event({ caseId: 'c-d', type: 'dispute.opened', occurredAt: '2026-03-16T08:00:00Z', dispute: { reason: 'counterfeit' } }));
  const takeover = await app.app.db.selectFrom('takeovers').select('id').executeTakeFirstOrThrow();
  const admin = await app.token('admin');
  for (const amount of ['"Infinity"', '"-Infinity"', '1e400', '"1e400"', '"NaN"']) {
    await refused(t, app, `amountMinor: ${amount}`, () =>
      app.app.inject({
        method: 'POST',
        url: `/v1/takeovers/${takeover.id}/charges`,
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        payload: `{"amountMinor": ${amount}, "currency": "EUR", "description": "return shipping"}`,
      }),
    400);
  }
});

t.test('deeply nested JSON, and __proto__ / constructor keys anywhere', async (t) => {
  const app = await build(t, { now: NOW });
  const e = ok();
  const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  await refused(t, app, '17 levels of nesting', () => signedRaw(app, JSON.stringify({ ...e, x: JSON.parse(nest(16)) })), 400);
  await refused(t, app, '100 000 levels of nesting (a parser stack attack)', () => signedRaw(app, `{"a":${nest(100_000)}}`), 400);
  await refused(t, app, '100 000 open brackets, never closed', () => signedRaw(app, '['.repeat(100_000)), 400);
  const poisoned: [string, string][] = [
    ['__proto__ at the top', JSON.stringify(e).replace('{', '{"__proto__":{"isAdmin":true},')],
    ['__proto__ in message', JSON.stringify(e).replace('"message":{', '"message":{"__proto__":{"automated":true},')],
    ['constructor.prototype', JSON.stringify(e).replace('{', '{"constructor":{"prototype":{"polluted":1}},')],
    ['__proto__ in a batch', JSON.stringify({ events: [e] }).replace('{"events"', '{"__proto__":[],"events"')],
    ['__proto__ escaped as \\u005f_proto__', JSON.stringify(e).replace('{', '{"\\u005f_proto__":{"x":1},')],
  ];
  for (const [name, text] of poisoned) await refused(t, app, name, () => signedRaw(app, text), 400);
  t.equal(({} as Record<string, unknown>).isAdmin, undefined, 'Object.prototype is untouched');
  t.equal(({} as Record<string, unknown>).polluted, undefined);
  t.equal((await app.post(e)).statusCode, 202, 'a valid event is still accepted');
});

t.test('every other route with a JSON body refuses the same hostile bodies (one parser for all routes)', async (t) => {
  const app = await build(t, { now: NOW, rateLimit: { authFailures: 1_000_000 } });
  const admin = await app.token('admin');
  const routes = app.app.routeList
    .filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.access !== 'webhook' && r.access !== 'public')
    .map((r) => ({ method: r.method as 'POST', url: r.url.replace(/:(\w+)/g, (_, name: string) => (name === 'id' ? '1' : 's-1')) }));
  t.ok(routes.some((r) => r.url.endsWith('/absences')) && routes.some((r) => r.url === '/v1/checks/message'), `${routes.length} routes: ${routes.map((r) => r.url).join(', ')}`);
  const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  const bodies: [string, string | Buffer, string, number][] = [
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x6d, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), 'application/json', 400],
    ['17 levels of nesting', `{"market":"LV","x":${nest(17)}}`, 'application/json', 400],
    ['__proto__', '{"__proto__":{"isAdmin":true},"market":"LV"}', 'application/json', 400],
    ['constructor.prototype', '{"constructor":{"prototype":{"polluted":1}},"market":"LV"}', 'application/json', 400],
    ['malformed JSON', '{"market": "LV",', 'application/json', 400],
    ['text/plain', 'market=LV', 'text/plain', 415],
    ['form data', 'market=LV', 'application/x-www-form-urlencoded', 415],
  ];
  // Routes that take no body refuse any before a parser runs (400, test/security/request-shape.test.ts).
  const takesNone = new Set(['/v1/admin/sweep', '/v1/admin/markets/reload']);
  for (const route of routes) {
    for (const [name, payload, contentType, status] of bodies) {
      await refused(t, app, `${route.method} ${route.url}: ${name}`, () =>
        app.app.inject({ ...route, headers: { authorization: `Bearer ${admin}`, 'content-type': contentType }, payload }), takesNone.has(route.url) ? 400 : status);
    }
  }
  t.equal(({} as Record<string, unknown>).isAdmin, undefined, 'Object.prototype is untouched');
  t.equal(({} as Record<string, unknown>).polluted, undefined);
});

t.test('a body sent slowly past the request timeout is cut off (408) and the server keeps serving', async (t) => {
  const app = await build(t, { now: NOW, requestTimeoutMs: 1000 });
  const address = await app.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = new URL(address);
  const body = JSON.stringify(ok());
  const started = Date.now();
  const answer = await new Promise<{ text: string; closed: boolean }>((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let text = '';
    let sent = 0;
    let trickle: NodeJS.Timeout | undefined;
    socket.on('error', reject);
    socket.on('data', (c) => (text += c.toString()));
    socket.on('close', () => {
      clearInterval(trickle);
      resolve({ text, closed: true });
    });
    socket.on('connect', () => {
      socket.write(
        `POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
          `X-Helpdesk-Signature: ${signatureHeader(SECRET, Math.floor(app.clock.now() / 1000), body)}\r\n\r\n`,
      );
      // A slowloris client: one byte every 100 ms keeps the socket from idling out; only the request deadline stops it.
      trickle = setInterval(() => {
        if (sent < body.length - 1) socket.write(body[sent++]!);
      }, 100);
    });
  });
  const elapsed = Date.now() - started;
  t.match(answer.text, /^HTTP\/1\.1 408 /, 'answered 408 Request Timeout');
  t.match(JSON.parse(answer.text.slice(answer.text.indexOf('\r\n\r\n') + 4)), { error: 'request_timeout' }, 'in the contract shape');
  t.ok(answer.closed, 'and the connection closed');
  t.ok(elapsed >= 1000 && elapsed < 5000, `cut off after ${elapsed} ms (deadline 1000 ms)`);
  t.equal(Number((await app.app.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 0, 'nothing stored');
  const after = await fetch(`${address}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-helpdesk-signature': signatureHeader(SECRET, Math.floor(app.clock.now() / 1000), body) },
    body,
  });
  t.equal(after.status, 202, 'a normal request afterwards is served');
});

t.test('a NUL or a lone surrogate in a path, a query or a body of a token route is 400 naming the field, never 500', async (t) => {
  const app = await build(t, { now: NOW });
  const admin = { authorization: `Bearer ${await app.token('admin')}` };
  const seller = { authorization: `Bearer ${await app.token('seller', 's1')}` };
  const range = 'market=LV&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z';
  const requests: [string, () => Promise<{ statusCode: number; json(): unknown; body: string }>, string][] = [
    ['a NUL in a report seller id', () => app.app.inject({ method: 'GET', url: `/v1/reports/breaches?${range}&sellerId=%00`, headers: admin }), 'querystring.sellerId'],
    ['a NUL in a case id', () => app.app.inject({ method: 'GET', url: '/v1/cases/%00', headers: admin }), 'params.caseId'],
    ['a NUL in a seller id of the absences', () => app.app.inject({ method: 'GET', url: '/v1/sellers/%00/absences', headers: admin }), 'params.sellerId'],
    ['a NUL in an absence note', () => app.app.inject({ method: 'POST', url: '/v1/sellers/s1/absences', headers: seller, payload: { market: 'LV', from: '2026-07-01', to: '2026-07-02', note: 'a\u0000b' } }), 'body.note'],
    ['a lone surrogate in an absence note', () => app.app.inject({ method: 'POST', url: '/v1/sellers/s1/absences', headers: seller, payload: { market: 'LV', from: '2026-07-01', to: '2026-07-02', note: 'a\ud800b' } }), 'body.note'],
  ];
  for (const [name, send, field] of requests) {
    await refused(t, app, name, send, 400);
    t.match((await send()).json(), { error: 'bad_request', details: [{ field }] }, `${name}: names ${field}`);
  }
  t.equal((await app.app.db.selectFrom('absences').select('id').execute()).length, 0, 'no absence stored');
});
