// POST /v1/takeovers/{id}/charges (issue 4.5): the platform, having taken a
// case over, charges its cost to the seller (POLICIES D). Staff only; the
// charge and its audit row are written in one transaction, with the takeover
// row share-locked so that a concurrent withdrawal cannot slip between.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { badRequest, conflict, notFound } from '../../plugins/errors.js';
import { chargeRow } from '../reports/charges.js';
import { ChargeBody, ChargeResponse, TakeoverParams } from './schemas.js';

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
        'x-errors': [409],
        description: '404 for an unknown takeover, 409 when it was withdrawn (the case was not taken over after all).',
        params: TakeoverParams,
        body: ChargeBody,
        response: { 201: ChargeResponse },
      },
    },
    async (req, reply) => {
      const { amountMinor, currency, description } = req.body;
      if (!CURRENCIES.has(currency)) throw badRequest(`currency ${currency} is not an ISO 4217 currency in use`, [{ field: 'body.currency', message: 'is not an ISO 4217 currency' }]);
      const takeoverId = Number(req.params.id);
      const actor = `token:${req.principal!.tokenId}`;
      const charge = await app.db.transaction().execute(async (tx) => {
        const t = await tx.selectFrom('takeovers').selectAll().where('id', '=', takeoverId).forShare().executeTakeFirst();
        if (!t) throw notFound(`no takeover ${takeoverId}`);
        if (t.withdrawn_at) throw conflict(`takeover ${takeoverId} was withdrawn at ${t.withdrawn_at.toISOString()}: there is no takeover to charge for`);
        const c = await tx
          .insertInto('charges')
          .values({
            takeover_id: t.id,
            case_id: t.case_id,
            market: t.market,
            seller_id: t.seller_id,
            amount_minor: amountMinor,
            currency,
            description,
            created_at: new Date(app.clock.now()),
            created_by: actor,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('audit')
          .values({
            actor,
            action: 'charge.recorded',
            subject: t.case_id,
            details: JSON.stringify({ chargeId: c.id, takeoverId: t.id, sellerId: t.seller_id, amountMinor, currency, description }),
          })
          .execute();
        return c;
      });
      return reply.status(201).send(chargeRow({ ...charge, takeover_withdrawn: false })); // a withdrawn takeover is refused above
    },
  );
}
