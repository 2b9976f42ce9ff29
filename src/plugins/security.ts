// Security headers and rate limits (issue 6, CONTRACT §8).
// - helmet's usual headers (nosniff, frame denial, HSTS, …) on every
//   response. The content security policy is off: the API answers JSON, and
//   the OpenAPI UI at /docs needs inline scripts. Without a policy (no
//   nonces) helmet's headers are the same for every request, so they are
//   computed once at start and copied onto each reply (@fastify/helmet
//   rebuilds helmet's middleware on every request, a measurable share of
//   the webhook's CPU).
// - @fastify/rate-limit, two limits, both answered 429 with Retry-After:
//   * authentication failures per client IP (missing, unknown or revoked
//     token; bad webhook signature): once an IP has failed `authFailures`
//     times in the window, every request it makes to a non-public route is
//     refused until the window ends, valid credentials or not, so guessing
//     tokens costs a window per few attempts; the webhook is still heard
//     (its signatures cannot be guessed; see the hook below);
//   * requests per token, counted as soon as the token is authenticated,
//     whatever comes of the request (an integration
//     token checks every message the marketplace sends: a higher budget).
// - Non-finite numbers, NUL characters and lone surrogates in parameters and
//   bodies are refused after validation (400). Ajv coerces the
//   strings "Infinity" and "-Infinity" to numbers and then skips minimum and
//   maximum for them, so `minutes=Infinity` would pass a schema capped at
//   1,000,000 and reach the handler.
// - A query string whose percent-encoding is not UTF-8 (`%E0%A4`, an encoded
//   lone surrogate) is refused before routing goes further (400 naming the
//   field), as the router refuses such a path: Fastify's query parser decodes
//   it leniently, into text the client did not send.
// Counters live in this process (the plugin's in-memory store): with several
// instances each enforces its own share. Behind a proxy, set Fastify's
// trustProxy so that the IP is the client's and not the proxy's.
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError, badRequest } from './errors.js';

export interface RateLimitOptions {
  /** Failed authentications allowed per IP per window (default 30). */
  readonly authFailures?: number;
  /** Requests allowed per token per window (default 6000). */
  readonly perToken?: number;
  /** The same for an integration token, which sits in the marketplace's send path (default 600,000: 10,000 a second). */
  readonly perIntegrationToken?: number;
  /** The window, in milliseconds (default one minute). */
  readonly windowMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts a failed authentication against the request's IP (the auth plugin and the webhook call it). */
    recordAuthFailure(req: FastifyRequest): void;
    /** Counts a request against its authenticated token's budget; throws 429 once it is spent (the auth plugin calls it). */
    spendTokenBudget(req: FastifyRequest): Promise<void>;
  }
}

/**
 * The first value a validated request part must not hold, with its path: a
 * non-finite number, or text PostgreSQL cannot store as given (a NUL is an
 * error there, a lone surrogate would be stored as U+FFFD). Bounded depth:
 * schemas are shallow.
 */
function unfit(value: unknown, path: string, depth = 0): { field: string; message: string } | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : { field: path, message: 'must be a finite number' };
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { field: path, message: 'must not contain NUL characters' };
    return value.isWellFormed() ? null : { field: path, message: 'must be well-formed Unicode (a lone surrogate)' };
  }
  if (value === null || typeof value !== 'object' || depth >= 8) return null;
  for (const [k, v] of Object.entries(value)) {
    const found = unfit(v, path ? `${path}.${k}` : k, depth + 1);
    if (found) return found;
  }
  return null;
}

const decoded = (text: string): string | null => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null; // malformed, or not UTF-8 (an encoded surrogate included)
  }
};

/**
 * The query field whose percent-encoding does not decode ("querystring" when
 * a name does not), or null. Costs a scan for '%' on the common path.
 */
export function misencodedQueryField(url: string): string | null {
  const q = url.indexOf('?');
  if (q < 0 || !url.includes('%', q)) return null;
  for (const pair of url.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    const name = decoded(eq < 0 ? pair : pair.slice(0, eq));
    if (name === null) return 'querystring';
    if (eq >= 0 && decoded(pair.slice(eq + 1)) === null) return name ? `querystring.${name}` : 'querystring';
  }
  return null;
}

