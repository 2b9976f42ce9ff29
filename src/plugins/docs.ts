// The OpenAPI document, generated from the route schemas, and its UI at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const docsPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'replyby',
        version: '1',
        description: 'Helpdesk SLA compliance for online marketplaces: working-time reply deadlines, breaches, takeovers, reports.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A token from `npm run --silent cli -- token create`' },
          signature: { type: 'apiKey', in: 'header', name: 'X-Helpdesk-Signature', description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">' },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const access = route.config?.access;
      const security = access === 'public' ? [] : access === 'webhook' ? [{ signature: [] }] : [{ bearer: [] }];
      const roles = Array.isArray(access) ? `\n\nAllowed roles: ${access.join(', ')}.` : '';
      return { schema: { ...schema, security, ...(schema?.description || roles ? { description: `${schema?.description ?? ''}${roles}` } : {}) } as never, url };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
});
