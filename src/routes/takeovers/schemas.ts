// Schemas of POST /v1/takeovers/{id}/charges.
import Type from 'typebox';

export const TakeoverParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'takeover id (GET /v1/cases/{caseId} shows it)' }) });

export const ChargeHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: '^[\\x21-\\x7E]+$',
      description: 'optional; a retry with the same key and body answers the charge already recorded (Idempotent-Replayed: true), the same key with another body is 422',
    }),
  ),
});

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
