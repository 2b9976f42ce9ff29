// Schemas of POST /v1/takeovers/{id}/charges.
import Type from 'typebox';

export const TakeoverParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'takeover id (GET /v1/cases/{caseId} shows it)' }) });

export const ChargeBody = Type.Object(
  {
    amountMinor: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'amount in the currency minor unit (cents), > 0' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, e.g. EUR' }),
    description: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: 'what the cost was; not blank' }),
  },
  { additionalProperties: false },
);

export const ChargeResponse = Type.Object({
  id: Type.String(),
  takeoverId: Type.Integer(),
  caseId: Type.String(),
  sellerId: Type.String(),
  market: Type.String(),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  description: Type.String(),
  createdAt: Type.String(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  takeoverWithdrawn: Type.Boolean(),
});
