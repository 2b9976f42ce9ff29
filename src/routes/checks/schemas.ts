// Schemas of POST /v1/checks/message (issue 7.6).
import Type from 'typebox';
import { MAX_BODY_CHARS } from '../events/schemas.js';

const Id = Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' });

export const CheckBody = Type.Object(
  {
    market: Type.String({ pattern: '^[A-Z0-9]{2,8}$', description: 'market code; an unknown market is 400' }),
    author: Type.Union([Type.Literal('buyer'), Type.Literal('seller'), Type.Literal('platform')]),
    body: Type.String({ maxLength: MAX_BODY_CHARS }),
    sellerId: Type.Optional(
      Type.String({
        ...Id,
        description:
          'with author seller: also counts the seller\'s stored messages with the same normal form in the last 24 hours (automated_reply_suspected)',
      }),
    ),
    caseId: Type.Optional(Type.String({ ...Id, description: 'the case the message is for: its own copies are not counted as repeats' })),
    automated: Type.Optional(Type.Boolean({ description: 'machine-sent: not judged as a repeated reply (it never answers an obligation anyway)' })),
  },
  { additionalProperties: false },
);

export const CheckResponse = Type.Object({
  market: Type.String(),
  author: Type.String(),
  /** The flags ingestion would store for this message, without messageId (nothing is stored). */
  flags: Type.Array(
    Type.Object({
      kind: Type.String({ description: 'contact_sharing | automated_reply_suspected | language_mismatch' }),
      author: Type.String(),
      matches: Type.Optional(Type.Array(Type.Object({ type: Type.String(), text: Type.String(), start: Type.Integer(), end: Type.Integer() }))),
      detected: Type.Optional(Type.String()),
      expected: Type.Optional(Type.Array(Type.String())),
      repeats: Type.Optional(Type.Integer({ description: 'automated_reply_suspected: copies in other cases in the last 24 hours (counted up to 100)' })),
    }),
    { description: 'the flags ingestion would store, without messageId (there is no stored message)' },
  ),
  contactSharing: Type.Boolean({ description: 'true when the body shares contact details (a contact_sharing flag): the message a marketplace may hold for review' }),
});
