// Schemas of GET /v1/sellers/{sellerId}/scorecard.
import Type from 'typebox';
import { weekFields } from '../week-schema.js';

export const ScorecardParams = Type.Object({ sellerId: Type.String({ minLength: 1, maxLength: 200 }) });

export const ScorecardQuery = Type.Object(
  {
    from: Type.String({ description: 'start of the period, inclusive (RFC 3339)' }),
    to: Type.String({ description: 'end of the period, exclusive (RFC 3339); at most 366 days after from' }),
    market: Type.Optional(Type.String({ minLength: 1, maxLength: 8, description: 'only this market; an unknown market is 400' })),
  },
  { additionalProperties: false },
);

const Counts = Type.Record(Type.String(), Type.Integer());
const Rate = Type.Union([Type.Number(), Type.Null()]);

const figures = {
  obligations: Type.Integer({ description: 'obligations requested in the period, in any state' }),
  met: Type.Integer(),
  late: Type.Integer(),
  breached: Type.Integer(),
  waived: Type.Integer({ description: 'waived by the seller (reply.waived): counted apart so that abuse shows' }),
  cancelled: Type.Integer(),
  pending: Type.Integer(),
  onTimeRate: Type.Union([Type.Number(), Type.Null()], { description: 'met / (met + late + breached); null when that is 0' }),
  medianResponseMinutes: Type.Union([Type.Number(), Type.Null()], { description: 'working minutes to the answer (met and late), linear-interpolated median' }),
  p90ResponseMinutes: Rate,
  takeovers: Type.Integer({ description: 'takeovers (not withdrawn) with at in the period' }),
  takeoversByReason: Counts,
  contactFlags: Type.Integer({ description: 'contact_sharing flags on the seller own messages' }),
  flagsByKind: Counts,
  charges: Type.Object({ count: Type.Integer(), byCurrency: Type.Record(Type.String(), Type.Integer(), { description: 'sum of amountMinor per currency' }) }),
};

export const ScorecardResponse = Type.Object({
  sellerId: Type.String(),
  market: Type.Union([Type.String(), Type.Null()]),
  from: Type.String(),
  to: Type.String(),
  ...figures,
  absences: Type.Array(
    Type.Object({
      id: Type.String(),
      market: Type.String(),
      from: Type.String(),
      to: Type.String(),
      workingDays: Type.Integer(),
      noticeDays: Type.Integer(),
      compliant: Type.Boolean(),
      violation: Type.Union([Type.String(), Type.Null()]),
      continuousViolation: Type.Union([Type.String(), Type.Null()], {
        description: 'late_notice when the absence, with the live absences it adjoined at registration, made one longer than the policy allows without notice',
      }),
    }),
    { description: 'registered absences (not cancelled) whose local dates meet the period' },
  ),
  lateNoticeAbsences: Type.Integer({ description: 'of those absences, the ones registered without the required notice (violation or continuousViolation late_notice)' }),
  weeks: Type.Array(
    Type.Object({
      ...weekFields({ zone: "its zone's local dates", firstDay: "; with no market, the earliest of the seller's markets' weeks of that label", lastDay: '; with no market, the latest of those weeks' }),
      ...figures,
    }),
  ),
});
