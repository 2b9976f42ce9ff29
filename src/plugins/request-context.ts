// What every later hook needs of a request, read once when it arrives: the
// matched route's config (who may call it, its URL) and the request id
// echoed in X-Request-Id. Fastify's `request.routeOptions` builds a fresh
// object on every read, and hooks read it several times per request; an
// onSend hook runs Fastify's onSend machinery for every reply. On the
// webhook, where the HTTP thread is the service's narrowest resource, these
// were a measurable share of each request's CPU (docs/performance.md).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export type RouteConfig = FastifyRequest['routeOptions']['config'];

declare module 'fastify' {
  interface FastifyRequest {
    /** The matched route's config (`url` is undefined for a 404); null where no onRequest hook ran (Fastify's framework errors). */
    routeConfig: RouteConfig | null;
  }
}

/** Sets X-Request-Id on a reply; requests that skip onRequest hooks (framework errors) call it themselves. */
export function echoRequestId(req: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', req.id);
}

export const requestContextPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('routeConfig', null);
  app.addHook('onRequest', (req, reply, done) => {
    req.routeConfig = req.routeOptions.config;
    echoRequestId(req, reply);
    done();
  });
});
