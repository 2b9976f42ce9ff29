// The dashboard's static serving (issue 9.3): the build at /, its hashed
// assets cached for good, client routes answered with index.html on a browser
// navigation, API paths never (their JSON 404 stays), a clear page when the
// dashboard is not built, and a strict content security policy on pages.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { CONTENT_SECURITY_POLICY } from '../../src/routes/web/index.js';
import { build } from '../helpers/app.js';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

async function fakeBuild(t: { teardown(fn: () => unknown): void }) {
  const root = await mkdtemp(path.join(tmpdir(), 'replyby-web-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  await mkdir(path.join(root, 'assets'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>replyby</title><div id="app"></div>');
  await writeFile(path.join(root, 'assets', 'index-AbC123.js'), 'console.log(1)');
  await writeFile(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return root;
}

t.test('when the dashboard is built, then / and every client route a browser opens answer index.html with a strict CSP, and API paths keep their JSON 404', async (t) => {
  const app = await build(t, { webRoot: await fakeBuild(t) });
  const get = (url: string, headers: Record<string, string> = HTML) => app.app.inject({ method: 'GET', url, headers });

  for (const url of ['/', '/cases/case-1', '/sellers/s-1?market=LV', '/breaches?market=LV&from=2026-03-01']) {
    const res = await get(url);
    t.equal(res.statusCode, 200, url);
    t.match(res.headers['content-type'], /^text\/html/, url);
    t.match(res.body, /<div id="app">/, `${url} is the dashboard`);
    t.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY, `${url} carries the CSP`);
    t.equal(res.headers['cache-control'], 'no-cache', `${url} is revalidated, so a new build shows at once`);
  }
  t.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/, 'no inline or foreign scripts');
  t.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);

  const asset = await get('/assets/index-AbC123.js', {});
  t.equal(asset.statusCode, 200);
  t.match(asset.headers['content-type'], /javascript/);
  t.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable', 'hashed names: cached for good');
  t.equal((await get('/favicon.svg', {})).statusCode, 200, 'top-level files of the build are served');

  for (const url of ['/v1/nope', '/v1/cases', '/docs/nope', '/metrics/x']) {
    const res = await get(url);
    t.equal(res.statusCode, 404, `${url}: 404`);
    t.same(res.json(), { error: 'not_found', message: `no route GET ${url}` }, `${url}: the API's JSON error, even for a browser`);
  }
  const notBrowser = await get('/cases/case-1', { accept: 'application/json' });
  t.equal(notBrowser.statusCode, 404, 'a client route asked for JSON is not a page');
  t.equal(notBrowser.json().error, 'not_found');
  for (const url of ['/assets/missing.js', '/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json', '/..%2fpackage.json', '/package.json']) {
    const res = await get(url, {});
    t.equal(res.statusCode, 404, `${url}: 404, nothing outside the build`);
  }
  t.equal((await get('/v1/markets', HTML)).statusCode, 200, 'API routes are untouched');
});

t.test('when the dashboard was never built, then / answers a page saying how to build it, and the API works', async (t) => {
  const app = await build(t, { webRoot: path.join(tmpdir(), 'replyby-no-such-build') });
  const res = await app.app.inject({ method: 'GET', url: '/', headers: HTML });
  t.equal(res.statusCode, 200);
  t.match(res.body, /The dashboard has not been built/);
  t.match(res.body, /npm run build/);
  const client = await app.app.inject({ method: 'GET', url: '/cases/x', headers: HTML });
  t.match(client.body, /not been built/, 'client routes too');
  t.equal((await app.app.inject({ method: 'GET', url: '/v1/markets' })).statusCode, 200);
});
