import Type from 'typebox';

export const CaseParams = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 200 }) });

const Match = Type.Object({ type: Type.String(), text: Type.Optional(Type.String({ description: 'absent once retention has removed the evidence' })), start: Type.Optional(Type.Integer()), end: Type.Optional(Type.Integer()) });

export const Flag = Type.Object(
  {
    kind: Type.String({ description: 'contact_sharing | automated_reply_suspected | language_mismatch' }),
    messageId: Type.String(),
    author: Type.String(),
    eventId: Type.Optional(Type.String()),
    occurredAt: Type.Optional(Type.String()),
    matches: Type.Optional(Type.Array(Match)),
    detected: Type.Optional(Type.String()),
    expected: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: true },
);

export const CaseResponse = Type.Object({
  id: Type.String(),
  market: Type.String(),
  sellerId: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('taken_over'), Type.Literal('closed')]),
  obligations: Type.Array(
    Type.Object({
      requestedAt: Type.String(),
      dueAt: Type.String(),
      answeredAt: Type.Union([Type.String(), Type.Null()]),
      state: Type.String(),
      lateByMinutes: Type.Optional(Type.Number({ description: 'working minutes from dueAt to answeredAt, or to now while breached' })),
    }),
  ),
  takeover: Type.Union([Type.Null(), Type.Object({ at: Type.String(), reason: Type.String(), id: Type.Optional(Type.Integer()) })]),
  flags: Type.Array(Flag),
});

export const ManualTakeoverBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: 'why staff take the case over (audited); not blank' }) },
  { additionalProperties: false },
);

export const ManualTakeoverResponse = Type.Object({
  id: Type.String(),
  status: Type.Literal('taken_over'),
  takeover: Type.Object({ at: Type.String(), reason: Type.Literal('manual'), id: Type.Integer() }),
});

export const ManualWithdrawalBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: 'why staff withdraw the manual takeover (audited); not blank' }) },
  { additionalProperties: false },
);

export const ManualWithdrawalResponse = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('taken_over'), Type.Literal('closed')]),
  takeover: Type.Union([Type.Null(), Type.Object({ at: Type.String(), reason: Type.String() })], {
    description: 'null, or the takeover the case\'s own events make without the manual one (a deadline passed meanwhile: reply_overdue at that deadline)',
  }),
});
