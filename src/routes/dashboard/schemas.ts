// Schemas of the read models the dashboard (web/) is built on: who is signed
// in, a market overview, a case's message timeline, a seller's cases, weekly
// seller trends and the preview of an absence before it is registered.
import Type from 'typebox';
import { weekFields } from '../week-schema.js';
import { Defaulted } from '../defaulted.js';
import { ContinuousAbsence } from '../sellers/absences.schemas.js';

const Nullable = <T extends Type.TSchema>(s: T) => Type.Union([s, Type.Null()]);
const Instant = (description: string) => Type.String({ description: `${description} (RFC 3339, UTC)` });
const MarketCode = Type.String({ minLength: 1, maxLength: 8, description: 'market code, e.g. LV; an unknown market is 400' });

export const MeResponse = Type.Object({
  name: Type.String({ description: 'the token label' }),
  role: Type.Union([Type.Literal('admin'), Type.Literal('compliance'), Type.Literal('seller')]),
  sellerId: Nullable(Type.String({ description: 'the seller a seller token acts for' })),
  now: Instant("the service clock: the dashboard's periods start from it, not from the browser's clock"),
});

export const OverviewQuery = Type.Object({ market: MarketCode }, { additionalProperties: false });

const CaseDue = Type.Object({ caseId: Type.String(), sellerId: Type.String(), dueAt: Type.String() });

export const OverviewResponse = Type.Object({
  market: Type.String(),
  timeZone: Type.String(),
  at: Instant('the instant the figures were computed'),
  openCases: Type.Integer({ description: 'cases with status open' }),
  dueSoon: Type.Object({
    count: Type.Integer({ description: 'pending obligations with now < dueAt ≤ until' }),
    until: Instant('4 working hours from now in the market calendar'),
    cases: Type.Array(CaseDue, { description: 'the 10 soonest' }),
  }),
  breachedNow: Type.Object({
    count: Type.Integer({ description: 'obligations unanswered past their deadline in cases not closed (a buyer still waits): breached, or pending past dueAt until the next sweep marks them' }),
    cases: Type.Array(CaseDue, { description: 'the 10 oldest deadlines' }),
  }),
  takeoversThisWeek: Type.Object({
    count: Type.Integer({ description: 'takeovers (not withdrawn) with at ≥ since' }),
    since: Instant("local 00:00 of the first day of the market's current week (the day after its weekly days off: Sunday in SA, Monday in LV)"),
    byReason: Type.Record(Type.String(), Type.Integer()),
  }),
  breachesPerDay: Type.Array(
    Type.Object({ date: Type.String({ description: 'local date of the deadline' }), late: Type.Integer(), breached: Type.Integer() }),
    { description: 'the last 30 local days, today last: late and breached obligations by the local date of dueAt' },
  ),
});

export const CaseParams = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 200 }) });

const Match = Type.Object({
  type: Type.String({ description: 'phone | email | url | messenger' }),
  text: Type.Optional(Type.String({ description: 'the evidence as written; removed with the body by retention (type and offsets stay)' })),
  start: Type.Optional(Type.Integer({ description: 'UTF-16 offset of the evidence in the body' })),
  end: Type.Optional(Type.Integer()),
});

export const MessagesResponse = Type.Object({
  caseId: Type.String(),
  market: Type.String(),
  sellerId: Type.String(),
  timeZone: Nullable(Type.String({ description: "the market's time zone (null when the market is no longer configured)" })),
  events: Type.Array(
    Type.Object({
      eventId: Type.String(),
      type: Type.String(),
      occurredAt: Type.String(),
      author: Nullable(Type.String({ description: 'buyer | seller | platform (messages only)' })),
      messageId: Nullable(Type.String()),
      body: Nullable(Type.String({ description: 'null once retention purged it (bodyPurgedAt) and for events without a message' })),
      bodyPurgedAt: Nullable(Type.String()),
      automated: Type.Boolean(),
      disputeReason: Nullable(Type.String()),
      flags: Type.Array(
        Type.Object(
          { kind: Type.String(), matches: Type.Optional(Type.Array(Match)) },
          { additionalProperties: true, description: 'the checks of the message, as stored at ingestion (evidence kept after purge)' },
        ),
      ),
    }),
    { description: 'in fold order: occurredAt, then buyer before seller at the same instant, then id' },
  ),
  truncated: Type.Boolean({ description: 'true when the case has more than 2000 events (the first 2000 are listed)' }),
});

export const SellerParams = Type.Object({ sellerId: Type.String({ minLength: 1, maxLength: 200 }) });

export const SellerCasesQuery = Type.Object(
  {
    market: Type.Optional(MarketCode),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('taken_over'), Type.Literal('closed')])),
    limit: Defaulted(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'rows per page' })),
    cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

export const SellerCasesResponse = Type.Object({
  rows: Type.Array(
    Type.Object({
      caseId: Type.String(),
      market: Type.String(),
      status: Type.String(),
      lastEventAt: Type.String(),
      takeover: Nullable(Type.Object({ at: Type.String(), reason: Type.String() })),
    }),
    { description: 'latest activity first' },
  ),
  nextCursor: Nullable(Type.String()),
});

export const TrendQuery = Type.Object(
  {
    market: MarketCode,
    from: Type.String({ description: 'start of the period, inclusive (RFC 3339)' }),
    to: Type.String({ description: 'end of the period, exclusive (RFC 3339); at most 366 days after from' }),
    sellerId: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 100, description: 'the sellers (repeat the parameter), at most 100' }),
  },
  { additionalProperties: false },
);

export const TrendResponse = Type.Object({
  market: Type.String(),
  from: Type.String(),
  to: Type.String(),
  weeks: Type.Array(
    Type.Object(weekFields()),
  ),
  sellers: Type.Array(
    Type.Object({
      sellerId: Type.String(),
      weeks: Type.Array(
        Type.Object({
          week: Type.String(),
          obligations: Type.Integer({ description: 'requested in the week' }),
          met: Type.Integer(),
          late: Type.Integer(),
          breached: Type.Integer(),
          onTimeRate: Nullable(Type.Number()),
        }),
      ),
    }),
  ),
});

export const PreviewQuery = Type.Object(
  {
    market: MarketCode,
    from: Type.String({ description: 'first day of the absence, local date YYYY-MM-DD' }),
    to: Type.String({ description: 'last day, inclusive, local date YYYY-MM-DD' }),
  },
  { additionalProperties: false },
);

export const PreviewResponse = Type.Object({
  sellerId: Type.String(),
  market: Type.String(),
  from: Type.String(),
  to: Type.String(),
  today: Type.String({ description: "the market's local date now" }),
  workingDays: Type.Integer(),
  noticeDays: Type.Integer(),
  compliant: Type.Boolean(),
  violation: Type.Optional(Type.Literal('late_notice')),
  continuous: Type.Optional(ContinuousAbsence),
  rule: Type.Object({ maxWorkingDaysWithoutNotice: Type.Integer(), minNoticeDays: Type.Integer() }),
  overlaps: Type.Array(Type.Object({ id: Type.String(), from: Type.String(), to: Type.String() }), {
    description: 'live absences of the seller in the market that the range overlaps (registering it would be 409)',
  }),
});
