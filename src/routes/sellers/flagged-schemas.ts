// Schemas of GET /v1/sellers/flagged.
import Type from 'typebox';
import { Defaulted } from '../defaulted.js';

export const FlaggedQuery = Type.Object(
  {
    market: Type.String({ minLength: 1, maxLength: 8, description: 'market code; an unknown market is 400' }),
    days: Defaulted(
      Type.Integer({
        minimum: 1,
        maximum: 366,
        default: 30,
        description: 'the recent period for late sellers: obligations late or breached with dueAt in the last `days` × 24 hours',
      }),
    ),
  },
  { additionalProperties: false },
);

const Nullable = <T extends Type.TSchema>(s: T) => Type.Union([s, Type.Null()]);
const OldestBreached = Nullable(
  Type.Object({ caseId: Type.String(), obligationId: Type.Integer(), dueAt: Type.String() }, { description: 'the seller oldest obligation still unanswered past its deadline' }),
);

export const FlaggedResponse = Type.Object({
  market: Type.String(),
  at: Type.String({ description: 'the instant the lists were computed' }),
  lateSince: Type.String({ description: 'start of the recent period of the late list' }),
  late: Type.Array(
    Type.Object({
      sellerId: Type.String(),
      late: Type.Integer({ description: 'obligations answered late, dueAt in the recent period' }),
      breached: Type.Integer({ description: 'obligations still unanswered past their deadline, dueAt in the recent period' }),
      oldestBreached: OldestBreached,
      lastSellerActivityAt: Nullable(Type.String({ description: 'the seller last non-automated message in the market' })),
    }),
    { description: 'worst first (breached, then late); at most 1000' },
  ),
  absent: Type.Array(
    Type.Object({
      sellerId: Type.String(),
      since: Type.String({ description: 'when the seller became absent: absentAfterMinutes of working time after silentFrom' }),
      silentFrom: Type.String({ description: 'the later of the last seller message and the oldest breached deadline' }),
      absentAfterMinutes: Type.Integer(),
      oldestBreached: OldestBreached,
      lastSellerActivityAt: Nullable(Type.String()),
      flag: Nullable(Type.Object({ id: Type.Integer(), startedAt: Type.String() }, { description: 'the open episode the sweep recorded and notified; null until the next sweep' })),
    }),
  ),
  truncated: Type.Boolean({ description: 'true when the late list was cut at 1000 sellers' }),
});
