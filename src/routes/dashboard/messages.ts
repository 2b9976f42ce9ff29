// GET /v1/cases/{caseId}/messages (staff, or the case's own seller): the
// case's events as a timeline, in the fold's order (CONTRACT §5: occurredAt,
// buyer before seller at the same instant), with each message's body (null
// once retention purged it), automated flag and check flags with their
// evidence offsets, which outlive the body. Index: events_case (case_id, occurred_at).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { compareEvents } from '../../domain/obligations/index.js';
import { assertSellerScope, caseNotFound, isStaff } from '../../plugins/auth.js';
import { CaseParams, MessagesResponse } from './schemas.js';

const MAX_EVENTS = 2000;

export async function messagesRoute(app: FastifyInstance) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/v1/cases/:caseId/messages',
    {
      config: { access: ['admin', 'compliance', 'seller'] },
      schema: { tags: ['cases', 'dashboard'], summary: "A case's events in order: messages with body, author, automated flag and check flags", params: CaseParams, response: { 200: MessagesResponse } },
    },
    async (req) => {
      const { caseId } = req.params;
      const c = await app.db.selectFrom('cases').select(['id', 'market', 'seller_id']).where('id', '=', caseId).executeTakeFirst();
      if (!c) throw caseNotFound(req, caseId);
      assertSellerScope(req, c.seller_id);
      const rows = await app.db
        .selectFrom('events')
        .select(['id', 'type', 'occurred_at', 'author', 'message_id', 'body', 'body_purged_at', 'automated', 'dispute_reason', 'flags'])
        .where('case_id', '=', caseId)
        .orderBy('occurred_at')
        .orderBy('id')
        .limit(MAX_EVENTS + 1)
        .execute();
      if (isStaff(req)) {
        await app.db.insertInto('audit').values({ actor: `token:${req.principal!.tokenId}`, action: 'case.messages.read', subject: caseId, details: '{}' }).execute();
      }
      const truncated = rows.length > MAX_EVENTS;
      const events = rows
        .slice(0, MAX_EVENTS)
        .map((e) => ({ e, key: { id: e.id, type: e.type, occurredAt: e.occurred_at.getTime(), author: e.author } }))
        .sort((a, b) => compareEvents(a.key, b.key));
      return {
        caseId: c.id,
        market: c.market,
        sellerId: c.seller_id,
        timeZone: app.markets.get(c.market)?.timeZone ?? null,
        events: events.map(({ e }) => ({
          eventId: e.id,
          type: e.type,
          occurredAt: e.occurred_at.toISOString(),
          author: e.author,
          messageId: e.message_id,
          body: e.body,
          bodyPurgedAt: e.body_purged_at?.toISOString() ?? null,
          automated: e.automated === true,
          disputeReason: e.dispute_reason,
          flags: e.flags as { kind: string }[],
        })),
        truncated,
      };
    },
  );
}
