// Errors raised before a route runs keep the contract's shape
// ({ error, message }): a URL that does not decode, a request line or headers
// too large (Node's parser, answered on the socket), and a request arriving on
// a kept-alive connection while the service shuts down.
import http from 'node:http';
import net from 'node:net';
import Fastify from 'fastify';
import t from 'tap';
import { clientErrorHandler, errorsPlugin, frameworkErrors } from '../../src/plugins/errors.js';
import { build } from '../helpers/app.js';

const rawAnswer = (port: number, request: string) =>
  new Promise<string>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('error', reject);
    socket.on('data', (c) => (text += c.toString()));
    socket.on('close', () => resolve(text));
    socket.on('connect', () => socket.write(request));
  });

t.test('a URL that does not decode is 400 in the contract shape', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const res = await app.get('/v1/markets/%E0%A4%A/deadline?from=2026-03-13T13:00:00Z&minutes=5');
  t.equal(res.statusCode, 400);
  t.same(Object.keys(res.json()).sort(), ['error', 'message']);
  t.match(res.json(), { error: 'bad_request', message: /not a valid url component/ });
  t.match(res.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'with a request id, though no onRequest hook ran');
});

t.test('a request line too large is 431 in the contract shape, and the server keeps serving', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const { port } = new URL(await app.app.listen({ port: 0, host: '127.0.0.1' }));
  const text = await rawAnswer(Number(port), `GET /v1/markets?x=${'a'.repeat(90_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
  t.match(text, /^HTTP\/1\.1 431 /);
  t.same(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)), { error: 'request_header_fields_too_large', message: 'the request line or headers are too large' });
  t.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
});

t.test('bytes that are not HTTP are 400 in the contract shape', async (t) => {
  const app = await build(t, { now: '2026-03-16T10:00:00Z' });
  const { port } = new URL(await app.app.listen({ port: 0, host: '127.0.0.1' }));
  const text = await rawAnswer(Number(port), 'NOT HTTP AT ALL\r\n\r\n');
  t.match(text, /^HTTP\/1\.1 400 /);
  t.match(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)), { error: 'bad_request' });
});

t.test('while closing, a request on a kept-alive connection is 503 in the contract shape, with Retry-After', async (t) => {
  const app = Fastify({ frameworkErrors, clientErrorHandler, return503OnClosing: false });
  await app.register(errorsPlugin);
  app.get('/ping', async () => ({ ok: true }));
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const closing = new Promise<void>((r) => (entered = r));
  app.addHook('preClose', async () => {
    entered();
    await held; // keeps the idle connection open while the test sends on it
  });
  const { port } = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  t.teardown(() => agent.destroy());
  const get = () =>
    new Promise<{ status: number; retryAfter: string | undefined; body: string }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: Number(port), path: '/ping', agent }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] as string | undefined, body }));
        })
        .on('error', reject);
    });
  t.equal((await get()).status, 200, 'served before closing');
  const closed = app.close();
  await closing;
  const refused = await get();
  release();
  await closed;
  t.equal(refused.status, 503);
  t.equal(refused.retryAfter, '5');
  t.same(JSON.parse(refused.body), { error: 'service_unavailable', message: 'the service is shutting down; retry shortly' });
});
