// Schemas of the planned-absence endpoints (CONTRACT §7). Dates are checked
// in the handler, so that a malformed one is a 400 naming its field and an
// impossible one (past, reversed, too long) a 422.
import Type from 'typebox';

const LocalDate = (description: string) => Type.String({ description: `${description} (local date YYYY-MM-DD in the market's time zone)`, examples: ['2026-06-22'] });

export const SellerParams = Type.Object({ sellerId: Type.String({ minLength: 1, maxLength: 200 }) });
export const AbsenceParams = Type.Object({ sellerId: Type.String({ minLength: 1, maxLength: 200 }), id: Type.String({ minLength: 1, maxLength: 100 }) });

export const AbsenceBody = Type.Object(
  {
    market: Type.String({ minLength: 1, maxLength: 8, description: 'market code, e.g. LV' }),
    from: LocalDate('first day of the absence, inclusive'),
    to: LocalDate('last day of the absence, inclusive'),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const AbsenceListQuery = Type.Object({
  includeCancelled: Type.Optional(Type.Boolean({ default: false, description: 'also list cancelled absences' })),
  market: Type.Optional(Type.String({ minLength: 1, maxLength: 8, description: 'only this market' })),
});

export const Absence = Type.Object({
  id: Type.String(),
  sellerId: Type.String(),
  market: Type.String(),
  from: Type.String(),
  to: Type.String(),
  workingDays: Type.Integer({ description: 'open days of the market calendar in the range (holidays and exceptions applied)' }),
  noticeDays: Type.Integer({ description: "calendar days from the market's local today to from, at registration" }),
  compliant: Type.Boolean(),
  violation: Type.Optional(Type.Literal('late_notice')),
  note: Type.Optional(Type.String()),
  startsAt: Type.Optional(Type.String({ description: 'local 00:00 of from, as an instant' })),
  endsAt: Type.Optional(Type.String({ description: 'local 00:00 after to, as an instant (exclusive)' })),
  createdAt: Type.String(),
  cancelledAt: Type.Optional(Type.String()),
});

export const AbsenceList = Type.Object({ absences: Type.Array(Absence) });
