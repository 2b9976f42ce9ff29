// Schemas of GET /v1/reports/contact-sharing (issue 7, CONTRACT §5 flags).
import Type from 'typebox';

export const MAX_LIMIT = 1000;

export const ContactSharingQuery = Type.Object({
  market: Type.String({ pattern: '^[A-Z0-9]{2,8}$', description: 'market code, e.g. LV' }),
  from: Type.String({ description: 'start of the period, inclusive (RFC 3339); the message occurredAt is compared' }),
  to: Type.String({ description: 'end of the period, exclusive (RFC 3339); at most 366 days after from' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 100, description: 'rows per page (JSON)' })),
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'csv: every row of the period, streamed, with a header row' })),
});

const Match = Type.Object({
  type: Type.String({ description: 'phone | email | url | messenger' }),
  text: Type.Optional(Type.String({ description: 'the evidence as written in the message; absent once retention has removed it' })),
  start: Type.Integer({ description: 'UTF-16 offset of the evidence in the body' }),
  end: Type.Integer(),
});

export const ContactSharingRow = Type.Object({
  occurredAt: Type.String(),
  market: Type.String(),
  caseId: Type.String(),
  sellerId: Type.String(),
  buyerId: Type.Union([Type.String(), Type.Null()]),
  eventId: Type.String(),
  messageId: Type.String(),
  author: Type.String({ description: 'buyer | seller | platform' }),
  matches: Type.Array(Match),
});

export const ContactSharingResponse = Type.Object({
  rows: Type.Array(ContactSharingRow),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'pass as cursor for the next page; null on the last page' }),
});

/** The CSV columns, in order; matches become their types and their texts. */
export const CSV_COLUMNS = ['occurredAt', 'market', 'caseId', 'sellerId', 'buyerId', 'eventId', 'messageId', 'author', 'matchTypes', 'evidence'] as const;
