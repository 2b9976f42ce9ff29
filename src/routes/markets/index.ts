// Public market endpoints (CONTRACT §3): no authentication.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatDate, formatWallTime, offsetAt } from '../../calendar/index.js';
import type { Market } from '../../markets/index.js';
import { badRequest, notFound } from '../../plugins/errors.js';
import { assertDecimal, iso, parseInstant, parseLocalDate } from '../params.js';
import * as S from './schemas.js';

const TEN_YEARS_MS = 3653 * 86_400_000;
const MAX_CALENDAR_DAYS = 400;

export async function marketRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const marketOf = (code: string): Market => {
    const m = app.markets.get(code);
    if (!m) throw notFound(`unknown market ${code}`);
    return m;
  };
  const config = { access: 'public' } as const;
  // The market is looked up before the query is validated: an unknown market is 404 whatever its parameters.
  const knownMarket = async (req: FastifyRequest) => void marketOf((req.params as { market: string }).market);

  r.get('/v1/markets', { config, schema: { tags: ['markets'], summary: 'Markets and their policies', response: { 200: S.MarketsResponse } } }, async () => ({
    markets: app.markets.all().map((m) => ({ market: m.code, name: m.name, timeZone: m.timeZone, languages: [...m.languages], policy: m.policy, weekStartsOn: S.WEEKDAY_NAMES[m.weekStartsOn] })),
  }));

  r.get(
    '/v1/markets/:market/deadline',
    {
      config,
      schema: { tags: ['markets'], summary: 'When a reply is due', params: S.MarketParams, querystring: S.DeadlineQuery, response: { 200: S.DeadlineResponse } },
      // before validation coerces it: "0x10" or "1e3" is not a count of minutes
      preValidation: [knownMarket, async (req) => assertDecimal((req.query as { minutes?: unknown }).minutes, 'querystring.minutes')],
    },
    async (req) => {
      const m = marketOf(req.params.market);
      const from = parseInstant(req.query.from, 'querystring.from');
      const { minutes } = req.query;
      if (!req.query.explain) return { market: m.code, from: iso(from), minutes, due: iso(m.schedule.due(from, minutes)) };
      const e = m.schedule.explainDue(from, minutes);
      return {
        market: m.code,
        from: iso(from),
        minutes,
        due: iso(e.due),
        explain: { counted: e.counted.map((c) => ({ from: iso(c.from), to: iso(c.to), minutes: c.minutes })), skipped: e.skipped, truncated: e.truncated },
      };
    },
  );

  r.get(
    '/v1/markets/:market/working-minutes',
    { config, preValidation: knownMarket, schema: { tags: ['markets'], summary: 'Working time between two instants', params: S.MarketParams, querystring: S.WorkingMinutesQuery, response: { 200: S.WorkingMinutesResponse } } },
    async (req) => {
      const m = marketOf(req.params.market);
      const from = parseInstant(req.query.from, 'querystring.from');
      const to = parseInstant(req.query.to, 'querystring.to');
      if (to < from) throw badRequest('to is before from', [{ field: 'querystring.to', message: 'must not be before from' }]);
      // Ten years of UTC or of the market's wall-clock time: across a clock change they differ by an hour.
      const wallSpan = to + offsetAt(m.timeZone, to) - (from + offsetAt(m.timeZone, from));
      if (Math.min(to - from, wallSpan) > TEN_YEARS_MS) throw badRequest('spans up to 10 years are answered', [{ field: 'querystring.to', message: 'at most 10 years after from' }]);
      return { market: m.code, from: iso(from), to: iso(to), minutes: m.schedule.workingMinutes(from, to) };
    },
  );

  r.get(
    '/v1/markets/:market/calendar',
    { config, preValidation: knownMarket, schema: { tags: ['markets'], summary: 'Open and closed local days', params: S.MarketParams, querystring: S.CalendarQuery, response: { 200: S.CalendarResponse } } },
    async (req) => {
      const m = marketOf(req.params.market);
      const from = parseLocalDate(req.query.from, 'querystring.from');
      const to = parseLocalDate(req.query.to, 'querystring.to');
      if (to < from) throw badRequest('to is before from', [{ field: 'querystring.to', message: 'must not be before from' }]);
      if (to - from + 1 > MAX_CALENDAR_DAYS) throw badRequest(`at most ${MAX_CALENDAR_DAYS} days`, [{ field: 'querystring.to', message: `at most ${MAX_CALENDAR_DAYS} days after from, inclusive` }]);
      return {
        market: m.code,
        days: m.schedule.days(from, to).map((d) => ({
          date: formatDate(d.day),
          open: d.open,
          hours: d.hours.map(([s, e]) => [formatWallTime(s), formatWallTime(e)] as [string, string]),
          ...(d.holiday !== undefined ? { holiday: d.holiday } : {}),
          ...(d.exception !== undefined ? { exception: d.exception } : {}),
        })),
      };
    },
  );
}
