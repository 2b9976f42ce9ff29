// The one JSON body parser of every route: invalid UTF-8, nesting deeper
// than MAX_DEPTH and prototype-poisoning keys (__proto__, constructor) are
// refused with 400 before anything reaches a handler. POST /v1/events uses
// parseJsonBody after checking its signature on the raw bytes. A route
// without a body schema takes no body: one sent to it is 400, not ignored.
import type { FastifyInstance, preParsingHookHandler, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import sjson from 'secure-json-parse';
import { HttpError, badRequest } from './errors.js';

export const MAX_DEPTH = 16;

/** Whether JSON text nests objects/arrays deeper than `max` (linear scan, strings skipped). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseJsonBody(raw: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw badRequest('the body is not valid UTF-8');
  }
  if (nestsDeeperThan(text, MAX_DEPTH)) throw badRequest(`the body nests deeper than ${MAX_DEPTH} levels`);
  try {
    return sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (err) {
    const message = (err as Error).message;
    if (/prototype|constructor/i.test(message)) throw badRequest('the body holds a forbidden key (__proto__ or constructor)');
    throw new HttpError(400, 'malformed_json', `the body is not valid JSON: ${message}`);
  }
}

/**
 * Refuses a request with a body, by Fastify's own test of there being one (a
 * Content-Length above 0, or a Transfer-Encoding), before it is read, so that
 * every media type gets the same answer. Runs only on routes that take none.
 */
const refuseBody: preParsingHookHandler = (req, _reply, payload, done) => {
  const length = req.headers['content-length'];
  if (req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0')) return done(null, payload);
  done(badRequest(`${req.method} ${req.routeOptions.url} takes no body; send none`));
};

const BODYLESS = new Set(['GET', 'HEAD', 'TRACE']); // Fastify reads no body of these

/** Adds refuseBody to a route that declares no body schema, where Fastify would read (and drop) one. */
function markBodyless(route: RouteOptions): void {
  if (route.schema?.body !== undefined || [route.method].flat().every((m) => BODYLESS.has(m))) return;
  route.preParsing = [...[route.preParsing ?? []].flat(), refuseBody];
}

/**
 * application/json is read as bytes and parsed by parseJsonBody on every
 * route; other media types get 415 (text/plain too: no route takes it). An
 * empty body is no body: a route that needs one says so (400).
 */
export const jsonBodyPlugin = fp(async (app: FastifyInstance, opts: { bodyLimit: number }) => {
  app.addHook('onRoute', markBodyless);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: opts.bodyLimit }, (_req, raw, done) => {
    const bytes = raw as Buffer;
    if (bytes.length === 0) return done(null, undefined);
    try {
      done(null, parseJsonBody(bytes));
    } catch (err) {
      done(err as HttpError, undefined);
    }
  });
});
