// Schemas of the planned-absence endpoints (CONTRACT §7). Dates are checked
// in the handler, so that a malformed one is a 400 naming its field and an
// impossible one (past, reversed, too long) a 422.
import Type, { type Static } from 'typebox';

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

/** An extension of CONTRACT §7 (POLICIES D): the absence this one made with the live absences it adjoined when registered. */
export const ContinuousAbsence = Type.Object(
  {
    from: Type.String({ description: 'first day of the whole absence' }),
    to: Type.String({ description: 'last day of the whole absence' }),
    workingDays: Type.Integer({ description: 'open days of the market calendar from from to to' }),
    compliant: Type.Boolean({ description: "workingDays ≤ maxWorkingDaysWithoutNotice or this absence's noticeDays ≥ minNoticeDays" }),
    violation: Type.Optional(Type.Literal('late_notice')),
  },
  {
    description:
      'Present when, at registration, this absence adjoined live absences of the same seller and market (no working day between them, ' +
      'directly or through others): the whole they make, judged with the notice of this absence, the piece the platform learned of last. ' +
      'A long absence registered in short pieces breaks the notice rule here even when every piece is compliant on its own. ' +
      'Cancelling a piece judges this again without it.',
  },
);

/** ContinuousAbsence's value from a stored row's or a fresh judgment's parts. */
export const continuousOnWire = (c: { from: string; to: string; workingDays: number; violation: string | null | undefined }): Static<typeof ContinuousAbsence> => ({
  from: c.from,
  to: c.to,
  workingDays: c.workingDays,
  compliant: !c.violation,
  ...(c.violation ? { violation: c.violation as 'late_notice' } : {}),
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
  continuous: Type.Optional(ContinuousAbsence),
  note: Type.Optional(Type.String()),
  startsAt: Type.Optional(Type.String({ description: 'local 00:00 of from, as an instant' })),
  endsAt: Type.Optional(Type.String({ description: 'local 00:00 after to, as an instant (exclusive)' })),
  createdAt: Type.String(),
  cancelledAt: Type.Optional(Type.String()),
});

export const AbsenceList = Type.Object({ absences: Type.Array(Absence) });
