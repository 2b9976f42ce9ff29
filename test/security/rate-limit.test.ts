// Rate limits (@fastify/rate-limit) and security headers (@fastify/helmet),
// issue 6.4: authentication failures are limited per client IP, requests per
// token; both answer 429 with Retry-After, in the contract's error shape.
import t from 'tap';
import { signatureHeader } from '../../src/domain/signature.js';
import { build } from '../helpers/app.js';
import { buyerSays } from '../helpers/events.js';

const NOW = '2026-03-16T10:00:00Z';

t.test('when an IP has failed authentication N times, then its next requests get 429, even with a valid token; other IPs are unaffected', async (t) => {
  const app = await build(t, { now: NOW, rateLimit: { authFailures: 5 } });
  const admin = await app.token('admin');
  const from = (ip: string, token?: string) =>
    app.app.inject({ method: 'GET', url: '/metrics', remoteAddress: ip, headers: token ? { authorization: `Bearer ${token}` } : {} });
  for (let i = 0; i < 3; i++) t.equal((await from('203.0.113.7', `rby_guess${i}`)).statusCode, 401, `bad token ${i + 1}`);
  t.equal((await from('203.0.113.7')).statusCode, 401, 'a missing token counts too');
  t.equal((await from('203.0.113.7', admin)).statusCode, 200, 'under the limit, a valid token still works');
  t.equal((await from('203.0.113.7', 'rby_guess-last')).statusCode, 401, 'the fifth failure');
  const blocked = await from('203.0.113.7', admin);
  t.equal(blocked.statusCode, 429);
  t.equal(blocked.json().error, 'too_many_requests');
  t.match(blocked.json().message, /too many failed authentications/);
  t.ok(Number(blocked.headers['retry-after']) >= 1 && Number(blocked.headers['retry-after']) <= 60, `Retry-After ${blocked.headers['retry-after']}`);
  t.equal((await from('198.51.100.9', admin)).statusCode, 200, 'another address is not limited');
  t.equal((await app.app.inject({ method: 'GET', url: '/v1/markets', remoteAddress: '203.0.113.7' })).statusCode, 200, 'public routes stay open to the blocked address');
});

t.test('bad webhook signatures count as authentication failures of their IP on other routes; the webhook itself still hears a valid signature', async (t) => {
  const app = await build(t, { now: NOW, rateLimit: { authFailures: 3 } });
  const body = JSON.stringify(buyerSays('2026-03-16T09:00:00Z'));
  const send = (secret: string) =>
    app.app.inject({
      method: 'POST',
      url: '/v1/events',
      remoteAddress: '203.0.113.8',
      headers: { 'content-type': 'application/json', 'x-helpdesk-signature': signatureHeader(secret, Math.floor(app.clock.now() / 1000), body) },
      payload: body,
    });
  for (let i = 0; i < 4; i++) t.equal((await send('guessed-secret-000000')).statusCode, 401, `bad signature ${i + 1}: 401, as CONTRACT §4 says`);
  const admin = await app.token('admin');
  t.equal((await app.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.8', headers: { authorization: `Bearer ${admin}` } })).statusCode, 429, 'the address is over its budget on token routes');
  t.equal((await send('test-secret-0123456789abcdef')).statusCode, 202, 'a valid signature from it is still stored: it cannot have been guessed');
  t.equal(Number((await app.app.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 1, 'one event stored');
});

t.test('when a token exceeds its requests per window, then it gets 429 and other tokens do not', async (t) => {
  const app = await build(t, { now: NOW, rateLimit: { perToken: 4 } });
  const busy = await app.token('compliance');
  const calm = await app.token('compliance');
  await app.post(buyerSays('2026-03-16T09:00:00Z', { caseId: 'c1' }));
  const codes: number[] = [];
  for (let i = 0; i < 6; i++) codes.push((await app.get('/v1/cases/c1', busy)).statusCode);
  t.same(codes, [200, 200, 200, 200, 429, 429]);
  const res = await app.get('/v1/cases/c1', busy);
  t.equal(res.json().error, 'too_many_requests');
  t.ok(Number(res.headers['retry-after']) >= 1);
  t.equal((await app.get('/v1/cases/c1', calm)).statusCode, 200, 'another token keeps its own budget');
  const reads = await app.app.db.selectFrom('audit').select('id').where('action', '=', 'case.read').execute();
  t.equal(reads.length, 5, 'refused requests read nothing and are not audited as reads');
});

t.test('every request a token makes counts against its budget: refused ones (403, a body that does not parse) too', async (t) => {
  const app = await build(t, { now: NOW, rateLimit: { perToken: 3 } });
  const seller = await app.token('seller', 'seller-a');
  const forbidden: number[] = [];
  for (let i = 0; i < 5; i++) forbidden.push((await app.get('/v1/reports/breaches?market=LV&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z', seller)).statusCode);
  t.same(forbidden, [403, 403, 403, 429, 429], 'probing routes it may not call (or other sellers) spends the budget');
  const other = await app.token('seller', 'seller-b');
  const garbled: number[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await app.app.inject({
      method: 'POST',
      url: '/v1/sellers/seller-b/absences',
      headers: { authorization: `Bearer ${other}`, 'content-type': 'application/json' },
      payload: '{"market": ',
    });
    garbled.push(res.statusCode);
  }
  t.same(garbled, [400, 400, 400, 429, 429], 'so does a body that never parses');
  t.equal((await app.get('/v1/me', await app.token('seller', 'seller-c'))).statusCode, 200, 'other tokens keep their budget');
});

t.test('when an integration token checks messages, then it has its own, larger budget per window', async (t) => {
  const app = await build(t, { now: NOW, rateLimit: { perToken: 2, perIntegrationToken: 5 } });
  const integration = await app.token('integration');
  const codes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const res = await app.app.inject({
      method: 'POST',
      url: '/v1/checks/message',
      headers: { authorization: `Bearer ${integration}`, 'content-type': 'application/json' },
      payload: { market: 'LV', author: 'buyer', body: 'Sveiki' },
    });
    codes.push(res.statusCode);
  }
  t.same(codes, [200, 200, 200, 200, 200, 429, 429]);
});

t.test('security headers are set on every response (helmet)', async (t) => {
  const app = await build(t, { now: NOW });
  for (const url of ['/healthz', '/v1/markets', '/v1/cases/none', '/v1/nothing']) {
    const res = await app.get(url);
    t.equal(res.headers['x-content-type-options'], 'nosniff', `${url}: nosniff`);
    t.equal(res.headers['x-frame-options'], 'SAMEORIGIN', `${url}: no framing by other sites`);
    t.match(res.headers['strict-transport-security'], /max-age=\d+/, `${url}: HSTS`);
    t.equal(res.headers['referrer-policy'], 'no-referrer', `${url}: no referrer`);
    t.equal(res.headers['cross-origin-resource-policy'], 'same-origin', `${url}: CORP`);
    t.equal(res.headers['x-powered-by'], undefined, `${url}: no framework banner`);
  }
});
