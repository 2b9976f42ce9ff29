// Schemas of the report endpoints (CONTRACT §6 and extensions).
import Type from 'typebox';
import { Defaulted } from '../defaulted.js';

const Instant = (description: string) => Type.String({ description: `${description} (RFC 3339)`, examples: ['2026-03-01T00:00:00Z'] });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

const common = {
  market: Type.String({ minLength: 1, maxLength: 8, description: 'market code; an unknown market is 400 (it is a filter, not the resource)' }),
  from: Instant('start of the period, inclusive'),
  to: Instant('end of the period, exclusive; at most 366 days after from'),
  sellerId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'only this seller' })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'csv streams every row (no paging) with a header row', default: 'json' })),
  limit: Defaulted(Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'rows per JSON page' })),
  cursor: Type.Optional(Type.String({ maxLength: 1000, description: 'nextCursor of the previous page' })),
};

export const ReportQuery = Type.Object(common, { additionalProperties: false });

const page = <T extends Type.TSchema>(row: T) =>
  Type.Object({
    rows: Type.Array(row),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'pass as cursor for the next page; null at the end' }),
  });

export const BreachRowSchema = Type.Object({
  caseId: Type.String(),
  sellerId: Type.String(),
  market: Type.String(),
  requestedAt: Type.String(),
  dueAt: Type.String(),
  answeredAt: NullableString,
  state: Type.Union([Type.Literal('late'), Type.Literal('breached')]),
  lateByMinutes: NullableNumber,
  takenOver: Type.Boolean(),
});

export const SellerRowSchema = Type.Object({
  sellerId: Type.String(),
  market: Type.String(),
  obligations: Type.Integer({ description: 'obligations requested in the period, in any state' }),
  met: Type.Integer(),
  late: Type.Integer(),
  breached: Type.Integer(),
  onTimeRate: Type.Union([Type.Number(), Type.Null()], { description: 'met / (met + late + breached); null when that is 0' }),
  medianResponseMinutes: Type.Union([Type.Number(), Type.Null()], { description: 'median working minutes to the answer of met and late obligations' }),
  takeovers: Type.Integer({ description: 'takeovers (not withdrawn) of the seller cases in the market with at in the period' }),
  contactFlags: Type.Integer({ description: 'contact_sharing flags on the seller own messages in the period' }),
  waived: Type.Integer({ description: 'waived by the seller (reply.waived), counted apart' }),
  cancelled: Type.Integer(),
  pending: Type.Integer(),
  lateNoticeAbsences: Type.Integer({ description: 'absences registered in the period without the required notice, alone or as a piece of a longer absence (violation or continuous.violation late_notice), not cancelled' }),
});

export const ChargeRowSchema = Type.Object({
  id: Type.String(),
  takeoverId: Type.Integer(),
  caseId: Type.String(),
  sellerId: Type.String(),
  market: Type.String(),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  description: Type.String(),
  createdAt: Type.String(),
  createdBy: NullableString,
  takeoverWithdrawn: Type.Boolean({ description: 'the takeover was withdrawn since (not charged in scorecards)' }),
});

export const BreachPage = page(BreachRowSchema);
export const SellerPage = page(SellerRowSchema);
export const ChargePage = page(ChargeRowSchema);