/** The headers helmet sets on a response (lower-case names), found by running its middleware once. */
function securityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet({ contentSecurityPolicy: false })({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return Object.freeze(headers);
}

/** A 400 naming the first unfit value of a request part, or null. */
function unfitPart(part: string, value: unknown): HttpError | null {
  const found = unfit(value, '');
  return found && new HttpError(400, 'bad_request', `${part}.${found.field} ${found.message}`, [{ field: `${part}.${found.field}`, message: found.message }]);
}

const tooMany = (message: string, ttlMs: number) =>
  new HttpError(429, 'too_many_requests', message, undefined, { 'retry-after': String(Math.max(1, Math.ceil(ttlMs / 1000))) });

export const securityPlugin = fp(async (app: FastifyInstance, opts: RateLimitOptions) => {
  const windowMs = opts.windowMs ?? 60_000;
  const headers = securityHeaders();
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers);
    const field = misencodedQueryField(req.url);
    if (field === null) return done();
    const message = 'must be percent-encoded UTF-8';
    done(badRequest(`${field === 'querystring' ? 'a query parameter name' : field} ${message}`, [{ field, message }]));
  });
  await app.register(rateLimit, { global: false, timeWindow: windowMs });

  const failures = app.createRateLimit({ max: opts.authFailures ?? 30, timeWindow: windowMs, keyGenerator: (req) => `ip:${req.ip}` });
  const perToken = app.createRateLimit({
    max: (req) => (req.principal?.role === 'integration' ? (opts.perIntegrationToken ?? 600_000) : (opts.perToken ?? 6000)),
    timeWindow: windowMs,
    keyGenerator: (req) => `token:${req.principal?.tokenId}`,
  });

  app.decorate('recordAuthFailure', (req: FastifyRequest) => {
    failures(req).catch((err: unknown) => req.log.warn({ err }, 'could not count an authentication failure'));
  });

  // Before authentication (this hook is added before the auth plugin's): an IP over its failure budget is not heard.
  // Except the webhook: a valid HMAC-SHA256 signature cannot be guessed, so refusing one protects nothing, and
  // would stop a marketplace's ingestion for a window after a few badly signed requests (a secret rotation gone
  // wrong); a bad one is always 401 there (CONTRACT §4), and still counts against the address on other routes.
  // A hook of the token routes only (added as each is declared), so that the webhook and open routes do not call it.
  const overFailureBudget = async (req: FastifyRequest) => {
    const state = await failures(req, { increment: false });
    if (!state.isAllowed && state.remaining === 0) {
      throw tooMany(`too many failed authentications from this address; retry in ${Math.ceil(state.ttl / 1000)} s`, state.ttl);
    }
  };
  app.addHook('onRoute', (route) => {
    if (Array.isArray(route.config?.access)) route.onRequest = [...[route.onRequest ?? []].flat(), overFailureBudget];
  });

  // Synchronous: an async hook costs every request a promise and a turn of the microtask queue.
  app.addHook('preHandler', (req, _reply, done) => {
    // The webhook validates its raw, uncoerced body itself and names each bad event's index.
    const problem = unfitPart('querystring', req.query) ?? unfitPart('params', req.params) ?? (req.routeConfig?.access === 'webhook' ? null : unfitPart('body', req.body));
    done(problem ?? undefined);
  });

  // The token's own budget, spent by the auth plugin as soon as the token is known: before its role is checked and
  // before the body is read, so that refused requests (403, a body that does not parse) count like any other.
  app.decorate('spendTokenBudget', async (req: FastifyRequest) => {
    const state = await perToken(req);
    if (!state.isAllowed && state.isExceeded) throw tooMany(`this token made more than ${state.max} requests in ${windowMs / 1000} s; retry in ${Math.ceil(state.ttl / 1000)} s`, state.ttl);
  });
});
