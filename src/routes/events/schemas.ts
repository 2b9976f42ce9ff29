// The webhook event of CONTRACT §4, with caps on every field (hostile input).
import Type from 'typebox';
import { DISPUTE_REASONS } from '../../markets/index.js';

export const MAX_BATCH = 1000;
export const MAX_BODY_CHARS = 20_000;

const Id = Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$', description: 'printable ASCII, no spaces, at most 200 characters' });
const OptionalId = Type.Optional(Type.Union([Id, Type.Null()]));

export const EventSchema = Type.Object(
  {
    id: Id,
    type: Type.Union(['message.created', 'dispute.opened', 'reply.waived', 'case.closed', 'case.reopened'].map((t) => Type.Literal(t))),
    occurredAt: Type.String({ maxLength: 40, description: 'RFC 3339 instant, years 2000–2099, at most 5 minutes in the future' }),
    market: Type.String({ pattern: '^[A-Z0-9]{2,8}$' }),
    caseId: Id,
    sellerId: Id,
    buyerId: OptionalId,
    orderId: OptionalId,
    message: Type.Optional(
      Type.Object(
        {
          id: Id,
          author: Type.Union([Type.Literal('buyer'), Type.Literal('seller'), Type.Literal('platform')]),
          body: Type.String({ maxLength: MAX_BODY_CHARS }),
          automated: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
    dispute: Type.Optional(
      Type.Object(
        { reason: Type.Union(DISPUTE_REASONS.map((r) => Type.Literal(r))), note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const BatchSchema = Type.Object({ events: Type.Array(EventSchema, { minItems: 1, maxItems: MAX_BATCH }) }, { additionalProperties: false });

export const IngestBody = Type.Union([EventSchema, BatchSchema], { description: `one event, or { "events": [...] } with at most ${MAX_BATCH}` });

export const IngestResponse = Type.Object({
  accepted: Type.Integer({ description: 'events stored now' }),
  duplicates: Type.Integer({ description: 'events already stored with the same content' }),
});
