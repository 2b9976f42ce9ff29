// POST /v1/checks/message (issue 7.6): the checks ingestion runs, answered
// before the message is delivered, for marketplaces that hold messages with
// contact details for review (as Fiverr does). Stores nothing and writes no
// audit row: it is a pure function of the text and the market, plus, for a
// seller, one read-only index scan counting their recent copies.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { checkText, countStoredCopies, REPEAT_THRESHOLD, type UnsentFlag } from '../../checks/index.js';
import { badRequest } from '../../plugins/errors.js';
import { CheckBody, CheckResponse } from './schemas.js';

export async function checkRoutes(app: FastifyInstance) {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/v1/checks/message',
    {
      config: { access: ['admin', 'integration'] },
      schema: {
        tags: ['checks'],
        summary: 'The flags a message would raise, before it is sent (stores nothing)',
        description:
          'For the marketplace\'s send path: an admin token or a token of the integration role (which may call nothing else). ' +
          'contact_sharing on every message; language_mismatch on seller messages; with sellerId, automated_reply_suspected when ' +
          `the seller stored at least ${REPEAT_THRESHOLD} messages with the same normal form in other cases in the last 24 hours.`,
        body: CheckBody,
        response: { 200: CheckResponse },
      },
    },
    async (req) => {
      const { market: code, author, body, sellerId, caseId, automated } = req.body;
      const market = app.markets.lookup(code);
      if (!market) throw badRequest(`unknown market ${code}`, [{ field: 'body.market', message: 'is not a loaded market' }]);
      const { flags, repeatKey } = checkText({ author, body }, market);
      const out: UnsentFlag[] = [...flags];
      if (author === 'seller' && sellerId !== undefined && repeatKey && !automated) {
        const repeats = await countStoredCopies(app.db, { sellerId, caseId: caseId ?? null, repeatKey, at: app.clock.now() });
        if (repeats >= REPEAT_THRESHOLD) out.push({ kind: 'automated_reply_suspected', author, repeats });
      }
      // the stored flags' shape, as GET /v1/cases/{id} shows them (minus messageId: there is no message yet)
      return { market: code, author, flags: out as Static<typeof CheckResponse>['flags'], contactSharing: flags.some((f) => f.kind === 'contact_sharing') };
    },
  );
}
