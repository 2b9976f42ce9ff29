// Schemas of the public market endpoints (CONTRACT §3).
import Type from 'typebox';

export const MarketParams = Type.Object({ market: Type.String({ description: 'market code, e.g. LV' }) });

const Instant = (description: string) => Type.String({ description: `${description} (RFC 3339)`, examples: ['2026-03-13T13:00:00Z'] });

export const DeadlineQuery = Type.Object({
  from: Instant('when the buyer message arrived'),
  minutes: Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'working minutes to count' }),
  explain: Type.Optional(Type.Boolean({ description: 'list the intervals counted and the closed days skipped' })),
});

export const WorkingMinutesQuery = Type.Object({ from: Instant('start, inclusive'), to: Instant('end, exclusive') });

export const CalendarQuery = Type.Object({
  from: Type.String({ description: 'first local date, YYYY-MM-DD' }),
  to: Type.String({ description: 'last local date, inclusive, YYYY-MM-DD (at most 400 days)' }),
});

/** Weekday names by index, 0 = Sunday (Market.weekStartsOn). */
export const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

export const Policy = Type.Object({}, { additionalProperties: true, description: 'the market policy with defaults resolved' });

export const MarketSummary = Type.Object({
  market: Type.String(),
  name: Type.String(),
  timeZone: Type.String(),
  languages: Type.Array(Type.String()),
  policy: Policy,
  weekStartsOn: Type.Union(
    [Type.Literal('sunday'), Type.Literal('monday'), Type.Literal('tuesday'), Type.Literal('wednesday'), Type.Literal('thursday'), Type.Literal('friday'), Type.Literal('saturday')],
    {
      description: "the first day of the market's week in weekly figures: the day after its longest run of closed weekdays (Sunday in Saudi Arabia), Monday when none",
    },
  ),
});

export const MarketsResponse = Type.Object({ markets: Type.Array(MarketSummary) });

export const DeadlineResponse = Type.Object({
  market: Type.String(),
  from: Type.String(),
  minutes: Type.Integer(),
  due: Type.String(),
  explain: Type.Optional(
    Type.Object({
      counted: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), minutes: Type.Number() })),
      skipped: Type.Array(Type.Object({ date: Type.String(), reason: Type.String() })),
      truncated: Type.Boolean({ description: 'true when a list was cut at 1000 entries' }),
    }),
  ),
});

export const WorkingMinutesResponse = Type.Object({ market: Type.String(), from: Type.String(), to: Type.String(), minutes: Type.Number() });

export const CalendarResponse = Type.Object({
  market: Type.String(),
  days: Type.Array(
    Type.Object({
      date: Type.String(),
      open: Type.Boolean(),
      // A pair as a two-string array, not Type.Tuple: OpenAPI 3.0 has no tuple `items` (an array of schemas).
      hours: Type.Array(Type.Array(Type.String(), { minItems: 2, maxItems: 2, description: 'a working interval [start, end], local wall times HH:MM; end may be 24:00' })),
      holiday: Type.Optional(Type.String()),
      exception: Type.Optional(Type.String()),
    }),
  ),
});
