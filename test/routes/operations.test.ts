// Operations (issue 3.7): health, readiness, metrics, OpenAPI docs, request
// ids, and a database that cannot be reached → 503 with Retry-After.
import net from 'node:net';
import { Validator } from '@seriousme/openapi-schema-validator';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { MarketRegistry } from '../../src/plugins/markets.js';
import { build, CALENDARS, SECRET } from '../helpers/app.js';
import { event } from '../helpers/events.js';

t.test('/healthz and /readyz answer without a token', async (t) => {
  const app = await build(t);
  t.same((await app.get('/healthz')).json(), { status: 'ok' });
  t.same((await app.get('/readyz')).json(), { status: 'ready' });
});

t.test('/metrics (admin) exposes events, duplicates, breaches, takeovers, sweep duration, outbox backlog and HTTP latency', async (t) => {
  const app = await build(t);
  const e = event({ type: 'dispute.opened', occurredAt: '2026-03-16T09:00:00Z', dispute: { reason: 'quality' } });
  await app.post(e);
  await app.post(e);
  const admin = await app.token('admin');
  await app.app.inject({ method: 'POST', url: '/v1/admin/sweep', headers: { authorization: `Bearer ${admin}` } });
  t.equal((await app.get('/metrics')).statusCode, 401);
  const text = (await app.get('/metrics', admin)).body;
  t.match(text, /replyby_events_accepted_total 1\b/);
  t.match(text, /replyby_events_duplicate_total 1\b/);
  t.match(text, /replyby_obligations_breached_total 0\b/);
  t.match(text, /replyby_takeovers_total\{reason="dispute:quality"\} 1\b/);
  t.match(text, /replyby_sweep_duration_seconds_count 1\b/);
  t.match(text, /replyby_outbox_backlog 1\b/);
  t.match(text, /replyby_http_request_duration_seconds_bucket\{.*route="\/v1\/events".*status="202"/);
});

t.test('an OpenAPI document generated from the route schemas, with its UI at /docs', async (t) => {
  const app = await build(t);
  const doc = (await app.get('/docs/json')).json();
  t.equal(doc.openapi, '3.0.3');
  for (const p of ['/v1/events', '/v1/markets/{market}/deadline', '/v1/cases/{caseId}', '/v1/admin/sweep']) t.ok(doc.paths[p], `documents ${p}`);
  t.ok(doc.paths['/v1/markets/{market}/deadline'].get.parameters.some((p: { name: string }) => p.name === 'minutes'), 'query parameters come from the schema');
  t.same(doc.paths['/v1/admin/sweep'].post.security, [{ bearer: [] }]);
  t.equal((await app.get('/docs')).statusCode < 400, true, 'the UI is served');
});

type Operation = { parameters?: { name: string; in: string; required?: boolean; schema?: { default?: unknown } }[]; requestBody?: unknown; security?: unknown[]; responses: Record<string, { content?: Record<string, unknown> }> };
const operations = (doc: { paths: Record<string, Record<string, Operation>> }) =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, path, op })));

t.test('the whole OpenAPI document is valid OpenAPI 3.0 (checked by an independent validator)', async (t) => {
  const app = await build(t);
  const doc = (await app.get('/docs/json')).json();
  const validator = new Validator();
  const result = await validator.validate(doc);
  const where = typeof result.errors === 'string' ? [result.errors] : [...new Set((result.errors ?? []).map((e) => `${e.instancePath} ${e.message}`))];
  t.ok(result.valid, `valid OpenAPI ${validator.version}${result.valid ? '' : `; first problems:\n${where.slice(0, 8).join('\n')}`}`);
  const hours = doc.paths['/v1/markets/{market}/calendar'].get.responses['200'].content['application/json'].schema.properties.days.items.properties.hours;
  t.match(hours.items, { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 }, 'an interval is a pair of strings, not a tuple schema');
});

t.test('a query parameter with a default is optional in the document, and the handler still gets the default', async (t) => {
  const app = await build(t);
  const doc = (await app.get('/docs/json')).json();
  const defaulted = operations(doc).flatMap(({ id, op }) => (op.parameters ?? []).filter((p) => p.schema?.default !== undefined).map((p) => ({ id, ...p })));
  for (const [id, name] of [['GET /v1/reports/breaches', 'limit'], ['GET /v1/reports/sellers', 'limit'], ['GET /v1/reports/charges', 'limit'], ['GET /v1/sellers/{sellerId}/cases', 'limit'], ['GET /v1/sellers/flagged', 'days']]) {
    t.ok(defaulted.some((p) => p.id === id && p.name === name), `${id} documents ${name} with its default`);
  }
  t.same(defaulted.filter((p) => p.required).map((p) => `${p.id} ${p.name}`), [], 'no parameter with a default is required');
  const staff = await app.token('compliance');
  const period = 'market=LV&from=2026-03-01T00:00:00Z&to=2026-03-17T00:00:00Z';
  for (const url of [`/v1/reports/breaches?${period}`, `/v1/reports/sellers?${period}`, `/v1/reports/charges?${period}`, '/v1/sellers/s1/cases', '/v1/sellers/flagged?market=LV']) {
    const res = await app.get(url, staff);
    t.equal(res.statusCode, 200, `${url} without the parameter: ${res.body.slice(0, 200)}`);
  }
});

