// Access control (CONTRACT §8). Every route declares who may call it in
// `config.access`: 'public', 'webhook' (signed, see routes/events), or a list
// of roles. A route without a declaration is refused at start-up, so a new
// route cannot be left open by mistake. A route whose path names a seller
// (`:sellerId`) is that seller's: another seller's token is refused here,
// before its body is read or anything it sent is validated, so that it gets
// 403 whatever it sent (a route that finds its seller in the database, as
// /v1/cases/:caseId does, judges it in its handler).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '../db/index.js';
import { authenticate, type Principal } from '../tokens/index.js';
import { forbidden, notFound, unauthorized } from './errors.js';

export type Access = 'public' | 'webhook' | readonly Role[];

/** A route and who may call it, as registered (the route-walk test reads these). */
export interface RouteAccess {
  readonly method: string;
  readonly url: string;
  readonly access: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every route of the app with its declared access, in registration order. */
    routeList: RouteAccess[];
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** For seller-scoped resources: staff see all, a seller only its own. */
export function assertSellerScope(req: FastifyRequest, sellerId: string): void {
  const p = req.principal;
  if (p?.role === 'seller' && p.sellerId !== sellerId) throw forbidden('this token may act only for its own seller');
}

/**
 * No such case: 404 for staff, but 403 for a seller token, as for another
 * seller's case, so that a seller cannot tell which case ids exist.
 */
export function caseNotFound(req: FastifyRequest, caseId: string): Error {
  return req.principal?.role === 'seller' ? forbidden('this token may act only for its own seller') : notFound(`no case ${caseId}`);
}

export const isStaff = (req: FastifyRequest) => req.principal?.role === 'admin' || req.principal?.role === 'compliance';

export const authPlugin = fp(async (app: FastifyInstance, opts: { onAuthFailure?: (req: FastifyRequest) => void }) => {
  app.decorateRequest('principal', null);
  const routeList: RouteAccess[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined) {
      // The OpenAPI UI's own routes are documentation, open to all.
      if (route.url === '/docs' || route.url.startsWith('/docs/')) route.config = { ...route.config, access: 'public' };
      else throw new Error(`route ${route.method} ${route.url} declares no config.access`);
    }
    const access = route.config!.access!;
    for (const method of [route.method].flat()) routeList.push({ method, url: route.url, access });
    // Only token routes authenticate (the webhook checks its signature, 404s and open routes nothing): a hook of their own.
    if (Array.isArray(access)) route.onRequest = [...[route.onRequest ?? []].flat(), (req: FastifyRequest) => authenticateRequest(req, access)];
  });
  const authenticateRequest = async (req: FastifyRequest, access: readonly Role[]) => {
    const header = req.headers.authorization;
    const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!m) {
      opts.onAuthFailure?.(req);
      throw unauthorized('an Authorization: Bearer <token> header is required');
    }
    const principal = await authenticate(app.db, m[1]!, app.clock.now());
    if (!principal) {
      opts.onAuthFailure?.(req);
      throw unauthorized('the token is unknown, revoked or expired');
    }
    req.principal = principal;
    if (app.hasDecorator('spendTokenBudget')) await app.spendTokenBudget(req); // the security plugin's per-token limit
    if (!access.includes(principal.role)) throw forbidden(`this route is for ${access.join(', ')} tokens`);
    const { sellerId } = req.params as { sellerId?: string };
    if (sellerId !== undefined) assertSellerScope(req, sellerId);
  };
});
