// POST /v1/takeovers/{id}/charges (issue 4.5): the platform, having taken a
// case over, charges its cost to the seller (POLICIES D). Staff only; the
// charge and its audit row are written in one transaction, with the takeover
// row share-locked so that a concurrent withdrawal cannot slip between. An
// optional Idempotency-Key makes a retried POST answer the first charge.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { badRequest, conflict, notFound, unprocessable } from '../../plugins/errors.js';
import { chargeRow } from '../reports/charges.js';
import { ChargeBody, ChargeHeaders, ChargeResponse, TakeoverParams } from './schemas.js';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export async function takeoverRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/v1/takeovers/:id/charges',
    {
      config: { access: ['admin', 'compliance'] },
      schema: {
        tags: ['takeovers'],
        summary: 'Charge the cost of a takeover to the seller',
        'x-errors': [409, 422],
        description: '404 for an unknown takeover, 409 when it was withdrawn (the case was not taken over after all). With an Idempotency-Key, a retry answers the charge recorded by the first request.',
        params: TakeoverParams,
        headers: ChargeHeaders,
        body: ChargeBody,
        response: { 201: ChargeResponse },
      },
    },
    async (req, reply) => {
      const { amountMinor, currency, description } = req.body;
      if (!CURRENCIES.has(currency)) throw badRequest(`currency ${currency} is not an ISO 4217 currency in use`, [{ field: 'body.currency', message: 'is not an ISO 4217 currency' }]);
      const takeoverId = Number(req.params.id);
      const actor = `token:${req.principal!.tokenId}`;
      const key = req.headers['idempotency-key'] ?? null;
      const outcome = await app.db.transaction().execute(async (tx) => {
        const t = await tx.selectFrom('takeovers').selectAll().where('id', '=', takeoverId).forShare().executeTakeFirst();
        if (!t) throw notFound(`no takeover ${takeoverId}`);
        const asked = { takeoverId, amountMinor, currency, description };
        const earlier = async () => (key === null ? undefined : tx.selectFrom('charges').selectAll().where('created_by', '=', actor).where('idempotency_key', '=', key).executeTakeFirst());
        // A retry is answered before the withdrawal check: the charge it repeats was recorded.
        const found = await earlier();
        if (found) return { charge: repeated(found, asked), withdrawn: t.withdrawn_at !== null, replayed: true };
        if (t.withdrawn_at) throw conflict(`takeover ${takeoverId} was withdrawn at ${t.withdrawn_at.toISOString()}: there is no takeover to charge for`);
        const values = {
          takeover_id: t.id,
          case_id: t.case_id,
          market: t.market,
          seller_id: t.seller_id,
          amount_minor: amountMinor,
          currency,
          description,
          created_at: new Date(app.clock.now()),
          created_by: actor,
          idempotency_key: key,
        };
        const c = await tx
          .insertInto('charges')
          .values(values)
          .onConflict((oc) => oc.columns(['created_by', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
          .returningAll()
          .executeTakeFirst();
        // Nothing inserted: a concurrent request with this key committed first (the insert waited for it).
        if (!c) return { charge: repeated((await earlier())!, asked), withdrawn: false, replayed: true };
        await tx
          .insertInto('audit')
          .values({
            actor,
            action: 'charge.recorded',
            subject: t.case_id,
            details: JSON.stringify({ chargeId: c.id, takeoverId: t.id, sellerId: t.seller_id, amountMinor, currency, description, ...(key !== null ? { idempotencyKey: key } : {}) }),
          })
          .execute();
        return { charge: c, withdrawn: false, replayed: false }; // a withdrawn takeover is refused above
      });
      if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(chargeRow({ ...outcome.charge, takeover_withdrawn: outcome.withdrawn }));
    },
  );
}

/** The charge an Idempotency-Key already recorded, when this request asks for the same one; otherwise 422. */
function repeated<C extends { takeover_id: number; amount_minor: number | string; currency: string; description: string; idempotency_key: string | null }>(
  c: C,
  asked: { takeoverId: number; amountMinor: number; currency: string; description: string },
): C {
  const same = Number(c.takeover_id) === asked.takeoverId && Number(c.amount_minor) === asked.amountMinor && c.currency === asked.currency && c.description === asked.description;
  if (!same) {
    throw unprocessable(`Idempotency-Key ${c.idempotency_key} was used for another charge (takeover ${c.takeover_id}): use a new key for a new charge`, [
      { field: 'headers.idempotency-key', message: 'was used for another charge' },
    ]);
  }
  return c;
}
