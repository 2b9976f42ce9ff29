// GET /v1/cases/{caseId} (CONTRACT §5): staff, or the case's own seller; staff
// take a case over by hand, and withdraw such a takeover.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { compareEvents, type CaseEvent } from '../../domain/obligations/index.js';
import { assertSellerScope, caseNotFound, isStaff } from '../../plugins/auth.js';
import type { ManualTakeoverRefusal, ManualWithdrawalRefusal } from '../../cases/index.js';
import { conflict, notFound, type HttpError } from '../../plugins/errors.js';
import { CaseParams, CaseResponse, ManualTakeoverBody, ManualTakeoverResponse, ManualWithdrawalBody, ManualWithdrawalResponse } from './schemas.js';

const key = (e: { id: string; type: CaseEvent['type']; author: CaseEvent['author']; occurred_at: Date }): CaseEvent => ({
  id: e.id,
  type: e.type,
  author: e.author,
  occurredAt: e.occurred_at.getTime(),
});

export async function caseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/v1/cases/:caseId',
    {
      config: { access: ['admin', 'compliance', 'seller'] },
      schema: { tags: ['cases'], summary: 'A case: status, obligations, takeover, flags', params: CaseParams, response: { 200: CaseResponse } },
    },
    async (req) => {
      const { caseId } = req.params;
      const read = () => app.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
      let c = await read();
      if (!c) throw caseNotFound(req, caseId);
      assertSellerScope(req, c.seller_id);
      if (c.check_at !== null && c.check_at.getTime() <= app.clock.now()) {
        // A deadline (or an absence start) has passed since the last sweep: settle it, so that an obligation past its
        // deadline shows as breached, with its takeover, not as pending until the next run of SWEEP_CRON.
        await app.services.settleDue({ caseId });
        c = (await read())!;
      }
      const [obligations, takeover, flagged] = await Promise.all([
        app.db.selectFrom('obligations').selectAll().where('case_id', '=', caseId).orderBy('requested_at').execute(),
        app.db.selectFrom('takeovers').select(['id']).where('case_id', '=', caseId).where('withdrawn_at', 'is', null).executeTakeFirst(),
        app.db
          .selectFrom('events')
          .select(['id', 'type', 'author', 'occurred_at', 'flags'])
          .where('case_id', '=', caseId)
          .where(sql<boolean>`jsonb_array_length(flags) > 0`)
          .execute()
          // In fold order (occurredAt, buyer before seller, id), never in the order they arrived.
          .then((rows) => rows.sort((a, b) => compareEvents(key(a), key(b)))),
      ]);
      if (isStaff(req)) {
        await app.db.insertInto('audit').values({ actor: `token:${req.principal!.tokenId}`, action: 'case.read', subject: caseId, details: '{}' }).execute();
      }
      const market = app.markets.get(c.market);
      const now = app.clock.now();
      return {
        id: c.id,
        market: c.market,
        sellerId: c.seller_id,
        status: c.status,
        obligations: obligations.map((o) => {
          const lateBy =
            o.state === 'late' ? o.late_by_minutes : o.state === 'breached' && market ? market.schedule.workingMinutes(o.due_at.getTime(), now) : undefined;
          return {
            requestedAt: o.requested_at.toISOString(),
            dueAt: o.due_at.toISOString(),
            answeredAt: o.answered_at?.toISOString() ?? null,
            state: o.state,
            ...(lateBy != null ? { lateByMinutes: lateBy } : {}),
          };
        }),
        takeover: c.takeover_at ? { at: c.takeover_at.toISOString(), reason: c.takeover_reason!, ...(takeover ? { id: takeover.id } : {}) } : null,
        flags: flagged.flatMap((e) =>
          (e.flags as { kind: string; messageId: string; author: string }[]).map((f) => ({ ...f, eventId: e.id, occurredAt: e.occurred_at.toISOString() })),
        ),
      };
    },
  );

  r.post(
    '/v1/cases/:caseId/takeover',
    {
      config: { access: ['admin', 'compliance'] },
      schema: {
        tags: ['cases'],
        summary: 'Take a case over by hand (reason manual)',
        description:
          'Staff take the case over now: its pending obligation is cancelled, the marketplace is sent case.taken_over, and the takeover stands whatever events arrive later. 404 for an unknown case; 409 when it is closed or already taken over (a deadline passed since the last sweep counts: it is settled first).',
        'x-errors': [409],
        params: CaseParams,
        body: ManualTakeoverBody,
        response: { 201: ManualTakeoverResponse },
      },
    },
    async (req, reply) => {
      const { caseId } = req.params;
      const r = await app.services.takeOverByHand(caseId, { actor: `token:${req.principal!.tokenId}`, note: req.body.note });
      if ('refused' in r) throw refusal(caseId, r);
      const t = await app.db.selectFrom('takeovers').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow();
      return reply.status(201).send({ id: caseId, status: 'taken_over' as const, takeover: { at: new Date(r.at).toISOString(), reason: 'manual' as const, id: t.id } });
    },
  );

  r.post(
    '/v1/cases/:caseId/takeover/withdrawal',
    {
      config: { access: ['admin', 'compliance'] },
      schema: {
        tags: ['cases'],
        summary: 'Withdraw a manual takeover',
        description:
          'Staff withdraw a takeover they made by hand (reason manual): the case is refolded as if it had not been taken over by hand, the marketplace is sent case.takeover_withdrawn (or case.takeover_changed when a deadline passed meanwhile takes the case over for its own reason), a charge on the takeover stays with takeoverWithdrawn, and the note is audited. 404 for an unknown case; 409 when the case is not taken over, or was taken over by its own events (a breach, a dispute, an absence).',
        'x-errors': [409],
        params: CaseParams,
        body: ManualWithdrawalBody,
        response: { 200: ManualWithdrawalResponse },
      },
    },
    async (req) => {
      const { caseId } = req.params;
      const r = await app.services.withdrawManualTakeover(caseId, { actor: `token:${req.principal!.tokenId}`, note: req.body.note });
      if ('refused' in r) throw refusal(caseId, r);
      return { id: caseId, status: r.status as 'open' | 'taken_over' | 'closed', takeover: r.takeover && { at: r.takeover.at.toISOString(), reason: r.takeover.reason } };
    },
  );
}

/** The answer to a manual takeover or withdrawal that was refused. */
function refusal(caseId: string, r: ManualTakeoverRefusal | ManualWithdrawalRefusal): HttpError {
  switch (r.refused) {
    case 'unknown_case':
      return notFound(`no case ${caseId}`);
    case 'no_market':
      return conflict(`case ${caseId} is in market ${r.market}, whose market file is not loaded: its state cannot be folded`);
    case 'closed':
      return conflict(`case ${caseId} is closed`);
    case 'taken_over':
      return conflict(`case ${caseId} was taken over at ${r.at.toISOString()} (${r.reason})`);
    case 'not_taken_over':
      return conflict(`case ${caseId} is not taken over`);
    case 'not_manual':
      return conflict(`case ${caseId} was taken over at ${r.at.toISOString()} (${r.reason}), not by hand: only a manual takeover can be withdrawn`);
  }
}