t.test('the document lists the error answers in the contract shape, and the CSV variant of reports', async (t) => {
  const app = await build(t);
  const doc = (await app.get('/docs/json')).json();
  t.match(doc.components.schemas.Error, { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string' }, message: { type: 'string' }, details: { type: 'array' } } });
  const codes = (id: string) => Object.keys(operations(doc).find((o) => o.id === id)!.op.responses).sort();
  t.same(codes('POST /v1/events'), ['202', '400', '401', '409', '413', '415', '503']);
  t.same(codes('GET /v1/cases/{caseId}'), ['200', '400', '401', '403', '404', '429', '503']);
  t.same(codes('POST /v1/sellers/{sellerId}/absences'), ['201', '400', '401', '403', '404', '409', '413', '415', '422', '429', '503']);
  t.same(codes('GET /v1/markets/{market}/deadline'), ['200', '400', '404'], 'public and in memory: no credentials, no database');
  t.same(codes('GET /readyz'), ['200', '503']);
  t.same(codes('POST /v1/admin/markets/reload'), ['200', '401', '403', '422', '429', '503'], 'a refused reload is documented');
  for (const { id, op } of operations(doc)) {
    for (const [code, answer] of Object.entries(op.responses)) {
      if (Number(code) >= 400) t.same(answer.content, { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }, `${id} ${code} has the error shape`);
    }
  }
  for (const report of ['breaches', 'sellers', 'charges']) {
    const ok = doc.paths[`/v1/reports/${report}`].get.responses['200'].content;
    t.same(Object.keys(ok), ['application/json', 'text/csv'], `${report}: JSON or CSV`);
  }
  t.notOk(doc.paths['/v1/cases/{caseId}'].get.responses['200'].content['text/csv'], 'no CSV where format=csv is not taken');
});

t.test('every response carries a request id; a sane incoming X-Request-Id is kept', async (t) => {
  const app = await build(t);
  const given = await app.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
  t.equal(given.headers['x-request-id'], 'abc-123');
  const fresh = await app.get('/healthz');
  t.match(fresh.headers['x-request-id'], /^[0-9a-f-]{36}$/);
  const hostile = await app.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'x'.repeat(500) } });
  t.not(hostile.headers['x-request-id'], 'x'.repeat(500), 'an unreasonable one is replaced');
  // Refusals too, from a hook (401), the body parser (415), the not-found handler (404) and the webhook's signature check (401).
  const refusals = [
    await app.app.inject({ method: 'GET', url: '/v1/reports/breaches?market=LV&month=2026-03', headers: { 'x-request-id': 'r-401' } }),
    await app.app.inject({ method: 'POST', url: '/v1/events', payload: 'x', headers: { 'content-type': 'text/plain', 'x-request-id': 'r-415' } }),
    await app.app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'r-404' } }),
    await app.app.inject({ method: 'POST', url: '/v1/events', payload: '{}', headers: { 'content-type': 'application/json', 'x-request-id': 'r-401s' } }),
  ];
  t.same(refusals.map((r) => [r.statusCode, r.headers['x-request-id']]), [[401, 'r-401'], [415, 'r-415'], [404, 'r-404'], [401, 'r-401s']]);
});

t.test('unknown routes get the contract’s error shape', async (t) => {
  const app = await build(t);
  const res = await app.get('/v1/nothing');
  t.equal(res.statusCode, 404);
  t.same(Object.keys(res.json()).sort(), ['error', 'message']);
});

t.test('when the database cannot be reached: 503 with Retry-After, never a crash', async (t) => {
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const app = await buildApp({ databaseUrl: `postgres://nobody:x@127.0.0.1:${port}/none`, markets: await MarketRegistry.load(CALENDARS), webhookSecrets: [SECRET] });
  t.teardown(() => app.close());
  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(ready.statusCode, 503);
  t.equal(ready.headers['retry-after'], '5');
  const read = await app.inject({ method: 'GET', url: '/v1/cases/c1', headers: { authorization: 'Bearer rby_whatever' } });
  t.equal(read.statusCode, 503);
  t.equal(read.json().error, 'service_unavailable');
  t.equal(read.headers['retry-after'], '5');
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'the process is still up');
});
