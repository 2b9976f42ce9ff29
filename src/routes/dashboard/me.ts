// GET /v1/me: who the bearer token is (role, seller), and the service clock.
// The dashboard signs in with it: it learns which pages to offer without
// guessing from 403s, and starts its periods from the service's time.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { iso } from '../params.js';
import { MeResponse } from './schemas.js';

export async function meRoute(app: FastifyInstance) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/v1/me',
    {
      config: { access: ['admin', 'compliance', 'seller'] },
      schema: { tags: ['dashboard'], summary: 'The calling token: name, role, seller, and the service clock', response: { 200: MeResponse } },
    },
    async (req) => {
      const p = req.principal!;
      // the access list above admits no integration token (issue 7.6: those may call only POST /v1/checks/message)
      return { name: p.name, role: p.role as 'admin' | 'compliance' | 'seller', sellerId: p.sellerId, now: iso(app.clock.now()) };
    },
  );
}
