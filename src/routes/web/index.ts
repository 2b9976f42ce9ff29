// The dashboard (web/, built by Vite into dist/web) served at / with
// @fastify/static. Every route is public: the pages hold no data; the data
// comes from the API with the user's token.
// - /assets/*: content-hashed bundles, cached for a year (immutable).
// - /, and any other GET that a browser navigates to (Accept: text/html):
//   index.html, so that client routes (/cases/x, /sellers/y) survive a reload.
//   API paths (/v1/, /docs, …) never fall back: they answer the JSON 404.
// - Without a build (dist/web missing, e.g. `npm run dev` before `npm run
//   build`), a page says how to build it (200: the service itself is fine,
//   the API works).
// HTML answers carry a strict content security policy: only this origin's
// scripts, styles, images and API calls (helmet's CSP is off app-wide for the
// OpenAPI UI's inline scripts).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../plugins/errors.js';

/** The repository root: this file is src/routes/web/ (tsx) or dist/routes/web/ (built). */
const ROOT = path.resolve(import.meta.dirname, '../../..');
export const DEFAULT_WEB_ROOT = path.join(ROOT, 'dist', 'web');

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths that belong to the API or operations: never answered with the dashboard. */
const NOT_PAGES = /^\/(v\d+|docs|metrics|healthz|readyz)(\/|$)/;
/** A file name at the top of the build (favicon.svg, robots.txt): no directories, no dot-dot. */
const TOP_FILE = /^[\w-]+(\.[\w-]+)+$/;
/** What Vite writes under assets/: nested names of word characters, dashes and dots, never a `..` segment. */
const ASSET = /^(?!.*(^|\/)\.\.?(\/|$))[\w.\-/]+$/;

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>replyby: dashboard not built</title></head>
<body><main><h1>The dashboard has not been built</h1>
<p>Run <code>npm run build</code> (<code>npm start</code> builds it before starting), then reload this page.</p>
<p>The API works meanwhile: <a href="/docs">/docs</a> documents it.</p></main></body></html>
`;

export interface WebOptions {
  /** The built dashboard; default dist/web of the repository. */
  readonly root?: string;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

const wantsHtml = (req: FastifyRequest) => /\btext\/html\b/.test(req.headers.accept ?? '');

export async function webRoutes(app: FastifyInstance, opts: WebOptions = {}) {
  const root = opts.root ?? DEFAULT_WEB_ROOT;
  await app.register(fastifyStatic, { root, serve: false, cacheControl: false });
  const config = { access: 'public' } as const;
  const schema = { hide: true };

  async function page(reply: FastifyReply) {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY).header('cache-control', 'no-cache');
    if (!(await isFile(path.join(root, 'index.html')))) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  }

  app.get('/', { config, schema }, (_req, reply) => page(reply));

  app.get<{ Params: { '*': string } }>('/assets/*', { config, schema }, async (req, reply) => {
    const file = req.params['*'];
    if (!ASSET.test(file) || !(await isFile(path.join(root, 'assets', file)))) throw notFound(`no asset ${file}`);
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    return reply.sendFile(`assets/${file}`);
  });

  // Client routes and top-level files; everything else keeps the API's JSON 404.
  app.get<{ Params: { '*': string } }>('/*', { config, schema }, async (req, reply) => {
    const url = req.url.split('?')[0]!;
    const name = req.params['*'];
    if (NOT_PAGES.test(url)) throw notFound(`no route GET ${url}`);
    if (TOP_FILE.test(name) && name !== 'index.html' && (await isFile(path.join(root, name)))) {
      reply.header('cache-control', 'public, max-age=3600');
      return reply.sendFile(name);
    }
    if (name === 'index.html' || wantsHtml(req)) return page(reply);
    throw notFound(`no route GET ${url}`);
  });
}
