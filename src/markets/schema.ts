// The market file of CONTRACT §1, as a TypeBox schema. Range rules that JSON
// Schema cannot say (sorted intervals, real time zones) live in validate.ts.
import Type, { type Static } from 'typebox';

export const DISPUTE_REASONS = [
  'quality',
  'listing_mismatch',
  'return_rights',
  'complaint_ignored',
  'locked_device',
  'counterfeit',
  'unsafe_product',
  'other',
] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

export const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const WallTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description: 'local wall time HH:MM, 00:00 to 24:00' });
// maxItems: the tuple's `additionalItems: false` alone fails with a bare "schema is false" (validate.ts).
const Interval = Type.Tuple([WallTime, WallTime], { maxItems: 2 });
const Hours = Type.Array(Interval, { maxItems: 48 });
const LocalDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'local date YYYY-MM-DD' });

const Policy = Type.Object(
  {
    replyWithinMinutes: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    takeover: Type.Object(
      {
        onBreach: Type.Boolean(),
        disputeReasons: Type.Array(Type.Union(DISPUTE_REASONS.map((r) => Type.Literal(r))), { uniqueItems: true }),
      },
      { additionalProperties: false },
    ),
    absence: Type.Object(
      {
        maxWorkingDaysWithoutNotice: Type.Integer({ minimum: 0, maximum: 365 }),
        minNoticeDays: Type.Integer({ minimum: 0, maximum: 365 }),
      },
      { additionalProperties: false },
    ),
    retentionDays: Type.Integer({ minimum: 1, maximum: 36_500 }),
    // Extensions (optional; defaults in market.ts).
    absentAfterMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    warnAtPercent: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
    contactSharing: Type.Optional(
      Type.Union([
        Type.Literal('flag'),
        Type.Object({ takeoverAfter: Type.Integer({ minimum: 1, maximum: 1000 }) }, { additionalProperties: false }),
      ]),
    ),
    autoReplies: Type.Optional(Type.Union([Type.Literal('flag'), Type.Literal('strict')])),
  },
  { additionalProperties: false },
);

export const MarketFileSchema = Type.Object(
  {
    market: Type.String({ pattern: '^[A-Z0-9]{2,8}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
    languages: Type.Array(Type.String({ pattern: '^[a-z]{2,3}$' }), { minItems: 1, maxItems: 20, uniqueItems: true }),
    workingHours: Type.Object(
      {
        mon: Hours,
        tue: Hours,
        wed: Hours,
        thu: Hours,
        fri: Hours,
        sat: Hours,
        sun: Hours,
      },
      { additionalProperties: false },
    ),
    holidays: Type.Optional(
      Type.Object(
        {
          country: Type.String({ pattern: '^[A-Z]{2}$' }),
          state: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
          types: Type.Array(
            Type.Union([Type.Literal('public'), Type.Literal('bank'), Type.Literal('school'), Type.Literal('optional'), Type.Literal('observance')]),
            { minItems: 1, uniqueItems: true },
          ),
        },
        { additionalProperties: false },
      ),
    ),
    exceptions: Type.Optional(
      Type.Array(
        Type.Object({ date: LocalDate, hours: Hours, name: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
        { maxItems: 10_000 },
      ),
    ),
    policy: Policy,
  },
  { additionalProperties: false },
);

export type MarketFile = Static<typeof MarketFileSchema>;
export type MarketFilePolicy = MarketFile['policy'];
